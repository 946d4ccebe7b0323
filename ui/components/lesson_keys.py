"""The lesson's keys: what a presentation clicker sends moves the lesson a step.

→, PageDown and Space go to the next step; ← and PageUp go back (clickers send PageDown and
PageUp), wherever the focus is: after a click on an answer or a slider the clicker still moves
the lesson. Only typing in a field and an open drop-down list keep their keys. The component
draws nothing; its JavaScript listens on the whole page and sends `move` (+1 or -1) to Python,
which moves the step.
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


def move_from_message(message: object) -> int:
    """+1 or -1 from what the browser sent; 0 for anything else."""
    return message if message in (1, -1) and not isinstance(message, bool) else 0


def lesson_keys(on_move: Callable[[int], None]) -> None:
    """Listen for the clicker's keys; `on_move(+1 or -1)` runs before the rerun a key press starts."""

    def moved() -> None:
        state = st.session_state.get(COMPONENT_KEY)
        move = move_from_message(getattr(state, "move", None))
        if move:
            on_move(move)

    _COMPONENT(key=COMPONENT_KEY, on_move_change=moved)
