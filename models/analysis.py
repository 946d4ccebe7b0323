"""Numbers the app shows about codes and errors: statistics, PCA maps, interpolation, noise curves.

All pure NumPy on top of `models.inference`, so every figure can be checked in a test.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from digits.noise import add_noise
from models.inference import TrainedVariant, decode, encode, reconstruct
from models.metrics import binary_cross_entropy


@dataclass(frozen=True)
class CodeStatistics:
    """What the test set's codes look like, dimension by dimension (codes flattened)."""

    codes: np.ndarray  # (N, code_size)
    labels: np.ndarray
    mean: np.ndarray
    low: np.ndarray
    high: np.ndarray
    errors: np.ndarray  # reconstruction BCE of each test digit, sorted ascending

    def percentile_of_error(self, error: float) -> float:
        """Share of test digits (in %) that the model reconstructs better than this one."""
        return 100.0 * np.searchsorted(self.errors, error) / len(self.errors)


def code_statistics(trained: TrainedVariant, images: np.ndarray, labels: np.ndarray) -> CodeStatistics:
    codes = encode(trained, images).reshape(len(images), -1)
    errors = binary_cross_entropy(images, decode(trained, codes.reshape(-1, *trained.variant.code_shape)))
    return CodeStatistics(
        codes=codes,
        labels=labels,
        mean=codes.mean(axis=0),
        low=codes.min(axis=0),
        high=codes.max(axis=0),
        errors=np.sort(errors),
    )


def random_code(stats: CodeStatistics, rng: np.random.Generator) -> np.ndarray:
    """A code whose every dimension is drawn from that dimension's test-set values."""
    rows = rng.integers(0, len(stats.codes), size=stats.codes.shape[1])
    return stats.codes[rows, np.arange(stats.codes.shape[1])]


def one_dimension_at_max(stats: CodeStatistics) -> np.ndarray:
    """The article's sparse experiment: the mean code with one dimension at a time set to its maximum."""
    codes = np.repeat(stats.mean[np.newaxis], len(stats.mean), axis=0)
    codes[np.arange(len(stats.mean)), np.arange(len(stats.mean))] = stats.high
    return codes


def interpolate(start: np.ndarray, end: np.ndarray, steps: int = 8) -> np.ndarray:
    """`steps` evenly spaced points from `start` to `end`, both included."""
    weights = np.linspace(0.0, 1.0, steps, dtype=np.float32).reshape(-1, *([1] * np.ndim(start)))
    return (1.0 - weights) * np.asarray(start, np.float32) + weights * np.asarray(end, np.float32)


@dataclass(frozen=True)
class Projection:
    """A linear 2-D map of codes (PCA), invertible back into code space for decoding."""

    mean: np.ndarray
    axes: np.ndarray  # (2, code_size), orthonormal rows
    explained: np.ndarray  # share of variance along each axis

    def to_map(self, codes: np.ndarray) -> np.ndarray:
        return (np.asarray(codes).reshape(len(codes), -1) - self.mean) @ self.axes.T

    def to_code(self, point: np.ndarray) -> np.ndarray:
        return self.mean + np.asarray(point) @ self.axes


def pca(codes: np.ndarray) -> Projection:
    centred = codes - codes.mean(axis=0)
    _, singular, vt = np.linalg.svd(centred, full_matrices=False)
    variance = singular**2
    return Projection(codes.mean(axis=0), vt[:2], variance[:2] / variance.sum())


def noise_error_curve(
    trained: TrainedVariant, images: np.ndarray, factors: np.ndarray, seed: int = 0, mean: float = 0.5
) -> np.ndarray:
    """Mean BCE of the clean digits against what the model makes of their noisy copies, per factor."""
    return np.array(
        [
            binary_cross_entropy(images, reconstruct(trained, add_noise(images, factor, seed=seed, mean=mean))).mean()
            for factor in factors
        ]
    )
