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

from ui.state import url_params


def widget_key(key: str) -> str:
    """The key of the widget that edits the lasting value `st.session_state[key]`."""
    return f"widget-{key}"


def _keep(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]
    url_params.write_to_url()


def remembered(widget: Callable[..., Any], label: str, *args, key: str, **kwargs) -> Any:
    """Draw `widget(label, *args, **kwargs)` bound to the lasting value `st.session_state[key]`."""
    edited_by = widget_key(key)
    if key in st.session_state:
        st.session_state[edited_by] = st.session_state[key]  # allowed: the widget is not drawn yet
    value = widget(label, *args, key=edited_by, on_change=_keep, args=(edited_by, key), **kwargs)
    st.session_state[key] = value
    return value
