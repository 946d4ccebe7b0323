"""Training throughput: the training CLI's pipeline against the article's plain `fit` on NumPy arrays.

For each variant, in one run and on the same MNIST digits at the recipe's batch size:
(a) the CLI's way, as `training.cli.train_variant` does it with `training.pipeline`: `make_dataset` (cached, shuffled,
prefetched `tf.data`), `training_model` (with the noise layer for the denoising variant) and
`compile_trainer` (Adam on the recipe's learning-rate schedule, several steps per graph call;
pass `--jit-compile true` to add XLA); (b) the article's way: `compile(optimizer="adam", loss="binary_crossentropy")`
and `fit(x, x, batch_size=..., shuffle=True)`, with inputs noised up front by
`digits.noise.add_noise` for the denoising variant. Validation is left out of both.

Each way runs one warm-up epoch (not counted: it absorbs tracing and compilation), then the
two take turns for `--epochs` timed epochs each, in ABBA order so a change in the machine's
load hits both alike. The table gives the median samples per second; the budget is that the
CLI's pipeline is not slower than the plain `fit` for any variant. The conv variant is slow
on a CPU, so it trains on a smaller subset (`--conv-images`). The load average is printed:
on a shared machine the numbers are only comparable within one run.

    MNIST_NPZ=../shared/data/mnist.npz python -m benchmarks.train
    MNIST_NPZ=../shared/data/mnist.npz python -m benchmarks.train --variants dense,deep --images 4096 --epochs 1

With `--page`, (b) is instead a run as the Train page starts it: the same pipeline with the
run's callbacks (`training.progress`: the SIGTERM guard, and after every epoch the 8 test
digits reconstructed and `progress.json` and `reconstructions.npy` written atomically), while a
thread reads those files once a second as the page's live view does. The budget is then that
the page's run costs under 5% of the CLI's samples per second.

    MNIST_NPZ=../shared/data/mnist.npz python -m benchmarks.train --page --variants dense,conv --epochs 4
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of the table
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")  # train as `python -m training` does (see there)

import keras
import numpy as np
import tensorflow as tf

from digits import data
from digits.noise import add_noise
from jobs import runs
from models.registry import VARIANTS, Variant
from training.pipeline import SEED, compile_trainer, make_dataset, training_model
from training.progress import DeferStop, RunReporter, StopSignal, strip_inputs

JIT_CHOICES = {"auto": "auto", "true": True, "false": False}


class EpochTimer(keras.callbacks.Callback):
    """Wall-clock seconds of every epoch of one `fit`."""

    def __init__(self):
        super().__init__()
        self.seconds: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self._started = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.seconds.append(time.perf_counter() - self._started)


class Contender:
    """One way of training a variant, run an epoch at a time so the two ways can take turns."""

    def __init__(self, fit_epoch):
        self.fit_epoch = fit_epoch  # fit_epoch(epoch, callbacks) trains epoch `epoch` (0-based) only
        self.timer = EpochTimer()
        self.epochs_run = 0

    def run_epoch(self) -> None:
        self.fit_epoch(self.epochs_run, [self.timer])
        self.epochs_run += 1

    def samples_per_second(self, images: int) -> float:
        """Median samples/s over the timed epochs (all but the first, which absorbs tracing)."""
        return images / statistics.median(self.timer.seconds[1:])


def cli_pipeline(variant: Variant, x: np.ndarray, jit_compile, page_run: tuple | None = None) -> Contender:
    """Train as `training.cli.train_variant` does (its dataset, model and compile), minus validation.

    With `page_run` = (run folder, test images, test labels), add what a run from the Train page adds.
    """
    recipe = variant.recipe
    keras.utils.set_random_seed(SEED)
    dataset = make_dataset(x, x, recipe.batch_size, shuffle=True)
    steps_per_epoch = int(np.ceil(len(x) / recipe.batch_size))
    model = variant.build()
    trainer = training_model(variant, model, recipe)
    compile_trainer(trainer, recipe, steps_per_epoch, jit_compile=jit_compile)
    extra = []
    if page_run is not None:
        folder, images, labels = page_run
        guard = DeferStop(StopSignal())  # the handler itself is not installed: a benchmark is stopped with ^C
        info = {"variant": variant.key, "epochs": 10_000, "device": "benchmark", "train_images": len(x)}
        reporter = RunReporter(folder, model.autoencoder, strip_inputs(variant, recipe, images, labels), guard, info)
        reporter.begin()
        extra = [guard, reporter]
    return Contender(
        lambda epoch, callbacks: trainer.fit(
            dataset, initial_epoch=epoch, epochs=epoch + 1, shuffle=False, verbose=0, callbacks=[*extra, *callbacks]
        )
    )


class PagePoller(threading.Thread):
    """Reads a run's files once a second, as the Train page's live view does while a job runs."""

    def __init__(self, folder: Path):
        super().__init__(daemon=True)
        self.folder, self.done, self.reads = folder, threading.Event(), 0

    def run(self) -> None:
        while not self.done.wait(1.0):
            run = runs.read_run(self.folder)
            run.strip(), run.digits()
            self.reads += 1


def plain_fit(variant: Variant, x: np.ndarray) -> Contender:
    """Train the article's way: NumPy arrays straight into `fit`, Keras's default compile."""
    keras.utils.set_random_seed(SEED)
    inputs = add_noise(x, variant.recipe.noise_factor, seed=SEED) if variant.is_denoising else x
    autoencoder = variant.build().autoencoder
    autoencoder.compile(optimizer="adam", loss="binary_crossentropy")
    return Contender(
        lambda epoch, callbacks: autoencoder.fit(
            inputs,
            x,
            batch_size=variant.recipe.batch_size,
            initial_epoch=epoch,
            epochs=epoch + 1,
            shuffle=True,
            verbose=0,
            callbacks=callbacks,
        )
    )


def race(contenders: list[Contender], epochs: int) -> None:
    """A warm-up epoch each, then `epochs` timed rounds in alternating order (ABBA), so that a
    change in the machine's load falls on both ways alike."""
    for contender in contenders:
        contender.run_epoch()
    for round_number in range(epochs):
        for contender in contenders if round_number % 2 == 0 else reversed(contenders):
            contender.run_epoch()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.train", description=__doc__.splitlines()[0])
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated variant keys (default: all)")
    parser.add_argument("--images", type=int, default=8192, help="MNIST training digits per variant (default 8192)")
    parser.add_argument("--conv-images", type=int, default=256, help="digits for the slow conv variant (default 256)")
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs after the warm-up epoch (default 2)")
    parser.add_argument(
        "--page",
        action="store_true",
        help="compare a run as the Train page starts it against the CLI's, instead of plain fit",
    )
    parser.add_argument(
        "--jit-compile",
        choices=JIT_CHOICES,
        default="auto",
        help="the CLI pipeline's compile(jit_compile=...); 'auto' is Keras's default, which "
        "training.cli uses now and which means no XLA on a CPU-only machine",
    )
    args = parser.parse_args(argv)
    args.variants = [key.strip() for key in args.variants.split(",") if key.strip()]
    unknown = [key for key in args.variants if key not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")
    for name in ("images", "conv_images", "epochs"):
        if getattr(args, name) < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    device = "GPU" if tf.config.list_physical_devices("GPU") else f"CPU ({platform.processor() or platform.machine()})"
    print(
        f"Machine: {device}, {os.cpu_count()} CPUs, load average {load} (1, 5, 15 min) at start; "
        f"TensorFlow {tf.__version__}, Keras {keras.__version__}"
    )
    try:
        mnist = data.load_mnist()
    except data.MnistUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(
        f"One warm-up epoch, then the median of {args.epochs} timed epoch(s); "
        f"CLI pipeline compiled with jit_compile={args.jit_compile}.\n"
    )

    other = "page run" if args.page else "plain fit"
    header = ["variant", "batch", "images", "CLI pipeline samples/s", f"{other} samples/s", "ratio", "budget"]
    rows, failures = [], 0
    for key in args.variants:
        variant = VARIANTS[key]
        x = mnist.x_train[: args.conv_images if key == "conv" else args.images]
        jit = JIT_CHOICES[args.jit_compile]
        with tempfile.TemporaryDirectory(prefix="page-run-") as folder:
            poller = PagePoller(Path(folder))
            second = (
                cli_pipeline(variant, x, jit, (Path(folder), mnist.x_test, mnist.y_test))
                if args.page
                else plain_fit(variant, x)
            )
            contenders = [cli_pipeline(variant, x, jit), second]
            if args.page:
                poller.start()
            race(contenders, args.epochs)
            poller.done.set()
        cli, plain = (contender.samples_per_second(len(x)) for contender in contenders)
        # The page may cost up to 5% of the CLI's throughput; the CLI must match or beat plain fit.
        passed = cli / plain <= 1.05 if args.page else cli >= plain
        failures += not passed
        rows.append(
            [
                key,
                str(variant.recipe.batch_size),
                str(len(x)),
                f"{cli:,.0f}",
                f"{plain:,.0f}",
                f"{cli / plain:.2f}×",
                "PASS" if passed else "FAIL",
            ]
        )
        keras.backend.clear_session()

    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    budget = (
        "a run from the Train page keeps ≥ 95% of the CLI's samples/s (ratio ≤ 1.05)"
        if args.page
        else "the CLI pipeline is not slower than the plain fit for any variant (ratio ≥ 1)"
    )
    print(f"\nBudget: {budget}. Load average at the end: {', '.join(f'{value:.2f}' for value in os.getloadavg())}.")
    print("All within budget." if not failures else f"{failures} variant(s) over budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
