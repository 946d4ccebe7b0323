"""The shareable state kept in the URL: every setting, and a drawn or uploaded digit.

A teacher can copy the address bar (or show the QR code) and a class opens the same view:
variant, MNIST index, how digits are picked, the input source, noise factor, seed and mean,
big images, and, for a drawing or an upload, the digit itself (see `digits.digit_code`). Values
from the URL are checked here; anything invalid falls back to its default with a short
notice, never an exception. The page itself is part of the path (`/denoising`), handled by
`st.navigation`. The reasons and notices are written in the session's language, which is settled
first, from `lang` (or the browser's): parsing runs in a session's first run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import streamlit as st

from digits.data import MNIST_TEST_SIZE
from digits.digit_code import decode_digit, encode_digit
from digits.messages import ReadableError
from digits.noise import DEFAULT_NOISE_FACTOR
from i18n import DEFAULT_LANGUAGE, LANG_PARAM, LANGUAGES, N_, _, number
from models.registry import VARIANTS
from ui.state.keys import (
    BIG_IMAGES,
    DRAWN_IMAGE,
    INPUT_IMAGE,
    INPUT_SOURCE,
    LANGUAGE,
    MNIST_INDEX,
    NOISE_FACTOR,
    NOISE_SEED,
    PICK_LABEL,
    PICK_MODE,
    UPLOADED_IMAGE,
    URL_NOTICES,
    URL_RESTORED,
    VARIANT,
    ZERO_MEAN_NOISE,
)

MAX_SEED = 2**31 - 1
# Longer values are refused before parsing: no valid value comes close, and Python's int() and
# float() would otherwise accept forms a link should not carry (1_000, Arabic-Indic digits).
MAX_VALUE_LENGTH = 40
WHOLE_NUMBER = re.compile(r"[0-9]+")
DECIMAL = re.compile(r"[0-9]*\.?[0-9]+|[0-9]+\.")
# What of a refused value is echoed in its notice (rendered as Markdown): nothing that could
# end the code span or make a link.
UNSAFE_IN_NOTICE = re.compile(r"[^A-Za-z0-9 ,._+\-]")


def parse_variant(text: str) -> str:
    if text not in VARIANTS:
        raise ValueError(_("choose one of {options}").format(options=", ".join(VARIANTS)))
    return text


def whole_number(text: str) -> int:
    if not WHOLE_NUMBER.fullmatch(text):
        raise ValueError(_("not a whole number"))
    return int(text)


def parse_index(text: str) -> int:
    index = whole_number(text)
    if not 0 <= index < MNIST_TEST_SIZE:
        raise ValueError(_("must be between {low} and {high}").format(low=0, high=MNIST_TEST_SIZE - 1))
    return index


def parse_noise(text: str) -> float:
    if not DECIMAL.fullmatch(text):
        raise ValueError(_("not a number"))
    factor = float(text)
    if not 0.0 <= factor <= 1.0:  # also refuses nan
        raise ValueError(_("must be between {low} and {high}").format(low=0, high=1))
    return round(factor, 2)


def parse_seed(text: str) -> int:
    seed = whole_number(text)
    if not 0 <= seed <= MAX_SEED:
        raise ValueError(_("must be between {low} and {high}").format(low=0, high=MAX_SEED))
    return seed


def _choice(options: tuple[str, ...]) -> Callable[[str], str]:
    """A parser that accepts one of `options` (in any letter case) and returns its usual spelling."""

    def parse(text: str) -> str:
        for option in options:
            if text.lower() == option.lower():
                return option
        raise ValueError(_("choose one of {options}").format(options=", ".join(options)))

    return parse


def parse_switch(text: str) -> bool:
    if text not in ("0", "1"):
        raise ValueError(_("must be 0 or 1"))
    return text == "1"


def parse_label(text: str) -> int:
    label = whole_number(text)
    if not 0 <= label <= 9:
        raise ValueError(_("must be a digit from 0 to 9"))
    return label


SOURCES = ("MNIST", "Draw", "Upload")  # the input panel's sources, as its control spells them
CARRIES_DIGIT = {"Draw": DRAWN_IMAGE, "Upload": UPLOADED_IMAGE}  # sources whose digit the link holds
DIGIT_PARAM = "digit"
GIVEN_TWICE, EMPTY = N_("given more than once"), N_("empty")


@dataclass(frozen=True)
class Param:
    """One URL parameter: its session-state key, parser and default."""

    name: str
    state_key: str
    parse: Callable[[str], Any]
    default: Any


PARAMS = (
    Param("variant", VARIANT, parse_variant, "dense"),
    Param("index", MNIST_INDEX, parse_index, 0),
    Param("noise", NOISE_FACTOR, parse_noise, DEFAULT_NOISE_FACTOR),
    Param("seed", NOISE_SEED, parse_seed, 0),
    Param("zero_mean", ZERO_MEAN_NOISE, parse_switch, False),
    Param("source", INPUT_SOURCE, _choice(SOURCES), "MNIST"),
    Param("pick", PICK_MODE, _choice(("index", "label", "random")), "index"),
    Param("label", PICK_LABEL, parse_label, 0),
    Param("big", BIG_IMAGES, parse_switch, False),
    # Without `lang` the browser's language decides (restore_from_url); with it, every screen of a
    # shared link or class QR code reads the same language.
    Param(LANG_PARAM, LANGUAGE, _choice(tuple(LANGUAGES)), DEFAULT_LANGUAGE),
)


def shown(text: str) -> str:
    """A refused value as its notice echoes it: short, and only harmless characters."""
    return UNSAFE_IN_NOTICE.sub("?", text[:MAX_VALUE_LENGTH]) + ("…" if len(text) > MAX_VALUE_LENGTH else "")


def parse_one(param: Param, given: str | list[str]) -> Any:
    """One parameter's value from the link; ValueError (with the reason) when it cannot be used."""
    texts = list(dict.fromkeys(given)) if isinstance(given, list) else [given]
    if len(texts) != 1:
        raise ValueError(_(GIVEN_TWICE) if texts else _(EMPTY))
    text = str(texts[0]).strip()
    if len(text) > MAX_VALUE_LENGTH:
        raise ValueError(_("too long"))
    return param.parse(text)


