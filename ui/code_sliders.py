"""A compact grid of sliders, one per code dimension, whose values live in session state.

Values are set through `set_code` from callbacks (or before the grid is drawn), which is
when Streamlit allows a widget's value to be changed from code.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from models.analysis import CodeStatistics


def slider_key(variant_key: str, dimension: int) -> str:
    return f"code-{variant_key}-{dimension}"


def slider_range(stats: CodeStatistics | None, code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each dimension's range: the test set's, widened a little so extremes can be pushed further."""
    if stats is None:
        low, high = np.minimum(code, 0.0) - 1.0, np.maximum(code, 0.0) + 1.0
    else:
        low, high = np.minimum(stats.low, code), np.maximum(stats.high, code)
    low, high = low.astype(np.float64), high.astype(np.float64)  # float32 would widen 0.1 to 0.100000001
    margin = 0.1 * np.maximum(high - low, 1e-3)
    return (low - margin).round(2), (high + margin).round(2)


def _version_key(variant_key: str) -> str:
    return f"code-version-{variant_key}"


def code_version(variant_key: str) -> int:
    """How many times the server has set this variant's code: the live sliders follow each new one."""
    return st.session_state.get(_version_key(variant_key), 0)


def store_code(variant_key: str, code: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Keep a code the person set (the live sliders already show it), rounded like the sliders' steps."""
    for dimension, value in enumerate(np.asarray(code).ravel()):
        clipped = float(np.clip(value, low[dimension], high[dimension]))
        st.session_state[slider_key(variant_key, dimension)] = round(clipped, 2)


def set_code(variant_key: str, code: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Set the code from the server (a button, the map, a new input): every kind of slider jumps to it."""
    store_code(variant_key, code, low, high)
    st.session_state[_version_key(variant_key)] = code_version(variant_key) + 1


def current_code(variant_key: str, size: int) -> np.ndarray:
    return np.array([st.session_state[slider_key(variant_key, d)] for d in range(size)], dtype=np.float32)


def slider_grid(variant_key: str, low: np.ndarray, high: np.ndarray, columns: int) -> np.ndarray:
    """Draw one slider per dimension in `columns` columns and return the code they spell."""
    grid = st.columns(columns, gap="small")
    for dimension in range(len(low)):
        key = slider_key(variant_key, dimension)
        grid[dimension % columns].slider(
            f"#{dimension}",
            float(low[dimension]),
            float(high[dimension]),
            # Session state holds the value (set_code put it there); passing it again matters for
            # speed: without a value, Streamlit copies the whole session state for every slider to
            # guess whether it is a range slider, which made 49 sliders cost 60% of the fragment.
            value=st.session_state.get(key, float(low[dimension])),
            step=0.01,
            key=key,
        )
    return current_code(variant_key, len(low))
