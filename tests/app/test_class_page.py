"""The Class page without a browser: strange addresses, the teacher's secret, a student's digit."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import i18n
from rooms.classroom import Board
from tests.app.helpers import drawn_one, open_page, start
from tests.app.visible_text import cyrillic_share, english_words, visible_text
from ui import loaders
from ui.classroom import board_view, membership
from ui.classroom import student as student_screen
from ui.components.drawing_pad import DIGIT_KEY
from ui.page_table import CLASS, STUDENT_PAGE_PATH
from ui.state.keys import CLASS_CODE, CLASS_MEANT, CLASS_NAME, CLASS_TOKEN

pytestmark = pytest.mark.needs_mnist


def open_class(**query) -> AppTest:
    return open_page(CLASS.file, **query)


def shown_text(at: AppTest) -> str:
    kinds = ("markdown", "info", "warning", "error", "success", "caption", "code")
    return "\n".join(str(e.value) for kind in kinds for e in at.main.get(kind))


@pytest.mark.parametrize(
    "join, notice",
    [
        ("abcd", "a class code is 10 letters"),
        ("../../etc/passwd", "a class code is 10 letters"),
        ("<script>x</script>", "a class code is 10 letters"),
        ("ABCDEFGHJK", "a class code is 10 letters"),
        (
            "abcdefghjk",
            "There is no class with this code",
        ),  # a code's shape, no class (fixed: xdist's workers must collect the same ids)
    ],
)
def test_a_strange_or_unknown_class_code_in_the_address_says_so(join, notice):
    at = open_class(join=join)
    assert notice in shown_text(at)
    assert at.session_state[CLASS_CODE] is None if CLASS_CODE in at.session_state else True
    assert any(button.label == "Start a class" for button in at.main.button)


def test_the_teacher_s_token_stays_out_of_the_address_and_a_student_s_digit_reaches_the_board():
    teacher = open_class()
    next(b for b in teacher.main.button if b.label == "Start a class").click().run()
    code, token = teacher.session_state[CLASS_CODE], teacher.session_state[CLASS_TOKEN]
    assert code and token and code in shown_text(teacher)
    assert token not in str(dict(teacher.query_params))  # the projected address bar
    # The token is shown once, folded away, in the teacher's own link.
    assert [e.value for e in teacher.main.get("code") if token in e.value] == [
        e.value for e in teacher.main.expander[0].get("code")
    ]

    student = open_class(join=code)
    assert f"You are in class {code}" in shown_text(student).replace("`", "").replace("**", "")
    assert dict(student.query_params).get(membership.JOIN_PARAM) in (code, [code])
    assert next(b for b in student.main.button if b.label == "Send").disabled  # nothing drawn yet
    for key, value in {**drawn_one(), CLASS_NAME: "Ada", CLASS_MEANT: 1}.items():
        student.session_state[key] = value
    student.run()
    next(b for b in student.main.button if b.label == "Send").click().run()
    assert "Sent: your digit is on the class's board" in shown_text(student)
    student.run()  # the board's change reruns the page: the confirmation stays with its drawing
    assert "Sent: your digit is on the class's board" in shown_text(student)

    # A student's screen is the class page alone (the sidebar's widgets slowed a phone's start);
    # the teacher keeps the sidebar: Big images for the projector, the language, Share.
    assert not student.sidebar.toggle and not student.sidebar.button
    assert teacher.sidebar.toggle and teacher.sidebar.button
    # A phone gets the map as a picture (no Plotly to load), the teacher's laptop the clickable chart.
    assert not student.get("plotly_chart")
    assert any("VAE's code" in e.value for e in student.main.get("caption"))
    teacher.run()
    assert len(teacher.get("plotly_chart")) == 1
    assert "Ada, a 1" in [caption for image in teacher.main.get("image") for caption in image.captions]
    assert "**1** digit on the board" in shown_text(teacher)
    assert not [b for b in student.main.button if b.label in ("Hide", "Clear the board")]
    assert [b for b in teacher.main.button if b.label == "Hide"]


def test_a_send_heard_twice_puts_the_digit_on_the_board_once_and_a_changed_digit_goes_again(monkeypatch):
    teacher = open_class()
    next(b for b in teacher.main.button if b.label == "Start a class").click().run()
    student = open_class(join=teacher.session_state[CLASS_CODE])
    for key, value in {**drawn_one(), CLASS_MEANT: 1}.items():
        student.session_state[key] = value
    student.run()
    send = next(b for b in student.main.button if b.label == "Send")
    send.click().run()
    send = next(b for b in student.main.button if b.label == "Send")
    send.click().run()  # a double tap, or a press the server hears twice
    assert "on the board already" in shown_text(student)
    student.session_state[CLASS_MEANT] = 7  # the same pixels said to be another digit: a new Send
    student.run()
    next(b for b in student.main.button if b.label == "Send").click().run()
    assert "Sent: your digit is on the class's board" in shown_text(student)
    # Long after (the teacher cleared the board, say), the same digit goes again.
    monkeypatch.setattr(student_screen, "DOUBLE_SEND_SECONDS", 0.0)
    next(b for b in student.main.button if b.label == "Send").click().run()
    assert "Sent: your digit is on the class's board" in shown_text(student)

    teacher.run()
    assert "**3** digits on the board" in shown_text(teacher)
    # A new stroke: the confirmation was about the drawing before, and goes.
    student.session_state[DIGIT_KEY] = np.roll(student.session_state[DIGIT_KEY], 2)
    student.run()
    assert "Sent:" not in shown_text(student)


def test_while_a_class_runs_only_its_teacher_may_start_training(monkeypatch):
    monkeypatch.setenv("AUTOENCODER_LAB_TRAINING", "on")
    loaders.room_store.clear()  # no other test's class running in this process
    teacher = open_class()
    next(b for b in teacher.main.button if b.label == "Start a class").click().run()
    code = teacher.session_state[CLASS_CODE]
    student = open_class(join=code)
    for at, refused in ((student, True), (teacher, False)):
        at.switch_page("pages/train.py").run()
        start_training = next(b for b in at.main.button if b.label == "Start training")
        assert start_training.disabled is refused
        assert refused == ("only its teacher" in shown_text(at))
    teacher.switch_page(CLASS.file).run()
    next(b for b in teacher.main.button if b.label == "End and delete").click().run()
    assert [e.value for e in teacher.main.success] == ["The class has ended: its digits and names are deleted."]
    teacher.run()
    assert not teacher.main.success  # said once
    student.run()
    assert not next(b for b in student.main.button if b.label == "Start training").disabled


def open_class_in(language: str, **query) -> AppTest:
    """The Class page in a session whose first address carried `lang` (then `query` on the page)."""
    at = start(lang=language)
    at.switch_page(CLASS.file)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_class_in_russian_reads_as_russian_for_its_teacher_and_its_students():
    teacher = open_class_in("ru")
    teacher.button(key="class_start").click().run()
    code = teacher.session_state[CLASS_CODE]
    # The invitation carries the teacher's language: students' screens read what the projector shows.
    link = next(e.value for e in teacher.main.get("code") if f"{STUDENT_PAGE_PATH}/{code}" in e.value)
    assert parse_qs(urlsplit(link).query)["lang"] == ["ru"]

    student = open_class_in("ru", join=code)
    for key, value in {**drawn_one(), CLASS_NAME: "Аня", CLASS_MEANT: 1}.items():
        student.session_state[key] = value
    student.run()
    student.button(key="class_send").click().run()
    teacher.run()
    for at in (teacher, student):
        assert not at.exception, [e.value for e in at.exception]
        texts = visible_text(at)
        assert cyrillic_share(texts) >= 0.9, sorted(set(english_words(texts)))
    assert "Отправлено" in " ".join(e.value for e in student.main.success)


def test_an_english_teacher_s_link_keeps_english_for_every_student():
    teacher = open_class()
    next(b for b in teacher.main.button if b.label == "Start a class").click().run()
    code = teacher.session_state[CLASS_CODE]
    link = next(e.value for e in teacher.main.get("code") if f"{STUDENT_PAGE_PATH}/{code}" in e.value)
    assert urlsplit(link).path == f"{STUDENT_PAGE_PATH}/{code}"  # the student page, not Streamlit's
    assert parse_qs(urlsplit(link).query)["lang"] == ["en"]


@pytest.mark.parametrize(
    "students, words",
    [(1, "1 ученик,"), (2, "2 ученика,"), (5, "5 учеников,"), (11, "11 учеников,"), (21, "21 ученик,"),
     (22, "22 ученика,"), (25, "25 учеников,")],
)  # fmt: skip
def test_the_counts_line_says_students_and_digits_in_russian_plural_forms(students, words, monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")
    digits = {1: "цифра", 2: "цифры", 5: "цифр", 11: "цифр", 21: "цифра", 22: "цифры", 25: "цифр"}[students]
    board = Board([None] * students, received=students, students=students, connected=1)
    line = board_view.counts_line(board)
    assert line.startswith(words) and f"**{students}** {digits} на доске" in line, line


def test_a_student_without_the_link_is_sent_to_the_student_page_s_code_field():
    at = open_class_in("ru")
    (link,) = at.main.get("link_button")
    assert link.proto.url == f"{STUDENT_PAGE_PATH}?lang=ru" and link.proto.label == "Войти по коду"
