"""Shared fixtures: a small synthetic MNIST-shaped file, and the real MNIST when it is needed."""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest

from models import data


def synthetic_digits(count: int, seed: int) -> np.ndarray:
    """Random bright rectangles on black, uint8 (count, 28, 28): shaped like MNIST, but not MNIST."""
    rng = np.random.default_rng(seed)
    images = np.zeros((count, 28, 28), dtype=np.uint8)
    for image in images:
        top, left = rng.integers(4, 14, size=2)
        height, width = rng.integers(4, 12, size=2)
        image[top : top + height, left : left + width] = rng.integers(150, 256)
    return images


@pytest.fixture(scope="session")
def synthetic_mnist_npz(tmp_path_factory) -> str:
    path = tmp_path_factory.mktemp("data") / "synthetic.npz"
    np.savez(
        path,
        x_train=synthetic_digits(600, seed=1),
        y_train=np.arange(600, dtype=np.uint8) % 10,
        x_test=synthetic_digits(200, seed=2),
        y_test=np.arange(200, dtype=np.uint8) % 10,
    )
    return str(path)


@pytest.fixture(scope="session")
def mnist() -> data.Mnist:
    """The real MNIST, from MNIST_NPZ or Keras's download (the tests that use it need real digits)."""
    return data.load_mnist()
