"""The drawing pad in the sidebar: a `st.components.v2` component whose strokes live in the browser.

The HTML, CSS and JavaScript are the files beside this one, joined into one module here (no
build step). The pad rasterises and preprocesses the drawing in the browser and runs it
through the five autoencoders (inference.js) on every animation frame while the pen moves;
when a stroke ends (or on undo and clear) it sends the strokes and the 28x28 digit. This
module checks both (`digits.preprocess.read_drawing_payload`) and keeps them in session
state under their own keys, so the drawing survives a look at another input source;
anything malformed counts as "no drawing", with a message. Every word the pad shows comes in its
data (`pad_labels`), in the reader's language: a change of language relabels the pad in place and
keeps the drawing.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from digits.messages import sentence, translated
from digits.preprocess import read_drawing_payload
from i18n import _, current_language
from models.inference import TrainedVariant
from ui.components.assets import component_js, read_asset
from ui.components.browser_weights import browser_weights, weights_missing_label
from ui.state.display import is_big
from ui.state.keys import DRAWN_IMAGE

PAD_KEY = "drawing_pad"
STROKES_KEY = "drawn_strokes"  # the strokes as last received: the pad starts from them when it mounts
DIGIT_KEY = DRAWN_IMAGE  # the preprocessed digit (28, 28, 1), or None (also what a shared link carries)
PROBLEM_KEY = "drawing_problem"  # why the last message from the pad was refused, or None
# Display sizes of the pad in CSS pixels: the sidebar's width, and twice that for projectors.
PAD_SIZE, BIG_PAD_SIZE = 224, 448

_mount_pad = st.components.v2.component(
    "autoencoder_lab.drawing_pad",
    html=read_asset("drawing_pad.html"),
    css=read_asset("drawing_pad.css"),
    # The pad rasterises and preprocesses in the browser too: strokes.js and preprocess.js come first.
    js=component_js("drawing_pad", helpers=("strokes.js", "preprocess.js")),
)


def receive_drawing(payload: object) -> None:
    """Keep what the pad sent once checked; anything malformed becomes "no drawing" with a reason."""
    drawing = read_drawing_payload(payload)
    st.session_state[STROKES_KEY] = [stroke.as_payload() for stroke in drawing.strokes]
    st.session_state[DIGIT_KEY] = drawing.digit
    st.session_state[PROBLEM_KEY] = drawing.problem


def pad_labels() -> dict[str, str]:
    """The pad's words (its buttons, their tooltips, the canvas's name, the preview's caption) in the
    reader's language; drawing_pad.js puts them in place on every run."""
    return {
        "tools": _("Drawing tools"),
        "pen": _("✏️ Pen"),
        "pen_title": _("Pen"),
        "eraser": _("🧽 Eraser"),
        "eraser_title": _("Eraser"),
        "undo": _("↶ Undo"),
        "undo_title": _("Undo the last stroke"),
        "clear": _("✕ Clear"),
        "clear_title": _("Clear the drawing"),
        "surface": _("Drawing pad: draw a digit, white on black"),
        "seen": _("what the models see"),
        "weights_missing": weights_missing_label(),
    }


def _on_drawing_change() -> None:
    receive_drawing(st.session_state[PAD_KEY].get("drawing"))


def given_digit() -> list[float] | None:
    """The kept digit as 784 numbers when no strokes made it (a shared link), else None."""
    digit = st.session_state.get(DIGIT_KEY)
    if st.session_state.get(STROKES_KEY) or digit is None:
        return None
    return np.round(np.asarray(digit, dtype=np.float32).ravel(), 4).tolist()


def drawing_pad(trained_variants: dict[str, TrainedVariant], size: int | None = None) -> np.ndarray | None:
    """Show the pad (`size` px, else the sidebar's) with live reconstructions by `trained_variants`;
    return the drawn digit (28, 28, 1) as last received, or None."""
    st.session_state.setdefault(STROKES_KEY, [])
    _mount_pad(
        key=PAD_KEY,
        data={
            "strokes": st.session_state[STROKES_KEY],
            # A digit with no strokes (from a shared link): the pad shows it until someone draws.
            "digit": given_digit(),
            "size": size or (BIG_PAD_SIZE if is_big() else PAD_SIZE),
            # The five models run in the browser as the pen moves; their weights come once a session.
            "models": [
                {"key": key, "title": trained.variant.title, "weights": browser_weights(trained)}
                for key, trained in trained_variants.items()
            ],
            "lang": current_language(),
            "labels": pad_labels(),
        },
        on_drawing_change=_on_drawing_change,
    )
    if st.session_state.get(PROBLEM_KEY):
        problem = sentence(translated(st.session_state[PROBLEM_KEY]))
        st.warning(_("{problem}; please draw again.").format(problem=problem), icon="✏️")
    return st.session_state.get(DIGIT_KEY)
