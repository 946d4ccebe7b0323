"""serve/student_api.py: what a class's student page asks of the server, and every refusal's answer."""

from __future__ import annotations

import asyncio
import json

import numpy as np
import pytest

from rooms import classroom
from rooms.store import MemoryRoomStore, RoomStoreUnavailable
from serve import class_route, student_api
from tests.unit.event_loop import run_apart
from tests.unit.json_route import call, call_async, get, post


@pytest.fixture
def store(monkeypatch) -> MemoryRoomStore:
    rooms = MemoryRoomStore()
    monkeypatch.setattr(student_api, "shared_store", lambda: rooms)
    monkeypatch.setattr(class_route, "shared_store", lambda: rooms)
    return rooms


def one() -> list[float]:
    digit = np.zeros((28, 28), dtype=np.float32)
    digit[4:24, 13:15] = 1.0
    return digit.ravel().tolist()


def join(code: str, fields=None, query: str = "") -> tuple[int, dict]:
    return post(student_api.join, student_api.url(code, "students"), {"code": code}, fields or {}, query)


def send(code: str, fields, query: str = "") -> tuple[int, dict]:
    return post(student_api.send, student_api.url(code, "digits"), {"code": code}, fields, query)


def summary(code: str, student: str | None = None) -> tuple[int, dict, str]:
    query = f"student={student}" if student else ""
    return get(student_api.board, student_api.url(code, "board"), {"code": code}, query)


def test_joining_twice_with_the_kept_id_stays_the_same_student(store):
    code, _token = classroom.start_class(store)
    status, answer = join(code)
    assert status == 200
    again = join(code, {"student": answer["student"]})
    assert again == (200, answer)
    other = join(code, {"student": "someone-else-s-made-up-id"})[1]["student"]
    assert other != answer["student"]
    assert classroom.board(store, code).students == 2  # the made-up id was not let in: a new student


def test_a_sent_digit_lands_on_the_board_with_its_name_and_meaning(store):
    code, _token = classroom.start_class(store)
    student = join(code)[1]["student"]
    status, answer = send(code, {"student": student, "name": "Ada <b>", "meant": 1, "pixels": one()})
    assert (status, answer) == (200, {"index": 0})
    (digit,) = classroom.board(store, code).digits
    assert (digit.name, digit.meant, digit.student) == ("Ada b", 1, student)
    assert np.abs(digit.pixels.ravel() - np.array(one())).max() <= 1 / 255

    _status, shown, caching = summary(code, student)
    assert caching == "no-store"
    assert shown["counts"] == "1 of 1 student connected · 1 digit on the board (1 received)"
    assert shown["mine"] == 1 and shown["latest"] == "Ada b, a 1 ★" and "★ yours." in shown["caption"]
    assert summary(code)[1]["mine"] == 0 and summary(code)[1]["latest"] == "Ada b, a 1"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"pixels": [0.0] * 784}, "The pad is empty"),
        ({"pixels": [0.5] * 783}, "this one has 783 values"),
        ({"pixels": [2.0] * 784}, "between 0 (black) and 1 (white)"),
        ({"pixels": "a picture"}, "not a picture of a digit"),
        ({"pixels": None}, "this one has 1 value"),
        ({"meant": "7"}, "one of 0 to 9"),
        ({"meant": True}, "one of 0 to 9"),
        ({"meant": 10}, "one of 0 to 9"),
        ({"student": "not-one-of-the-class"}, "not in the class any more"),
        ({"student": None}, "not in the class any more"),
    ],
)
def test_a_refused_send_says_why_and_puts_nothing_on_the_board(store, fields, message):
    code, _token = classroom.start_class(store)
    student = join(code)[1]["student"]
    status, answer = send(code, {"student": student, "meant": 1, "pixels": one(), **fields})
    assert status == 400 and message in answer["error"], answer
    assert classroom.board(store, code).received == 0


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b"x" * (student_api.MAX_BODY_BYTES + 1)])
def test_a_body_the_server_cannot_read_is_refused_with_a_message(store, body):
    code, _token = classroom.start_class(store)
    status, answer = send(code, body)
    assert status == 400 and "could not read" in answer["error"]


def test_a_body_said_to_be_too_large_is_refused_before_it_is_read(store):
    code, _token = classroom.start_class(store)
    response = call(
        student_api.send, student_api.url(code, "digits"), {"code": code}, method="POST", body=b"{}",
        headers={"Content-Length": str(student_api.MAX_BODY_BYTES + 1)},
    )  # fmt: skip
    assert response.status_code == 400 and b"could not read" in response.body


