"""How big this session shows things, and the colour scales pictures use.

Big mode (a projector) doubles pictures and grids and makes text 1.5 times larger (charts are
told here, `chart_for_display`; a chart is the one text a phone in big mode also sees larger).
The components and the pages both read these, so they live below both: this module imports
only Streamlit and Plotly.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
import streamlit as st
from plotly.colors import sample_colorscale, unlabel_rgb

from i18n import number_separators
from ui.state.keys import BIG_IMAGES

SMALL, BIG = 140, 280  # display sizes in pixels; BIG is for projectors
GRID_CELL = 84  # one digit in a grid of many; doubled in big mode
# Big mode makes the page's text 1.5 times larger (ui/pictures.py); charts size their text in pixels,
# so they are told (Plotly's default is 12 px).
BIG_TEXT_SCALE = 1.5
CHART_FONT_PX = 12


def _lookup_table(scale: str) -> np.ndarray:
    colours = sample_colorscale(scale, list(np.linspace(0.0, 1.0, 256)))
    return np.array([unlabel_rgb(colour) for colour in colours], dtype=np.uint8)


ERROR_COLOURS = _lookup_table("Inferno")
CODE_COLOURS = _lookup_table("RdBu_r")


def is_big() -> bool:
    return bool(st.session_state.get(BIG_IMAGES))


def display_size() -> int:
    return BIG if is_big() else SMALL


def per_row(normal: int) -> int:
    """How many pictures to a row: all of them normally, half as many (rounded up) in big mode."""
    return -(-normal // 2) if is_big() else normal


def chart_for_display(figure: go.Figure) -> go.Figure:
    """`figure` with the reader's decimal mark (0,5 in Russian) and, in big mode, its text 1.5 times
    larger: a copy, as the cached figure is shared by every session."""
    shown = go.Figure(figure)
    shown.update_layout(separators=number_separators())
    if is_big():
        shown.update_layout(font_size=round(CHART_FONT_PX * BIG_TEXT_SCALE))
    return shown
