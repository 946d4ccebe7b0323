"""The class watcher: a screen in a class polls the server over HTTP and reruns only on a change.

Every screen in a class must redraw soon after the board changes (a digit sent, hidden or
cleared, a student joining), and should cost nothing while it does not. The component draws
nothing: its JavaScript asks serve/class_route.py for the board's version every `every_seconds`
(no request from a hidden tab, none while a stroke is being drawn), checks the student's screen in
with the same request, and sends `changed` when the answer differs from what this page drew; that
rerun draws the new board, or says the class ended or cannot be reached.
"""

from __future__ import annotations

import streamlit as st

from ui.components.assets import read_asset

COMPONENT_KEY = "class-watch"  # its element container is hidden (ui/pictures.py's BASE_STYLE)

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.class_watch",
    html='<div class="class-watch"></div>',
    js=read_asset("class_watch.js"),
)


def _changed() -> None:
    """Nothing to do here: the rerun the message starts reads the board afresh."""


def class_watch(url: str, version: str | None, student: str | None, every_seconds: float) -> None:
    """Ask `url` (rooms.classroom.version_url) whether the board this page drew at `version` (or
    "unreachable") changed; `student` checks in as it asks."""
    _COMPONENT(
        key=COMPONENT_KEY,
        data={
            "url": url,
            "student": student,
            "version": version,
            "everyMs": round(every_seconds * 1000),
        },
        on_changed_change=_changed,
    )
