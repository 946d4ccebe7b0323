"""Each architecture's layers as plain data, for serving without Keras.

`models.architectures` builds the Keras models that training uses; the plans here list the
same layers (kind, size, activation) so that `models.numpy_models` can run them from the
weight arrays alone, and the Models page can show a layer table without building anything.
A unit test holds every plan to its Keras builder, layer for layer.
"""

from __future__ import annotations

import functools
import math
from dataclasses import dataclass

IMAGE_SHAPE = (28, 28, 1)
PIXELS = math.prod(IMAGE_SHAPE)


@dataclass(frozen=True)
class Flatten:
    pass


@dataclass(frozen=True)
class Reshape:
    shape: tuple[int, ...]


@dataclass(frozen=True)
class Dense:
    units: int
    activation: str
    name: str | None = None


@dataclass(frozen=True)
class Conv2D:
    """A stride-1 convolution with TensorFlow's "same" padding and a bias."""

    filters: int
    kernel: int
    activation: str
    name: str | None = None


@dataclass(frozen=True)
class MaxPooling2D:
    """Non-overlapping max pooling (stride = pool size, "valid" padding)."""

    size: int


@dataclass(frozen=True)
class UpSampling2D:
    """Nearest-neighbour upsampling."""

    size: int


Layer = Flatten | Reshape | Dense | Conv2D | MaxPooling2D | UpSampling2D

# The Keras class each kind stands for: the Models page shows it, and Keras names a layer's
# group in a `.weights.h5` file after it (snake case, `_1`, `_2`… for repeats).
KERAS_CLASS = {
    Flatten: "Flatten",
    Reshape: "Reshape",
    Dense: "Dense",
    Conv2D: "Conv2D",
    MaxPooling2D: "MaxPooling2D",
    UpSampling2D: "UpSampling2D",
}
SNAKE_CASE = {
    Flatten: "flatten",
    Reshape: "reshape",
    Dense: "dense",
    Conv2D: "conv2d",
    MaxPooling2D: "max_pooling2d",
    UpSampling2D: "up_sampling2d",
}


