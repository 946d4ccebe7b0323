"""Training CLI: `python -m training --variant {dense,deep,conv,denoise,sparse,all}`.

Trains on MNIST's train set less a 5,000-digit validation split (used to pick the best
epoch; the test set is only ever used for the final report), checkpoints every epoch so
`--resume` can continue an interrupted run, and finally writes `<out>/<variant>.weights.h5`
and `<out>/<variant>.json` atomically. Uses the GPU when TensorFlow sees one, and
`tf.distribute.MirroredStrategy` when it sees several.

    MNIST_NPZ=../shared/data/mnist.npz python -m training --variant dense --epochs 5

`--run-dir DIR` is how the app's Train page runs it: one variant, weights into DIR (never
`weights/`), progress files after every epoch and a clean stop on SIGTERM
(`training.progress`). `--estimate` prints the samples per second of a short warm-up.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import time
from pathlib import Path

# oneDNN's CPU kernels, for training only: a conv training step on 256 digits took 0.9 s with
# them against 2.9 s without on a 2-core CPU, but a single-code decode in the app took 78 ms
# against 2.4 ms, so the library leaves them off. Set before TensorFlow is first imported.
os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "1")

try:
    import keras
    import tensorflow as tf
except ModuleNotFoundError as missing:  # a serving-only install, such as the slim Docker image
    sys.exit(
        f"Training is not available here: {missing.name} is not installed (this environment only serves the app). "
        "Train with the default Docker image (`docker build -t autoencoder-lab .`) "
        "or after `pip install -r requirements-train.txt`."
    )
import numpy as np

from digits import data
from digits.noise import add_noise
from jobs.runs import PROGRESS_FILE, read_json, write_json
from models.evaluation import evaluate
from models.registry import ALL_VARIANTS, VARIANTS, Recipe, Variant, get_variant
from models.weights import DEFAULT_WEIGHTS_DIR, save_weights
from training.checkpoints import Checkpoint, CheckpointCallback
from training.pipeline import SEED, STEPS_PER_EXECUTION, compile_trainer, make_dataset, training_model
from training.progress import DeferStop, RunReporter, StopRequested, StopSignal, measure_throughput, strip_inputs

VALIDATION_NOISE_SEED = 7


def pick_strategy() -> tuple[tf.distribute.Strategy, str]:
    """Mirror over all GPUs when there are several; otherwise the default (one GPU or the CPU)."""
    gpus = tf.config.list_physical_devices("GPU")
    names = [tf.config.experimental.get_device_details(gpu).get("device_name", gpu.name) for gpu in gpus]
    if len(gpus) > 1:
        return tf.distribute.MirroredStrategy(), f"{len(gpus)} GPUs (MirroredStrategy): {', '.join(names)}"
    if gpus:
        return tf.distribute.get_strategy(), f"GPU: {names[0]}"
    return tf.distribute.get_strategy(), f"CPU ({platform.processor() or platform.machine()})"


def library_versions() -> dict:
    return {
        "python": platform.python_version(),
        "tensorflow": tf.__version__,
        "keras": keras.__version__,
        "numpy": np.__version__,
    }


def train_variant(
    variant: Variant,
    recipe: Recipe,
    mnist: data.Mnist,
    out_dir: Path,
    resume: bool,
    verbose: int = 2,
    finalize: bool = False,
    stop: StopSignal | None = None,
    steps_per_execution: int | None = None,
) -> dict:
    """Train one variant (or continue it), then write its weights and metadata; returns the metadata.

    With `finalize`, train no further: write the best checkpoint so far (for a run that
    cannot finish in the time there is). With `stop` (a run from the app), report progress
    into `out_dir` every epoch and end early, keeping the finished epochs, on SIGTERM.
    """
    strategy, device = pick_strategy()
    print(f"[{variant.key}] training on {device} with {recipe}", flush=True)
    keras.utils.set_random_seed(SEED)

    # Small smoke-test runs keep a tenth of their digits for validation.
    val_size = min(data.VALIDATION_SIZE, len(mnist.x_train) // 10)
    x_fit, _, x_val, _ = data.split_validation(mnist.x_train, mnist.y_train, size=val_size)
    val_inputs = add_noise(x_val, recipe.noise_factor, VALIDATION_NOISE_SEED) if variant.is_denoising else x_val
    train_set = make_dataset(x_fit, x_fit, recipe.batch_size, shuffle=True)
    val_set = make_dataset(val_inputs, x_val, 1000, shuffle=False)
    steps_per_epoch = int(np.ceil(len(x_fit) / recipe.batch_size))

    with strategy.scope():
        model = variant.build()
        trainer = training_model(variant, model, recipe)
        compile_trainer(trainer, recipe, steps_per_epoch, steps_per_execution=steps_per_execution)

    checkpoint = Checkpoint(out_dir / ".checkpoints" / variant.key, recipe)
    if finalize and not checkpoint.exists():
        raise FileNotFoundError(f"no checkpoint to finalize in {checkpoint.folder}")
    if (resume or finalize) and checkpoint.exists():
        checkpoint.restore(trainer)
        print(f"[{variant.key}] resumed after epoch {checkpoint.epochs_done}", flush=True)
    else:
        checkpoint.reset()

    callbacks, reporter = [CheckpointCallback(checkpoint, trainer)], None
    if stop is not None:
        guard = DeferStop(stop)
        digits = strip_inputs(variant, recipe, mnist.x_test, mnist.y_test)
        info = {"variant": variant.key, "epochs": recipe.epochs, "device": device, "train_images": len(x_fit)}
        reporter = RunReporter(out_dir, model.autoencoder, digits, guard, info)
        reporter.begin()
        callbacks = [guard, *callbacks, reporter]  # the guard first, the reporter last: see DeferStop

    stopped = False
    if checkpoint.epochs_done < recipe.epochs and not finalize:
        try:
            trainer.fit(
                train_set,
                validation_data=val_set,
                initial_epoch=checkpoint.epochs_done,
                epochs=recipe.epochs,
                callbacks=callbacks,
                verbose=verbose,
                shuffle=False,  # the pipeline shuffles already
            )
        except StopRequested:
            stopped = checkpoint.epochs_done < recipe.epochs
    if stop is not None:
        stop.hold()  # the final files are written whatever happens now
        if checkpoint.epochs_done == 0:
            raise StopRequested

    checkpoint.load_best(trainer)  # the epoch with the lowest validation loss, never chosen by test data
    reconstruct = lambda x: model.autoencoder.predict(x, batch_size=1000, verbose=0)  # noqa: E731
    test_images = mnist.x_test
    if stopped:  # Stop must take seconds: score on 1,000 test digits, with an eager call that needs no tracing
        test_images = mnist.x_test[:1000]
        reconstruct = lambda x: np.asarray(model.autoencoder(x, training=False))  # noqa: E731
    if reporter is not None:
        reporter.testing(len(test_images))
    metadata = {
        "variant": variant.key,
        "title": variant.title,
        "recipe": recipe.__dict__,
        "article_recipe": variant.article_recipe.__dict__,
        "epochs_run": checkpoint.epochs_done,
        "best_epoch": checkpoint.best_epoch,
        "train_images": len(x_fit),
        "validation_images": len(x_val),
        "history": checkpoint.history,
        "test": evaluate(variant, reconstruct, test_images),
        **vae_divergence(variant, model, test_images),
        "training_seconds": round(checkpoint.training_seconds, 1),
        "device": device,
        "precision": keras.mixed_precision.global_policy().name,
        "versions": library_versions(),
        "parameters": int(model.autoencoder.count_params()),
    }
    if stopped:
        metadata["stopped_after_epoch"] = checkpoint.epochs_done
    path = save_weights(model, variant.key, metadata, out_dir)
    if reporter is not None:
        reporter.finish(
            "stopped" if stopped else "finished",
            test_bce=metadata["test"]["bce"],
            test_images=len(test_images),
            best_epoch=checkpoint.best_epoch,
        )
        shutil.rmtree(out_dir / ".checkpoints", ignore_errors=True)  # scratch state, three times the weights
    print(f"[{variant.key}] test BCE {metadata['test']['bce']:.4f} -> {path}", flush=True)
    return metadata


def vae_divergence(variant: Variant, model, images: np.ndarray) -> dict:
    """For a variational autoencoder, the mean KL divergence of its test codes from N(0, I)."""
    if not variant.plan.gaussian:
        return {}
    statistics = model.encoder.predict(images, batch_size=1000, verbose=0)
    mean, log_variance = np.split(statistics, 2, axis=-1)
    divergence = -0.5 * np.sum(1.0 + log_variance - mean**2 - np.exp(log_variance), axis=-1)
    return {"test_kl": float(divergence.mean())}


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m training", description=__doc__.splitlines()[0])
    # "all": the article's five; the 2-number pair (ae2, vae2) is trained by name.
    parser.add_argument("--variant", choices=[*ALL_VARIANTS, "all"], default="all")
    parser.add_argument("--epochs", type=int, help="override the recipe's number of epochs")
    parser.add_argument("--batch-size", type=int, help="override the recipe's batch size")
    parser.add_argument("--learning-rate", type=float, help="override the recipe's initial learning rate")
    parser.add_argument(
        "--recipe",
        choices=["improved", "article"],
        default="improved",
        help="the project's improved recipe (default) or the article's original one",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_WEIGHTS_DIR, help="folder for weights and metadata")
    parser.add_argument("--resume", action="store_true", help="continue from the last checkpoint in OUT/.checkpoints")
    parser.add_argument(
        "--finalize",
        action="store_true",
        help="train no further: write weights and metadata from the best checkpoint so far",
    )
    parser.add_argument(
        "--train-limit",
        "--subset",
        type=int,
        dest="train_limit",
        help="train (and validate) on only the first N training digits",
    )
    parser.add_argument("--noise-factor", type=float, help="override the denoising variant's noise factor")
    parser.add_argument(
        "--run-dir",
        type=Path,
        help="a run from the app: weights and per-epoch progress go here, SIGTERM stops cleanly (one variant)",
    )
    parser.add_argument("--steps-per-execution", type=int, help="batches per graph call (default 32)")
    parser.add_argument("--estimate", action="store_true", help="print the samples/s of a short warm-up, as JSON")
    parser.add_argument("--threads", type=int, help="CPU threads for TensorFlow (default: all)")
    parser.add_argument(
        "--mixed-precision",
        action="store_true",
        help="compute in float16 with float32 weights (faster on recent GPUs; not for CPUs)",
    )
    args = parser.parse_args(argv)
    for name in ("epochs", "batch_size", "train_limit", "threads", "steps_per_execution"):
        value = getattr(args, name)
        if value is not None and value < 1:
            parser.error(f"--{name.replace('_', '-')} must be at least 1")
    if (args.run_dir or args.estimate) and args.variant == "all":
        parser.error("--run-dir and --estimate train one variant: name it with --variant")
    if args.noise_factor is not None and (args.variant == "all" or not get_variant(args.variant).is_denoising):
        parser.error("--noise-factor is only for --variant denoise")
    if args.noise_factor is not None and args.noise_factor < 0:
        parser.error("--noise-factor must be at least 0")
    if args.run_dir:
        args.out = args.run_dir
    return args


def estimate(variant: Variant, recipe: Recipe, mnist: data.Mnist) -> dict:
    """Samples/s of a short warm-up on this device, and the seconds a run spends besides epochs
    (start-up, tracing, the final test); `jobs.training_job.estimate_seconds` turns them into a time."""
    strategy, device = pick_strategy()
    steps = 4 if variant.key == "conv" and "GPU" not in device else STEPS_PER_EXECUTION  # ~1 s calls on a CPU
    with strategy.scope():
        trainer = training_model(variant, variant.build(), recipe)
        compile_trainer(trainer, recipe, 1000, steps_per_execution=steps)
    dataset = make_dataset(mnist.x_train[:4096], mnist.x_train[:4096], recipe.batch_size, shuffle=True).repeat()
    measured = measure_throughput(trainer, dataset, recipe.batch_size, steps, len(mnist.x_test))
    return {"variant": variant.key, "batch_size": recipe.batch_size, "device": device, **measured}


def train_run(variant: Variant, recipe: Recipe, mnist: data.Mnist, args: argparse.Namespace, stop: StopSignal) -> int:
    """A run from the app: train into `--run-dir`, and say in its progress file how it ended."""
    progress = args.run_dir / PROGRESS_FILE
    try:
        train_variant(
            variant, recipe, mnist, args.run_dir, False, 2, stop=stop, steps_per_execution=args.steps_per_execution
        )
    except StopRequested:
        stop.hold()
        write_json(progress, {**read_json(progress), "status": "stopped", "note": "stopped before an epoch ended"})
    except Exception as error:
        stop.hold()
        write_json(progress, {**read_json(progress), "status": "failed", "error": f"{type(error).__name__}: {error}"})
        raise
    return 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    stop = StopSignal().install() if args.run_dir else None
    if args.mixed_precision:
        keras.mixed_precision.set_global_policy("mixed_float16")
    if args.threads:
        tf.config.threading.set_intra_op_parallelism_threads(args.threads)
        tf.config.threading.set_inter_op_parallelism_threads(args.threads)
    try:
        mnist = data.load_mnist()
    except data.MnistUnavailableError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    if args.train_limit:
        limit = args.train_limit
        mnist = data.Mnist(mnist.x_train[:limit], mnist.y_train[:limit], mnist.x_test, mnist.y_test)
    keys = list(VARIANTS) if args.variant == "all" else [args.variant]
    verbose = 1 if sys.stdout.isatty() else 2  # a live progress bar in a terminal, one line per epoch in logs
    for key in keys:
        variant = get_variant(key)
        base = variant.recipe if args.recipe == "improved" else variant.article_recipe
        recipe = base.with_overrides(
            epochs=args.epochs,
            batch_size=args.batch_size,
            learning_rate=args.learning_rate,
            noise_factor=args.noise_factor,
        )
        if args.estimate:
            print(json.dumps(estimate(variant, recipe, mnist)))
            return 0
        if stop is not None:
            code = train_run(variant, recipe, mnist, args, stop)
            # Every file is written and closed; TensorFlow's own teardown took ~3 s, which Stop
            # cannot afford (it must end within 5 s), so leave without it.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
        started = time.perf_counter()
        metadata = train_variant(variant, recipe, mnist, args.out, args.resume, verbose, args.finalize)
        wall_seconds = round(time.perf_counter() - started, 1)
        print(json.dumps({"variant": key, "test": metadata["test"], "wall_seconds": wall_seconds}))
    return 0
