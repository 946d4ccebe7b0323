"""Shipped weights load, reproduce their recorded test error, and bad files fail in one clear line."""

import json
import shutil

import numpy as np
import pytest

from models.evaluation import SUBSET_SIZE, evaluate
from models.inference import load_variant, reconstruct
from models.registry import ALL_VARIANTS, get_variant
from models.weights import (
    DEFAULT_WEIGHTS_DIR,
    WeightsError,
    load_autoencoder,
    read_arrays,
    read_metadata,
    sha256_of,
)


@pytest.mark.parametrize("key", ALL_VARIANTS)
def test_shipped_weights_reproduce_their_recorded_error(key, mnist):
    trained = load_variant(key)
    measured = evaluate(get_variant(key), lambda x: reconstruct(trained, x), mnist.x_test[:SUBSET_SIZE])
    assert measured["bce"] == pytest.approx(trained.metadata["test"]["bce_first_1000"], abs=0.002)
    assert trained.metadata["sha256"] == sha256_of(DEFAULT_WEIGHTS_DIR / f"{key}.weights.h5")


@pytest.mark.parametrize("key", ALL_VARIANTS)
def test_shipped_metadata_is_complete(key):
    metadata = read_metadata(key)
    epochs = metadata["epochs_run"]
    assert len(metadata["history"]["loss"]) == len(metadata["history"]["val_loss"]) == epochs
    assert metadata["test"]["images"] == 10000
    assert {"recipe", "training_seconds", "device", "versions"} <= set(metadata)
    if get_variant(key).plan.gaussian:  # a VAE also records how far its codes are from N(0, I)
        assert metadata["test_kl"] > 0


@pytest.fixture
def weights_copy(tmp_path):
    for key in ("dense", "conv"):
        for name in (f"{key}.weights.h5", f"{key}.json"):
            shutil.copy(DEFAULT_WEIGHTS_DIR / name, tmp_path / name)
    return tmp_path


def flip_a_byte(path, position=None):
    content = bytearray(path.read_bytes())
    content[len(content) // 2 if position is None else position] ^= 0xFF
    path.write_bytes(bytes(content))


# Each way a variant's files can be broken, and what the one-line reason must say.
FAULTS = {
    "weights missing": (lambda d: (d / "conv.weights.h5").unlink(), r"no weights at conv\.weights\.h5; train them"),
    "weights truncated": (
        lambda d: (d / "conv.weights.h5").write_bytes((d / "conv.weights.h5").read_bytes()[:5000]),
        "corrupt or was replaced",
    ),
    "a byte flipped": (lambda d: flip_a_byte(d / "conv.weights.h5"), "corrupt or was replaced"),
    "JSON missing": (lambda d: (d / "conv.json").unlink(), r"conv\.json is missing"),
    "JSON broken": (
        lambda d: (d / "conv.json").write_text((d / "conv.json").read_text()[:300]),
        r"conv\.json cannot be read",
    ),
    "JSON not an object": (lambda d: (d / "conv.json").write_text("[1, 2]"), "not a JSON object"),
    "JSON without the checksum": (
        lambda d: (d / "conv.json").write_text(json.dumps({"test": {}, "history": {}})),
        "lacks sha256, recipe",
    ),
}


@pytest.mark.parametrize("fault", FAULTS)
def test_each_fault_gives_one_line_and_leaves_the_other_variants_working(fault, weights_copy):
    damage, reason = FAULTS[fault]
    damage(weights_copy)
    with pytest.raises(WeightsError, match=reason) as caught:
        load_variant("conv", weights_copy)
    assert "\n" not in str(caught.value) and len(str(caught.value)) < 300
    assert load_variant("dense", weights_copy).metadata["sha256"] == sha256_of(weights_copy / "dense.weights.h5")


def test_truncated_file_fails_clearly_even_without_the_checksum(weights_copy):
    path = weights_copy / "dense.weights.h5"
    path.write_bytes(path.read_bytes()[:100])
    with pytest.raises(WeightsError, match="could not be loaded"):
        read_arrays("dense", weights_copy, verify=False)
    with pytest.raises(WeightsError, match="could not be loaded"):
        load_autoencoder("dense", weights_copy, verify=False)


def test_missing_weights_say_how_to_train_them(tmp_path):
    with pytest.raises(WeightsError, match=r"python -m training --variant deep"):
        read_arrays("deep", tmp_path)


def test_weights_of_another_variant_do_not_fit(weights_copy):
    shutil.copy(weights_copy / "dense.weights.h5", weights_copy / "sparse.weights.h5")
    with pytest.raises(WeightsError, match=r"sparse\.weights\.h5 does not fit the Sparse architecture") as caught:
        read_arrays("sparse", weights_copy, verify=False)
    assert "\n" not in str(caught.value)  # one line, for the app's warning
    # Keras says, as it loads the wrong file, that it skips what it cannot match: expected here.
    with pytest.raises(WeightsError), pytest.warns(UserWarning, match="Skipping nested container"):
        load_autoencoder("sparse", weights_copy, verify=False)


def test_h5_arrays_equal_what_keras_loads(shipped):
    """h5py's reading of the file, layer by layer, is what Keras itself loads from it."""
    encoder, decoder = read_arrays("conv")
    models = shipped("conv")
    for arrays, part in ((encoder, models.encoder), (decoder, models.decoder)):
        loaded = [layer.get_weights() for layer in part.layers if layer.weights]
        assert len(arrays) == len(loaded)
        for ours, theirs in zip(arrays, loaded, strict=True):
            for a, b in zip(ours, theirs, strict=True):
                np.testing.assert_array_equal(a, b)
