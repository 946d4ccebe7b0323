"""The Class page without a browser: strange addresses, the teacher's secret, a student's digit."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.helpers import drawn_one, open_page
from ui import loaders
from ui.classroom import membership
from ui.page_table import CLASS
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

    teacher.run()
    assert "Ada, a 1" in [caption for image in teacher.main.get("image") for caption in image.captions]
    assert "**1** digit on the board" in shown_text(teacher)
    assert not [b for b in student.main.button if b.label in ("Hide", "Clear the board")]
    assert [b for b in teacher.main.button if b.label == "Hide"]


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
    student.run()
    assert not next(b for b in student.main.button if b.label == "Start training").disabled
