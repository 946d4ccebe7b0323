"""One score, one direction, for "how MNIST-like is this digit?": on every Reconstruct row and in the meter.

The score is out of 100: of every 100 MNIST test digits, how many a model copies worse than
this one. Higher is more MNIST-like. Each row shows its model's score; the meter shows the
middle one of the models' scores (the median). An ordinary test digit scores around 50 (half
of them are copied better, half worse); 0 means every test digit is copied better. The words
are chosen from the same number, so they cannot disagree with it. Texts are in the reader's
language (i18n); the score is a whole number, so it reads the same in both.
"""

from __future__ import annotations

import numpy as np

from i18n import _

# At or above TYPICAL the digit is copied as well as an ordinary test digit; below UNUSUAL it is
# copied worse than 95 in 100 of them.
TYPICAL, UNUSUAL = 25.0, 5.0


def likeness_score(percent_copied_better: float) -> float:
    """From a model's "% of test digits copied better" to its score: how many in 100 are copied worse."""
    return 100.0 - float(percent_copied_better)


def meter_score(percents_copied_better: list[float]) -> float:
    """The meter's score: the middle (median) of the models' scores."""
    return float(np.median([likeness_score(p) for p in percents_copied_better]))


def row_text(score: float) -> str:
    """A Reconstruct row's line: the same score and words as the meter, for one model."""
    return _("MNIST-like: **{score}** of 100 (copied better than {score} in 100 test digits)").format(
        score=f"{score:.0f}"
    )


def meter_label(score: float) -> str:
    return _("MNIST-like: {score} of 100").format(score=f"{score:.0f}")


def verdict(score: float) -> str:
    """One sentence for the score (0 to 100)."""
    if score >= TYPICAL:
        return _("The models copy it about as well as an ordinary test digit: it looks like MNIST to them.")
    if score >= UNUSUAL:
        return _(
            "The models copy it worse than most test digits: it is unusual for MNIST (a style, size or "
            "thickness they rarely saw), though still digit-like to them."
        )
    return _(
        "The models copy it worse than almost every test digit: it is not like what they learned. "
        "An autoencoder only works on data like its training data."
    )


def explanation(score: float) -> str:
    """What the score is, with the score in it."""
    return _(
        "Score {score} of 100: of every 100 MNIST test digits, {score} are copied worse than yours "
        "(the middle score of the models; higher is more MNIST-like). An ordinary test digit scores "
        "around 50, because half of them are copied better and half worse; 0 means every one is copied better."
    ).format(score=f"{score:.0f}")
