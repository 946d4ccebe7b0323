"""The training CLI writes loadable weights and metadata, and resumes an interrupted run."""

import json

import keras
import pytest

from digits import data
from models.weights import load_autoencoder, read_metadata
from training import cli
from training.checkpoints import CheckpointCallback


@pytest.fixture
def small_mnist(synthetic_mnist_npz, monkeypatch):
    monkeypatch.setenv(data.MNIST_ENV, synthetic_mnist_npz)
    data.load_mnist.cache_clear()
    yield
    data.load_mnist.cache_clear()


def test_one_epoch_writes_loadable_weights_and_metadata(small_mnist, tmp_path):
    assert cli.main(["--variant", "dense", "--epochs", "1", "--train-limit", "512", "--out", str(tmp_path)]) == 0
    metadata = read_metadata("dense", tmp_path)
    assert metadata["epochs_run"] == 1 and len(metadata["history"]["val_loss"]) == 1
    assert metadata["train_images"] == 512 - 51 and metadata["validation_images"] == 51
    assert 0.0 < metadata["test"]["bce"] < 1.0 and metadata["recipe"]["epochs"] == 1
    assert set(metadata["versions"]) >= {"tensorflow", "keras", "numpy"}
    model = load_autoencoder("dense", tmp_path)
    assert model.autoencoder.count_params() == metadata["parameters"]


class StopAfterFirstEpoch(Exception):
    pass


def test_interrupted_run_resumes_where_it_stopped(small_mnist, tmp_path, monkeypatch):
    arguments = ["--variant", "denoise", "--epochs", "2", "--train-limit", "512", "--out", str(tmp_path)]
    original_end = CheckpointCallback.on_epoch_end

    def end_then_stop(self, epoch, logs=None):
        original_end(self, epoch, logs)
        raise StopAfterFirstEpoch

    monkeypatch.setattr(CheckpointCallback, "on_epoch_end", end_then_stop)
    with pytest.raises(StopAfterFirstEpoch):
        cli.main(arguments)
    progress = json.loads((tmp_path / ".checkpoints" / "denoise" / "progress.json").read_text())
    assert progress["epochs_done"] == 1
    assert progress["optimizer_steps"] == 8  # ceil(461 / 64) batches

    monkeypatch.setattr(CheckpointCallback, "on_epoch_end", original_end)
    assert cli.main([*arguments, "--finalize"]) == 0  # ship what there is, without training
    assert read_metadata("denoise", tmp_path)["epochs_run"] == 1
    assert cli.main([*arguments, "--resume"]) == 0
    metadata = read_metadata("denoise", tmp_path)
    assert metadata["epochs_run"] == 2
    assert len(metadata["history"]["loss"]) == 2
    assert metadata["history"]["loss"][0] == progress["history"]["loss"][0]  # epoch 1 was not redone
    resumed = json.loads((tmp_path / ".checkpoints" / "denoise" / "progress.json").read_text())
    assert resumed["optimizer_steps"] == 16  # Adam's step count (and so the schedule) carried on


def test_resume_with_another_recipe_is_refused(small_mnist, tmp_path):
    arguments = ["--variant", "dense", "--epochs", "1", "--train-limit", "512", "--out", str(tmp_path)]
    assert cli.main(arguments) == 0
    with pytest.raises(ValueError, match="rerun with the same settings"):
        cli.main([*arguments[:3], "2", *arguments[4:], "--resume"])


def test_mixed_precision_weights_load_as_float32(small_mnist, tmp_path):
    try:
        arguments = ["--variant", "dense", "--epochs", "1", "--train-limit", "512", "--out", str(tmp_path)]
        assert cli.main([*arguments, "--mixed-precision"]) == 0
    finally:
        keras.mixed_precision.set_global_policy("float32")
    assert read_metadata("dense", tmp_path)["precision"] == "mixed_float16"
    model = load_autoencoder("dense", tmp_path)
    assert all(w.dtype == "float32" for w in model.autoencoder.weights)


def test_bad_arguments_are_refused():
    with pytest.raises(SystemExit):
        cli.parse_args(["--epochs", "0"])
    with pytest.raises(SystemExit):
        cli.parse_args(["--variant", "vae"])
