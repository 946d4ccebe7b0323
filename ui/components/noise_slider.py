"""Live noise slider: the noisy digit and the models' outputs follow it in the browser (noise_slider.js).

The server sends the clean digit and the seed's noise pattern `z` (digits/noise.py), so the
browser makes exactly the noisy digit `add_noise` makes for the same seed and factor. The
factor comes back when the slider is let go; `receive_factor` keeps it only if it is a
number in [0, 1], and the URL follows. Its words come in the data (`slider_labels`), in the
reader's language, with the language's code so the browser writes numbers as that language does.
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import streamlit as st
from streamlit.logger import get_logger

from digits.noise import DEFAULT_NOISE_FACTOR, noise_pattern
from i18n import _, current_language
from models.browser_export import float32_base64
from models.inference import TrainedVariant
from ui.components.assets import component_js, read_asset
from ui.components.browser_weights import browser_weights, weights_missing_label
from ui.state import url_params
from ui.state.display import display_size
from ui.state.keys import NOISE_FACTOR

_LOGGER = get_logger(__name__)
# The arrays travel as data URLs: plainly bytes (float32, little-endian), never words to translate.
FLOAT32_DATA_URL = "data:application/octet-stream;base64,"
COMPONENT_KEY = "live-noise"
FACTOR_KEY = NOISE_FACTOR  # the lasting value the server slider and the URL use too

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.noise_slider",
    html=read_asset("noise_slider.html"),
    css=read_asset("noise_slider.css"),
    js=component_js("noise_slider"),
)


def factor_from_message(message: Any) -> float | None:
    """The noise factor a browser sent, rounded to the slider's step, or None if it is not one."""
    if isinstance(message, bool) or not isinstance(message, (int, float)) or not math.isfinite(message):
        return None
    if not 0.0 <= message <= 1.0:
        return None
    return round(float(message), 2)


def receive_factor(message: Any) -> bool:
    """Keep a factor the browser sent (and put it in the URL), if it is valid; say whether it was."""
    factor = factor_from_message(message)
    if factor is None:
        _LOGGER.warning("Ignored a noise factor from the browser: %r", str(message)[:40])
        return False
    st.session_state[FACTOR_KEY] = factor
    url_params.write_to_url()
    return True


def _on_factor() -> None:
    state = st.session_state.get(COMPONENT_KEY)
    receive_factor(getattr(state, "factor", None))


def slider_labels() -> dict[str, str]:
    """The slider's words in the reader's language; noise_slider.js puts them in place on every run."""
    return {
        "factor": _("Noise factor (σ)"),
        "clean": _("clean"),
        "noisy": _("noisy"),
        # The browser puts the score, written as the language writes numbers, for {value}.
        "score": _("BCE vs clean: {value}"),
        "weights_missing": weights_missing_label(),
    }


def live_noise_slider(image: np.ndarray, seed: int, mean: float, outputs: list[tuple[str, TrainedVariant]]) -> float:
    """The slider and the clean, noisy and reconstructed digits; returns the factor Python holds."""
    factor = float(st.session_state.get(FACTOR_KEY, DEFAULT_NOISE_FACTOR))
    data = {
        "image": FLOAT32_DATA_URL + float32_base64(image.reshape(-1)),
        "z": FLOAT32_DATA_URL + float32_base64(noise_pattern(image.shape, seed).reshape(-1)),
        "mean": mean,
        "factor": factor,
        "size": display_size(),
        "outputs": [{"caption": caption, "weights": browser_weights(trained)} for caption, trained in outputs],
        "lang": current_language(),
        "labels": slider_labels(),
    }
    _COMPONENT(
        key=COMPONENT_KEY,
        data=data,
        on_factor_change=_on_factor,
    )
    return factor
