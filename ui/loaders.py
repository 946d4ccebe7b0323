"""Everything heavy, loaded once per process: the trained models, MNIST's test set, code statistics.

`st.cache_resource` keeps one shared copy (no pickling of arrays on every rerun). A variant
whose weights fail to load is reported and left out; the others keep working.

A cached function's own spinner text is fixed when the module loads, before any reader's language
is known; so the loaders that take a while say what they do with `spinning`, in the reader's
language, and only while the process has not computed that value yet (the Generate page's too).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TypeVar

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from digits import data
from digits.noise import ARTICLE_NOISE_MEAN
from i18n import N_, _, current_language
from models import analysis
from models.inference import TrainedVariant, load_variant
from models.registry import VARIANTS
from models.weights import WeightsError
from rooms.configured import store_from_environment
from rooms.store import RoomStore
from ui import charts
from ui import code_map as code_map_chart
from ui.components.map_hover import digit_sprite
from ui.train import tried_runs

# Test digits used for statistics, maps and curves: enough for stable figures, quick to compute.
STATISTICS_SIZE = 2000
# Denoise's error-against-noise curves: the same architecture trained with and without noise.
NOISE_CURVE_VARIANTS = ("denoise", "dense")
NOISE_CURVE_FACTORS = tuple(round(f, 2) for f in np.linspace(0.0, 1.0, 11))

Result = TypeVar("Result")
_computed: set[tuple] = set()  # (loader, arguments) this process has computed: no spinner for those


def spinning(message: str, loader: Callable[..., Result], *args) -> Result:
    """`loader(*args)` (a cached function) under a spinner saying `message` in the reader's language,
    the first time this process computes it; afterwards the cache answers at once, with no spinner.
    Outside a session's run (the server's warm-up thread) there is nobody to show it to."""
    done = (loader.__qualname__, args)
    if done in _computed or get_script_run_ctx(suppress_warning=True) is None:
        return loader(*args)
    with st.spinner(_(message)):
        result = loader(*args)
    _computed.add(done)
    return result


def load_each(keys) -> tuple[dict[str, TrainedVariant], dict[str, WeightsError]]:
    """Each of the variants `keys` that loads (warmed up by one call), and the fault of each that does
    not: kept whole, so every reader sees it in their language (`error.translated()`). Not cached
    itself: the loaders that call it are."""
    trained_variants, errors = {}, {}
    for key in keys:
        try:
            trained_variants[key] = load_variant(key)
        except WeightsError as error:
            errors[key] = error
    return trained_variants, errors


@st.cache_resource(show_spinner=False)
def _load_shipped_variants() -> tuple[dict[str, TrainedVariant], dict[str, WeightsError]]:
    return load_each(VARIANTS)


def load_shipped_variants() -> tuple[dict[str, TrainedVariant], dict[str, WeightsError]]:
    """The article's five that load, and the fault of each that does not."""
    return spinning(N_("Loading the five autoencoders…"), _load_shipped_variants)


def variants_in_use() -> dict[str, TrainedVariant]:
    """The loaded variants (with any run's weights this session tries), a warning for each that failed."""
    trained_variants, errors = load_shipped_variants()
    for key, error in errors.items():
        if key not in tried_runs.tried():
            st.warning(
                _("**{model}** is unavailable: {reason}").format(model=VARIANTS[key].title, reason=error.translated()),
                icon="⚠️",
            )
    return tried_runs.apply(trained_variants)


@st.cache_resource(show_spinner=False)
def _load_test_set() -> tuple[tuple[np.ndarray, np.ndarray] | None, str | None]:
    try:
        return data.load_test_digits(), None
    except data.MnistUnavailableError as error:
        return None, str(error)


def load_test_set() -> tuple[tuple[np.ndarray, np.ndarray] | None, str | None]:
    """MNIST's test images and labels (only the test set: the server keeps 31 MB, not 220 MB), or None
    and why not."""
    return spinning(N_("Loading MNIST…"), _load_test_set)


def test_images() -> tuple[np.ndarray, np.ndarray] | None:
    """MNIST's test images and labels, or None (the caller says what it needs)."""
    test, _error = load_test_set()
    return test


