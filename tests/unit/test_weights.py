"""Shipped weights load, reproduce their recorded test error, and bad files fail clearly."""

import shutil

import numpy as np
import pytest

from models.evaluation import SUBSET_SIZE, evaluate
from models.inference import load_variant, reconstruct
from models.registry import VARIANTS, get_variant
from models.weights import DEFAULT_WEIGHTS_DIR, WeightsError, load_autoencoder, read_metadata, sha256_of


@pytest.mark.parametrize("key", VARIANTS)
def test_shipped_weights_reproduce_their_recorded_error(key, mnist):
    trained = load_variant(key)
    measured = evaluate(get_variant(key), lambda x: reconstruct(trained, x), mnist.x_test[:SUBSET_SIZE])
    assert measured["bce"] == pytest.approx(trained.metadata["test"]["bce_first_1000"], abs=0.002)
    assert trained.metadata["sha256"] == sha256_of(DEFAULT_WEIGHTS_DIR / f"{key}.weights.h5")


@pytest.mark.parametrize("key", VARIANTS)
def test_shipped_metadata_is_complete(key):
    metadata = read_metadata(key)
    epochs = metadata["epochs_run"]
    assert len(metadata["history"]["loss"]) == len(metadata["history"]["val_loss"]) == epochs
    assert metadata["test"]["images"] == 10000
    assert {"recipe", "training_seconds", "device", "versions"} <= set(metadata)


@pytest.fixture
def weights_copy(tmp_path):
    for name in ("dense.weights.h5", "dense.json"):
        shutil.copy(DEFAULT_WEIGHTS_DIR / name, tmp_path / name)
    return tmp_path


def test_corrupted_weight_file_gives_a_clear_error(weights_copy):
    path = weights_copy / "dense.weights.h5"
    content = bytearray(path.read_bytes())
    content[len(content) // 2] ^= 0xFF
    path.write_bytes(bytes(content))
    with pytest.raises(WeightsError, match="corrupt or was replaced"):
        load_autoencoder("dense", weights_copy)


def test_truncated_file_fails_clearly_even_without_the_checksum(weights_copy):
    path = weights_copy / "dense.weights.h5"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(WeightsError, match="could not be loaded"):
        load_autoencoder("dense", weights_copy, verify=False)


def test_missing_weights_say_how_to_train_them(tmp_path):
    with pytest.raises(WeightsError, match=r"python -m models\.train --variant deep"):
        load_autoencoder("deep", tmp_path)


def test_weights_of_another_variant_do_not_fit(weights_copy):
    shutil.copy(weights_copy / "dense.weights.h5", weights_copy / "sparse.weights.h5")
    with pytest.raises(WeightsError):
        load_autoencoder("sparse", weights_copy, verify=False)
    assert np.isfinite(read_metadata("dense", weights_copy)["test"]["bce"])
