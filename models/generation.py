"""Generating digits from 2-number codes: where to look on the plane, and codes drawn at random.

The article's last question, "can we generate digits from codes at will?", answered with the
two plane variants (`ae2`, `vae2`): a grid of codes over each plane (the manifold picture), and
codes drawn at random. A VAE was trained to keep its codes near N(0, I), so its grid follows that
distribution's quantiles and its random codes come from it; a plain autoencoder promised nothing,
so the fairest draw for it is a Gaussian with the mean and spread of its own test codes.
"""

from __future__ import annotations

from statistics import NormalDist

import numpy as np

# The grid's quantiles stop short of 0 and 1 (where N(0, 1)'s quantiles are infinite).
GRID_QUANTILES = (0.05, 0.95)
# A plain autoencoder's grid spans this much of its codes, by percentile: the tails are a few lone dots.
PLAIN_PERCENTILES = (1.0, 99.0)


def normal_grid(steps: int) -> np.ndarray:
    """`steps` coordinates at evenly spaced quantiles of N(0, 1), as the keras.io VAE example draws."""
    return np.array([NormalDist().inv_cdf(q) for q in np.linspace(*GRID_QUANTILES, steps)], dtype=np.float32)


def range_grid(codes: np.ndarray, steps: int) -> tuple[np.ndarray, np.ndarray]:
    """`steps` coordinates along each of the codes' two axes, over the 1st to the 99th percentile."""
    low, high = np.percentile(np.asarray(codes, dtype=np.float32), PLAIN_PERCENTILES, axis=0)
    return (
        np.linspace(low[0], high[0], steps, dtype=np.float32),
        np.linspace(low[1], high[1], steps, dtype=np.float32),
    )


def grid_codes(xs: np.ndarray, ys: np.ndarray) -> np.ndarray:
    """Every (x, y) of the grid as a code, row by row from the top (largest y first, as on screen)."""
    return np.array([[x, y] for y in ys[::-1] for x in xs], dtype=np.float32)


def standard_normal_codes(count: int, size: int, rng: np.random.Generator) -> np.ndarray:
    """Codes drawn from N(0, I): what a VAE's decoder was trained to read."""
    return rng.standard_normal((count, size)).astype(np.float32)


def codes_like(codes: np.ndarray, count: int, rng: np.random.Generator) -> np.ndarray:
    """Codes drawn from a Gaussian with the mean and the covariance of `codes` (a plain autoencoder's)."""
    codes = np.asarray(codes, dtype=np.float64)
    return rng.multivariate_normal(codes.mean(axis=0), np.cov(codes, rowvar=False), size=count).astype(np.float32)


# A code lies in a hole of the code space when it is farther from every test code than this share
# of the test codes are from their own nearest neighbour.
HOLE_PERCENTILE = 99.0
HOLE_REFERENCE = 3000  # test codes used to measure the usual gap between neighbours


def hole_distance(codes: np.ndarray) -> float:
    """How far from its nearest neighbour a test code lies at most, bar the loneliest 1%."""
    reference = np.asarray(codes[:HOLE_REFERENCE], dtype=np.float64)
    distances = np.linalg.norm(reference[:, None] - reference[None], axis=-1)
    np.fill_diagonal(distances, np.inf)
    return float(np.percentile(distances.min(axis=1), HOLE_PERCENTILE))


def in_holes(samples: np.ndarray, codes: np.ndarray, limit: float) -> np.ndarray:
    """For each sampled code, whether it lies farther than `limit` from every test code: in a hole,
    where the decoder never saw a digit's code."""
    samples, codes = np.asarray(samples, dtype=np.float64), np.asarray(codes, dtype=np.float64)
    nearest = np.array([np.linalg.norm(codes - sample, axis=1).min() for sample in samples])
    return nearest > limit
