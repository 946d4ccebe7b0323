"""A spinner in the reader's language while the Generate page's models load.

`st.cache_resource(show_spinner="…")` fixes its text once, at import, in English; the loaders here
cache without a spinner and show this one around the cached call instead. Outside a session's run
(the server's warm-up thread) there is nobody to show it to, so it shows nothing.
"""

from __future__ import annotations

import contextlib

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx


def loading(message: str) -> contextlib.AbstractContextManager:
    """`st.spinner(message)` during a session's run (it appears after half a second), else nothing."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return contextlib.nullcontext()
    return st.spinner(message)
