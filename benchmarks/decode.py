"""How long one single-code decode takes, by `predict`, by a plain model call and by the fast path.

A slider in the app decodes one code per move, so what matters is the latency of a single
call. For every variant this times (a) `decoder.predict(code[None], verbose=0)`, (b) the
plain call `decoder(code[None], training=False)` and (c) `models.inference.decode`, each
warmed up first, and prints the median and 90th percentile in a Markdown table with the
issue's budgets: fast path ≤ 50 µs for the dense-only decoders, ≤ 2 ms for the
convolutional one, and at least 20× faster than `predict` for every variant.

Uses the shipped weights when they load and an untrained build otherwise (the timings do
not depend on the weights' values); the table says which.

    python -m benchmarks.decode
    python -m benchmarks.decode --repeats-scale 0.2 --variants dense,conv   # a quick look
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of the table

import keras
import numpy as np
import tensorflow as tf

from models.inference import TrainedVariant, decode
from models.registry import VARIANTS, Variant
from models.weights import WeightsError, load_autoencoder

# Calls per method at --repeats-scale 1: predict is slow, the fast path is fast enough to repeat often.
REPEATS = {"predict": 50, "call": 200, "fast": 2000}
WARM_UP_FRACTION = 0.1  # warm-up calls, as a fraction of the timed ones (at least 3)
FAST_BUDGET_NS = {"conv": 2_000_000}  # convolutions: more arithmetic per call
DENSE_FAST_BUDGET_NS = 50_000  # a dense decoder: a few small matrix products
MIN_SPEED_UP = 20.0


@dataclass(frozen=True)
class Timing:
    median_ns: float
    p90_ns: float


def time_calls(call: Callable[[], object], repeats: int) -> Timing:
    """Warm `call` up, then time `repeats` single calls with perf_counter_ns."""
    for _ in range(max(3, int(repeats * WARM_UP_FRACTION))):
        call()
    samples = []
    for _ in range(repeats):
        started = time.perf_counter_ns()
        call()
        samples.append(time.perf_counter_ns() - started)
    return Timing(statistics.median(samples), float(np.percentile(samples, 90)))


def load_or_build(variant: Variant) -> tuple[TrainedVariant, keras.Model, str]:
    """The NumPy variant and its Keras decoder, with shipped weights if they load; also say which."""
    try:
        models, source = load_autoencoder(variant.key), "trained weights"
    except WeightsError:
        models, source = variant.build(), "untrained build (no weights)"
    return TrainedVariant.from_keras(variant, models), models.decoder, source


def format_ns(nanoseconds: float) -> str:
    if nanoseconds < 1_000_000:
        return f"{nanoseconds / 1_000:.1f} µs"
    return f"{nanoseconds / 1_000_000:.2f} ms"


def fast_budget_ns(key: str) -> int:
    return FAST_BUDGET_NS.get(key, DENSE_FAST_BUDGET_NS)


def benchmark_variant(variant: Variant, scale: float) -> tuple[dict[str, Timing], str]:
    trained, decoder, source = load_or_build(variant)
    code = np.abs(np.random.default_rng(0).normal(size=variant.code_shape)).astype(np.float32)
    methods = {
        "predict": lambda: decoder.predict(code[None], verbose=0),
        "call": lambda: decoder(code[None], training=False),
        "fast": lambda: decode(trained, code),
    }
    timings = {name: time_calls(call, max(5, round(REPEATS[name] * scale))) for name, call in methods.items()}
    return timings, source


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.decode", description=__doc__.splitlines()[0])
    parser.add_argument(
        "--repeats-scale",
        type=float,
        default=1.0,
        help=f"multiply the timed calls per method ({', '.join(f'{k} {v}' for k, v in REPEATS.items())}) by this",
    )
    parser.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated variant keys (default: all)")
    args = parser.parse_args(argv)
    args.variants = [key.strip() for key in args.variants.split(",") if key.strip()]
    unknown = [key for key in args.variants if key not in VARIANTS]
    if unknown:
        parser.error(f"unknown variant(s) {', '.join(unknown)}; choose from {', '.join(VARIANTS)}")
    if args.repeats_scale <= 0:
        parser.error("--repeats-scale must be positive")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, load average {load} "
        f"(1, 5, 15 min); TensorFlow {tf.__version__}, Keras {keras.__version__}, NumPy {np.__version__}"
    )
    print(
        "Timed calls per method: "
        + ", ".join(f"{k} {max(5, round(v * args.repeats_scale))}" for k, v in REPEATS.items())
        + "; medians (p90 in brackets).\n"
    )

    rows, failures = [], 0
    for key in args.variants:
        variant = VARIANTS[key]
        timings, source = benchmark_variant(variant, args.repeats_scale)
        speed_up = timings["predict"].median_ns / timings["fast"].median_ns
        passed = timings["fast"].median_ns <= fast_budget_ns(key) and speed_up >= MIN_SPEED_UP
        failures += not passed
        cells = [f"{format_ns(t.median_ns)} ({format_ns(t.p90_ns)})" for t in timings.values()]
        rows.append([key, *cells, f"{speed_up:,.0f}×", "PASS" if passed else "FAIL", source])

    header = ["variant", "predict", "model call", "fast path", "speed-up vs predict", "budget", "weights"]
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join("---" for _ in header) + "|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    dense_keys = ", ".join(key for key in VARIANTS if key not in FAST_BUDGET_NS)
    print(
        f"\nBudgets: fast path ≤ {format_ns(DENSE_FAST_BUDGET_NS)} for {dense_keys}; "
        + "; ".join(f"≤ {format_ns(ns)} for {key}" for key, ns in FAST_BUDGET_NS.items())
        + f"; and ≥ {MIN_SPEED_UP:.0f}× faster than predict for every variant (medians)."
    )
    print("All within budget." if not failures else f"{failures} variant(s) over budget.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
