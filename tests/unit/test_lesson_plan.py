"""The lesson file: the shipped one loads, a broken step is refused with a message naming it, and
every text a step shows reaches the catalog (lesson/translation.py)."""

from __future__ import annotations

import pytest

import i18n
from lesson.plan import LESSON_FILE, LessonError, load_lesson, parse_lesson
from lesson.translation import extract_lesson

VIEWS = {"squeeze", "five", "noise", "random", "train", "open", "code", "dimensions", "map", "walk"}
GOOD_STEP = """
[[steps]]
id = "one"
title = "One"
show = "noise"
text = "Some text."
notes = "Say this."
"""


def test_the_shipped_lesson_loads_and_follows_the_article():
    lesson = load_lesson(VIEWS)
    ids = [step.id for step in lesson.steps]
    assert ids[0] == "squeeze" and ids[-1] == "open", ids
    assert {"five", "noise", "random", "train"} <= set(ids)
    asked = [step for step in lesson.steps if step.question]
    assert len(asked) >= 3
    for step in asked:
        assert step.question.answer is None or 0 <= step.question.answer < len(step.question.choices)
    # The two predictions with a fixed answer say what the app shows (see test_lesson_page.py for five).
    noise = next(step for step in lesson.steps if step.id == "noise").question
    assert noise.choices[noise.answer] == "The denoiser at both"
    random_code = next(step for step in lesson.steps if step.id == "random").question
    assert "blob" in random_code.choices[random_code.answer] and random_code.hides_result


@pytest.mark.parametrize(
    "text, message",
    [
        ("title = 'x'", "has no steps"),
        ("[[steps", "not valid TOML"),
        (GOOD_STEP.replace('show = "noise"', 'show = "slideshow"'), 'Step 1 (one): `show = "slideshow"` is not a view'),
        (GOOD_STEP.replace('notes = "Say this."', ""), "Step 1 (one): `notes` must be some text"),
        (GOOD_STEP.replace('id = "one"', 'id = "one"\ncolour = "red"'), "Step 1 (one): unknown field `colour`"),
        (GOOD_STEP + GOOD_STEP, "Step 2 (one): another step already has this id"),
        (GOOD_STEP + '[steps.question]\nprompt = "?"\nchoices = ["a"]\nwhy = "w"', "`choices` must list at least two"),
        (
            GOOD_STEP + '[steps.question]\nprompt = "?"\nchoices = ["a", "b"]\nanswer = 3\nwhy = "w"',
            "Step 1 (one), question: `answer` must be the number of a choice, 1 to 2",
        ),
        (GOOD_STEP + '[steps.question]\nprompt = "?"\nchoices = ["a", "b"]', "question: `why` must be some text"),
    ],
)
def test_a_broken_lesson_says_which_step_and_field(text, message):
    with pytest.raises(LessonError, match=None) as raised:
        parse_lesson(text, VIEWS)
    assert message in str(raised.value), str(raised.value)


def test_answers_count_from_one_in_the_file_and_from_zero_in_python():
    text = GOOD_STEP + '[steps.question]\nprompt = "?"\nchoices = ["a", "b"]\nanswer = 2\nwhy = "w"'
    (step,) = parse_lesson(text, VIEWS).steps
    assert step.question.choices[step.question.answer] == "b" and not step.question.hides_result


def test_an_unreadable_file_is_a_lesson_error(tmp_path):
    with pytest.raises(LessonError, match="cannot be read"):
        load_lesson(VIEWS, tmp_path / "missing.toml")
    assert LESSON_FILE.exists()


def test_the_extractor_gives_the_catalog_every_text_a_step_shows_with_its_step_and_field():
    lesson = load_lesson(VIEWS)
    with LESSON_FILE.open("rb") as file:
        found = list(extract_lesson(file, keywords={}, comment_tags=[], options={}))
    messages = {message: comments for _line, _function, message, comments in found}
    for number, step in enumerate(lesson.steps, start=1):
        texts = [step.title, step.text, step.notes]
        if step.question:
            texts += [step.question.prompt, step.question.why, *step.question.choices]
        for text in texts:
            assert text in messages, (step.id, text)
        assert messages[step.title] == [f"Lesson step {number} ({step.id}), title."]
    lines = LESSON_FILE.read_text(encoding="utf-8").splitlines()
    first = next(line for line, _function, message, _comments in found if message == lesson.steps[0].text)
    assert lesson.steps[0].text.splitlines()[0] in lines[first - 1], "the line of a text is where it begins"


def test_a_broken_lesson_is_explained_in_the_reader_s_language(monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")
    with pytest.raises(LessonError) as raised:
        parse_lesson(GOOD_STEP.replace('show = "noise"', 'show = "slideshow"'), VIEWS)
    assert str(raised.value).startswith('Шаг 1 (one): `show = "slideshow"` — такого вида нет'), str(raised.value)
