"""Rooms: short codes under which sessions share a few named text fields.

    store = MemoryRoomStore()
    room = new_room_code()
    store.write(room, "lesson_step", "3")   # the projector moves on
    store.read(room, "lesson_step")         # the teacher's notes view follows: "3"

`RoomStore` is the interface; `MemoryRoomStore` keeps rooms in this process (nothing to install,
one server). A room not written or read for `ROOM_LIFETIME_SECONDS` is forgotten, and the store
holds at most `MAX_ROOMS`, forgetting the least recently used first, so a busy server's memory
stays bounded.
"""

from __future__ import annotations

import re
import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Protocol

ROOM_LIFETIME_SECONDS = 3 * 60 * 60
MAX_ROOMS = 1000
MAX_VALUE_LENGTH = 200  # a field holds a step number or a setting, never a picture
# Ten characters from 32 (no 0/o, 1/l/i to misread on a projector): 50 bits, not guessable by trying.
ROOM_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"
ROOM_CODE = re.compile(f"[{ROOM_ALPHABET}]{{10}}")


def new_room_code() -> str:
    return "".join(secrets.choice(ROOM_ALPHABET) for _ in range(10))


def is_room_code(text: str) -> bool:
    return bool(ROOM_CODE.fullmatch(text))


class RoomStore(Protocol):
    """Where rooms live. Values are short text; a missing room or field reads as None."""

    def read(self, room: str, field: str) -> str | None: ...

    def write(self, room: str, field: str, value: str) -> None: ...


class MemoryRoomStore:
    """Rooms in this server process, shared by its sessions (threads); gone when the server stops."""

    def __init__(
        self,
        lifetime_seconds: float = ROOM_LIFETIME_SECONDS,
        max_rooms: int = MAX_ROOMS,
        clock: Callable[[], float] = time.monotonic,
    ):
        self._lifetime, self._max_rooms, self._clock = lifetime_seconds, max_rooms, clock
        self._rooms: OrderedDict[str, tuple[float, dict[str, str]]] = OrderedDict()  # oldest activity first
        self._lock = threading.Lock()

    def _forget_expired(self, now: float) -> None:
        while self._rooms:
            room, (last_active, _) = next(iter(self._rooms.items()))
            if now - last_active < self._lifetime and len(self._rooms) <= self._max_rooms:
                return
            del self._rooms[room]

    def read(self, room: str, field: str) -> str | None:
        with self._lock:
            now = self._clock()
            self._forget_expired(now)
            if room not in self._rooms:
                return None
            fields = self._rooms.pop(room)[1]
            self._rooms[room] = (now, fields)  # reading is activity too: a projected lesson keeps its room
            return fields.get(field)

    def write(self, room: str, field: str, value: str) -> None:
        if not is_room_code(room):
            raise ValueError(f"not a room code: {room!r}")
        if len(value) > MAX_VALUE_LENGTH:
            raise ValueError(f"a room's field holds at most {MAX_VALUE_LENGTH} characters")
        with self._lock:
            now = self._clock()
            fields = self._rooms.pop(room, (now, {}))[1]
            fields[field] = value
            self._rooms[room] = (now, fields)
            self._forget_expired(now)
