"""Turning arrays into what the pages show: upscaled digits, error maps, code heatmaps and charts."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from PIL import Image
from plotly.colors import sample_colorscale, unlabel_rgb

SMALL, BIG = 140, 280  # display sizes in pixels; BIG is for projectors


def _lookup_table(scale: str) -> np.ndarray:
    colours = sample_colorscale(scale, list(np.linspace(0.0, 1.0, 256)))
    return np.array([unlabel_rgb(colour) for colour in colours], dtype=np.uint8)


ERROR_COLOURS = _lookup_table("Inferno")
CODE_COLOURS = _lookup_table("RdBu_r")


def display_size() -> int:
    return BIG if st.session_state.get("big_images") else SMALL


def digit_picture(image: np.ndarray, size: int | None = None) -> Image.Image:
    """A 28x28 float image in [0, 1] as a sharp (nearest-neighbour) greyscale picture."""
    pixels = (np.clip(np.asarray(image).reshape(28, 28), 0.0, 1.0) * 255).round().astype(np.uint8)
    size = size or display_size()
    return Image.fromarray(pixels, mode="L").resize((size, size), Image.Resampling.NEAREST)


def coloured_picture(values: np.ndarray, table: np.ndarray, size: int | None = None) -> Image.Image:
    """Values already scaled to [0, 1] painted with a colour table, upscaled sharply."""
    indices = (np.clip(values, 0.0, 1.0) * 255).round().astype(np.uint8)
    size = size or display_size()
    return Image.fromarray(table[indices], mode="RGB").resize((size, size), Image.Resampling.NEAREST)


def error_picture(target: np.ndarray, output: np.ndarray) -> Image.Image:
    """Per-pixel absolute error: black where the copy is exact, bright where it is wrong."""
    return coloured_picture(np.abs(np.asarray(target) - np.asarray(output)).reshape(28, 28), ERROR_COLOURS)


def code_picture(code: np.ndarray) -> Image.Image:
    """A 49-number code as a 7x7 heatmap, scaled by its largest magnitude (white is 0)."""
    values = np.asarray(code, dtype=np.float32).reshape(7, 7)
    peak = float(np.abs(values).max()) or 1.0
    return coloured_picture(0.5 + 0.5 * values / peak, CODE_COLOURS)


def code_bars(code: np.ndarray, height: int = 160) -> go.Figure:
    """A short code (the sparse variant's 16 numbers) as a bar chart."""
    values = np.asarray(code).ravel()
    figure = go.Figure(go.Bar(x=list(range(len(values))), y=values, marker_color="#4c78a8"))
    figure.update_layout(
        height=height, margin=dict(l=0, r=0, t=0, b=0), xaxis=dict(title=None, dtick=1), yaxis=dict(title=None)
    )
    return figure


def show_code(code: np.ndarray, caption: str = "code") -> None:
    """A code as a heatmap when it has 49 numbers, else as bars."""
    if np.asarray(code).size == 49:
        st.image(code_picture(code), caption=caption)
    else:
        st.plotly_chart(code_bars(code), config={"displayModeBar": False}, key=f"bars-{caption}")
