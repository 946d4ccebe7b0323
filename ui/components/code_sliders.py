"""Live code sliders: the decoder runs in the browser while a slider moves (code_sliders.js).

The code the page works on stays where the server sliders keep it (ui/state/code.py:
one session-state value per dimension), so buttons, the map and the server sliders all
work on the same numbers. The browser sends a code back when a gesture ends; `receive_code`
checks it (length, numbers, range, variant) and ignores anything malformed, so a tampered
or stale message changes nothing and raises nothing. Every word the component shows comes from
here (`labels`), in the reader's language; a change of language relabels it in place.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import streamlit as st
from streamlit.logger import get_logger

from i18n import _, current_language, ngettext
from models.inference import TrainedVariant
from ui.components.assets import component_js, read_asset
from ui.components.browser_weights import browser_weights
from ui.state.code import code_version, current_code, store_code
from ui.state.display import CODE_COLOURS, display_size, is_big

_LOGGER = get_logger(__name__)

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.code_sliders",
    html=read_asset("code_sliders.html"),
    css=read_asset("code_sliders.css"),
    js=component_js("code_sliders"),
)
_COLOURS = CODE_COLOURS.ravel().tolist()


def component_key(variant_key: str) -> str:
    return f"live-code-{variant_key}"


def code_from_message(
    message: Any, variant_key: str, low: np.ndarray, high: np.ndarray
) -> tuple[np.ndarray | None, str]:
    """The code a browser message carries, or (None, why it was refused)."""
    if not isinstance(message, dict):
        return None, "not an object"
    if message.get("variant") != variant_key:
        return None, f"a code for {message.get('variant')!r}, not {variant_key!r}"
    values = message.get("values")
    if not isinstance(values, list) or len(values) != len(low):
        return None, f"expected a list of {len(low)} numbers"
    # bool is an int to Python; JSON true is not a code value.
    if not all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in values):
        return None, "not all values are finite numbers"
    code = np.asarray(values, dtype=np.float64)
    slack = 1e-4 * np.maximum(high - low, 1.0)  # the browser works in float32
    if np.any(code < low - slack) or np.any(code > high + slack):
        return None, "a value is outside its slider's range"
    return np.clip(code, low, high), ""


def receive_code(message: Any, variant_key: str, low: np.ndarray, high: np.ndarray) -> bool:
    """Store the code a browser sent, if it is valid; say whether it was."""
    code, reason = code_from_message(message, variant_key, low, high)
    if code is None:
        _LOGGER.warning("Ignored a code from the browser: %s", reason)
        return False
    store_code(variant_key, code, low, high)
    return True


def _on_code(variant_key: str, low: np.ndarray, high: np.ndarray) -> None:
    state = st.session_state.get(component_key(variant_key))
    receive_code(getattr(state, "code", None), variant_key, low, high)


def labels(dimensions: int, decoded_caption: str | None = None) -> dict[str, str]:
    """What the component writes, in the reader's language ({dimension} is filled in the browser)."""
    return {
        "showSliders": ngettext("Show the {count} code slider", "Show the {count} code sliders", dimensions).format(
            count=dimensions
        ),
        "hideSliders": _("Hide the sliders"),
        "grid": _("Code sliders, one per code dimension"),
        "dimension": _("code dimension {dimension}"),
        "decodedPicture": _("The digit the decoder draws from the sliders"),
        "decodedCaption": decoded_caption or _("decoded in your browser"),
        "codePicture": _("The code"),
        "codeCaption": _("the code"),
        "paintCaption": _("the code: drag on it to paint"),
        "brush": _("Brush"),
        "oneCell": _("1 cell"),
        "raise": _("raise"),
        "lower": _("lower"),
    }


def live_code_sliders(
    trained: TrainedVariant,
    low: np.ndarray,
    high: np.ndarray,
    columns: int,
    *,
    sliders: bool = True,
    size: int | None = None,
    decoded_caption: str | None = None,
) -> None:
    """The sliders, the decoded digit and the code, all redrawn in the browser as a slider moves; with
    `sliders=False` the two pictures alone (painting a 7x7 code still works), `size` px each.
    `decoded_caption`: the decoded digit's caption, translated (by default "decoded in your browser")."""
    key = trained.variant.key
    data = {
        "weights": browser_weights(trained),
        "variant": key,
        "code": current_code(key, len(low)).tolist(),
        "version": code_version(key),
        "low": low.tolist(),
        "high": high.tolist(),
        "columns": columns,
        "size": size or display_size(),
        "big": is_big(),  # big mode (projectors): 4 slider columns, the two pictures side by side
        "paint": trained.variant.code_shape == (7, 7, 1),
        "colours": _COLOURS,
        "sliders": sliders,
        "language": current_language(),  # how the readouts write numbers (0.50 / 0,50)
        "labels": labels(len(low), decoded_caption),
    }
    _COMPONENT(
        key=component_key(key),
        data=data,
        on_code_change=lambda: _on_code(key, low, high),
    )
