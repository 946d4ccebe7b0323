"""Per-epoch training checkpoints, so an interrupted run continues with `--resume`.

A checkpoint folder holds the last weights together with the optimizer's state (Keras saves
both for a compiled model, so Adam's moments and the learning-rate schedule carry on), the
best weights by validation loss, and `progress.json` (epochs done, history, seconds spent,
the recipe it was made with).
"""

from __future__ import annotations

import json
import os
import shutil
import time
from dataclasses import asdict
from pathlib import Path

import keras

from models.registry import Recipe


class Checkpoint:
    """The resumable state of one variant's training run."""

    def __init__(self, folder: Path, recipe: Recipe):
        self.folder = Path(folder)
        self.recipe = recipe
        self.epochs_done = 0
        self.best_epoch: int | None = None
        self.best_val_loss = float("inf")
        self.history: dict[str, list[float]] = {"loss": [], "val_loss": []}
        self.training_seconds = 0.0

    @property
    def progress_file(self) -> Path:
        return self.folder / "progress.json"

    def exists(self) -> bool:
        return self.progress_file.is_file()

    def reset(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder.mkdir(parents=True, exist_ok=True)

    def restore(self, model: keras.Model) -> None:
        """Load weights, optimizer state and progress; refuse a checkpoint of another recipe."""
        progress = json.loads(self.progress_file.read_text())
        if progress["recipe"] != asdict(self.recipe):
            raise ValueError(
                f"the checkpoint in {self.folder} was made with {progress['recipe']}, not {asdict(self.recipe)}; "
                "rerun with the same settings, or without --resume to start again"
            )
        # Keras restores the optimizer's variables only into an optimizer that is already built.
        model.optimizer.build(model.trainable_variables)
        model.load_weights(self.folder / "last.weights.h5")
        self.epochs_done = progress["epochs_done"]
        self.best_epoch = progress["best_epoch"]
        self.best_val_loss = progress["best_val_loss"]
        self.history = progress["history"]
        self.training_seconds = progress["training_seconds"]

    def save(self, model: keras.Model, epoch: int, logs: dict, seconds: float) -> None:
        """Record a finished epoch (1-based) and write everything needed to continue after it."""
        self.epochs_done = epoch
        self.training_seconds += seconds
        for name in self.history:
            self.history[name].append(round(float(logs[name]), 6))
        if logs["val_loss"] < self.best_val_loss:
            self.best_val_loss, self.best_epoch = float(logs["val_loss"]), epoch
            model.save_weights(self.folder / "best.weights.h5")
        model.save_weights(self.folder / "last.weights.h5")
        progress = {
            "recipe": asdict(self.recipe),
            "epochs_done": self.epochs_done,
            "best_epoch": self.best_epoch,
            "best_val_loss": self.best_val_loss,
            "history": self.history,
            "training_seconds": self.training_seconds,
            "optimizer_steps": int(model.optimizer.iterations),
        }
        # Written last and renamed into place: a run killed mid-save resumes from the previous epoch.
        temporary = self.progress_file.with_suffix(".tmp")
        temporary.write_text(json.dumps(progress))
        os.replace(temporary, self.progress_file)

    def load_best(self, model: keras.Model) -> None:
        model.load_weights(self.folder / "best.weights.h5")


class CheckpointCallback(keras.callbacks.Callback):
    """Saves a `Checkpoint` at the end of every epoch."""

    def __init__(self, checkpoint: Checkpoint, model: keras.Model):
        super().__init__()
        self.checkpoint = checkpoint
        self.trained_model = model
        self.epoch_started = 0.0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.checkpoint.save(self.trained_model, epoch + 1, logs or {}, time.perf_counter() - self.epoch_started)
