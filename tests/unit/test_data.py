"""MNIST loading from MNIST_NPZ, and the error when it cannot be found."""

import numpy as np
import pytest

from digits import data


def test_loads_the_file_named_by_the_environment(synthetic_mnist_npz, monkeypatch):
    monkeypatch.setenv(data.MNIST_ENV, synthetic_mnist_npz)
    data.load_mnist.cache_clear()
    mnist = data.load_mnist()
    assert mnist.x_train.shape == (600, 28, 28, 1) and mnist.x_test.shape == (200, 28, 28, 1)
    assert mnist.x_train.dtype == np.float32
    assert mnist.x_train.min() == 0.0 and mnist.x_train.max() <= 1.0
    assert mnist.y_test.dtype == np.uint8


def test_missing_file_names_the_variable(tmp_path, monkeypatch):
    monkeypatch.setenv(data.MNIST_ENV, str(tmp_path / "nowhere.npz"))
    data.load_mnist.cache_clear()
    with pytest.raises(data.MnistUnavailableError, match="MNIST_NPZ"):
        data.load_mnist()
    data.load_mnist.cache_clear()


def test_the_app_reads_only_the_test_set(synthetic_mnist_npz, monkeypatch):
    monkeypatch.setenv(data.MNIST_ENV, synthetic_mnist_npz)
    data.load_test_digits.cache_clear()
    images, labels = data.load_test_digits()
    assert images.shape == (200, 28, 28, 1) and images.dtype == np.float32 and labels.dtype == np.uint8
    np.testing.assert_array_equal(images, data.load_mnist(synthetic_mnist_npz).x_test)
    data.load_test_digits.cache_clear()


def test_a_failed_download_names_the_variable(monkeypatch):
    """Without MNIST_NPZ the download runs in a child process; here Keras cannot be imported there."""
    monkeypatch.delenv(data.MNIST_ENV, raising=False)
    monkeypatch.setattr(data, "_KERAS_DOWNLOAD", "import no_such_module_for_the_test")
    data.load_test_digits.cache_clear()
    with pytest.raises(data.MnistUnavailableError, match=r"the Keras download \(set MNIST_NPZ.*ModuleNotFoundError"):
        data.load_test_digits()
    data.load_test_digits.cache_clear()


def test_validation_split_is_disjoint_and_reproducible():
    images = np.arange(100, dtype=np.float32).reshape(100, 1)
    labels = np.arange(100)
    fit, _, val, _ = data.split_validation(images, labels, size=10, seed=0)
    assert len(fit) == 90 and len(val) == 10
    assert not set(fit.ravel()) & set(val.ravel())
    assert np.array_equal(val, data.split_validation(images, labels, size=10, seed=0)[2])


def test_real_mnist_has_the_documented_shape(mnist):
    assert mnist.x_train.shape == (60000, 28, 28, 1) and mnist.x_test.shape == (10000, 28, 28, 1)
    assert mnist.x_train.mean() == pytest.approx(0.1307, abs=1e-3)
