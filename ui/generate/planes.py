"""What the Generate page shows, computed once per process: the 2-number models, their test codes,
each plane's range and manifold grid, codes drawn at random, and the walk's end."""

from __future__ import annotations

import numpy as np
import streamlit as st
from PIL import Image, ImageDraw

from i18n import N_
from models import analysis, generation
from models.inference import TrainedVariant, decode, encode
from models.registry import PLANE_VARIANTS
from ui import loaders
from ui.pictures import picture_grid
from ui.state.display import GRID_CELL, is_big

GRID_STEPS = 12  # the manifold: 12 x 12 digits
SAMPLES = 16


def load_plane_variants() -> tuple[dict[str, TrainedVariant], dict[str, str]]:
    """ae2 and vae2 where their weights load, and a one-line reason for each that does not."""
    return loaders.spinning(N_("Loading the 2-number autoencoders…"), _load_plane_variants)


@st.cache_resource(show_spinner=False)
def _load_plane_variants() -> tuple[dict[str, TrainedVariant], dict[str, str]]:
    return loaders.load_each(PLANE_VARIANTS)


def test_codes(key: str) -> tuple[np.ndarray, np.ndarray] | None:
    """Every test digit's 2-number code (a VAE's: its mean) and its label."""
    return loaders.spinning(N_("Encoding the 10,000 test digits…"), _test_codes, key)


@st.cache_resource(show_spinner=False)
def _test_codes(key: str) -> tuple[np.ndarray, np.ndarray] | None:
    test = loaders.test_images()
    trained, _errors = _load_plane_variants()
    if test is None or key not in trained:
        return None
    images, labels = test
    return encode(trained[key], images), labels


def plane_range(codes: np.ndarray, gaussian: bool) -> tuple[float, float, float, float]:
    """What the plane shows: a VAE's N(0, 1) out to ±3 (and its codes), a plain model's codes."""
    low, high = np.percentile(codes, (0.5, 99.5), axis=0)
    if gaussian:
        low, high = np.minimum(low, -3.0), np.maximum(high, 3.0)
    return float(low[0]), float(high[0]), float(low[1]), float(high[1])


def manifold_grid(key: str, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    if PLANE_VARIANTS[key].plan.gaussian:
        steps = generation.normal_grid(GRID_STEPS)
        return steps, steps
    return generation.range_grid(codes, GRID_STEPS)


@st.cache_resource(show_spinner=False)
def hole_distance(key: str) -> float:
    """How far from every test code a code must lie to be in a hole of `key`'s code space."""
    return generation.hole_distance(_test_codes(key)[0])


def random_samples(trained: TrainedVariant, codes: np.ndarray, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """`SAMPLES` digits decoded from random codes (N(0, I) for a VAE, its own codes' Gaussian
    otherwise), and for each whether its code lies in a hole, far from every test digit's code."""
    rng = np.random.default_rng(seed)
    if trained.variant.plan.gaussian:
        drawn = generation.standard_normal_codes(SAMPLES, trained.variant.code_size, rng)
    else:
        drawn = generation.codes_like(codes, SAMPLES, rng)
    holes = generation.in_holes(drawn, codes, hole_distance(trained.variant.key))
    return decode(trained, drawn), holes


def framed_grid(images: np.ndarray, framed: np.ndarray, per_row: int) -> Image.Image:
    """`picture_grid` of the digits with a red frame around each one `framed` marks."""
    cell, gap = GRID_CELL * (2 if is_big() else 1), 8
    grid = picture_grid(images, per_row, cell=cell, gap=gap).convert("RGB")
    draw = ImageDraw.Draw(grid)
    for index in np.flatnonzero(framed):
        row, column = divmod(int(index), per_row)
        left, top = column * (cell + gap), row * (cell + gap)
        draw.rectangle((left, top, left + cell - 1, top + cell - 1), outline=(214, 39, 40), width=4)
    return grid


def walk(trained: TrainedVariant, start: np.ndarray, end: np.ndarray, steps: int = 8) -> np.ndarray:
    """The digits decoded along the straight line from `start`'s code to `end`'s."""
    return decode(trained, analysis.interpolate(encode(trained, start), encode(trained, end), steps))
