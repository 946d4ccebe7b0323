"""Run a coroutine to its end in a unit test, whatever ran in this worker before."""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor


def run_apart(coroutine):
    """`asyncio.run(coroutine)` on a thread of its own: a browser test in the same pytest worker
    leaves Playwright's event loop running on the main thread, where asyncio.run refuses to start."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
