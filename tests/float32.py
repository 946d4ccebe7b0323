"""How close two float32 results must be to count as the same, on any CPU.

Two correct float32 computations of one layer differ by rounding: BLAS kernels sum in
different orders (AVX2 or AVX-512, one thread or several), and each order rounds
differently. The rounding grows with the size of the values summed, so a fixed bound that
fits a sigmoid's outputs near 1 is only a few float32 steps for a code near 16 (one step
there is 2e-6) and fails on the next machine. The bound here is relative to the largest
magnitude in the expected array: 1e-5 of it (about 80 float32 steps at that magnitude, some
fifteen times the largest difference seen between two CPUs), and 1e-5 absolute for arrays
of values below 1. A weight off by 1e-3 moves outputs by far more: the unit tests check
that this bound catches one (tests/unit/test_inference.py).
"""

from __future__ import annotations

import numpy as np

RELATIVE = 1e-5


def float32_tolerance(expected: np.ndarray, relative: float = RELATIVE) -> float:
    """`relative` times the largest magnitude in `expected`, and never less than `relative` itself."""
    return relative * max(1.0, float(np.abs(expected).max()))


def assert_float32_close(actual: np.ndarray, expected: np.ndarray, relative: float = RELATIVE) -> None:
    """Fail unless every value of `actual` is within `float32_tolerance(expected)` of `expected`."""
    actual, expected = np.asarray(actual, np.float64), np.asarray(expected, np.float64)
    assert actual.shape == expected.shape, f"shapes differ: {actual.shape} and {expected.shape}"
    tolerance = float32_tolerance(expected, relative)
    worst = float(np.abs(actual - expected).max())
    assert worst <= tolerance, (
        f"largest difference {worst:.3g} is over {tolerance:.3g} "
        f"({relative:g} of the largest magnitude {float(np.abs(expected).max()):.3g})"
    )
