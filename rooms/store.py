"""Rooms: short codes under which sessions share a few named fields and lists.

    store = MemoryRoomStore()
    room = new_room_code()
    store.write(room, "lesson_step", "3")       # the projector moves on
    store.read(room, "lesson_step")             # the teacher's notes view follows: "3"
    store.append(room, "digits", "…", limit=600)  # a student's digit joins the class: its index, 0
    store.items(room, "digits")                 # the teacher's screen: every digit so far

`RoomStore` is the interface; `MemoryRoomStore` keeps rooms in this process (nothing to install,
one server) and `rooms.redis_store.RedisRoomStore` in Redis (several servers). Both behave the
same, and `tests/unit/test_room_store.py` runs every case on both. A room not written or read
for `ROOM_LIFETIME_SECONDS` is forgotten, and the store holds at most `MAX_ROOMS`, forgetting
the least recently used first, so a busy server's memory stays bounded.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

ROOM_LIFETIME_SECONDS = 3 * 60 * 60
MAX_ROOMS = 1000
MAX_VALUE_LENGTH = 200  # a field holds a step number, a name or a setting, never a picture
MAX_ITEM_LENGTH = 2000  # a list's item holds at most one small picture (a digit is ~1,100 characters)
# Ten characters from 32 (no 0/o, 1/l/i to misread on a projector): 50 bits, not guessable by trying.
ROOM_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ROOM_CODE = re.compile(f"[{ROOM_ALPHABET}]{{10}}")
NAME = re.compile(r"[a-z0-9_]{1,40}")  # a list's or a counter's name: the code's own words, never a user's


class RoomStoreUnavailable(RuntimeError):
    """The store cannot be reached (a Redis server down or unreachable): the message says which."""


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(10))


def is_room_code(text: str) -> bool:
    return bool(ROOM_CODE.fullmatch(text))


def check_write(room: str, value: str, longest: int = MAX_VALUE_LENGTH) -> None:
    """Refuse what no store keeps: a room that is not a code, a value longer than `longest`."""
    if not is_room_code(room):
        raise ValueError(f"not a room code: {room!r}")
    if len(value) > longest:
        raise ValueError(f"a room's field holds at most {longest} characters")


def check_name(name: str) -> None:
    if not NAME.fullmatch(name):
        raise ValueError(f"not a list or counter name: {name!r}")


class RoomStore(Protocol):
    """Where rooms live. Values are short text; a missing room or field reads as None. Reading
    or writing a room is activity: it keeps the room another `ROOM_LIFETIME_SECONDS`."""

    def read(self, room: str, field: str) -> str | None: ...

    def read_fields(self, room: str) -> dict[str, str]:
        """Every field of the room ({} for a missing room)."""
        ...

    def write(self, room: str, field: str, value: str) -> None: ...

    def append(self, room: str, name: str, item: str, limit: int) -> int | None:
        """Add `item` to the room's list `name` and return its index, or None when the list already
        holds `limit` items (checked and added in one step, whichever server asks)."""
        ...

    def items(self, room: str, name: str, start: int = 0) -> list[str]:
        """The room's list `name` from index `start` on ([] for a missing room or list)."""
        ...

    def length(self, room: str, name: str) -> int:
        """How many items the room's list `name` holds (0 for a missing room or list)."""
        ...

    def count_in_window(self, room: str, name: str, window_seconds: int) -> int:
        """Count one more under `name` in the current `window_seconds`-long window and return the
        window's count so far (a rate limit: digits per student per minute)."""
        ...

    def delete(self, room: str) -> None:
        """Forget the room, its fields and lists at once (a class that ends)."""
        ...

    def count_rooms(self, field: str, value: str) -> int:
        """How many live rooms hold `field` = `value` (classes running on these servers)."""
        ...


@dataclass
class _Room:
    last_active: float
    fields: dict[str, str] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)


class MemoryRoomStore:
    """Rooms in this server process, shared by its sessions (threads); gone when the server stops."""

    def __init__(
        self,
        lifetime_seconds: float = ROOM_LIFETIME_SECONDS,
        max_rooms: int = MAX_ROOMS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._lifetime, self._max_rooms, self._clock = lifetime_seconds, max_rooms, clock
        self._rooms: OrderedDict[str, _Room] = OrderedDict()  # oldest activity first
        self._windows: dict[tuple[str, str, int], int] = {}
        self._lock = threading.Lock()

    def _forget_expired(self, now: float) -> None:
        while self._rooms:
            room, state = next(iter(self._rooms.items()))
            if now - state.last_active < self._lifetime and len(self._rooms) <= self._max_rooms:
                return
            del self._rooms[room]

    def _visit(self, room: str, create: bool) -> _Room | None:
        """The room, marked active now (moved to the newest end), or None; call with the lock held."""
        now = self._clock()
        self._forget_expired(now)
        state = self._rooms.pop(room, None)
        if state is None:
            if not create:
                return None
            state = _Room(now)
        state.last_active = now
        self._rooms[room] = state
        self._forget_expired(now)
        return state

    def read(self, room: str, field: str) -> str | None:
        with self._lock:
            state = self._visit(room, create=False)  # reading is activity too: a projected lesson keeps its room
            return None if state is None else state.fields.get(field)

    def read_fields(self, room: str) -> dict[str, str]:
        with self._lock:
            state = self._visit(room, create=False)
            return {} if state is None else dict(state.fields)

    def write(self, room: str, field: str, value: str) -> None:
        check_write(room, value)
        with self._lock:
            self._visit(room, create=True).fields[field] = value

    def append(self, room: str, name: str, item: str, limit: int) -> int | None:
        check_write(room, item, MAX_ITEM_LENGTH)
        check_name(name)
        with self._lock:
            entries = self._visit(room, create=True).lists.setdefault(name, [])
            if len(entries) >= limit:
                return None
            entries.append(item)
            return len(entries) - 1

    def items(self, room: str, name: str, start: int = 0) -> list[str]:
        with self._lock:
            state = self._visit(room, create=False)
            return [] if state is None else list(state.lists.get(name, [])[max(0, start) :])

    def length(self, room: str, name: str) -> int:
        with self._lock:
            state = self._visit(room, create=False)
            return 0 if state is None else len(state.lists.get(name, []))

    def count_in_window(self, room: str, name: str, window_seconds: int) -> int:
        check_name(name)
        with self._lock:
            window = int(self._clock() // window_seconds)
            # Only the current window matters: drop the others as they pass.
            self._windows = {key: n for key, n in self._windows.items() if key[2] >= window}
            key = (room, name, window)
            self._windows[key] = self._windows.get(key, 0) + 1
            return self._windows[key]

    def delete(self, room: str) -> None:
        with self._lock:
            self._rooms.pop(room, None)
            self._windows = {key: n for key, n in self._windows.items() if key[0] != room}

    def count_rooms(self, field: str, value: str) -> int:
        with self._lock:
            self._forget_expired(self._clock())
            return sum(state.fields.get(field) == value for state in self._rooms.values())
