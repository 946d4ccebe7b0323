"""The shareable state (variant, MNIST index, noise factor and seed) kept in the URL.

A teacher can copy the address bar and a class opens the same view. Values from the URL are
checked here; anything invalid falls back to its default with a short notice. The page
itself is part of the path (`/denoise`), handled by `st.navigation`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from models.registry import VARIANTS

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
        except ValueError as error:
            shown = str(query[param.name])[:40]
            notices.append(f"Ignored `{param.name}={shown}` in the link ({error}); using {param.default}.")
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


def write_to_url() -> None:
    """Mirror the current state into the URL (only what differs from it, so nothing reruns needlessly)."""
    for param in PARAMS:
        value = st.session_state.get(param.state_key, param.default)
        text = str(value)
        if st.query_params.get(param.name) != text:
            st.query_params[param.name] = text
