"""Generating digits from 2-number codes: the grids, the random draws, and the point of the Generate page."""

from __future__ import annotations

from statistics import NormalDist

import numpy as np
import pytest

from models import analysis, generation
from models.inference import decode, encode, load_variant, reconstruct
from models.metrics import binary_cross_entropy

SAMPLES = 256


def test_the_vae_grid_follows_the_normal_quantiles_and_the_plain_grid_its_codes():
    steps = generation.normal_grid(12)
    assert len(steps) == 12 and np.allclose(steps, -steps[::-1], atol=1e-6)  # symmetric about 0
    assert steps[0] == pytest.approx(NormalDist().inv_cdf(0.05), abs=1e-6)
    codes = np.random.default_rng(0).normal([3.0, -5.0], [1.0, 4.0], size=(5000, 2))
    xs, ys = generation.range_grid(codes, 5)
    assert xs[0] == pytest.approx(np.percentile(codes[:, 0], 1), rel=1e-5)
    assert ys[-1] == pytest.approx(np.percentile(codes[:, 1], 99), rel=1e-5)
    grid = generation.grid_codes(xs, ys)
    assert grid.shape == (25, 2) and grid[0].tolist() == [xs[0], ys[-1]]  # top-left first, as on screen


def test_codes_like_draws_from_a_gaussian_with_the_codes_mean_and_spread():
    codes = np.random.default_rng(1).multivariate_normal([2.0, -1.0], [[4.0, 1.0], [1.0, 1.0]], size=20_000)
    drawn = generation.codes_like(codes, 20_000, np.random.default_rng(2))
    assert np.allclose(drawn.mean(axis=0), codes.mean(axis=0), atol=0.05)
    assert np.allclose(np.cov(drawn, rowvar=False), np.cov(codes, rowvar=False), atol=0.1)


def test_a_code_far_from_every_test_code_is_in_a_hole():
    codes = np.random.default_rng(3).uniform(-1, 1, size=(4000, 2))
    limit = generation.hole_distance(codes)
    assert 0 < limit < 0.2
    samples = np.array([[0.0, 0.0], [5.0, 5.0], [1.5, 0.0]])
    assert generation.in_holes(samples, codes, limit).tolist() == [False, True, True]


def mnist_likeness(images: np.ndarray, deep, stats: analysis.CodeStatistics) -> np.ndarray:
    """The meter's score of each picture: of 100 test digits, how many the deep model copies worse."""
    errors = binary_cross_entropy(images, reconstruct(deep, images))
    return np.array([100.0 - stats.percentile_of_error(error) for error in errors])


@pytest.mark.needs_mnist
def test_random_codes_land_in_holes_of_the_plain_code_space_and_rarely_in_the_vaes(mnist):
    """The point of the Generate page: random codes for the plain autoencoder (a Gaussian fitted to
    its own test codes) often fall where no test digit's code lies; the VAE's N(0, I) codes rarely do.

    The meter's score is printed too: it judges a picture by how well the deep model copies it,
    which a blurry picture never is (its grey pixels cost entropy), so it cannot tell these apart."""
    ae2, vae2, deep = load_variant("ae2"), load_variant("vae2"), load_variant("deep")
    rng = np.random.default_rng(2024)
    vae_codes, plain_codes = encode(vae2, mnist.x_test), encode(ae2, mnist.x_test)
    from_vae = generation.standard_normal_codes(SAMPLES, 2, rng)
    from_plain = generation.codes_like(plain_codes, SAMPLES, rng)
    vae_holes = generation.in_holes(from_vae, vae_codes, generation.hole_distance(vae_codes)).mean()
    plain_holes = generation.in_holes(from_plain, plain_codes, generation.hole_distance(plain_codes)).mean()
    stats = analysis.code_statistics(deep, mnist.x_test[:2000], mnist.y_test[:2000])
    medians = [np.median(mnist_likeness(decode(m, c), deep, stats)) for m, c in ((vae2, from_vae), (ae2, from_plain))]
    print(
        f"{SAMPLES} random codes in holes: VAE {vae_holes:.1%}, plain {plain_holes:.1%}; "
        f"median meter score: VAE {medians[0]:.1f}, plain {medians[1]:.1f}"
    )
    assert plain_holes >= 0.05 and vae_holes <= plain_holes / 4, (vae_holes, plain_holes)
