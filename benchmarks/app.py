"""Server-side rerun times of the app's pages, measured with Streamlit's AppTest.

    MNIST_NPZ=../shared/data/mnist.npz python -m benchmarks.app [--repeats 20]

AppTest runs the real scripts in this process, with no browser and no network. The time
taken is that of the script run itself (the server's work for one rerun), caught by
wrapping the `exec` with which Streamlit runs a page; AppTest's own polling is left out.
AppTest cannot rerun a fragment alone, so the code-slider rows give (a) a whole Code
explorer rerun after a slider change, an upper bound that also redraws the sweep grid,
the walk and the map that a fragment rerun skips, and (b) the time of the fragment's body
(sliders, decode, pictures) within those reruns, caught by wrapping `st.fragment`.
Budgets: a code-slider fragment rerun <= 30 ms, a full Reconstruct rerun <= 150 ms (medians).
"""

from __future__ import annotations

import argparse
import builtins
import functools
import importlib
import logging
import os
import statistics
import time
from pathlib import Path

import numpy as np
import streamlit as st
from streamlit.testing.v1 import AppTest

from ui.page_table import CODE_EXPLORER, RECONSTRUCT
from ui.state.code import slider_key

APP = str(Path(__file__).resolve().parent.parent / "app.py")
script_seconds: list[float] = []


def timed_exec(code, globals_=None, locals_=None):
    """`exec` that records how long each outermost script run takes (pages run nested inside)."""
    started, depth = time.perf_counter(), timed_exec.depth
    timed_exec.depth += 1
    try:
        return builtins.exec(code, globals_, locals_)
    finally:
        timed_exec.depth -= 1
        if depth == 0:
            script_seconds.append(time.perf_counter() - started)


timed_exec.depth = 0


fragment_seconds: list[float] = []
streamlit_fragment = st.fragment


def timing_fragment(func=None, **options):
    """`st.fragment` that records how long each call of the fragment's body takes."""

    def decorate(body):
        @functools.wraps(body)
        def timed_body(*args, **kwargs):
            started = time.perf_counter()
            try:
                return body(*args, **kwargs)
            finally:
                fragment_seconds.append(time.perf_counter() - started)

        return streamlit_fragment(timed_body, **options)

    return decorate(func) if func else decorate


def rerun_times(action, repeats: int) -> list[float]:
    script_seconds.clear()
    for _ in range(repeats):
        action()
    return list(script_seconds)


def row(name: str, seconds: list[float], budget_ms: float | None) -> str:
    median = statistics.median(seconds) * 1000
    p90 = float(np.percentile(seconds, 90)) * 1000
    budget = "" if budget_ms is None else f"≤ {budget_ms:.0f} ms"
    verdict = "" if budget_ms is None else ("PASS" if median <= budget_ms else "FAIL")
    return f"| {name} | {median:.1f} ms | {p90:.1f} ms | {budget} | {verdict} |"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=20)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # AppTest's "missing ScriptRunContext" chatter
    # Streamlit runs every page, the entry script included, through this module's `exec`.
    importlib.import_module("streamlit.navigation.page").exec = timed_exec
    st.fragment = timing_fragment  # pages decorate their fragments anew on every run

    at = AppTest.from_file(APP, default_timeout=300).run()  # loads and warms every model
    at.switch_page(RECONSTRUCT.file).run()
    at.run()  # the first rerun of a page fills its caches
    reconstruct = rerun_times(at.run, args.repeats)

    at.switch_page(CODE_EXPLORER.file).run()
    slider = at.slider(key=slider_key("dense", 0))
    moves = iter(np.linspace(slider.min, slider.max, args.repeats))
    fragment_seconds.clear()
    explorer = rerun_times(
        lambda: at.slider(key=slider_key("dense", 0)).set_value(float(next(moves))).run(), args.repeats
    )

    print(f"Load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs; {args.repeats} reruns each.\n")
    print("| server-side time | median | p90 | budget | |")
    print("|---|---|---|---|---|")
    print(row("Reconstruct, full rerun", reconstruct, 150))
    print(row("Code explorer, whole page after a slider change (fragment's upper bound)", explorer, None))
    print(row("Code-slider fragment: its body, run within those reruns", fragment_seconds, 30))


if __name__ == "__main__":
    main()
