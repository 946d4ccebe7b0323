"""Keras models copied into plain NumPy functions, for the latency of a single slider move.

A slider decodes one code at a time, where the fixed cost of each call matters more than
throughput: a `tf.function` call took about 2 ms for the convolutional decoder, whose
convolutions after an upsampling repeat every product four times. These functions copy a
model's weights once and then run its layers as NumPy matrix products, working in place
wherever they can (an allocation or an extra NumPy call costs about a microsecond, and a
dense decoder makes only a dozen of them).

Two kinds of model are supported, which covers every decoder in the registry:
- dense chains: InputLayer, Flatten, Dense, Reshape;
- convolution chains: InputLayer, Conv2D ("same" padding, stride 1) and UpSampling2D
  (nearest neighbour).
`numpy_function` returns None for anything else (pooling, for example), and the caller
falls back to a traced graph. Results equal the Keras models' to within float32 rounding.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

BatchFunction = Callable[[np.ndarray], np.ndarray]
InPlace = Callable[[np.ndarray], np.ndarray]


def _sigmoid_in_place(x: np.ndarray) -> np.ndarray:
    # sigmoid(x) = (1 + tanh(x / 2)) / 2: exact, never overflows, and four in-place calls.
    x *= 0.5
    np.tanh(x, out=x)
    x *= 0.5
    x += 0.5
    return x


_ACTIVATIONS: dict[str, InPlace] = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0.0, out=x),
    "sigmoid": _sigmoid_in_place,
}


def _activation(layer: keras.layers.Layer) -> InPlace | None:
    return _ACTIVATIONS.get(keras.activations.serialize(layer.activation))


def _float32_weights(layer: keras.layers.Layer) -> list[np.ndarray]:
    return [np.asarray(weight, dtype=np.float32) for weight in layer.get_weights()]


# Dense chains --------------------------------------------------------------------------------

_DENSE_LAYERS = (keras.layers.InputLayer, keras.layers.Flatten, keras.layers.Dense, keras.layers.Reshape)


def numpy_dense_chain(model: keras.Model) -> BatchFunction:
    """A Flatten/Dense/Reshape model as NumPy: one matrix product and two in-place calls a layer."""
    dense_layers = [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]
    weights = [(*_float32_weights(layer), _activation(layer)) for layer in dense_layers]
    output_shape = tuple(model.output_shape[1:])

    def run(batch: np.ndarray) -> np.ndarray:
        values = batch.reshape(len(batch), -1)
        for kernel, bias, activate in weights:
            values = values @ kernel  # a new array, so everything after it may work in place
            values += bias
            activate(values)
        return values.reshape((len(batch), *output_shape))

    return run


def _is_dense_chain(model: keras.Model) -> bool:
    return all(
        isinstance(layer, _DENSE_LAYERS) and (not isinstance(layer, keras.layers.Dense) or _activation(layer))
        for layer in model.layers
    )


# Convolution chains --------------------------------------------------------------------------


def _upsample(images: np.ndarray, factor: tuple[int, int]) -> np.ndarray:
    """Nearest-neighbour upsampling of (N, H, W, C) images, as keras.layers.UpSampling2D does."""
    rows, cols = factor
    return images.repeat(rows, axis=1).repeat(cols, axis=2)


def _same_padding(size: int) -> tuple[int, int]:
    # TensorFlow's "same": the odd pixel of an even kernel goes after, not before.
    before = (size - 1) // 2
    return before, size - 1 - before


def _conv_by_patches(kernel: np.ndarray, factor: tuple[int, int]) -> Callable[[np.ndarray], np.ndarray]:
    """Upsample, then convolve as one product of image patches (N·H·W, kh·kw·C) with the kernel.

    Best when there are few input channels: the patch matrix stays small.
    """
    rows, cols, channels, filters = kernel.shape
    # sliding_window_view puts the window axes last, after the channels: order the kernel alike.
    matrix = np.ascontiguousarray(kernel.transpose(2, 0, 1, 3).reshape(channels * rows * cols, filters))
    padding = ((0, 0), _same_padding(rows), _same_padding(cols), (0, 0))

    def convolve(images: np.ndarray) -> np.ndarray:
        images = _upsample(images, factor)
        count, height, width, _ = images.shape
        patches = sliding_window_view(np.pad(images, padding), (rows, cols), axis=(1, 2))
        return (patches.reshape(count * height * width, -1) @ matrix).reshape(count, height, width, filters)

    return convolve


def _conv_by_taps(kernel: np.ndarray, factor: tuple[int, int]) -> Callable[[np.ndarray], np.ndarray]:
    """Convolve as one product per pixel with every kernel tap at once, then add the shifted taps.

    Best after an upsampling: the product runs on the small image before it is upsampled
    (upsampling copies pixels, so it commutes with anything done pixel by pixel), which
    saves three quarters of the arithmetic for a factor of 2.
    """
    rows, cols, channels, filters = kernel.shape
    taps = rows * cols
    matrix = np.ascontiguousarray(kernel.transpose(2, 0, 1, 3).reshape(channels, taps * filters))
    padding = ((0, 0), (0, 0), _same_padding(rows), _same_padding(cols), (0, 0))

    def convolve(images: np.ndarray) -> np.ndarray:
        count, height, width, _ = images.shape
        per_tap = (images.reshape(-1, channels) @ matrix).reshape(count, height, width, taps, filters)
        # Taps first, so that each shifted tap below is a contiguous block of rows.
        per_tap = per_tap.transpose(0, 3, 1, 2, 4).reshape(count * taps, height, width, filters)
        per_tap = _upsample(per_tap, factor)
        height, width = height * factor[0], width * factor[1]
        per_tap = np.pad(per_tap.reshape(count, taps, height, width, filters), padding)
        result = np.zeros((count, height, width, filters), np.float32)
        for tap in range(taps):
            row, col = divmod(tap, cols)
            result += per_tap[:, tap, row:row + height, col:col + width]
        return result

    return convolve


def _is_supported_conv(layer: keras.layers.Layer) -> bool:
    return (
        layer.padding == "same"
        and tuple(layer.strides) == (1, 1)
        and tuple(layer.dilation_rate) == (1, 1)
        and layer.groups == 1
        and layer.data_format == "channels_last"
        and _activation(layer) is not None
    )


def _finish(convolve, bias: np.ndarray | None, activate: InPlace) -> Callable[[np.ndarray], np.ndarray]:
    """Add the bias and apply the activation in place on a convolution's fresh result."""

    def step(images: np.ndarray) -> np.ndarray:
        result = convolve(images)
        if bias is not None:
            result += bias
        return activate(result)

    return step


