"""The embedded room store: sessions share fields through a room code; old rooms are forgotten."""

from __future__ import annotations

import threading

import pytest

from rooms.store import MemoryRoomStore, is_room_code, new_room_code


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_room_shares_its_fields_and_unknown_ones_read_as_none():
    store, room = MemoryRoomStore(), new_room_code()
    assert store.read(room, "lesson_step") is None
    store.write(room, "lesson_step", "3")
    assert store.read(room, "lesson_step") == "3"
    assert store.read(room, "other") is None
    assert store.read(new_room_code(), "lesson_step") is None


def test_room_codes_are_hard_to_guess_and_checked():
    codes = {new_room_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(is_room_code(code) for code in codes)
    for bad in ("", "abcd", "ABCDEFGHJK", "abcdefghj0", "abcdefghjkm", "../../etc", "abcdefghj "):
        assert not is_room_code(bad)
        with pytest.raises(ValueError):
            MemoryRoomStore().write(bad, "lesson_step", "1")


def test_a_room_without_activity_for_three_hours_is_forgotten_and_activity_keeps_it():
    clock = Clock()
    store, kept, idle = MemoryRoomStore(clock=clock), new_room_code(), new_room_code()
    store.write(kept, "lesson_step", "2")
    store.write(idle, "lesson_step", "5")
    for _ in range(4):  # a projector reading its room every hour keeps it
        clock.now += 3600
        assert store.read(kept, "lesson_step") == "2"
    assert store.read(idle, "lesson_step") is None


def test_the_store_holds_at_most_its_room_limit_forgetting_the_least_recently_used():
    store = MemoryRoomStore(max_rooms=3)
    rooms = [new_room_code() for _ in range(4)]
    for room in rooms[:3]:
        store.write(room, "f", "x")
    store.read(rooms[0], "f")  # used: the second room is now the least recently used
    store.write(rooms[3], "f", "x")
    assert [store.read(room, "f") for room in rooms] == ["x", None, "x", "x"]


def test_a_value_stays_short():
    with pytest.raises(ValueError, match="at most"):
        MemoryRoomStore().write(new_room_code(), "f", "x" * 201)


def test_many_sessions_writing_at_once_leave_a_consistent_store():
    store, room = MemoryRoomStore(), new_room_code()

    def write(number: int) -> None:
        for _ in range(200):
            store.write(room, f"field{number}", str(number))
            store.read(room, "field0")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [store.read(room, f"field{n}") for n in range(8)] == [str(n) for n in range(8)]
