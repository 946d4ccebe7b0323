"""`/api/class/<code>/version`: what a class's screens poll instead of rerunning their page."""

from __future__ import annotations

import numpy as np
import pytest

from rooms import classroom
from rooms.store import MemoryRoomStore, RoomStoreUnavailable
from serve import class_route
from tests.unit.json_route import get


def ask(code: str, query: str = "") -> tuple[int, dict, str]:
    """The route's answer to GET /api/class/<code>/version?<query>: status, JSON and Cache-Control."""
    return get(class_route.class_version, classroom.version_url(code), {"code": code}, query)


@pytest.fixture
def store(monkeypatch) -> MemoryRoomStore:
    rooms = MemoryRoomStore()
    monkeypatch.setattr(class_route, "shared_store", lambda: rooms)
    return rooms


def one() -> np.ndarray:
    digit = np.zeros((28, 28), dtype=np.float32)
    digit[4:24, 13:15] = 1.0
    return digit


def test_the_version_changes_when_a_digit_arrives_and_is_never_cached(store):
    code, _token = classroom.start_class(store)
    student = classroom.join(store, code, "Ada")
    status, answer, caching = ask(code)
    assert status == 200 and caching == "no-store"
    classroom.send(store, code, student, one(), meant=1)
    _status, after, _caching = ask(code)
    assert after["version"] != answer["version"]
    assert ask(code)[1] == after  # nothing changed: the same version, so no screen reruns


@pytest.mark.parametrize("code", ["abcdefghjk", "../../etc", "ABCDEFGHJK", ""])
def test_no_class_or_no_code_is_gone(store, code):
    status, answer, _caching = ask(code)
    assert (status, answer) == (404, {"version": None, "state": "gone"})


def test_an_ended_class_is_gone(store):
    code, token = classroom.start_class(store)
    classroom.end(store, code, token)
    assert ask(code)[0] == 404


def test_a_store_out_of_reach_says_so(monkeypatch):
    def unreachable():
        raise RoomStoreUnavailable("Redis at 127.0.0.1:1 refused the connection")

    monkeypatch.setattr(class_route, "shared_store", unreachable)
    assert ask("abcdefghjk")[:2] == (503, {"version": None, "state": "unreachable"})


def test_a_student_s_screen_checks_in_as_it_asks_and_a_stranger_s_id_writes_nothing(store):
    code, _token = classroom.start_class(store)
    student = classroom.join(store, code, "Ada")
    seen = classroom.SEEN_PREFIX + student
    store.write(code, seen, "0")  # long ago: not connected
    assert classroom.board(store, code).connected == 0
    ask(code, f"student={student}")
    assert classroom.board(store, code).connected == 1
    fields_before = store.read_fields(code)
    ask(code, "student=not-a-student-of-this-class")
    assert store.read_fields(code) == fields_before
