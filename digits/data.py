"""MNIST loading: the file named by `MNIST_NPZ` first, otherwise Keras's own download.

Images come back as float32 in [0, 1] with shape (N, 28, 28, 1); labels as uint8.
`load_mnist` (training) gives everything; `load_test_digits` (the app) only the test set,
and fetches Keras's download in a child process, so the server never imports TensorFlow.
"""

from __future__ import annotations

import functools
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MNIST_ENV = "MNIST_NPZ"
# The sizes of keras.datasets.mnist's two sets (links and the Train page check numbers against them).
MNIST_TRAIN_SIZE = 60_000
MNIST_TEST_SIZE = 10_000
VALIDATION_SIZE = 5000
# What keras.datasets.mnist.load_data() downloads and checks, fetched by Keras's get_file
# (which caches it in ~/.keras/datasets) in a child process.
_KERAS_DOWNLOAD = (
    "import keras; print(keras.utils.get_file('mnist.npz', "
    "origin='https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz', "
    "file_hash='731c5ac602752760c8e48fbffcf8c3b850d9dc2a2aedcf2cc48468fc17b673d1'))"
)


class MnistUnavailableError(RuntimeError):
    """MNIST could be found neither at `MNIST_NPZ` nor through the Keras download."""


@dataclass(frozen=True)
class Mnist:
    """The MNIST train and test sets, scaled to [0, 1]."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def to_float_images(pixels: np.ndarray) -> np.ndarray:
    """uint8 (N, 28, 28) -> float32 (N, 28, 28, 1) in [0, 1]."""
    return (np.asarray(pixels, dtype=np.float32) / 255.0)[..., np.newaxis]


def _read_npz(path: Path) -> tuple:
    with np.load(path, allow_pickle=False) as archive:
        return (archive["x_train"], archive["y_train"]), (archive["x_test"], archive["y_test"])


@functools.lru_cache(maxsize=2)
def load_mnist(path: str | None = None) -> Mnist:
    """Load MNIST from `path`, else from `$MNIST_NPZ`, else via `keras.datasets.mnist`."""
    path = path or os.environ.get(MNIST_ENV)
    try:
        if path:
            (x_train, y_train), (x_test, y_test) = _read_npz(Path(path))
        else:
            import keras  # Imported here so the cheap path above needs no TensorFlow start-up.

            (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:
        where = f"{MNIST_ENV}={path}" if path else f"the Keras download (set {MNIST_ENV} to a local mnist.npz)"
        raise MnistUnavailableError(f"MNIST could not be loaded from {where}: {error}") from error
    return Mnist(to_float_images(x_train), y_train.astype(np.uint8), to_float_images(x_test), y_test.astype(np.uint8))


@functools.lru_cache(maxsize=2)
def load_test_digits(path: str | None = None) -> tuple[np.ndarray, np.ndarray]:
    """MNIST's test images (float32, (10000, 28, 28, 1)) and labels alone: all the app needs.

    Reads only those two arrays from the file (31 MB as floats, against 220 MB for the whole
    set). Without a path or `MNIST_NPZ`, Keras downloads the file in a child process.
    """
    path = path or os.environ.get(MNIST_ENV)
    try:
        if not path:
            path = _download_with_keras()
        with np.load(Path(path), allow_pickle=False) as archive:
            x_test, y_test = archive["x_test"], archive["y_test"]
    except Exception as error:
        where = f"{MNIST_ENV}={path}" if path else f"the Keras download (set {MNIST_ENV} to a local mnist.npz)"
        raise MnistUnavailableError(f"MNIST could not be loaded from {where}: {error}") from error
    return to_float_images(x_test), y_test.astype(np.uint8)


def _download_with_keras() -> str:
    result = subprocess.run([sys.executable, "-c", _KERAS_DOWNLOAD], capture_output=True, text=True, timeout=600)
    if result.returncode != 0:
        last_line = (result.stderr.strip().splitlines() or ["no output"])[-1]
        raise RuntimeError(f"the download failed ({last_line})")
    return result.stdout.strip().splitlines()[-1]


def split_validation(
    images: np.ndarray, labels: np.ndarray, size: int = VALIDATION_SIZE, seed: int = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Hold out `size` random training digits for validation: (x_fit, y_fit, x_val, y_val)."""
    order = np.random.default_rng(seed).permutation(len(images))
    val, fit = order[:size], order[size:]
    return images[fit], labels[fit], images[val], labels[val]