def read_params(query: dict[str, str | list[str]]) -> tuple[dict[str, Any], list[str]]:
    """Values for every parameter (defaults where missing or invalid) and a notice per invalid one.

    A value may be a list (a key repeated in the link); unknown keys are left alone.
    """
    values, notices = {}, []
    for param in PARAMS:
        values[param.state_key] = param.default
        if param.name not in query:
            continue
        given = query[param.name]
        try:
            values[param.state_key] = parse_one(param, given)
        except (ValueError, OverflowError) as error:
            text = ", ".join(map(str, given)) if isinstance(given, list) else str(given)
            default = _shown_default(param.default)
            notices.append(
                _("Ignored `{param}` in the link ({reason}); using {default}.").format(
                    param=f"{param.name}={shown(text)}", reason=error, default=default
                )
            )
    if DIGIT_PARAM in query:
        given = query[DIGIT_PARAM]
        try:
            if isinstance(given, list) and len(set(given)) != 1:
                raise ValueError(_(GIVEN_TWICE) if given else _(EMPTY))
            text = given[0] if isinstance(given, list) else given
            values[CARRIES_DIGIT.get(values[INPUT_SOURCE], DRAWN_IMAGE)] = decode_digit(str(text))
        except ValueError as error:
            shown_digit = shown(str(given))
            notices.append(
                _("Ignored `{param}` in the link ({reason}); no digit from the link.").format(
                    param=f"{DIGIT_PARAM}={shown_digit}",
                    reason=error.text.translated() if isinstance(error, ReadableError) else error,
                )
            )
    return values, notices


_LAST_SENT = "url_last_sent"  # the query this session last sent to the browser's address bar


def restore_from_url(browser_language: Callable[[], str]) -> None:
    """On a session's first run, fill session state from the URL and keep the notices to show;
    without a usable `lang`, the language is `browser_language()` (ui/language.py, above this package)."""
    if URL_RESTORED in st.session_state:
        return
    query = {name: st.query_params.get_all(name) for name in st.query_params}
    # The language first, so the notices below are written in it.
    st.session_state.setdefault(LANGUAGE, _language_given(query.get(LANG_PARAM), browser_language))
    values, notices = read_params(query)
    values.pop(LANGUAGE, None)
    for key, value in values.items():
        st.session_state.setdefault(key, value)
    st.session_state[URL_NOTICES] = notices
    st.session_state[URL_RESTORED] = True


def _language_given(given: list[str] | None, browser_language: Callable[[], str]) -> str:
    """`lang=` when the link has a usable one; otherwise the browser's language."""
    try:
        return parse_one(next(p for p in PARAMS if p.name == LANG_PARAM), given) if given else browser_language()
    except ValueError:
        return browser_language()


def _shown_default(value: Any) -> str:
    """A default as a notice names it: a number written as the reader's language writes it."""
    return number(value) if isinstance(value, float) else _as_text(value)


def _as_text(value: Any) -> str:
    return {False: "0", True: "1"}.get(value, str(value)) if isinstance(value, bool) else str(value)


_PAGE_PARAMS = "url_page_params"  # (shared, private): what the page shown adds to the address


def set_page_params(shared: dict[str, str], private: dict[str, str] | None = None) -> None:
    """Parameters only the page being shown uses (the lesson's step), checked by that page. `private`
    ones stay in this browser's address but never in a share link (the teacher's notes view)."""
    st.session_state[_PAGE_PARAMS] = (dict(shared), dict(private or {}))


def clear_page_params() -> None:
    """Before a page runs: the last page's own parameters leave the address with it."""
    st.session_state[_PAGE_PARAMS] = ({}, {})


def current_query(for_sharing: bool = False) -> dict[str, str]:
    """The URL parameters that describe the current state (the digit only for a drawing or upload),
    then the page's own; a link `for_sharing` leaves out the page's private ones."""
    query = {param.name: _as_text(st.session_state.get(param.state_key, param.default)) for param in PARAMS}
    image = st.session_state.get(INPUT_IMAGE)
    if st.session_state.get(INPUT_SOURCE) in CARRIES_DIGIT and image is not None:
        query[DIGIT_PARAM] = encode_digit(image)
    shared, private = st.session_state.get(_PAGE_PARAMS, ({}, {}))
    query.update(shared)
    if not for_sharing:
        query.update(private)
    return query


def write_to_url() -> None:
    """Mirror the current state into the address bar, in one message, when it differs from the address
    the browser reported with this run or from the one this session last sent.

    Why both: a rerun request carries the address the browser had when it left. A quick second click
    (MNIST, then Draw) can leave before the first run's address update arrives; the second run then
    starts from the older address, finds it already right and sends nothing, and the browser goes on
    to apply the first run's late update, so the address bar shows the earlier state for good.
    Comparing with what was last sent as well catches that; an unchanged state sends nothing.
    """
    query = current_query()
    reported = {name: st.query_params.get_all(name) for name in st.query_params}
    if reported != {name: [text] for name, text in query.items()} or st.session_state.get(_LAST_SENT) != query:
        st.query_params.from_dict(query)  # one message; drops repeated and unknown keys too
        st.session_state[_LAST_SENT] = query
