"""Every lesson step in Russian reads as Russian, and in English has no Russian in it.

One session per language walks the lesson from its first step to its last with Next, pressing
Reveal where a step asks a question, then switches to the teacher's notes view and walks back,
reading each screen with tests/app/visible_text.py (as tests/app/test_languages.py does for whole
pages). Only the main area is read: the sidebar is the same on every page, and
test_languages.py reads it. The steps' own words come from lesson/autoencoders.toml through the
catalog (lesson/translation.py), so a step left out of it shows up here as English.
"""

from __future__ import annotations

import re
from types import SimpleNamespace

import pytest
from streamlit.testing.v1 import AppTest

import i18n
from i18n import LANGUAGES
from tests.app.helpers import start
from tests.app.visible_text import CYRILLIC, cyrillic_share, english_words, visible_text, words
from ui.language import SWITCH_LABEL
from ui.lesson.progress import the_lesson
from ui.lesson.views import COMPUTED_ANSWERS
from ui.page_table import LESSON
from ui.source import ARTICLE_TITLE
from ui.state.keys import LESSON_NOTES, LESSON_STEP

pytestmark = pytest.mark.needs_mnist

ENOUGH_RUSSIAN = 0.9
RUSSIAN_ON_AN_ENGLISH_PAGE = {ARTICLE_TITLE, SWITCH_LABEL, *LANGUAGES.values()}
STEPS = the_lesson().steps


# What visible_text reads that no one reads as words: a component's encoded arrays (the noise
# slider's digit), the weight files it names, Plotly's named settings (a marker's symbol, a colour,
# hoverinfo), and TeX (the noise step's formula: \tilde, \varepsilon are no English).
ENCODED = re.compile(r"[A-Za-z0-9+/]{40,}={0,2}|[\w.-]+\.bin")
PLOTLY_SETTINGS = {"none", "skip", "star", "white", "black", "circle", "closest", "markers", "lines"}
TEX = re.compile(r"\$[^$]+\$")


def main_text(at: AppTest) -> list[str]:
    """What the main area shows (visible_text reads whatever tree it is given), as a reader reads it."""
    texts = visible_text(SimpleNamespace(_tree=at.main))
    return [TEX.sub(" ", text) for text in texts if not ENCODED.fullmatch(text) and text not in PLOTLY_SETTINGS]


def press(at: AppTest, language: str, label: str) -> None:
    shown = i18n.translations(language).gettext(label)
    next(button for button in at.main.button if button.label == shown).click().run()
    assert not at.exception, [e.value for e in at.exception]


def walk(language: str) -> dict[str, list[str]]:
    """The main area's texts of every screen of the lesson in `language`, by a name for the screen:
    each step, each revealed answer, and each step's notes view."""
    at = start(lang=language)
    at.switch_page(LESSON.file)
    at.query_params["step"] = "1"
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    screens = {}
    for number, step in enumerate(STEPS, start=1):
        assert at.session_state[LESSON_STEP] == number
        screens[f"{number} {step.id}"] = main_text(at)
        if step.question is not None:
            press(at, language, "Reveal")
            screens[f"{number} {step.id} revealed"] = main_text(at)
            # The answer is found in any language: the file's or the view's (the five models' step
            # names the worst copy by comparing the file's choices with the models' English names).
            if step.question.answer is not None or step.show in COMPUTED_ANSWERS:
                assert at.main.success, f"{language}: no answer on step {number} ({step.id})"
        if number < len(STEPS):
            press(at, language, "Next →")
    at.session_state[LESSON_NOTES] = True
    at.run()
    for number in range(len(STEPS), 0, -1):
        assert at.session_state[LESSON_STEP] == number
        screens[f"{number} {STEPS[number - 1].id} notes"] = main_text(at)
        if number > 1:
            press(at, language, "← Back")
    return screens


def test_every_lesson_step_in_russian_is_in_russian():
    screens = walk("ru")
    poor = {}
    for screen, texts in screens.items():
        if cyrillic_share(texts) < ENOUGH_RUSSIAN:
            poor[screen] = f"{cyrillic_share(texts):.0%}, e.g. {sorted(set(english_words(texts)))[:30]}"
    assert not poor, poor


def test_every_lesson_step_in_english_has_no_russian():
    screens = walk("en")
    russian = {}
    for screen, texts in screens.items():
        for allowed in RUSSIAN_ON_AN_ENGLISH_PAGE:
            texts = [text.replace(allowed, "") for text in texts]
        if found := [word for word in words(texts) if CYRILLIC.search(word)]:
            russian[screen] = found
    assert not russian, russian
