"""Which language this visitor reads: the sidebar's switch, `lang=` in the address, the browser's.

On a session's first run the address decides (`lang=ru` or `lang=en`, checked in
ui/state/url_params.py); without it the browser's language (`st.context.locale`, navigator.language)
does: Russian for `ru…`, English otherwise. The switch in the sidebar changes it for the session,
and the address (so share links and QR codes) follows. i18n's `_` asks `session_language` here.
"""

from __future__ import annotations

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

import i18n
from i18n import LANGUAGES
from ui.state.keys import LANGUAGE
from ui.state.remembered import remembered


def language_of_locale(locale: str | None) -> str:
    """The app's language for a browser locale such as "ru-RU" or "en-GB": English unless we have it."""
    return i18n.language_of_tag(locale) or i18n.DEFAULT_LANGUAGE


def browser_language() -> str:
    try:
        return language_of_locale(st.context.locale)
    except Exception:  # no browser behind this run (a bare-mode test): the default
        return i18n.DEFAULT_LANGUAGE


def session_language() -> str:
    """The language of the session whose script is running, English outside a session's run."""
    if get_script_run_ctx(suppress_warning=True) is None:
        return i18n.DEFAULT_LANGUAGE
    return st.session_state.get(LANGUAGE, i18n.DEFAULT_LANGUAGE)


i18n.set_language_source(session_language)

# The switch speaks both languages, whichever is on: a reader of either must find it.
SWITCH_LABEL = "Язык · Language"


def render_language_switch() -> None:
    """The sidebar's switch: each language named in itself, so a reader of either finds theirs."""
    remembered(
        st.segmented_control,
        SWITCH_LABEL,
        options=list(LANGUAGES),
        format_func=LANGUAGES.get,
        selection_mode="single",
        required=True,
        key=LANGUAGE,
    )
