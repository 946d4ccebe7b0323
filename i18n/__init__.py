"""Two languages, one way: every word a person reads passes through `_` or `ngettext` here.

English is the source language (the text in the code); Russian, the source article's language,
comes from the gettext catalog `i18n/locales/ru/LC_MESSAGES/messages.po`, kept with Babel
(`make translations` extracts the strings and updates it). Which language a call answers in is
asked of a *language source*: the app registers one that reads the visitor's session
(ui/language.py); anywhere else (training, tests, the warm-up thread) it is English. This module
never imports Streamlit, so models/ can mark its words too.

    from i18n import _, N_, ngettext, number
    st.subheader(_("Your digit through each autoencoder"))
    TITLE = N_("Dense")                 # marked for the catalog, translated where shown: _(TITLE)
    ngettext("{count} digit", "{count} digits", n).format(count=n)   # 1 цифра, 2 цифры, 5 цифр
    number(0.0773, "0.0000")            # "0.0773", or "0,0773" in Russian

A whole sentence is one message, with named placeholders for what changes: translations reorder
words, so a sentence is never glued together from translated pieces.
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import gettext
import io
import re
from collections.abc import Callable, Iterator
from pathlib import Path

from babel import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.numbers import format_decimal, format_percent, get_decimal_symbol, get_group_symbol

LANGUAGES = {"en": "English", "ru": "Русский"}
DEFAULT_LANGUAGE = "en"
SOURCE_LANGUAGE = "en"  # the language of the messages in the code: it needs no catalog
CATALOG_DIR = Path(__file__).resolve().parent / "locales"
DOMAIN = "messages"
LANG_PARAM = "lang"  # the address's parameter for the language every screen that opens it reads (`?lang=ru`)


def _english() -> str:
    return DEFAULT_LANGUAGE


_language_source: Callable[[], str] = _english


def set_language_source(source: Callable[[], str]) -> None:
    """Who says which language the current call is for (ui/language.py registers the session's)."""
    global _language_source
    _language_source = source


# A language named for the work in hand (a page served outside Streamlit, serve/student_page.py),
# which wins over the language source for the task or thread that set it.
_spoken: contextvars.ContextVar[str | None] = contextvars.ContextVar("spoken_language", default=None)


@contextlib.contextmanager
def speaking(language: str) -> Iterator[None]:
    """Every `_` inside answers in `language` (English for one we do not have), in this task only."""
    reset = _spoken.set(language if language in LANGUAGES else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _spoken.reset(reset)


def current_language() -> str:
    language = _spoken.get() or _language_source()
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


def language_of_tag(tag: str | None) -> str | None:
    """Ours for a language tag such as "ru-RU" or "en_GB" (its primary subtag), or None."""
    primary = (tag or "").replace("_", "-").split("-")[0].strip().lower()
    return primary if primary in LANGUAGES else None


def preferred_language(accept_language: str | None) -> str:
    """The first of ours in an HTTP Accept-Language header by its q-values ("uk, ru;q=0.9" is
    Russian), English when it names none of them."""
    ranked = []
    for position, entry in enumerate((accept_language or "").split(",")):
        tag, _semicolon, parameters = entry.partition(";")
        quality = 1.0
        if parameters.strip().startswith("q="):
            try:
                quality = float(parameters.strip()[2:])
            except ValueError:
                quality = 0.0
        ranked.append((-quality, position, tag))
    for negative_quality, _position, tag in sorted(ranked):
        if negative_quality < 0 and (language := language_of_tag(tag)):
            return language
    return DEFAULT_LANGUAGE


def catalog_path(language: str) -> Path:
    return CATALOG_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def translations(language: str) -> gettext.NullTranslations:
    """The language's catalog, read once per process. The .po file is compiled in memory rather
    than shipped as a .mo beside it, so a catalog can never be older than its source."""
    if language == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    with catalog_path(language).open("rb") as po_file:
        catalog = read_po(po_file, locale=language, domain=DOMAIN)
    compiled = io.BytesIO()
    write_mo(compiled, catalog, use_fuzzy=False)  # a fuzzy guess is never shown: English is
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)


def _(message: str) -> str:
    """`message` in the current language (the English itself when the catalog lacks it)."""
    return translations(current_language()).gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form for `count` in the current language: Russian has three (1 цифра, 2 цифры, 5 цифр)."""
    return translations(current_language()).ngettext(singular, plural, count)


def pgettext(context: str, message: str) -> str:
    """`message` where the same English word needs different translations (`context` tells which)."""
    return translations(current_language()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks `message` for the catalog without translating it now (module constants, models/):
    whoever shows it calls `_` on it then, in the reader's language."""
    return message


def number(value: float, pattern: str = "#,##0.###") -> str:
    """`value` as the current language writes numbers (Unicode/Babel `pattern`): 0.0773 / 0,0773."""
    return format_decimal(value, format=pattern, locale=current_language())


def percent(fraction: float, decimals: int = 0) -> str:
    """`fraction` (0.361) as a percentage in the current language: 36% / 36 %, or with `decimals`."""
    language = current_language()
    pattern = Locale.parse(language).percent_formats[None].pattern  # where the sign goes, and the space
    if decimals:
        pattern = re.sub(r"0(?=[^0#,.]*%)", "0." + "0" * decimals, pattern, count=1)
    return format_percent(fraction, format=pattern, locale=language)


def number_separators() -> str:
    """The decimal mark, then the thousands separator, of the current language ("." + "," in English,
    "," + a no-break space in Russian): what Plotly's `separators` takes for ticks and hover numbers."""
    language = current_language()
    return get_decimal_symbol(language) + get_group_symbol(language)
