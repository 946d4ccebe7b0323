"""Each class's board as of its latest version, read from the store once per version and server.

Every screen in a class draws the same board: thirty students' pages (serve/student_api.py) and
Streamlit's screens (ui/classroom/membership.py) asking at once read it from the store once, then
share it until its version changes (a student's name or the connected count may lag until the next
change). One board per class, the newest: a class's old boards are not kept, an ended class's
board is dropped as soon as anyone asks about it, and at most `max_classes` classes are held.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from rooms import classroom
from rooms.store import RoomStore


class BoardCache:
    def __init__(self, max_classes: int = 64) -> None:
        self.max_classes = max_classes
        self._boards: OrderedDict[str, tuple[str, classroom.Board]] = OrderedDict()
        self._reading: dict[str, threading.Lock] = {}  # one reader per class: the others wait for it
        self._lock = threading.Lock()

    def current(self, store: RoomStore, code: str, checking_in: str | None = None) -> tuple[str, classroom.Board]:
        """The class's version (checking `checking_in` in, as classroom.version) and its board as of
        that version; a ClassGone (the board forgotten) when the class ended or never was."""
        try:
            version = classroom.version(store, code, checking_in=checking_in)
        except classroom.ClassGone:
            self.forget(code)
            raise
        if (board := self._kept(code, version)) is not None:
            return version, board
        with self._lock:
            reading = self._reading.setdefault(code, threading.Lock())
        with reading:
            if (board := self._kept(code, version)) is None:  # nobody read it while this one waited
                board = classroom.board(store, code)
                self._keep(code, version, board)
        return version, board

    def forget(self, code: str) -> None:
        with self._lock:
            self._boards.pop(code, None)
            self._reading.pop(code, None)

    def _kept(self, code: str, version: str) -> classroom.Board | None:
        with self._lock:
            kept = self._boards.get(code)
            if kept is None or kept[0] != version:
                return None
            self._boards.move_to_end(code)
            return kept[1]

    def _keep(self, code: str, version: str, board: classroom.Board) -> None:
        with self._lock:
            self._boards[code] = (version, board)
            self._boards.move_to_end(code)
            while len(self._boards) > self.max_classes:
                oldest, _board = self._boards.popitem(last=False)
                self._reading.pop(oldest, None)


# The one this server process shares (the store behind it may be Redis, shared with other servers:
# each server keeps its own copy of the boards it was asked for).
BOARDS = BoardCache()
