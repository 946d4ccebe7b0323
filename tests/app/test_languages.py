"""Every page in Russian reads as Russian, and in English has no Russian left in it.

One session per language walks every page (as a visitor would, through the navigation) and reads
everything it shows with tests/app/visible_text.py: in Russian at least 90% of the words must be
Cyrillic (names, abbreviations and units aside: tests/app/visible_text.py's NAMES); in English
none may be, except the source article's own title. Where a page fails, the message lists the
English words left, so the missing `_()` is easy to find.
"""

from __future__ import annotations

import pytest

from i18n import LANGUAGES
from tests.app.helpers import PAGES, start
from tests.app.visible_text import CYRILLIC, cyrillic_share, english_words, visible_text, words
from ui.language import SWITCH_LABEL
from ui.source import ARTICLE_TITLE

# Russian an English page may show: the article's title, and the language switch (in both languages).
RUSSIAN_ON_AN_ENGLISH_PAGE = {ARTICLE_TITLE, SWITCH_LABEL, *LANGUAGES.values()}

pytestmark = pytest.mark.needs_mnist

ENOUGH_RUSSIAN = 0.9


@pytest.fixture(scope="module")
def sessions():
    """One AppTest per language, started on Home with `lang` in the address."""
    return {language: start(lang=language) for language in ("ru", "en")}


@pytest.mark.parametrize("page", PAGES)
def test_a_page_in_russian_is_in_russian(sessions, page):
    at = sessions["ru"].switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = visible_text(at)
    left = english_words(texts)
    assert cyrillic_share(texts) >= ENOUGH_RUSSIAN, f"{page}: {len(left)} English words, e.g. {sorted(set(left))[:60]}"


@pytest.mark.parametrize("page", PAGES)
def test_a_page_in_english_has_no_russian(sessions, page):
    at = sessions["en"].switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    texts = visible_text(at)
    for allowed in RUSSIAN_ON_AN_ENGLISH_PAGE:
        texts = [text.replace(allowed, "") for text in texts]
    russian = [word for word in words(texts) if CYRILLIC.search(word)]
    assert not russian, f"{page}: {russian}"
