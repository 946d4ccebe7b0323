"""The room watcher: a screen that shares a room polls the server over HTTP and reruns only on a change.

A screen in a class must redraw soon after the board changes (a digit sent, hidden or cleared, a
student joining), and the lesson's notes view must follow the projected step; both should cost
nothing while nothing changes. The component draws nothing: its JavaScript asks `url` (serve/
class_route.py, serve/lesson_route.py) for the room's version every `every_seconds` (no request
from a hidden tab, none while a stroke is being drawn), can check a student's screen in with the
same request, and sends `changed` when the answer differs from what this page drew; that rerun
draws the new state. A timed Streamlit fragment did this before: it cost a phone ~120 ms of long
tasks every 3 s with nothing new, and a click that landed during one of its runs could be undone
by the widget values that run carried (the lesson's "Draw my own digit", under load).
"""

from __future__ import annotations

import streamlit as st

from ui.components.assets import read_asset

COMPONENT_KEY = "room-watch"  # its element container is hidden (ui/pictures.py's BASE_STYLE)

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.room_watch",
    html='<div class="room-watch"></div>',
    js=read_asset("room_watch.js"),
)


def _changed() -> None:
    """Nothing to do here: the rerun the message starts reads the room afresh."""


def room_watch(url: str, version: str | None, every_seconds: float, student: str | None = None) -> None:
    """Ask `url` whether the room this page drew at `version` (or "unreachable") changed; `student`
    checks a class's student in as it asks."""
    _COMPONENT(
        key=COMPONENT_KEY,
        data={"url": url, "student": student, "version": version, "everyMs": round(every_seconds * 1000)},
        on_changed_change=_changed,
    )
