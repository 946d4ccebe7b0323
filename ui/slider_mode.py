"""Which sliders a page uses: live ones that decode in the browser, or the server's own; and the latter.

The live sliders are the default (ui/components/). The server sliders of before stay one switch
away, for a browser where the live component cannot start (it then says so and points at this
switch), and the page always says which mode it is in. `slider_grid` draws the server's code
sliders, one Streamlit slider per code dimension, decoded by the server on release; both kinds
work on the code kept in ui/state/code.py.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from i18n import _
from ui.state.code import code_key, current_code, keep_slider_value, slider_key
from ui.state.keys import LIVE_SLIDERS
from ui.state.remembered import remembered

LIVE, SERVER = "live", "server"
_STATE_KEY = LIVE_SLIDERS


def slider_mode() -> str:
    """Draw the switch and a line naming the mode; return LIVE or SERVER."""
    st.session_state.setdefault(_STATE_KEY, True)
    live = remembered(
        st.toggle,
        _("Live sliders"),
        key=_STATE_KEY,
        help=_(
            "On: the decoder runs in your browser and follows the slider as it moves. "
            "Off: the server decodes each new value after the slider is let go."
        ),
    )
    if live:
        st.caption(_("Mode: **live** — the pictures are decoded in your browser while you drag."))
    else:
        st.caption(_("Mode: **server sliders** — the server decodes each value after you let go."))
    return LIVE if live else SERVER


def slider_grid(variant_key: str, low: np.ndarray, high: np.ndarray, columns: int) -> np.ndarray:
    """Draw one slider per dimension in `columns` columns and return the code they spell."""
    grid = st.columns(columns, gap="small")
    for dimension in range(len(low)):
        key = slider_key(variant_key, dimension)
        value = st.session_state.get(code_key(variant_key, dimension), float(low[dimension]))
        # A slider that was not drawn in the last run lost its value, or kept an old one Streamlit
        # remembers from before: give it the code's. One that was drawn already holds the code's (its
        # callback copied its move back before this run); setting it again would make the browser
        # drop a key press it has not sent yet.
        if st.session_state.get(key) != value:
            st.session_state[key] = value
        grid[dimension % columns].slider(
            f"#{dimension}",
            float(low[dimension]),
            float(high[dimension]),
            # Session state holds the value; passing it again matters for speed: without a value,
            # Streamlit copies the whole session state for every slider to guess whether it is a
            # range slider, which made 49 sliders cost 60% of the fragment.
            value=value,
            step=0.01,
            key=key,
            on_change=keep_slider_value,
            args=(variant_key, dimension),
        )
    return current_code(variant_key, len(low))
