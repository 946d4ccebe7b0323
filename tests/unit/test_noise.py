"""The article's noise: shifted by +0.5 on average, clipped to [0, 1], reproducible by seed."""

import numpy as np
import pytest

from digits.noise import add_noise, noise_pattern
from training.noise_layer import ArticleNoise


def test_noise_has_the_article_mean_shift():
    grey = np.full((200, 28, 28, 1), 0.25, dtype=np.float32)
    noisy = add_noise(grey, noise_factor=0.05, seed=1)
    # With little spread nothing is clipped, so the mean moves by exactly the 0.5 shift.
    assert noisy.mean() == pytest.approx(0.75, abs=1e-3)
    assert (noisy - grey).std() == pytest.approx(0.05, abs=1e-3)


def test_zero_mean_option_keeps_brightness():
    grey = np.full((200, 28, 28, 1), 0.5, dtype=np.float32)
    assert add_noise(grey, 0.05, seed=1, mean=0.0).mean() == pytest.approx(0.5, abs=1e-3)


def test_noise_is_clipped_to_the_unit_interval():
    images = np.random.default_rng(0).random((50, 28, 28, 1), dtype=np.float32)
    noisy = add_noise(images, noise_factor=1.0, seed=3)
    assert noisy.min() == 0.0 and noisy.max() == 1.0
    assert noisy.dtype == np.float32 and noisy.shape == images.shape


def test_same_seed_same_noise_other_seed_other_noise():
    images = np.zeros((5, 28, 28, 1), dtype=np.float32)
    assert np.array_equal(add_noise(images, seed=7), add_noise(images, seed=7))
    assert not np.array_equal(add_noise(images, seed=7), add_noise(images, seed=8))


def test_negative_noise_factor_is_refused():
    with pytest.raises(ValueError):
        add_noise(np.zeros((28, 28)), noise_factor=-0.1)


def test_layer_adds_noise_only_while_training():
    layer = ArticleNoise(noise_factor=0.1, seed=0)
    images = np.full((64, 28, 28, 1), 0.2, dtype=np.float32)
    assert np.array_equal(layer(images, training=False), images)
    noisy = np.asarray(layer(images, training=True))
    assert noisy.mean() == pytest.approx(0.7, abs=0.01)
    assert noisy.min() >= 0.0 and noisy.max() <= 1.0


def test_one_pattern_per_seed_scaled_by_the_factor():
    images = np.full((3, 28, 28, 1), 0.4, dtype=np.float32)
    z = noise_pattern(images.shape, seed=11)
    for factor in (0.0, 0.05, 0.3):
        expected = np.clip(images + (np.float32(0.5) + np.float32(factor) * z), 0.0, 1.0)
        assert np.array_equal(add_noise(images, factor, seed=11), expected)
    # Without clipping (tiny factor, zero mean) the noise is exactly factor * z.
    small = add_noise(images, 0.01, seed=11, mean=0.0) - images
    np.testing.assert_allclose(small, 0.01 * z, atol=1e-6)
    assert abs(float(z.mean())) < 0.05 and abs(float(z.std()) - 1.0) < 0.05