def test_refusals_speak_the_page_s_language(store):
    code, _token = classroom.start_class(store)
    student = join(code)[1]["student"]
    status, answer = send(code, {"student": student, "pixels": [0.0] * 784}, query="lang=ru")
    assert status == 400 and answer["error"].startswith("Поле для рисования пусто: сначала нарисуйте цифру")
    assert send(code, b"{", query="lang=ru")[1]["error"].startswith("Страница прислала")
    assert join(code, {"student": student}, query="lang=xx")[0] == 200  # a language we do not have: English


@pytest.mark.parametrize("code", ["abcdefghjk", "../../etc", "ABCDEFGHJK"])
def test_no_class_answers_gone(store, code):
    status, answer = join(code)
    assert status == 404 and answer["state"] == "gone" and answer["error"]
    assert summary(code)[:2][0] == 404


def test_an_ended_class_is_gone_for_sending_too(store):
    code, token = classroom.start_class(store)
    student = join(code)[1]["student"]
    classroom.end(store, code, token)
    status, answer = send(code, {"student": student, "meant": None, "pixels": one()})
    assert status == 404 and answer["state"] == "gone"


def test_a_store_out_of_reach_says_so(monkeypatch):
    def unreachable():
        raise RoomStoreUnavailable("Redis at 127.0.0.1:1 refused the connection")

    monkeypatch.setattr(student_api, "shared_store", unreachable)
    status, answer = join("abcdefghjk")
    assert status == 503 and answer["state"] == "unreachable" and "127.0.0.1:1" in answer["error"]


@pytest.mark.needs_mnist  # the map's plane places digits among MNIST's test digits
def test_the_map_and_the_latest_digits_are_pictures_of_the_board(store):
    code, _token = classroom.start_class(store)
    student = join(code)[1]["student"]
    latest = call(student_api.latest_picture, student_api.url(code, "latest.png"), {"code": code})
    assert latest.status_code == 404 and latest.headers["cache-control"] == "no-store"  # nothing sent yet
    send(code, {"student": student, "meant": 1, "pixels": one()})
    version = summary(code, student)[1]["version"]
    for handler, name in ((student_api.map_picture, "map.png"), (student_api.latest_picture, "latest.png")):
        picture = call(handler, student_api.url(code, name), {"code": code}, f"student={student}&v={version}")
        assert picture.status_code == 200 and picture.body[:8] == b"\x89PNG\r\n\x1a\n", name
        assert picture.headers["content-type"] == "image/png"
        assert picture.headers["cache-control"] == student_api.PICTURE_CACHING
    # The student's own digit is a star: their map differs from another's.
    theirs = call(student_api.map_picture, student_api.url(code, "map.png"), {"code": code}, "student=other")
    mine = call(student_api.map_picture, student_api.url(code, "map.png"), {"code": code}, f"student={student}")
    assert theirs.body != mine.body


def test_the_board_s_words_follow_the_teacher_s_hide_and_clear(store):
    code, token = classroom.start_class(store)
    student = join(code)[1]["student"]
    for meant in (1, 2):
        send(code, {"student": student, "meant": meant, "pixels": one()})
    assert summary(code, student)[1]["latest"] == "someone, a 2 ★ · someone, a 1 ★"
    classroom.hide(store, code, token, 1)
    assert summary(code, student)[1]["latest"] == "someone, a 1 ★"
    classroom.clear(store, code, token)
    shown = summary(code, student)[1]
    assert shown["latest"] is None and shown["counts"].endswith("0 digits on the board (2 received)")


def test_a_full_class_says_so_and_the_page_may_try_again(store):
    code, _token = classroom.start_class(store)
    for _ in range(classroom.ClassLimits().students_per_class):
        classroom.join(store, code)
    status, answer = join(code)
    assert status == 400 and "This class is full" in answer["error"]


def test_concurrent_requests_each_answer_in_their_own_language(store):
    """The language is set per request (a context variable) while the thread pool serves many."""
    code, _token = classroom.start_class(store)
    student = join(code)[1]["student"]
    languages = ["ru", "en"] * 20

    async def all_at_once():
        requests = [
            call_async(student_api.send, student_api.url(code, "digits"), {"code": code}, f"lang={language}",
                       {"student": student, "pixels": [0.0] * 784})
            for language in languages
        ]  # fmt: skip
        return await asyncio.gather(*requests)

    answers = [json.loads(response.body)["error"] for response in run_apart(all_at_once())]
    for language, error in zip(languages, answers, strict=True):
        assert error.startswith("Поле для рисования пусто" if language == "ru" else "The pad is empty"), error
