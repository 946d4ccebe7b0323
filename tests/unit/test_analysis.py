"""Statistics, maps and curves the app shows, checked against plain NumPy references."""

import numpy as np
import pytest

from models import analysis
from models.inference import TrainedVariant, load_variant
from models.registry import get_variant
from tests.float32 import assert_float32_close


@pytest.fixture(scope="module")
def untrained_dense(built) -> TrainedVariant:
    """The dense architecture with its initial random weights: enough for statistics that hold for any model."""
    return TrainedVariant.from_keras(get_variant("dense"), built("dense"))


@pytest.fixture(scope="module")
def stats(untrained_dense) -> analysis.CodeStatistics:
    images = np.random.default_rng(0).random((64, 28, 28, 1), dtype=np.float32)
    return analysis.code_statistics(untrained_dense, images, np.arange(64) % 10)


def test_code_statistics_describe_each_dimension(stats):
    assert stats.codes.shape == (64, 49)
    assert_float32_close(stats.mean, stats.codes.mean(axis=0))
    assert (stats.low <= stats.mean).all() and (stats.mean <= stats.high).all()
    assert (np.diff(stats.errors) >= 0).all()


def test_percentile_of_error_counts_better_reconstructions(stats):
    assert stats.percentile_of_error(-1.0) == 0.0
    assert stats.percentile_of_error(np.inf) == 100.0
    assert stats.percentile_of_error(float(np.median(stats.errors))) == pytest.approx(50, abs=2)


def test_random_code_takes_each_dimension_from_its_test_values(stats):
    code = analysis.random_code(stats, np.random.default_rng(1))
    assert code.shape == (49,)
    assert all(code[d] in stats.codes[:, d] for d in range(49))


def test_one_dimension_at_max_changes_exactly_one_dimension(stats):
    codes = analysis.one_dimension_at_max(stats)
    assert codes.shape == (49, 49)
    # Row d differs from the mean code in dimension d and nowhere else (unless that dimension's
    # maximum is its mean, as for a dimension that is always 0: then the row is the mean code).
    changed = codes != stats.mean
    np.testing.assert_array_equal(changed, np.diag(stats.high != stats.mean))
    np.testing.assert_array_equal(np.diag(codes), stats.high)


def test_interpolation_runs_from_start_to_end():
    start, end = np.zeros((7, 7, 1)), np.ones((7, 7, 1))
    path = analysis.interpolate(start, end, steps=8)
    assert path.shape == (8, 7, 7, 1)
    np.testing.assert_array_equal(path[0], start)
    np.testing.assert_array_equal(path[-1], end)
    np.testing.assert_allclose(path[:, 0, 0, 0], np.linspace(0, 1, 8), rtol=1e-6)


def test_pca_matches_numpy_covariance_eigenvectors():
    rng = np.random.default_rng(2)
    codes = rng.normal(size=(500, 5)) * np.array([5.0, 2.0, 1.0, 0.5, 0.1])
    projection = analysis.pca(codes)
    eigenvalues, eigenvectors = np.linalg.eigh(np.cov(codes, rowvar=False))
    top = eigenvectors[:, ::-1][:, :2].T
    np.testing.assert_allclose(np.abs(projection.axes @ top.T), np.eye(2), atol=1e-6)
    assert projection.explained[0] == pytest.approx(eigenvalues[-1] / eigenvalues.sum(), rel=1e-6)
    # A point on the map goes back to a code on the plane through the mean.
    point = projection.to_map(codes[:1])[0]
    np.testing.assert_allclose(projection.to_map(projection.to_code(point)[np.newaxis])[0], point, atol=1e-9)


def test_noise_curve_rises_with_noise(mnist):
    """The plain model's error grows with the noise; the denoiser, trained on noisy digits, beats it there."""
    plain, denoiser = load_variant("dense"), load_variant("denoise")
    images = mnist.x_test[:200]
    factors = np.array([0.0, 0.25, 0.5, 1.0])
    plain_curve = analysis.noise_error_curve(plain, images, factors)
    assert plain_curve.shape == (4,) and np.isfinite(plain_curve).all()
    assert (np.diff(plain_curve) > 0).all(), plain_curve
    trained_factor = denoiser.variant.recipe.noise_factor
    at_trained = analysis.noise_error_curve(denoiser, images, np.array([trained_factor]))[0]
    assert at_trained < analysis.noise_error_curve(plain, images, np.array([trained_factor]))[0]
