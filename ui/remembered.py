"""Widgets whose value outlives the page that draws them, and reaches the URL at once.

Streamlit forgets a widget's value as soon as a run does not draw it (another page is
shown, or another input source), and a fragment rerun does not reach the entry script that
writes the URL. So the value lives under its own key; the widget works on a copy, and its
change callback copies the value back and mirrors the shareable state into the URL.

A value written to a widget's key is sent to the browser as one to impose. The copy is
written only when the browser needs it:
- the widget was not drawn by the last whole run, so the browser mounts it afresh and would
  show its default (a look at Draw before the sliders reappear must not turn them off);
- or the kept value differs from the widget's (a button or a map click moved it).
Writing it on every run instead would undo a click made while that run was on its way (a
quick Draw → MNIST → Draw lost its last click).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from ui import url_state

_RUN = "remembered_run"  # counts whole runs of the app (see start_run)
_DRAWN_IN_RUN = "remembered_drawn_in_run"  # widget key -> the whole run that last drew it


def widget_key(key: str) -> str:
    """The key of the widget that edits the lasting value `st.session_state[key]`."""
    return f"widget-{key}"


def start_run() -> None:
    """Count a whole run of the app; app.py calls it first, so remembered() knows what the browser shows.

    Fragment reruns do not count: they redraw their widgets within the same whole run.
    """
    st.session_state[_RUN] = st.session_state.get(_RUN, 0) + 1


def _keep(widget_key: str, key: str) -> None:
    st.session_state[key] = st.session_state[widget_key]
    url_state.write_to_url()


def remembered(widget: Callable[..., Any], label: str, *args, key: str, **kwargs) -> Any:
    """Draw `widget(label, *args, **kwargs)` bound to the lasting value `st.session_state[key]`."""
    edited_by = widget_key(key)
    run = st.session_state.get(_RUN, 0)
    drawn_in_run = st.session_state.setdefault(_DRAWN_IN_RUN, {})
    on_screen = drawn_in_run.get(edited_by, -2) >= run - 1  # drawn by the last whole run, or this one
    if key in st.session_state and (
        not on_screen or edited_by not in st.session_state or st.session_state[edited_by] != st.session_state[key]
    ):
        st.session_state[edited_by] = st.session_state[key]  # allowed: the widget is not drawn yet
    drawn_in_run[edited_by] = run
    value = widget(label, *args, key=edited_by, on_change=_keep, args=(edited_by, key), **kwargs)
    st.session_state[key] = value
    return value
