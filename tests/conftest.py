"""Shared fixtures: a small synthetic MNIST-shaped file, and the real MNIST when it is needed.

A run that selects tests needing the real MNIST stops before the first test, with one message
saying how to provide it, when MNIST cannot be had (scripts/check_mnist.py, also run by `make test`).
"""

from __future__ import annotations

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest

from models import data
from scripts.check_mnist import missing_message, mnist_problem


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


def needs_mnist(item: pytest.Item) -> bool:
    """Tests that read the real MNIST: through the `mnist` fixture, or by starting the app (which picks digits)."""
    return "mnist" in getattr(item, "fixturenames", ()) or any(
        item.get_closest_marker(name) for name in ("e2e", "needs_mnist")
    )


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop at once, with one message, rather than fail each MNIST test with its own traceback."""
    if not any(needs_mnist(item) for item in items):
        return
    problem, _ = mnist_problem()
    if problem:
        pytest.exit(missing_message(problem), returncode=pytest.ExitCode.USAGE_ERROR)
