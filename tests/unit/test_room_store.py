"""Room stores: sessions share fields and lists through a room code; old rooms are forgotten.

Cases that take `store` run on the embedded store and on a real redis-server alike."""

from __future__ import annotations

import threading
import time

import pytest

from harness.redis_server import RedisServer
from rooms.redis_store import RedisRoomStore
from rooms.store import MemoryRoomStore, RoomStoreUnavailable, is_room_code, new_room_code


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def test_a_room_shares_its_fields_and_unknown_ones_read_as_none(store):
    room = new_room_code()
    assert store.read(room, "lesson_step") is None
    store.write(room, "lesson_step", "3")
    assert store.read(room, "lesson_step") == "3"
    assert store.read(room, "other") is None
    assert store.read(new_room_code(), "lesson_step") is None
    store.write(room, "name", "Ада")
    assert store.read_fields(room) == {"lesson_step": "3", "name": "Ада"}
    assert store.read_fields(new_room_code()) == {}


def test_room_codes_are_hard_to_guess_and_checked():
    codes = {new_room_code() for _ in range(2000)}
    assert len(codes) == 2000 and all(is_room_code(code) for code in codes)
    for bad in ("", "abcd", "ABCDEFGHJK", "abcdefghj0", "abcdefghjkm", "../../etc", "abcdefghj "):
        assert not is_room_code(bad)
        with pytest.raises(ValueError):
            MemoryRoomStore().write(bad, "lesson_step", "1")


def test_a_room_without_activity_for_three_hours_is_forgotten_and_activity_keeps_it():
    clock = Clock()
    memory, kept, idle = MemoryRoomStore(clock=clock), new_room_code(), new_room_code()
    memory.write(kept, "lesson_step", "2")
    memory.write(idle, "lesson_step", "5")
    for _ in range(4):  # a projector reading its room every hour keeps it
        clock.now += 3600
        assert memory.read(kept, "lesson_step") == "2"
    assert memory.read(idle, "lesson_step") is None


def test_the_store_holds_at_most_its_room_limit_forgetting_the_least_recently_used():
    memory = MemoryRoomStore(max_rooms=3)
    rooms = [new_room_code() for _ in range(4)]
    for room in rooms[:3]:
        memory.write(room, "f", "x")
    memory.read(rooms[0], "f")  # used: the second room is now the least recently used
    memory.write(rooms[3], "f", "x")
    assert [memory.read(room, "f") for room in rooms] == ["x", None, "x", "x"]


def test_a_value_stays_short(store):
    with pytest.raises(ValueError, match="at most"):
        store.write(new_room_code(), "f", "x" * 201)
    with pytest.raises(ValueError, match="at most"):
        store.append(new_room_code(), "digits", "x" * 2001, limit=10)
    with pytest.raises(ValueError, match="not a room code"):
        store.append("../../etc", "digits", "x", limit=10)


def test_a_list_grows_to_its_limit_and_is_read_from_any_index(store):
    room = new_room_code()
    assert store.items(room, "digits") == [] and store.length(room, "digits") == 0
    assert [store.append(room, "digits", f"d{n}", limit=3) for n in range(4)] == [0, 1, 2, None]
    assert store.items(room, "digits") == ["d0", "d1", "d2"]
    assert store.items(room, "digits", start=2) == ["d2"] and store.items(room, "digits", start=7) == []
    assert store.length(room, "digits") == 3 and store.items(room, "other") == []


def test_a_window_counts_and_deleting_a_room_forgets_everything(store):
    room = new_room_code()
    assert [store.count_in_window(room, "sent_ab12", 60) for _ in range(3)] == [1, 2, 3]
    assert store.count_in_window(room, "sent_cd34", 60) == 1  # each name counts apart
    store.write(room, "kind", "class")
    store.append(room, "digits", "d", limit=5)
    other = new_room_code()
    store.write(other, "kind", "class")
    assert store.count_rooms("kind", "class") == 2 and store.count_rooms("kind", "lesson") == 0
    store.delete(room)
    assert store.read_fields(room) == {} and store.items(room, "digits") == []
    assert store.count_rooms("kind", "class") == 1


def test_two_servers_adding_the_last_allowed_item_at_once_never_pass_the_limit(store):
    room, limit = new_room_code(), 50
    indices: list[int | None] = []

    def add() -> None:
        for _ in range(20):
            indices.append(store.append(room, "digits", "d", limit=limit))

    threads = [threading.Thread(target=add) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    given = sorted(index for index in indices if index is not None)
    assert given == list(range(limit)) and store.length(room, "digits") == limit


def test_redis_forgets_an_idle_room_and_a_restart_keeps_what_it_acknowledged():
    with RedisServer() as server:
        store = RedisRoomStore.from_url(server.url, lifetime_seconds=1)
        idle, kept = new_room_code(), new_room_code()
        store.write(idle, "lesson_step", "5")
        kept_store = RedisRoomStore.from_url(server.url)
        kept_store.write(kept, "lesson_step", "2")
        assert kept_store.append(kept, "digits", "d0", limit=10) == 0
        time.sleep(2.1)  # Redis expires the idle room after its one second
        assert store.read(idle, "lesson_step") is None
        server.restart()  # append-only persistence: acknowledged writes come back
        assert kept_store.read(kept, "lesson_step") == "2" and kept_store.items(kept, "digits") == ["d0"]


def test_an_unreachable_redis_is_reported_with_its_address():
    with RedisServer() as server:
        store = RedisRoomStore.from_url(server.url)
    with pytest.raises(RoomStoreUnavailable, match=f"127.0.0.1:{server.port} cannot be reached"):
        store.read(new_room_code(), "lesson_step")


def test_many_sessions_writing_at_once_leave_a_consistent_store():
    memory, room = MemoryRoomStore(), new_room_code()

    def write(number: int) -> None:
        for _ in range(200):
            memory.write(room, f"field{number}", str(number))
            memory.read(room, "field0")

    threads = [threading.Thread(target=write, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [memory.read(room, f"field{n}") for n in range(8)] == [str(n) for n in range(8)]