@st.cache_resource(show_spinner=False)
def _code_statistics(key: str) -> analysis.CodeStatistics | None:
    test = test_images()
    trained_variants, _errors = load_shipped_variants()
    if test is None or key not in trained_variants:
        return None
    images, labels = test
    return analysis.code_statistics(trained_variants[key], images[:STATISTICS_SIZE], labels[:STATISTICS_SIZE])


def code_statistics(key: str) -> analysis.CodeStatistics | None:
    """Codes, per-dimension ranges and reconstruction errors of the first 2,000 test digits."""
    return spinning(N_("Measuring the test set's codes…"), _code_statistics, key)


@st.cache_resource
def code_map_sprite() -> bytes | None:
    """The map's digits (the first 2,000 test digits, in row order) as one PNG for hover pictures."""
    test = test_images()
    return None if test is None else digit_sprite(test[0][:STATISTICS_SIZE])


@st.cache_resource(show_spinner=False)
def _code_map(key: str) -> analysis.Projection | None:
    stats = code_statistics(key)
    return None if stats is None else analysis.pca(stats.codes)


def code_map(key: str) -> analysis.Projection | None:
    """The test codes' first two principal axes (PCA)."""
    return spinning(N_("Computing the 2-D map of codes…"), _code_map, key)


def code_map_figure(key: str) -> go.Figure | None:
    """The test codes on their first two principal axes (see `ui.code_map`), built once per variant
    and language (its titles and hover texts are the reader's)."""
    return _code_map_figure(key, current_language())


@st.cache_resource(show_spinner=False)
def _code_map_figure(key: str, language: str) -> go.Figure | None:
    stats, projection = code_statistics(key), code_map(key)
    return None if stats is None or projection is None else code_map_chart.code_map_figure(stats, projection)


def noise_curve_figure(
    keys: tuple[str, ...], factors: tuple[float, ...], factor: float, shown_mean: float
) -> go.Figure | None:
    """The error-against-noise chart (`ui.charts.noise_curve_figure`) for both noise means, or None without MNIST.

    Built once per factor, mean and language and shared by every session: st.plotly_chart only
    copies it, and nothing may change it in place. Building a Plotly figure was most of what a
    Denoise rerun cost once the curves were cached.
    """
    return _noise_curve_figure(keys, factors, factor, shown_mean, current_language())


# 101 slider positions × 2 noise means × 2 languages fit.
@st.cache_resource(show_spinner=False, max_entries=512)
def _noise_curve_figure(
    keys: tuple[str, ...], factors: tuple[float, ...], factor: float, shown_mean: float, language: str
) -> go.Figure | None:
    curves = {mean: noise_curves(keys, factors, mean) for mean in (ARTICLE_NOISE_MEAN, 0.0)}
    if not all(curves.values()):
        return None
    return charts.noise_curve_figure(curves, factors, factor, shown_mean)


def noise_curves(
    keys: tuple[str, ...], factors: tuple[float, ...], mean: float, count: int = 200
) -> dict[str, list[float]]:
    """Mean BCE against noise factor (noise of the given mean) over `count` test digits, per variant."""
    return spinning(N_("Measuring error against noise…"), _noise_curves, keys, factors, mean, count)


@st.cache_data(show_spinner=False)
def _noise_curves(
    keys: tuple[str, ...], factors: tuple[float, ...], mean: float, count: int = 200
) -> dict[str, list[float]]:
    test = test_images()
    trained_variants, _errors = load_shipped_variants()
    if test is None:
        return {}
    images = test[0][:count]
    grid = np.asarray(factors)
    return {
        key: analysis.noise_error_curve(trained_variants[key], images, grid, mean=mean).tolist()
        for key in keys
        if key in trained_variants
    }


@st.cache_resource
def room_store() -> RoomStore:
    """The rooms this server's sessions share (a class, the lesson's step): in this process, or in
    the Redis that AUTOENCODER_LAB_REDIS_URL names (raises RoomStoreUnavailable for a bad address)."""
    return store_from_environment(os.environ)
