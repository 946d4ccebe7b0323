"""Test-set metrics of a trained variant, computed the same way for training and for checks.

The denoising variant is judged on what it is for: noisy test digits (the article's noise,
factor 0.5, a fixed seed) against the clean originals.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from digits.noise import add_noise
from models.metrics import binary_cross_entropy, mean_squared_error
from models.registry import Variant

EVALUATION_NOISE_SEED = 2024
SUBSET_SIZE = 1000


def evaluation_inputs(variant: Variant, images: np.ndarray) -> np.ndarray:
    """What the variant is fed when it is scored: noisy digits for the denoiser, else the digits."""
    if variant.is_denoising:
        return add_noise(images, variant.recipe.noise_factor, seed=EVALUATION_NOISE_SEED)
    return images


def evaluate(variant: Variant, reconstruct: Callable[[np.ndarray], np.ndarray], images: np.ndarray) -> dict:
    """BCE and MSE of `reconstruct` on `images` (and on their first 1,000, for quick re-checks)."""
    outputs = reconstruct(evaluation_inputs(variant, images))
    bce = binary_cross_entropy(images, outputs)
    mse = mean_squared_error(images, outputs)
    described_input = "clean"
    if variant.is_denoising:
        described_input = f"noisy (factor {variant.recipe.noise_factor}, seed {EVALUATION_NOISE_SEED})"
    return {
        "images": len(images),
        "input": described_input,
        "bce": float(bce.mean()),
        "mse": float(mse.mean()),
        "bce_first_1000": float(bce[:SUBSET_SIZE].mean()),
    }
