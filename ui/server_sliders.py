"""The server's code sliders: one Streamlit slider per code dimension, decoded by the server on release.

The live sliders (ui/components/code_sliders.py) are the default; these stay one switch away
(ui/slider_mode.py). Both work on the code kept in ui/state/code.py.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from ui.state.code import current_code, slider_key


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
