"""The trainer's side of a run started from the app: per-epoch progress files, a clean stop, a warm-up.

`RunReporter` writes `progress.json` (losses, seconds, ETA) and the reconstructions of 8
fixed test digits after every epoch, atomically, for the page to poll (`jobs.runs` reads
them). `StopSignal` turns SIGTERM into `StopRequested`, raised at once while the trainer is
only computing and held back while it writes a file, so a stop leaves no half-written file
and keeps every finished epoch. `measure_throughput` is the short warm-up behind the page's
time estimate.
"""

from __future__ import annotations

import contextlib
import os
import signal
import time
from pathlib import Path

import keras
import numpy as np

from digits.noise import add_noise
from jobs import runs
from models.evaluation import EVALUATION_NOISE_SEED
from models.registry import Recipe, Variant

STRIP_SIZE = 8


class StopRequested(Exception):
    """SIGTERM arrived: end training now, keeping the epochs that finished."""


class StopSignal:
    """SIGTERM handling for a trainer: stop at once, except inside `deferred()` blocks."""

    def __init__(self) -> None:
        self.requested = False
        self._deferred = 0

    def install(self) -> StopSignal:
        signal.signal(signal.SIGTERM, self._handle)
        return self

    def _handle(self, signum, frame) -> None:
        self.requested = True
        if not self._deferred:
            raise StopRequested

    def hold(self) -> None:
        """From now on a SIGTERM is only noted: the trainer is writing its final files."""
        self._deferred += 1

    @contextlib.contextmanager
    def deferred(self):
        """Hold a stop back while a file is written; raise it right after."""
        self._deferred += 1
        try:
            yield
        finally:
            self._deferred -= 1
        if self.requested and not self._deferred:
            raise StopRequested


def strip_indices(labels: np.ndarray) -> list[int]:
    """The first test digit of each class 0-7: the 8 digits a class watches being learnt."""
    return [int(np.flatnonzero(labels == digit)[0]) for digit in range(STRIP_SIZE)]


def strip_inputs(variant: Variant, recipe: Recipe, images: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """The 8 digits as the model sees them: noisy (fixed seed) for the denoiser, float32 (8, 28, 28, 1)."""
    digits = images[strip_indices(labels)]
    if variant.is_denoising:
        digits = add_noise(digits, recipe.noise_factor, seed=EVALUATION_NOISE_SEED)
    return digits.astype(np.float32)


def as_uint8(images: np.ndarray) -> np.ndarray:
    return (np.clip(images.reshape(-1, 28, 28), 0, 1) * 255).round().astype(np.uint8)


class DeferStop(keras.callbacks.Callback):
    """First in the callback list: holds a stop back from the end of an epoch until its files are written."""

    def __init__(self, stop: StopSignal):
        super().__init__()
        self.stop, self.block = stop, None

    def on_epoch_end(self, epoch, logs=None):
        self.block = self.stop.deferred()
        self.block.__enter__()

    def release(self) -> None:
        """Called by the reporter, last in the list, once everything of the epoch is on disk."""
        block, self.block = self.block, None
        if block is not None:
            block.__exit__(None, None, None)


class RunReporter(keras.callbacks.Callback):
    """Last in the callback list: writes the epoch's progress and reconstructions for the page."""

    def __init__(self, run_dir: Path, autoencoder: keras.Model, digits: np.ndarray, guard: DeferStop, info: dict):
        super().__init__()
        self.run_dir, self.autoencoder, self.digits, self.guard = Path(run_dir), autoencoder, digits, guard
        self.progress = {
            **info,
            "status": "running",
            "epoch": 0,
            "loss": [],
            "val_loss": [],
            "seconds": [],
            "eta_seconds": None,
            "started": time.time(),
        }
        self.strip: list[np.ndarray] = []
        self.epoch_started = 0.0

    def begin(self) -> None:
        runs.write_npy(self.run_dir / runs.DIGITS_FILE, as_uint8(self.digits))
        runs.write_json(self.run_dir / runs.PROGRESS_FILE, self.progress)

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch_started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        progress = self.progress
        progress["seconds"].append(round(time.perf_counter() - self.epoch_started, 3))
        for name in ("loss", "val_loss"):
            progress[name].append(round(float(logs.get(name, float("nan"))), 6))
        progress["epoch"] = epoch + 1
        elapsed = time.time() - progress["started"]
        progress["eta_seconds"] = round(elapsed / progress["epoch"] * (progress["epochs"] - progress["epoch"]), 1)
        progress["updated"] = time.time()
        self.strip.append(as_uint8(np.asarray(self.autoencoder(self.digits, training=False))))
        runs.write_npy(self.run_dir / runs.STRIP_FILE, np.stack(self.strip))
        runs.write_json(self.run_dir / runs.PROGRESS_FILE, progress)
        self.guard.release()

    def testing(self, test_images: int) -> None:
        """The epochs are over and the final test begins: the page says so (and Stop waits for it)."""
        self.progress.update(phase="testing", test_images=test_images, eta_seconds=0, updated=time.time())
        runs.write_json(self.run_dir / runs.PROGRESS_FILE, self.progress)

    def finish(self, status: str, **extra) -> None:
        self.progress.update(status=status, eta_seconds=0, updated=time.time(), **extra)
        runs.write_json(self.run_dir / runs.PROGRESS_FILE, self.progress)


def process_seconds() -> float:
    """Seconds since this process started (Linux's /proc; 0 elsewhere): TensorFlow's import included."""
    try:
        start_ticks = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19])
        uptime = float(Path("/proc/uptime").read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return 0.0
    return max(0.0, uptime - start_ticks / os.sysconf("SC_CLK_TCK"))


def measure_throughput(
    trainer: keras.Model, dataset, batch_size: int, steps: int, test_images: int, seconds: float = 3.0
) -> dict:
    """Training samples/s after one warm-up call (which absorbs tracing), timing calls of `steps`
    batches until `seconds` have passed; and the seconds a run spends besides its epochs: start-up,
    tracing (the warm-up call) and the final test (a forward pass costs about a third of a step)."""
    ready = process_seconds()
    started = time.perf_counter()
    trainer.fit(dataset, steps_per_epoch=steps, epochs=1, verbose=0)
    warm_up = time.perf_counter() - started
    timed, batches = 0.0, 0
    while timed < seconds:
        started = time.perf_counter()
        trainer.fit(dataset, steps_per_epoch=steps, epochs=1, verbose=0)
        timed += time.perf_counter() - started
        batches += steps
    samples_per_second = batches * batch_size / timed
    overhead = ready + warm_up + test_images / (3 * samples_per_second)
    return {"samples_per_second": round(samples_per_second, 1), "overhead_seconds": round(overhead, 1)}
