"""The code the Code explorer works on: one session-state value per dimension, for every kind of slider.

The server sliders (ui/slider_mode.py), the live sliders (ui/components/code_sliders.py),
the buttons and the code map all read and write the same numbers here. Values are set through
`set_code` from callbacks (or before a slider is drawn), which is when Streamlit allows a
widget's value to be changed from code. `follow_input` puts the input's code back whenever
the input or the model changes.
"""

from __future__ import annotations

import hashlib

import numpy as np
import streamlit as st

from models.analysis import CodeStatistics

SIGNATURE_KEY = "explorer_signature"  # which input and model the code was last set from
RANDOM_CODE_SHOWN = "explorer_random_code_shown"  # the code is a random one: the page answers "why a blob?"
WALK_TO_LABEL = "walk_to_label"  # the label of the digit the walk goes to (its selectbox)
_WALK_FROM_LABEL = "walk_from_label"  # the first digit's label when that was chosen


def code_key(variant_key: str, dimension: int) -> str:
    """Where one number of the code lives: not a widget's key, so it outlives pages that draw no slider."""
    return f"code-{variant_key}-{dimension}"


def slider_key(variant_key: str, dimension: int) -> str:
    """The key of the server's slider for one number (ui/slider_mode.py); it edits `code_key`'s value.

    Streamlit drops a widget's value when a run does not draw it (another page, the live sliders),
    so the slider works on a copy, as ui/state/remembered.py does for the other widgets."""
    return f"code-slider-{variant_key}-{dimension}"


def keep_slider_value(variant_key: str, dimension: int) -> None:
    """The server slider's change callback: its new value becomes the code's."""
    st.session_state[code_key(variant_key, dimension)] = st.session_state[slider_key(variant_key, dimension)]


def slider_range(stats: CodeStatistics | None, code: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each dimension's range: the test set's, widened a little so extremes can be pushed further."""
    if stats is None:
        low, high = np.minimum(code, 0.0) - 1.0, np.maximum(code, 0.0) + 1.0
    else:
        low, high = np.minimum(stats.low, code), np.maximum(stats.high, code)
    low, high = low.astype(np.float64), high.astype(np.float64)  # float32 would widen 0.1 to 0.100000001
    margin = 0.1 * np.maximum(high - low, 1e-3)
    return (low - margin).round(2), (high + margin).round(2)


def _version_key(variant_key: str) -> str:
    return f"code-version-{variant_key}"


def code_version(variant_key: str) -> int:
    """How many times the server has set this variant's code: the live sliders follow each new one."""
    return st.session_state.get(_version_key(variant_key), 0)


def store_code(variant_key: str, code: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Keep a code the person set (the live sliders already show it), rounded like the sliders' steps."""
    for dimension, value in enumerate(np.asarray(code).ravel()):
        clipped = float(np.clip(value, low[dimension], high[dimension]))
        # The server slider too, if one is drawn: it shows the code the buttons, the map or the live
        # sliders set (writing a widget's key is allowed here: from callbacks or before it is drawn).
        st.session_state[code_key(variant_key, dimension)] = st.session_state[slider_key(variant_key, dimension)] = (
            round(clipped, 2)
        )


def set_code(variant_key: str, code: np.ndarray, low: np.ndarray, high: np.ndarray, *, random: bool = False) -> None:
    """Set the code from the server (a button, the map, a new input): every kind of slider jumps to it.

    `random` says the code is a random one, until the next code the server sets."""
    store_code(variant_key, code, low, high)
    st.session_state[_version_key(variant_key)] = code_version(variant_key) + 1
    st.session_state[RANDOM_CODE_SHOWN] = random


def random_code_shown() -> bool:
    """Whether the code on the sliders came from "Random code" and the server has set no other since
    (moving a slider keeps the answer up: the code is still mostly the random one)."""
    return bool(st.session_state.get(RANDOM_CODE_SHOWN))


def current_code(variant_key: str, size: int) -> np.ndarray:
    return np.array([st.session_state[code_key(variant_key, d)] for d in range(size)], dtype=np.float32)


def follow_input(
    variant_key: str, image: np.ndarray, input_code: np.ndarray, low: np.ndarray, high: np.ndarray
) -> None:
    """Start at the input's code, and go back to it whenever the input or the model changes,
    or when Streamlit has dropped the sliders' values while another page was shown."""
    signature = (variant_key, hashlib.sha1(np.ascontiguousarray(image).tobytes()).hexdigest())
    if st.session_state.get(SIGNATURE_KEY) != signature or code_key(variant_key, 0) not in st.session_state:
        st.session_state[SIGNATURE_KEY] = signature
        set_code(variant_key, input_code, low, high)


def keep_code(variant_key: str, input_code: np.ndarray, low: np.ndarray, high: np.ndarray) -> None:
    """Put the input's code back if its values were dropped while the other kind of slider was shown."""
    if code_key(variant_key, 0) not in st.session_state:
        set_code(variant_key, input_code, low, high)


def follow_first_label(first_label: int | None, present: list[int]) -> None:
    """Point the walk at the next label whenever the first digit's label changes (never at its own label;
    at 1 for a drawing or an upload), and at a label the test set has."""
    if st.session_state.get(_WALK_FROM_LABEL, -1) == first_label and st.session_state.get(WALK_TO_LABEL) in present:
        return
    others = [label for label in present if label != first_label]
    after = [label for label in others if label > (0 if first_label is None else first_label)]
    st.session_state[_WALK_FROM_LABEL] = first_label
    st.session_state[WALK_TO_LABEL] = (after or others)[0]