def numpy_conv_chain(model: keras.Model) -> BatchFunction | None:
    """A Conv2D/UpSampling2D model as NumPy, or None when it has any other kind of layer."""
    steps: list[Callable[[np.ndarray], np.ndarray]] = []
    pending_upsampling = (1, 1)  # an UpSampling2D is folded into the convolution after it
    for layer in model.layers:
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if isinstance(layer, keras.layers.UpSampling2D) and layer.interpolation == "nearest":
            pending_upsampling = tuple(a * b for a, b in zip(pending_upsampling, layer.size, strict=True))
        elif isinstance(layer, keras.layers.Conv2D) and _is_supported_conv(layer):
            kernel, *bias = _float32_weights(layer)
            channels, filters = kernel.shape[2:]
            upsampled = pending_upsampling != (1, 1)
            build = _conv_by_taps if upsampled or channels >= filters else _conv_by_patches
            steps.append(_finish(build(kernel, pending_upsampling), bias[0] if bias else None, _activation(layer)))
            pending_upsampling = (1, 1)
        else:
            return None
    if pending_upsampling != (1, 1):
        steps.append(lambda images, factor=pending_upsampling: _upsample(images, factor))

    def run(batch: np.ndarray) -> np.ndarray:
        for step in steps:
            batch = step(batch)
        return batch

    return run


def numpy_function(model: keras.Model) -> BatchFunction | None:
    """`model` as a NumPy batch function, or None when its layers are not all supported."""
    if _is_dense_chain(model):
        return numpy_dense_chain(model)
    return numpy_conv_chain(model)
