"""Encode and decode for the app, in NumPy: no TensorFlow, no Keras, no `model.predict`.

Each variant's weights are read from its h5 file (`models.weights.read_arrays`) and run by
`models.numpy_models` along the variant's layer plan. `model.predict` cost tens of
milliseconds a call and importing TensorFlow about a gigabyte per server process; these
functions decode a code in microseconds (the conv decoder in about a millisecond) and agree
with the Keras models to within 1e-5 (the parity tests check every variant).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from models.layer_plans import IMAGE_SHAPE
from models.numpy_models import BatchFunction, numpy_function
from models.registry import Variant, get_variant
from models.weights import Arrays, read_arrays, read_metadata, serving_weights_dir


@dataclass
class TrainedVariant:
    """A variant with its weight arrays, its metadata and its encode/decode batch functions."""

    variant: Variant
    encoder_arrays: Arrays = field(repr=False)
    decoder_arrays: Arrays = field(repr=False)
    metadata: dict
    encode_batch: BatchFunction = field(init=False, repr=False)
    decode_batch: BatchFunction = field(init=False, repr=False)

    def __post_init__(self):
        plan = self.variant.plan
        self.encode_batch = numpy_function(plan.encoder, self.encoder_arrays, IMAGE_SHAPE)
        self.decode_batch = numpy_function(plan.decoder, self.decoder_arrays, plan.code_shape)

    @classmethod
    def from_keras(cls, variant: Variant, models, metadata: dict | None = None) -> TrainedVariant:
        """The NumPy twin of Keras models built by `variant.build()` (tests and benchmarks)."""
        return cls(variant, keras_arrays(models.encoder.layers), keras_arrays(models.decoder.layers), metadata or {})


def keras_arrays(layers: Sequence) -> Arrays:
    """[kernel, bias] of each Keras layer that has weights, in order (no Keras import needed)."""
    return [
        [np.asarray(weight, dtype=np.float32) for weight in layer.get_weights()] for layer in layers if layer.weights
    ]


def load_variant(key: str, weights_dir: Path | None = None) -> TrainedVariant:
    """Load a variant's weights (checked by sha256) and warm its functions up with one call.

    Without `weights_dir`, from `models.weights.serving_weights_dir()` (the shipped weights/).
    """
    weights_dir = weights_dir or serving_weights_dir()
    metadata = read_metadata(key, weights_dir)
    encoder_arrays, decoder_arrays = read_arrays(key, weights_dir)
    trained = TrainedVariant(get_variant(key), encoder_arrays, decoder_arrays, metadata)
    decode(trained, encode(trained, np.zeros(IMAGE_SHAPE, np.float32)))
    return trained


def _as_batch(array: np.ndarray, item_shape: tuple[int, ...]) -> tuple[np.ndarray, bool]:
    """Give `array` a batch axis if it is a single item; also say whether it was one."""
    array = np.asarray(array, dtype=np.float32)
    if array.shape == item_shape:
        return array[np.newaxis], True
    if array.shape[1:] == item_shape:
        return array, False
    raise ValueError(f"expected shape {item_shape} or (N, {', '.join(map(str, item_shape))}), got {array.shape}")


def _encoder_output(trained: TrainedVariant, images: np.ndarray) -> tuple[np.ndarray, bool]:
    images = np.asarray(images, dtype=np.float32)
    if images.shape[-1] != 1:  # accept (28, 28) and (N, 28, 28) too
        images = images[..., np.newaxis]
    batch, single = _as_batch(images, IMAGE_SHAPE)
    return trained.encode_batch(batch), single


def encode(trained: TrainedVariant, images: np.ndarray) -> np.ndarray:
    """Codes of one image (28, 28[, 1]) or a batch (N, 28, 28[, 1]); a VAE's code is its mean."""
    outputs, single = _encoder_output(trained, images)
    codes = outputs[:, : trained.variant.code_size] if trained.variant.plan.gaussian else outputs
    return codes[0] if single else codes


def encode_distribution(trained: TrainedVariant, images: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """A variational autoencoder's mean and log-variance of each code number, for one image or a batch."""
    if not trained.variant.plan.gaussian:
        raise ValueError(f"{trained.variant.title} gives a code, not a distribution")
    outputs, single = _encoder_output(trained, images)
    size = trained.variant.code_size
    mean, log_variance = outputs[:, :size], outputs[:, size:]
    return (mean[0], log_variance[0]) if single else (mean, log_variance)


def decode(trained: TrainedVariant, codes: np.ndarray) -> np.ndarray:
    """Images (…, 28, 28, 1) decoded from one code or a batch of codes."""
    batch, single = _as_batch(codes, trained.variant.code_shape)
    images = trained.decode_batch(batch)
    return images[0] if single else images


def reconstruct(trained: TrainedVariant, images: np.ndarray) -> np.ndarray:
    """decode(encode(images)) through the NumPy path."""
    return decode(trained, encode(trained, images))
