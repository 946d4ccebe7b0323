"""Which sliders a page uses: live ones that decode in the browser, or the server's own.

The live sliders are the default. The server sliders of before stay one switch away, for a
browser where the live component cannot start (it then says so and points at this switch),
and the page always says which mode it is in.
"""

from __future__ import annotations

import streamlit as st

from ui.state.keys import LIVE_SLIDERS
from ui.state.remembered import remembered

LIVE, SERVER = "live", "server"
_STATE_KEY = LIVE_SLIDERS


def slider_mode() -> str:
    """Draw the switch and a line naming the mode; return LIVE or SERVER."""
    st.session_state.setdefault(_STATE_KEY, True)
    live = remembered(
        st.toggle,
        "Live sliders",
        key=_STATE_KEY,
        help="On: the decoder runs in your browser and follows the slider as it moves. "
        "Off: the server decodes each new value after the slider is let go.",
    )
    if live:
        st.caption("Mode: **live** — the pictures are decoded in your browser while you drag.")
    else:
        st.caption("Mode: **server sliders** — the server decodes each value after you let go.")
    return LIVE if live else SERVER
