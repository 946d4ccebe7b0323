"""`/api/lesson/<room>/step`: what a lesson's second screen polls to follow the projected one."""

from __future__ import annotations

import pytest

from rooms.lesson_room import ROOM_FIELD, step_url
from rooms.store import MemoryRoomStore, RoomStoreUnavailable, new_room_code
from serve import lesson_route
from tests.unit.json_route import get


def ask(room: str) -> tuple[int, dict, str]:
    return get(lesson_route.lesson_step, step_url(room), {"room": room})


@pytest.fixture
def store(monkeypatch) -> MemoryRoomStore:
    rooms = MemoryRoomStore()
    monkeypatch.setattr(lesson_route, "shared_store", lambda: rooms)
    return rooms


def test_the_room_s_step_as_a_screen_wrote_it_never_cached(store):
    room = new_room_code()
    assert ask(room) == (200, {"version": None}, "no-store")  # no screen has moved it yet
    store.write(room, ROOM_FIELD, "4")
    assert ask(room)[:2] == (200, {"version": "4"})


@pytest.mark.parametrize("room", ["../etc", "ABCDEFGHJK", ""])
def test_a_strange_room_has_no_step_and_touches_no_store(monkeypatch, room):
    monkeypatch.setattr(lesson_route, "shared_store", lambda: pytest.fail("the store was asked"))
    assert ask(room)[:2] == (200, {"version": None})


def test_a_store_out_of_reach_says_so(monkeypatch):
    def unreachable():
        raise RoomStoreUnavailable("Redis at 127.0.0.1:1 refused the connection")

    monkeypatch.setattr(lesson_route, "shared_store", unreachable)
    assert ask(new_room_code())[:2] == (503, {"version": None, "state": "unreachable"})
