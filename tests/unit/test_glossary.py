"""The Models page's glossary: every term in both languages, explained in the reader's."""

from __future__ import annotations

import re

import pytest

import i18n
from ui.model_cards.glossary import TERMS, glossary_markdown

CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def test_every_entry_names_its_term_in_english_and_in_russian():
    for term in TERMS:
        assert term.english and not CYRILLIC.search(term.english), term
        assert term.russian and CYRILLIC.search(term.russian), term
        assert term.explanation, term
    assert len({term.english for term in TERMS}) == len({term.russian for term in TERMS}) == len(TERMS)


@pytest.mark.parametrize("language", ["en", "ru"])
def test_the_glossary_shows_both_terms_and_explains_in_the_readers_language(monkeypatch, language):
    monkeypatch.setattr(i18n, "_language_source", lambda: language)
    lines = glossary_markdown().splitlines()
    assert len(lines) == len(TERMS)
    for term, line in zip(TERMS, lines, strict=True):
        shown, other = (term.russian, term.english) if language == "ru" else (term.english, term.russian)
        assert line.startswith(f"- **{shown}** (`{other}`) — "), line
        explanation = line.split(" — ", 1)[1]
        assert bool(CYRILLIC.search(explanation)) == (language == "ru"), line