@dataclass(frozen=True)
class Plan:
    """An encoder (image -> code) and a decoder (code -> image) as layer lists.

    With `gaussian` (a variational autoencoder), the encoder's last layer gives a mean and a
    log-variance for each code number, the means first: the code is the mean, half of it.
    """

    encoder: tuple[Layer, ...]
    decoder: tuple[Layer, ...]
    gaussian: bool = False

    @functools.cached_property
    def encoder_output_shape(self) -> tuple[int, ...]:
        """What the encoder's layers make of IMAGE_SHAPE, stated nowhere else."""
        shape = IMAGE_SHAPE
        for layer in self.encoder:
            shape = output_shape(layer, shape)
        return shape

    @functools.cached_property
    def code_shape(self) -> tuple[int, ...]:
        """The shape of one image's code (the decoder's input)."""
        shape = self.encoder_output_shape
        return (shape[-1] // 2,) if self.gaussian else shape


def dense_plan() -> Plan:
    """`architectures.build_dense`: 784 pixels through 49 ReLU units and back."""
    return Plan(
        encoder=(Flatten(), Dense(49, "relu", "code")),
        decoder=(Dense(PIXELS, "sigmoid", "pixels"), Reshape(IMAGE_SHAPE)),
    )


def deep_dense_plan(units: tuple[int, int, int] = (147, 98, 49)) -> Plan:
    """`architectures.build_deep_dense` (and `build_sparse`, with 48-32-16 units)."""
    wide, middle, code_size = units
    return Plan(
        encoder=(
            Flatten(),
            Dense(wide, "relu", "encoder_wide"),
            Dense(middle, "relu", "encoder_middle"),
            Dense(code_size, "linear", "code"),
        ),
        decoder=(
            Dense(middle, "relu", "decoder_middle"),
            Dense(wide, "relu", "decoder_wide"),
            Dense(PIXELS, "sigmoid", "pixels"),
            Reshape(IMAGE_SHAPE),
        ),
    )


def gaussian_dense_plan(units: tuple[int, int, int] = (147, 98, 2)) -> Plan:
    """`architectures.build_vae`: the deep dense shape whose encoder gives a mean and a
    log-variance for each of the code's numbers (`units[-1]` of them), the decoder as deep's."""
    wide, middle, code_size = units
    deep = deep_dense_plan(units)
    return Plan(
        encoder=(
            Flatten(),
            Dense(wide, "relu", "encoder_wide"),
            Dense(middle, "relu", "encoder_middle"),
            Dense(2 * code_size, "linear", "code_mean_and_log_variance"),
        ),
        decoder=deep.decoder,
        gaussian=True,
    )


def conv_plan() -> Plan:
    """`architectures.build_conv`: a 7x7 single-channel code image."""
    return Plan(
        encoder=(
            Conv2D(128, 7, "relu"),
            MaxPooling2D(2),
            Conv2D(32, 2, "relu"),
            MaxPooling2D(2),
            Conv2D(1, 7, "relu", "code"),
        ),
        decoder=(
            Conv2D(32, 7, "relu"),
            UpSampling2D(2),
            Conv2D(128, 2, "relu"),
            UpSampling2D(2),
            Conv2D(1, 7, "sigmoid", "pixels"),
        ),
    )


def has_weights(layer: Layer) -> bool:
    return isinstance(layer, Dense | Conv2D)


def weight_shapes(layer: Layer, input_shape: tuple[int, ...]) -> list[tuple[int, ...]]:
    """The kernel and bias shapes a weighted layer expects after an input of `input_shape`."""
    if isinstance(layer, Dense):
        return [(input_shape[-1], layer.units), (layer.units,)]
    if isinstance(layer, Conv2D):
        return [(layer.kernel, layer.kernel, input_shape[-1], layer.filters), (layer.filters,)]
    return []


def output_shape(layer: Layer, input_shape: tuple[int, ...]) -> tuple[int, ...]:
    """The shape of one item after `layer` (no batch axis)."""
    if isinstance(layer, Flatten):
        return (math.prod(input_shape),)
    if isinstance(layer, Reshape):
        return layer.shape
    if isinstance(layer, Dense):
        return (*input_shape[:-1], layer.units)
    if isinstance(layer, Conv2D):
        return (*input_shape[:-1], layer.filters)
    if isinstance(layer, MaxPooling2D):
        height, width, channels = input_shape
        return (height // layer.size, width // layer.size, channels)
    height, width, channels = input_shape
    return (height * layer.size, width * layer.size, channels)


def parameter_count(layer: Layer, input_shape: tuple[int, ...]) -> int:
    return sum(math.prod(shape) for shape in weight_shapes(layer, input_shape))


def layer_table(layers: tuple[Layer, ...], input_shape: tuple[int, ...], input_name: str) -> list[dict]:
    """One row per layer as Keras's summary gives it: name, type, output shape, parameters."""
    rows = [{"layer": input_name, "type": "InputLayer", "output shape": _keras_shape(input_shape), "parameters": 0}]
    seen: dict[str, int] = {}
    shape = input_shape
    for layer in layers:
        parameters = parameter_count(layer, shape)
        shape = output_shape(layer, shape)
        rows.append(
            {
                "layer": getattr(layer, "name", None) or _numbered(SNAKE_CASE[type(layer)], seen),
                "type": KERAS_CLASS[type(layer)],
                "output shape": _keras_shape(shape),
                "parameters": parameters,
            }
        )
    return rows


def _numbered(name: str, seen: dict[str, int]) -> str:
    """Keras's naming of repeated layers: conv2d, conv2d_1, conv2d_2…"""
    count = seen.get(name, 0)
    seen[name] = count + 1
    return name if count == 0 else f"{name}_{count}"


def _keras_shape(shape: tuple[int, ...]) -> str:
    return str((None, *shape))


def weighted_layer_keys(layers: tuple[Layer, ...]) -> list[str]:
    """The names Keras gives the weighted layers' groups inside a `.weights.h5` file, in order."""
    seen: dict[str, int] = {}
    keys = [(_numbered(SNAKE_CASE[type(layer)], seen), layer) for layer in layers]
    return [key for key, layer in keys if has_weights(layer)]
