"""What the load benchmarks share: the server on a CPU of its own, the sessions' records, percentiles, the soak.

benchmarks/load.py drives Chromium pages and benchmarks/server_load.py speaks Streamlit's
protocol without a browser; both start the server here, time with `percentile`, and run their
own kind of visit through `soak`.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from benchmarks.processes import rss_mb
from harness.server import STARTUP_TIMEOUT_MS, AppServer

KINDS = 5  # distinct session scripts; session n follows script n % KINDS (--kinds)
SESSION_TTL_S = 120  # Streamlit's server.disconnectedSessionTTL: how long a closed session is kept
SOAK_REPORT_EVERY = 20  # visits between two readings of the server's memory


def load_arguments(description: str, sessions: str, soak_parallel: int) -> argparse.ArgumentParser:
    """The options both load benchmarks take; each adds its own before parsing (see `parse_load_arguments`)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--sessions", default=sessions, help="comma-separated concurrent session counts")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each session keeps interacting")
    parser.add_argument("--kinds", type=int, default=KINDS, help="distinct session scripts")
    parser.add_argument("--cycles", type=int, default=200, help="soak visits after the load (0: no soak)")
    parser.add_argument("--soak-parallel", type=int, default=soak_parallel, help="soak visits at a time")
    parser.add_argument(
        "--no-linger", dest="linger", action="store_false", help="skip the idle wait after the soak's last visit"
    )
    return parser


def parse_load_arguments(parser: argparse.ArgumentParser) -> argparse.Namespace:
    args = parser.parse_args()
    args.sessions = [int(n) for n in args.sessions.split(",") if n]
    return args


def load_average() -> str:
    """The machine's load average (1 / 5 / 15 min), for the lines around a benchmark's tables."""
    return " / ".join(f"{x:.1f}" for x in os.getloadavg())


def start_pinned_server(pin: bool, clients: str) -> AppServer:
    """The app's server; with `pin`, on the first CPU alone, and this process (and `clients`) on the others.

    Streamlit runs every session in one Python process, so one core is about what a server
    gets to itself anyway; pinning keeps the clients' own work from being counted against the
    server's latency, and shows which side saturates.
    """
    cpus = sorted(os.sched_getaffinity(0))
    if not pin or len(cpus) < 2:
        print(f"Server and {clients} share CPUs {cpus}\n")
        return AppServer(startup_timeout=STARTUP_TIMEOUT_MS / 1000).start()
    os.sched_setaffinity(0, cpus[:1])  # the server inherits it
    try:
        server = AppServer(startup_timeout=STARTUP_TIMEOUT_MS / 1000).start()
    finally:
        os.sched_setaffinity(0, cpus[1:])  # and whatever this process starts next, this
    print(f"Server pinned to CPU {cpus[0]}; {clients} on CPUs {cpus[1:]}\n")
    return server


@dataclass
class Session:
    """One simulated person following script `kind`: the seconds of each step, and what each step showed."""

    number: int
    kind: int
    times: dict[str, list[float]] = field(default_factory=dict)  # step -> seconds
    seen: dict[tuple[int, str], set[str]] = field(default_factory=dict)  # (round parity, step) -> fingerprints
    error: str | None = None  # the first thing that went wrong; the session stopped there

    @property
    def indices(self) -> tuple[int, int]:
        """The two MNIST test indices the script picks in turn (distinct per kind)."""
        return 100 + 2 * self.kind, 101 + 2 * self.kind

    def record(self, parity: int, step: str, seconds: float, fingerprint: str) -> None:
        self.times.setdefault(step, []).append(seconds)
        self.seen.setdefault((parity, step), set()).add(fingerprint)


def cross_talk(sessions: list[Session], expected: list[Session]) -> list[int]:
    """The sessions that saw something at a step that the same script, run alone, did not."""
    return [
        s.number
        for s in sessions
        if any(f not in expected[s.kind].seen.get(key, set()) for key, seen in s.seen.items() for f in seen)
    ]


def step_times_ms(sessions: list[Session], steps: tuple[str, ...]) -> list[float]:
    return [t * 1000 for s in sessions for step in steps for t in s.times.get(step, [])]


def describe(error: BaseException) -> str:
    """One short line for a failed session or visit (some errors, like a bare TimeoutError, have no message)."""
    lines = str(error).splitlines()
    return f"{error.__class__.__name__}: {lines[0][:160]}" if lines else error.__class__.__name__


def percentile(values: list[float], q: int) -> float:
    """The q-th percentile (inclusive method); the value itself for one, NaN for none."""
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


async def soak(
    visit: Callable[[int], Awaitable[str | None]], pid: int, cycles: int, parallel: int, linger: bool
) -> tuple[list[tuple[str, float, float]], list[str]]:
    """`cycles` visits, `parallel` at a time; the server's RSS every SOAK_REPORT_EVERY visits.

    `visit(n)` opens, uses and closes one session and returns None, or what went wrong. With
    `linger`, one more reading once every closed session has outlived its time-to-live.
    """
    rows = [("0 (idle)", 0.0, rss_mb(pid))]
    errors = []
    started = time.perf_counter()
    done = 0
    while done < cycles:
        batch = min(parallel, cycles - done, SOAK_REPORT_EVERY - done % SOAK_REPORT_EVERY)
        results = await asyncio.gather(*(visit(done + n) for n in range(batch)))
        errors += [e for e in results if e]
        done += batch
        if done % SOAK_REPORT_EVERY == 0 or done == cycles:
            rows.append((str(done), time.perf_counter() - started, rss_mb(pid)))
            print(f"  soak: {done} visits, {rows[-1][1]:.0f} s, server RSS {rows[-1][2]:.0f} MB", flush=True)
    if linger:
        await asyncio.sleep(SESSION_TTL_S + 15)
        rows.append((f"{done}, then {SESSION_TTL_S + 15} s idle", time.perf_counter() - started, rss_mb(pid)))
    return rows, errors


def print_soak_table(rows: list[tuple[str, float, float]], errors: list[str], parallel: int) -> None:
    print(f"\n### Soak: visits of open, draw, slide, close ({parallel} at a time)\n")
    print("| visits | seconds | server RSS |")
    print("|---|---|---|")
    for visits, seconds, rss in rows:
        print(f"| {visits} | {seconds:.0f} | {rss:.0f} MB |")
    print(f"\nFailed visits: {len(errors)}" + (f"; first: {errors[0]}" if errors else ""))
