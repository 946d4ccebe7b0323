"""The lesson's keys: what a presentation clicker sends moves the lesson a step.

→, PageDown and Space go to the next step; ← and PageUp go back (clickers send PageDown and
PageUp), wherever the focus is: after a click on an answer or a slider the clicker still moves
the lesson. Only typing in a field and an open drop-down list keep their keys. The component
draws nothing; its JavaScript listens on the whole page and sends `go`: the step a key press
leads to, counted in the browser from the step shown, so two quick presses go two steps while a
message Streamlit happens to deliver twice still goes to the same step.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from ui.components.assets import read_asset

COMPONENT_KEY = "lesson-keys"

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.lesson_keys",
    html='<div class="lesson-keys"></div>',
    js=read_asset("lesson_keys.js"),
)


def step_from_message(message: object, steps: int) -> int | None:
    """The step number the browser sent, if it is one of the lesson's `steps`; None otherwise."""
    if isinstance(message, bool) or not isinstance(message, int) or not 1 <= message <= steps:
        return None
    return message


def lesson_keys(step: int, steps: int, on_go: Callable[[int], None]) -> None:
    """Listen for the clicker's keys on step `step` of `steps`; `on_go(step)` runs before the rerun a
    key press starts."""

    def went() -> None:
        target = step_from_message(getattr(st.session_state.get(COMPONENT_KEY), "go", None), steps)
        if target is not None:
            on_go(target)

    _COMPONENT(key=COMPONENT_KEY, data={"step": step, "steps": steps}, on_go_change=went)
