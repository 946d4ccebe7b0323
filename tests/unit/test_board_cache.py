"""rooms/board_cache.py: a class's board read once per version, however many screens ask at once."""

from __future__ import annotations

import threading
import time

import numpy as np
import pytest

from rooms import classroom
from rooms.board_cache import BoardCache
from rooms.store import MemoryRoomStore


def one() -> np.ndarray:
    digit = np.zeros((28, 28), dtype=np.float32)
    digit[4:24, 13:15] = 1.0
    return digit


@pytest.fixture
def reads(monkeypatch) -> list[str]:
    """Each read of a whole board from the store, slowed a little so that readers overlap."""
    counted: list[str] = []
    board = classroom.board

    def counting(store, code):
        counted.append(code)
        time.sleep(0.02)
        return board(store, code)

    monkeypatch.setattr(classroom, "board", counting)
    return counted


def test_many_screens_asking_at_once_read_the_board_once_per_version(reads):
    store, cache = MemoryRoomStore(), BoardCache()
    code, _token = classroom.start_class(store)
    student = classroom.join(store, code)
    boards = []
    threads = [threading.Thread(target=lambda: boards.append(cache.current(store, code))) for _ in range(30)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(reads) == 1 and len({id(board) for _version, board in boards}) == 1
    classroom.send(store, code, student, one(), meant=1)
    version, board = cache.current(store, code)
    assert len(reads) == 2 and len(board.digits) == 1 and version != boards[0][0]


def test_an_ended_class_s_board_is_forgotten_and_few_classes_are_kept(reads):
    store, cache = MemoryRoomStore(), BoardCache(max_classes=2)
    code, token = classroom.start_class(store)
    cache.current(store, code)
    classroom.end(store, code, token)
    with pytest.raises(classroom.ClassGone):
        cache.current(store, code)
    assert cache._boards == {}  # its names and digits are not kept past the end
    codes = [classroom.start_class(store)[0] for _ in range(3)]
    for other in codes:
        cache.current(store, other)
    assert list(cache._boards) == codes[1:]
