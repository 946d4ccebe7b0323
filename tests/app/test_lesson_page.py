"""The Lesson page without a browser: every step draws, answers wait for Reveal, notes follow the room."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import open_page, start
from ui.components.lesson_keys import step_from_message
from ui.lesson.progress import LESSON_FILE_ENV, the_lesson
from ui.page_table import LESSON
from ui.state.keys import LESSON_ROOM, LESSON_STEP

pytestmark = pytest.mark.needs_mnist
STEPS = the_lesson().steps


def step_index(step_id: str) -> int:
    return next(number for number, step in enumerate(STEPS, start=1) if step.id == step_id)


def open_lesson(at_step: int = 1, **query) -> AppTest:
    """The lesson at `at_step` in a new session, `query` in its address (read on the lesson's first run)."""
    return open_page(LESSON.file, {LESSON_STEP: at_step}, **query)


def page_text(at: AppTest) -> str:
    parts = [e.value for kind in ("markdown", "success", "info", "caption", "header") for e in at.main.get(kind)]
    parts += [caption for image in at.main.get("image") for caption in image.captions]
    return "\n".join(str(part) for part in parts)


def press(at: AppTest, label: str) -> None:
    next(button for button in at.main.button if button.label == label).click().run()
    assert not at.exception, [e.value for e in at.exception]


def test_every_step_draws_without_errors_and_says_where_it_is():
    at = open_lesson()
    for number, step in enumerate(STEPS, start=1):
        assert f"Step {number} of {len(STEPS)}" in page_text(at), step.id
        assert step.title in [h.value for h in at.main.header], step.id
        assert not at.error and not at.warning, (step.id, [e.value for e in (*at.error, *at.warning)])
        if number < len(STEPS):
            press(at, "Next →")
    assert at.query_params["step"] == str(len(STEPS))
    press(at, "← Back")
    assert at.session_state[LESSON_STEP] == len(STEPS) - 1


def test_a_question_s_answer_and_its_hidden_result_wait_for_reveal():
    at = open_lesson(step_index("random"))
    question = STEPS[step_index("random") - 1].question
    first_line = question.why.split("\n")[0]
    assert first_line not in page_text(at), "the answer is on the page before Reveal"
    assert "eight random codes, decoded" not in page_text(at)
    press(at, "Reveal")
    assert first_line in page_text(at)
    assert question.choices[question.answer] in page_text(at)
    assert "eight random codes, decoded" in page_text(at)


def test_the_five_models_step_reveals_the_worst_copy_of_this_digit():
    at = open_lesson(step_index("five"))
    assert " — worst" not in page_text(at)
    at.main.radio[0].set_value("Sparse").run()
    press(at, "Reveal")
    worst = next(caption for image in at.main.get("image") for caption in image.captions if "— worst" in caption)
    said = at.main.success[0].value
    assert said.startswith(f"**{worst.split(':')[0]}**"), (said, worst)
    assert "(you said: Sparse)" in said or "as you said" in said
    assert not at.main.radio, "the answer takes the choices' place"


def test_the_notes_view_shows_the_teacher_notes_and_the_answer_and_follows_the_room():
    projector = open_lesson(step_index("noise"))
    room = projector.session_state[LESSON_ROOM]
    assert STEPS[step_index("noise") - 1].notes.split("\n")[0] not in page_text(projector)
    notes = open_lesson(1, room=room, notes="1")
    assert notes.session_state[LESSON_STEP] == step_index("noise"), "the notes view joins the room's step"
    text = page_text(notes)
    assert "For the teacher." in text and "The denoiser at both" in text
    press(projector, "Next →")
    notes.run()  # what the notes view's check every 0.4 s does
    assert notes.session_state[LESSON_STEP] == step_index("noise") + 1
    press(notes, "Next →")  # and the teacher's laptop moves the projector
    projector.run()
    assert projector.session_state[LESSON_STEP] == step_index("noise") + 2


def test_strange_lesson_addresses_are_ignored_with_a_notice():
    at = open_lesson(1, step="99", room="../x", notes="yes")
    notices = [info.value for info in at.main.info]
    for name in ("step=99", "room=..?x", "notes=yes"):
        assert any(f"Ignored `{name}`" in notice for notice in notices), (name, notices)
    assert at.session_state[LESSON_STEP] == 1 and not at.exception


def test_a_broken_lesson_file_is_a_clear_message_not_a_traceback(tmp_path, monkeypatch):
    broken = tmp_path / "lesson.toml"
    broken.write_text('[[steps]]\nid = "a"\ntitle = "A"\nshow = "slides"\ntext = "t"\nnotes = "n"\n', encoding="utf-8")
    monkeypatch.setenv(LESSON_FILE_ENV, str(broken))
    at = start(LESSON.file)
    assert not at.exception
    (error,) = at.main.error
    assert 'Step 1 (a): `show = "slides"` is not a view' in error.value


def test_a_clicker_message_names_a_step_of_the_lesson_or_nothing():
    """The keys send the step they lead to: a message delivered twice goes to the same step."""
    assert step_from_message(7, steps=10) == 7
    for strange in (0, 11, -1, True, 2.0, "3", None, [4]):
        assert step_from_message(strange, steps=10) is None
