"""How sparse does the sparse autoencoder's code get for a given L1 penalty? Prints a table.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m scripts.sparse_penalty [--epochs 15] [--train 20000]

A short, equal training run (the sparse architecture, Adam, batch 256) for each penalty, then,
on the 2,000 test digits the app uses for its statistics: the test BCE and how the code values
spread relative to each digit's largest one. The shipped weights are measured too, for scale;
they are never written. The Models page quotes a run of this script.
"""

from __future__ import annotations

import argparse
import time

import keras
import numpy as np

from digits import data
from models import architectures
from models.inference import load_variant
from models.metrics import binary_cross_entropy
from ui.charts import relative_code_values

STATISTICS_SIZE = 2000


def describe(codes: np.ndarray, bce: float) -> dict:
    relative = relative_code_values(codes)
    return {
        "test BCE": bce,
        "exactly 0": float((codes == 0).mean()),
        "< 0.01 of max": float((relative < 0.01).mean()),
        "< 0.1 of max": float((relative < 0.1).mean()),
        "dims >= 0.1 of max": float((relative >= 0.1).reshape(len(codes), -1).sum(axis=1).mean()),
    }


def short_run(penalty: float, train: np.ndarray, test: np.ndarray, epochs: int, seed: int) -> dict:
    keras.utils.set_random_seed(seed)
    built = architectures.build_deep_dense(
        "sparse", units=(48, 32, 16), code_regularizer=keras.regularizers.L1(penalty) if penalty else None
    )
    built.autoencoder.compile(optimizer=keras.optimizers.Adam(2e-3), loss="binary_crossentropy")
    built.autoencoder.fit(train, train, epochs=epochs, batch_size=256, verbose=0)
    codes = built.encoder.predict(test, verbose=0, batch_size=1000)
    output = built.decoder.predict(codes, verbose=0, batch_size=1000)
    return describe(codes, float(binary_cross_entropy(test, output).mean()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--train", type=int, default=20_000, help="training digits used")
    parser.add_argument("--penalties", type=float, nargs="+", default=[0.0, 1e-5, 1e-4, 1e-3])
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    mnist = data.load_mnist()
    train, test = mnist.x_train[: args.train], mnist.x_test[:STATISTICS_SIZE]
    rows = {}
    for key in ("sparse", "deep"):
        shipped = load_variant(key)
        codes = shipped.models.encoder.predict(test, verbose=0, batch_size=1000)
        output = shipped.models.decoder.predict(codes, verbose=0, batch_size=1000)
        rows[f"shipped {key}"] = describe(
            codes.reshape(len(test), -1), float(binary_cross_entropy(test, output).mean())
        )
    for penalty in args.penalties:
        started = time.perf_counter()
        rows[f"L1 {penalty:g}, {args.epochs} ep"] = short_run(penalty, train, test, args.epochs, args.seed)
        rows[f"L1 {penalty:g}, {args.epochs} ep"]["seconds"] = time.perf_counter() - started

    columns = ["test BCE", "exactly 0", "< 0.01 of max", "< 0.1 of max", "dims >= 0.1 of max", "seconds"]
    print(f"{'model':<22}" + "".join(f"{c:>20}" for c in columns))
    for name, row in rows.items():
        cells = []
        for column in columns:
            value = row.get(column)
            cells.append(
                f"{'':>20}"
                if value is None
                else f"{value:>20.4f}"
                if column == "test BCE"
                else f"{value:>20.1f}"
                if column in ("dims >= 0.1 of max", "seconds")
                else f"{value:>19.1%} "
            )
        print(f"{name:<22}" + "".join(cells))


if __name__ == "__main__":
    main()
