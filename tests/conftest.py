"""Shared fixtures: a small synthetic MNIST-shaped file, the real MNIST when it is needed, and room
stores (the embedded one, and a real redis-server per test module).

A run that selects tests needing the real MNIST stops before the first test, with one message
saying how to provide it, when MNIST cannot be had (scripts/check_mnist.py, also run by `make test`).
"""

from __future__ import annotations

import functools
import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import numpy as np
import pytest

from digits import data
from harness.redis_server import RedisServer
from models.registry import get_variant
from models.weights import load_autoencoder
from rooms.redis_store import RedisRoomStore
from rooms.store import MemoryRoomStore
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
def built():
    """`built(key)`: the variant's Keras models with their initial weights, built once for the whole run.

    Building takes TensorFlow a good fraction of a second a variant; the tests that only read
    the models (shapes, layers, parameter counts, parity of an untrained twin) share one build.
    """
    return functools.cache(lambda key: get_variant(key).build())


@pytest.fixture(scope="session")
def shipped():
    """`shipped(key)`: the Keras models with the shipped weights, loaded once for the whole run."""
    return functools.cache(load_autoencoder)


@pytest.fixture(scope="session")
def mnist() -> data.Mnist:
    """The real MNIST, from MNIST_NPZ or Keras's download (the tests that use it need real digits)."""
    return data.load_mnist()


def needs_mnist(item: pytest.Item) -> bool:
    """Tests that read the real MNIST: through the `mnist` fixture, or by starting the app (which picks digits)."""
    return "mnist" in getattr(item, "fixturenames", ()) or any(
        item.get_closest_marker(name) for name in ("e2e", "needs_mnist")
    )


def stop_without_mnist() -> None:
    problem, _ = mnist_problem()
    if problem:
        pytest.exit(missing_message(problem), returncode=pytest.ExitCode.USAGE_ERROR)


def pytest_sessionstart(session: pytest.Session) -> None:
    """With pytest-xdist's workers (`make test`), the main process collects nothing: it checks for MNIST
    before starting them, whichever tests were chosen, so the message comes once and not as a crash."""
    config = session.config
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        stop_without_mnist()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected what will not run
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Stop at once, with one message, rather than fail each MNIST test with its own traceback."""
    if hasattr(config, "workerinput"):
        return  # a worker of pytest-xdist: the main process has checked
    if any(needs_mnist(item) for item in items):
        stop_without_mnist()


@pytest.fixture(scope="module")
def redis_server():
    with RedisServer() as server:
        yield server


@pytest.fixture(params=["memory", "redis"])
def store(request):
    """Each test that takes `store` runs twice: on the embedded store and on Redis."""
    if request.param == "memory":
        yield MemoryRoomStore()
        return
    server = request.getfixturevalue("redis_server")
    redis_store = RedisRoomStore.from_url(server.url)
    redis_store._redis.flushdb()  # a fresh database each test
    yield redis_store
    redis_store.close()
