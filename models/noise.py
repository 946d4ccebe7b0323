"""The denoising tutorial's noise: `clip(x + N(mean=0.5, std=noise_factor), 0, 1)`.

Note the mean of 0.5: besides adding grain, the tutorial's noise brightens the whole image.
`add_noise` is the seeded NumPy version the app and the evaluation use; training draws
fresh noise for every batch with the Keras layer in `models.noise_layer` (kept apart so
that the app imports no Keras).
"""

from __future__ import annotations

import numpy as np

TUTORIAL_NOISE_MEAN = 0.5
DEFAULT_NOISE_FACTOR = 0.5


def add_noise(
    images: np.ndarray,
    noise_factor: float = DEFAULT_NOISE_FACTOR,
    seed: int | None = 0,
    mean: float = TUTORIAL_NOISE_MEAN,
) -> np.ndarray:
    """Add Gaussian noise N(mean, noise_factor) and clip to [0, 1]; the same seed gives the same noise."""
    if noise_factor < 0:
        raise ValueError(f"noise_factor must be >= 0, got {noise_factor}")
    rng = np.random.default_rng(seed)
    images = np.asarray(images, dtype=np.float32)
    noise = rng.normal(loc=mean, scale=noise_factor, size=images.shape).astype(np.float32)
    return np.clip(images + noise, 0.0, 1.0)
