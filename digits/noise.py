"""The article's noise: `clip(x + N(mean=0.5, std=noise_factor), 0, 1)`.

Note the mean of 0.5: besides adding grain, the article's noise brightens the whole image.
`add_noise` is the seeded NumPy version the app and the evaluation use; training draws
fresh noise for every batch with the Keras layer in `training.noise_layer` (kept apart so
that the app imports no Keras).

`add_noise` writes the same noise as `clip(x + mean + noise_factor * z, 0, 1)`, with `z` one
fixed standard-normal pattern per seed (`noise_pattern`): moving the noise factor then only
scales the same grain, and the browser, given `z`, computes the very same float32 pixels
(ui/components/noise_slider.js: every step rounded to float32 in NumPy's order).
"""

from __future__ import annotations

import numpy as np

ARTICLE_NOISE_MEAN = 0.5
DEFAULT_NOISE_FACTOR = 0.5


def add_noise(
    images: np.ndarray,
    noise_factor: float = DEFAULT_NOISE_FACTOR,
    seed: int | None = 0,
    mean: float = ARTICLE_NOISE_MEAN,
) -> np.ndarray:
    """Add Gaussian noise N(mean, noise_factor) and clip to [0, 1]; the same seed gives the same noise.

    Computed as `clip(x + (mean + noise_factor * z), 0, 1)` in float32, `z = noise_pattern(seed)`.
    """
    if noise_factor < 0:
        raise ValueError(f"noise_factor must be >= 0, got {noise_factor}")
    images = np.asarray(images, dtype=np.float32)
    z = noise_pattern(images.shape, seed)
    noise = np.float32(mean) + np.float32(noise_factor) * z
    return np.clip(images + noise, 0.0, 1.0)


def noise_pattern(shape: tuple[int, ...], seed: int | None = 0) -> np.ndarray:
    """The standard-normal float32 pattern `z` that `add_noise` scales for this seed."""
    return np.random.default_rng(seed).standard_normal(size=shape).astype(np.float32)
