"""The lesson file: the shipped one loads, and a broken step is refused with a message naming it."""

from __future__ import annotations

import pytest

from lesson.plan import LESSON_FILE, LessonError, load_lesson, parse_lesson

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
