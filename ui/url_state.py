"""The shareable state kept in the URL: every setting, and a drawn or uploaded digit.

A teacher can copy the address bar (or show the QR code) and a class opens the same view:
variant, MNIST index, how digits are picked, the input source, noise factor, seed and mean,
big images, and, for a drawing or an upload, the digit itself (see `ui.digit_code`). Values
from the URL are checked here; anything invalid falls back to its default with a short
notice, never an exception. The page itself is part of the path (`/denoising`), handled by
`st.navigation`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from models.registry import VARIANTS
from ui.digit_code import decode_digit, encode_digit

MNIST_TEST_SIZE = 10_000
MAX_SEED = 2**31 - 1


def parse_variant(text: str) -> str:
    if text not in VARIANTS:
        raise ValueError(f"choose one of {', '.join(VARIANTS)}")
    return text


def parse_index(text: str) -> int:
    index = int(text)
    if not 0 <= index < MNIST_TEST_SIZE:
        raise ValueError(f"must be between 0 and {MNIST_TEST_SIZE - 1}")
    return index


def parse_noise(text: str) -> float:
    factor = float(text)
    if not 0.0 <= factor <= 1.0:  # also refuses nan
        raise ValueError("must be between 0 and 1")
    return round(factor, 2)


def parse_seed(text: str) -> int:
    seed = int(text)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(f"must be between 0 and {MAX_SEED}")
    return seed


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    """A parser that accepts one of `options` (in any letter case) and returns its usual spelling."""

    def parse(text: str) -> str:
        for option in options:
            if text.lower() == option.lower():
                return option
        raise ValueError(f"choose one of {', '.join(options)}")

    return parse


def parse_switch(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError("must be 0 or 1")
    return text == "1"


def parse_label(text: str) -> int:
    label = int(text)
    if not 0 <= label <= 9:
        raise ValueError("must be a digit from 0 to 9")
    return label


SOURCES = ("MNIST", "Draw", "Upload")  # the input panel's sources, as its control spells them
CARRIES_DIGIT = {"Draw": "drawn_image", "Upload": "uploaded_image"}  # sources whose digit the link holds
DIGIT_PARAM = "digit"


@dataclass(frozen=True)
class Param:
    """One URL parameter: its session-state key, parser and default."""

    name: str
    state_key: str
    parse: Callable[[str], Any]
    default: Any


PARAMS = (
    Param("variant", "variant", parse_variant, "dense"),
    Param("index", "mnist_index", parse_index, 0),
    Param("noise", "noise_factor", parse_noise, 0.5),
    Param("seed", "noise_seed", parse_seed, 0),
    Param("zero_mean", "zero_mean_noise", parse_switch, False),
    Param("source", "input_source", _choice(SOURCES), "MNIST"),
    Param("pick", "pick_mode", _choice(("index", "label", "random")), "index"),
    Param("label", "pick_label", parse_label, 0),
    Param("big", "big_images", parse_switch, False),
)


def read_params(query: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Values for every parameter (defaults where missing or invalid) and a notice per invalid one."""
    values, notices = {}, []
    for param in PARAMS:
        values[param.state_key] = param.default
        if param.name not in query:
            continue
        try:
            values[param.state_key] = param.parse(str(query[param.name]).strip())
        except (ValueError, OverflowError) as error:
            shown = str(query[param.name])[:40]
            default = {False: 0, True: 1}.get(param.default, param.default)
            notices.append(f"Ignored `{param.name}={shown}` in the link ({error}); using {default}.")
    if DIGIT_PARAM in query:
        try:
            values[CARRIES_DIGIT.get(values["input_source"], "drawn_image")] = decode_digit(str(query[DIGIT_PARAM]))
        except ValueError as error:
            shown = str(query[DIGIT_PARAM])[:40]
            notices.append(f"Ignored `{DIGIT_PARAM}={shown}` in the link ({error}); no digit from the link.")
    return values, notices


def restore_from_url() -> None:
    """On a session's first run, fill session state from the URL and keep the notices to show."""
    if "url_restored" in st.session_state:
        return
    values, notices = read_params(st.query_params.to_dict())
    for key, value in values.items():
        st.session_state.setdefault(key, value)
    st.session_state.url_notices = notices
    st.session_state.url_restored = True


def _as_text(value: Any) -> str:
    return {False: "0", True: "1"}.get(value, str(value)) if isinstance(value, bool) else str(value)


def current_query() -> dict[str, str]:
    """The URL parameters that describe the current state (the digit only for a drawing or upload)."""
    query = {param.name: _as_text(st.session_state.get(param.state_key, param.default)) for param in PARAMS}
    image = st.session_state.get("input_image")
    if st.session_state.get("input_source") in CARRIES_DIGIT and image is not None:
        query[DIGIT_PARAM] = encode_digit(image)
    return query


def write_to_url() -> None:
    """Mirror the current state into the URL (only what differs from it, so nothing reruns needlessly)."""
    query = current_query()
    for name, text in query.items():
        if st.query_params.get(name) != text:
            st.query_params[name] = text
    if DIGIT_PARAM not in query and DIGIT_PARAM in st.query_params:
        del st.query_params[DIGIT_PARAM]
