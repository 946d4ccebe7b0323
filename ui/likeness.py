"""The Reconstruct page's "How MNIST-like is this?" meter: what its number means, in words that follow it.

The number is the share of MNIST test digits that the models copy worse than this digit
(the median over the models). A typical test digit scores about 50%; 0% means every test
digit is copied better. The words are chosen from the same number, so they cannot disagree.
"""

from __future__ import annotations

import numpy as np

# At or above TYPICAL the digit is copied as well as an ordinary test digit; below UNUSUAL it is
# copied worse than 95% of them.
TYPICAL, UNUSUAL = 25.0, 5.0


def share_copied_worse(percentiles_better: list[float]) -> float:
    """From each model's "% of test digits copied better" to the median "% of test digits copied worse"."""
    return 100.0 - float(np.median(percentiles_better))


def verdict(share: float) -> str:
    """One sentence for the meter's number (0 to 100)."""
    if share >= TYPICAL:
        return "The models copy it about as well as an ordinary test digit: it looks like MNIST to them."
    if share >= UNUSUAL:
        return (
            "The models copy it worse than most test digits: it is unusual for MNIST (a style, size or "
            "thickness they rarely saw), though still digit-like to them."
        )
    return (
        "The models copy it worse than almost every test digit: it is not like what they learned. "
        "An autoencoder only works on data like its training data."
    )


def explanation(share: float) -> str:
    """What the number is, with the number in it."""
    return (
        f"{share:.0f}% of MNIST's test digits are copied worse than this one (the median over the models); "
        "a typical test digit scores about 50%, and 0% means every test digit is copied better."
    )
