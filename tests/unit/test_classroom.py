"""A class's rules, on the embedded store and on Redis: who may do what, the limits, bad input."""

from __future__ import annotations

import json

import numpy as np
import pytest

import i18n
from rooms import classroom
from rooms.classroom import ClassError, ClassLimits
from rooms.configured import REDIS_URL_ENV, store_from_environment
from rooms.store import MemoryRoomStore, RoomStoreUnavailable, new_room_code


def a_digit(seed: int = 0) -> np.ndarray:
    pixels = np.zeros((28, 28), np.float32)
    pixels[6:22, 12 + seed % 4 : 16 + seed % 4] = np.linspace(0.2, 1.0, 16)[:, None]
    return pixels


def test_students_digits_reach_the_board_with_names_and_to_one_255th(store):
    code, _ = classroom.start_class(store)
    ada, bob = classroom.join(store, code, "  Ada\u200b\n "), classroom.join(store, code, None)
    assert classroom.send(store, code, ada, a_digit(0), meant=1) == 0
    assert classroom.send(store, code, bob, a_digit(1).ravel(), meant=None) == 1
    board = classroom.board(store, code)
    assert [(d.index, d.name, d.meant) for d in board.digits] == [(0, "Ada", 1), (1, "", None)]
    assert np.abs(board.digits[0].pixels - a_digit(0)).max() <= 0.5 / 255
    assert (board.received, board.students, board.connected) == (2, 2, 2)


def test_only_the_teacher_token_hides_clears_and_ends(store):
    code, token = classroom.start_class(store)
    student = classroom.join(store, code, "Eve")
    for index in range(3):
        classroom.send(store, code, student, a_digit(index), meant=index)
    before = classroom.version(store, code)
    for forged in (None, "", "not-the-token", token[:-1] + ("A" if token[-1] != "A" else "B"), student):
        for act in (
            lambda t: classroom.hide(store, code, t, 0),
            lambda t: classroom.clear(store, code, t),
            lambda t: classroom.end(store, code, t),
        ):
            with pytest.raises(ClassError, match="Only the teacher"):
                act(forged)
    assert classroom.version(store, code) == before and len(classroom.board(store, code).digits) == 3
    # Another class's teacher is not this class's.
    _, other_token = classroom.start_class(store)
    with pytest.raises(ClassError, match="Only the teacher"):
        classroom.hide(store, code, other_token, 0)
    classroom.hide(store, code, token, 1)
    assert [d.index for d in classroom.board(store, code).digits] == [0, 2]
    classroom.clear(store, code, token)
    assert classroom.board(store, code).digits == []
    classroom.send(store, code, student, a_digit(5), meant=5)
    assert [d.index for d in classroom.board(store, code).digits] == [3]  # new digits after a clear
    assert classroom.version(store, code) != before
    classroom.end(store, code, token)
    assert store.read_fields(code) == {} and store.items(code, classroom.DIGITS) == []  # deleted at once
    with pytest.raises(ClassError, match="no class with this code"):
        classroom.board(store, code)
    with pytest.raises(ClassError, match="no class with this code"):
        classroom.send(store, code, student, a_digit(), meant=1)


@pytest.mark.parametrize(
    "pixels, message",
    [
        (np.zeros((28, 28)), "pad is empty"),
        (np.ones((27, 28)), "28x28 pixels; this one has 756"),
        (np.full((28, 28), 2.0), "between 0"),
        (np.full((28, 28), np.nan), "between 0"),
        ("a digit", "not a picture"),
        (np.ones((2000, 2000)), "28x28 pixels"),
    ],
)
def test_malformed_or_oversized_digits_are_refused_and_change_nothing(pixels, message):
    memory = MemoryRoomStore()
    code, _ = classroom.start_class(memory)
    student = classroom.join(memory, code)
    with pytest.raises(ClassError, match=message):
        classroom.send(memory, code, student, pixels, meant=3)
    assert classroom.board(memory, code).received == 0


def test_unknown_codes_strangers_and_wrong_meanings_are_refused(store):
    code, _ = classroom.start_class(store)
    student = classroom.join(store, code)
    for bad_code in ("", "abcd", "../../x", new_room_code(), None):
        with pytest.raises(ClassError, match=r"class code|no class"):
            classroom.join(store, bad_code)
    store.write(lesson := new_room_code(), "lesson_step", "3")  # a lesson's room is not a class
    with pytest.raises(ClassError, match="no class"):
        classroom.join(store, lesson)
    with pytest.raises(ClassError, match="not in the class"):
        classroom.send(store, code, "0123456789abcdef", a_digit(), meant=3)
    for meant in (10, -1, "7", 2.5, True):  # True is an int to Python, not a digit to a class
        with pytest.raises(ClassError, match="0 to 9"):
            classroom.send(store, code, student, a_digit(), meant=meant)
    assert classroom.board(store, code).received == 0


