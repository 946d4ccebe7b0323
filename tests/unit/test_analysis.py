"""Statistics, maps and curves the app shows, checked against plain NumPy references."""

import numpy as np
import pytest

from models import analysis
from models.inference import TrainedVariant
from models.registry import get_variant


@pytest.fixture(scope="module")
def dense() -> TrainedVariant:
    variant = get_variant("dense")
    return TrainedVariant.from_keras(variant, variant.build())


@pytest.fixture(scope="module")
def stats(dense) -> analysis.CodeStatistics:
    images = np.random.default_rng(0).random((64, 28, 28, 1), dtype=np.float32)
    return analysis.code_statistics(dense, images, np.arange(64) % 10)


def test_code_statistics_describe_each_dimension(stats):
    assert stats.codes.shape == (64, 49)
    np.testing.assert_allclose(stats.mean, stats.codes.mean(axis=0), rtol=1e-6)
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
    changed = codes != stats.mean
    assert changed.sum(axis=1).max() <= 1
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


def test_noise_curve_rises_with_noise(dense):
    images = np.zeros((20, 28, 28, 1), dtype=np.float32)
    images[:, 8:20, 12:16] = 1.0
    curve = analysis.noise_error_curve(dense, images, np.array([0.0, 0.5, 1.0]))
    assert curve.shape == (3,) and np.isfinite(curve).all()
