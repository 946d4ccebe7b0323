"""Fast encode/decode for interactive use, without `model.predict`.

`model.predict` costs tens of milliseconds a call, far too slow for a slider. Every decoder
and the dense encoders run as NumPy matrix products (`models.numpy_models`); the
convolutional encoder, whose pooling NumPy has no fast form for, runs as one traced
`tf.function`. Both agree with the Keras models to within 1e-5.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import keras
import numpy as np
import tensorflow as tf

from models.architectures import IMAGE_SHAPE, Autoencoder
from models.numpy_models import BatchFunction, numpy_function
from models.registry import Variant, get_variant
from models.weights import DEFAULT_WEIGHTS_DIR, load_autoencoder, read_metadata


def traced_model(model: keras.Model) -> BatchFunction:
    """Wrap a Keras model in one `tf.function` with a fixed input signature (traced once)."""
    signature = tf.TensorSpec((None, *model.input_shape[1:]), tf.float32)
    graph = tf.function(lambda batch: model(batch, training=False), input_signature=[signature])
    return lambda batch: graph(tf.convert_to_tensor(batch, tf.float32)).numpy()


def fast_function(model: keras.Model) -> BatchFunction:
    """The fastest exact batch function for `model`: NumPy when it can, else a `tf.function`."""
    return numpy_function(model) or traced_model(model)


@dataclass
class TrainedVariant:
    """A variant with its weights loaded, its metadata and its fast encode/decode functions."""

    variant: Variant
    models: Autoencoder
    metadata: dict
    encode_batch: BatchFunction = field(init=False, repr=False)
    decode_batch: BatchFunction = field(init=False, repr=False)

    def __post_init__(self):
        self.encode_batch = fast_function(self.models.encoder)
        self.decode_batch = fast_function(self.models.decoder)


def load_variant(key: str, weights_dir: Path = DEFAULT_WEIGHTS_DIR) -> TrainedVariant:
    """Load a variant's shipped weights and warm its fast path up with one call."""
    trained = TrainedVariant(get_variant(key), load_autoencoder(key, weights_dir), read_metadata(key, weights_dir))
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


def encode(trained: TrainedVariant, images: np.ndarray) -> np.ndarray:
    """Codes of one image (28, 28[, 1]) or a batch (N, 28, 28[, 1])."""
    images = np.asarray(images, dtype=np.float32)
    if images.shape[-1] != 1:  # accept (28, 28) and (N, 28, 28) too
        images = images[..., np.newaxis]
    batch, single = _as_batch(images, IMAGE_SHAPE)
    codes = trained.encode_batch(batch)
    return codes[0] if single else codes


def decode(trained: TrainedVariant, codes: np.ndarray) -> np.ndarray:
    """Images (…, 28, 28, 1) decoded from one code or a batch of codes."""
    batch, single = _as_batch(codes, trained.variant.code_shape)
    images = trained.decode_batch(batch)
    return images[0] if single else images


def reconstruct(trained: TrainedVariant, images: np.ndarray) -> np.ndarray:
    """decode(encode(images)) through the fast path."""
    return decode(trained, encode(trained, images))