def test_each_limit_says_so_when_reached(store):
    limits = ClassLimits(
        digits_per_student_per_minute=2, students_per_class=2, digits_per_class=3, classes_per_server=2
    )
    code, _ = classroom.start_class(store, limits)
    first, second = classroom.join(store, code, limits=limits), classroom.join(store, code, limits=limits)
    with pytest.raises(ClassError, match="full: it takes 2 students"):
        classroom.join(store, code, limits=limits)
    classroom.send(store, code, first, a_digit(), 1, limits)
    classroom.send(store, code, first, a_digit(), 1, limits)
    with pytest.raises(ClassError, match="2 digits a minute"):
        classroom.send(store, code, first, a_digit(), 1, limits)
    classroom.send(store, code, second, a_digit(), 2, limits)
    with pytest.raises(ClassError, match="has 3 digits"):
        classroom.send(store, code, second, a_digit(), 2, limits)
    classroom.start_class(store, limits)
    with pytest.raises(ClassError, match="already runs 2 classes"):
        classroom.start_class(store, limits)
    assert classroom.board(store, code).received == 3


def test_joining_too_fast_is_refused_before_the_class_is_full(store):
    limits = ClassLimits(joins_per_class_per_minute=3)
    code, _ = classroom.start_class(store, limits)
    for _ in range(3):
        classroom.join(store, code, limits=limits)
    with pytest.raises(ClassError, match="Too many screens are joining"):
        classroom.join(store, code, limits=limits)
    assert classroom.board(store, code).students == 3


@pytest.mark.parametrize(
    "students, form",
    [(1, "1 ученик."), (2, "2 ученика."), (5, "5 учеников."), (11, "11 учеников."), (21, "21 ученик."),
     (22, "22 ученика."), (25, "25 учеников.")],
)  # fmt: skip
def test_a_full_class_says_so_in_russian_in_the_plural_form_of_its_number(students, form, monkeypatch):
    """The refusal is worded in the asking session's language, with Russian's three plural forms."""
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")
    store, limits = MemoryRoomStore(), ClassLimits(students_per_class=students)
    code, _ = classroom.start_class(store, limits)
    for _ in range(students):
        classroom.join(store, code, limits=limits)
    with pytest.raises(ClassError) as refused:
        classroom.join(store, code, limits=limits)
    assert str(refused.value) == f"Класс заполнен: в нём может быть {form}"


def test_a_broken_entry_in_the_store_is_skipped_not_shown(store):
    code, _ = classroom.start_class(store)
    student = classroom.join(store, code, "Ada")
    store.append(code, classroom.DIGITS, "not json", limit=10)
    store.append(code, classroom.DIGITS, json.dumps({"s": student, "m": 3, "p": "AAAA"}), limit=10)
    classroom.send(store, code, student, a_digit(), meant=4)
    assert [d.index for d in classroom.board(store, code).digits] == [2]


def test_the_environment_chooses_the_store():
    assert isinstance(store_from_environment({}), MemoryRoomStore)
    with pytest.raises(RoomStoreUnavailable, match=REDIS_URL_ENV):
        store_from_environment({REDIS_URL_ENV: "http://not-redis"})


def test_a_nickname_cannot_put_markdown_or_html_on_the_projector():
    for name in ("![](https://x.io/a.gif)", "<img src=x onerror=alert(1)>", "**big** _it_ `code`", "[a](b)"):
        cleaned = classroom.clean_name(name)
        assert not set(cleaned) & set("![]()<>*_`#|\\/:=") and len(cleaned) <= 24
    assert classroom.clean_name("  Анна-Мария O'Neil. ") == "Анна-Мария O'Neil."


def test_hiding_a_digit_that_is_not_there_is_refused(store):
    code, token = classroom.start_class(store)
    student = classroom.join(store, code)
    classroom.send(store, code, student, a_digit(), meant=2)
    for index in (-1, 1, 10_000, "0"):
        with pytest.raises(ClassError, match="no such digit"):
            classroom.hide(store, code, token, index)
    classroom.hide(store, code, token, 0)
    classroom.hide(store, code, token, 0)  # twice: still one entry
    assert store.items(code, classroom.HIDDEN) == ["0"]
