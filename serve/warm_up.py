"""The work every page's first visitor would wait for, done once as the server starts.

The models, MNIST's test set, the weight files the components fetch, code statistics and maps,
Denoise's error-against-noise curves, the Generate page's planes, and the modules the pages
import: all the same for every visitor, so serve/asgi_app.py runs `warm_up` in a background
thread when the server starts, and a class opening a shared link finds them ready. Each step fills
the same cache a page reads (`st.cache_resource` and `st.cache_data`, shared by every session); a
visitor who comes sooner waits for the step under way instead of repeating it, and a step that
fails is logged and left to the page, which says what is missing as it always did.
"""

from __future__ import annotations

import importlib
import logging
import pkgutil
import time
from collections.abc import Callable

from streamlit.logger import get_logger

from digits.noise import ARTICLE_NOISE_MEAN, DEFAULT_NOISE_FACTOR
from models.registry import PLANE_VARIANTS, VARIANTS
from serve import preload
from ui import loaders
from ui.components.browser_weights import browser_weights
from ui.generate import code_sizes, planes

_LOGGER = get_logger(__name__)
SCRIPT_RUN_CONTEXT_LOGGER = "streamlit.runtime.scriptrunner_utils.script_run_context"


def _page_modules() -> None:
    # Every module of `ui` (the pages import little else): a first run does not wait for imports.
    import ui

    for module in pkgutil.walk_packages(ui.__path__, "ui."):
        importlib.import_module(module.name)


def _weight_files() -> None:
    trained, _ = loaders.load_shipped_variants()
    plane_trained, _ = planes.load_plane_variants()
    for variant in (*trained.values(), *plane_trained.values()):
        browser_weights(variant)
    preload.remember([browser_weights(variant)["url"] for variant in trained.values()])


def _noise_curves() -> None:
    for mean in (ARTICLE_NOISE_MEAN, 0.0):
        loaders.noise_curve_figure(
            loaders.NOISE_CURVE_VARIANTS, loaders.NOISE_CURVE_FACTORS, DEFAULT_NOISE_FACTOR, mean
        )


def _code_maps() -> None:
    for key in VARIANTS:
        loaders.code_statistics(key)
        loaders.code_map_figure(key)
    loaders.code_map_sprite()


def _planes() -> None:
    for key in PLANE_VARIANTS:
        if planes.test_codes(key) is not None:
            planes.hole_distance(key)
    code_sizes.load_code_size_family()


STEPS: tuple[tuple[str, Callable[[], None]], ...] = (
    ("the pages' modules", _page_modules),
    ("the five models and MNIST's test set", lambda: (loaders.load_shipped_variants(), loaders.load_test_set())),
    ("the browser's weight files", _weight_files),
    ("Denoise's error-against-noise curves", _noise_curves),
    ("code statistics and maps", _code_maps),
    ("Generate's planes and the code-size family", _planes),
)


def warm_up() -> float:
    """Run every step; return the seconds it took (also logged, as is any step that failed)."""
    started = time.perf_counter()
    # The loaders' spinners look for a page to draw on; this thread has none, and says so once per
    # spinner unless that logger is quiet meanwhile.
    context_logger = logging.getLogger(SCRIPT_RUN_CONTEXT_LOGGER)
    level = context_logger.level
    context_logger.setLevel(logging.ERROR)
    try:
        for name, step in STEPS:
            try:
                step()
            except Exception:  # a page reports the same problem to its visitor; the server goes on
                _LOGGER.exception("Warming up %s failed", name)
    finally:
        context_logger.setLevel(level)
    seconds = time.perf_counter() - started
    _LOGGER.info("Warmed up in %.1f s", seconds)
    return seconds
