"""Widgets whose value outlives the page that draws them, and reaches the URL at once.

Streamlit forgets a widget's value as soon as a run does not draw it (another page is
shown, or another input source), and a fragment rerun does not reach the entry script that
writes the URL. So the value lives under its own key; the widget works on a copy, and its
change callback copies the value back and mirrors the shareable state into the URL.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import url_state


def _keep(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]
    url_state.write_to_url()


def remembered(widget: Callable[..., Any], label: str, *args, key: str, **kwargs) -> Any:
    """Draw `widget(label, *args, **kwargs)` bound to the lasting value `st.session_state[key]`."""
    widget_key = f"widget-{key}"
    if key in st.session_state:
        st.session_state[widget_key] = st.session_state[key]  # allowed: the widget is not drawn yet
    value = widget(label, *args, key=widget_key, on_change=_keep, args=(widget_key, key), **kwargs)
    st.session_state[key] = value
    return value
