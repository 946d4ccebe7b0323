"""AppTest runs the pages in this process, so the process's caches outlive a test: give each test
its own room store (a class another test started would otherwise lock the Train page)."""

from __future__ import annotations

import pytest

from ui import loaders


@pytest.fixture(autouse=True)
def fresh_rooms():
    loaders.room_store.clear()
    yield
    loaders.room_store.clear()
