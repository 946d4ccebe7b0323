"""How many people one server holds: many sessions at once, each speaking Streamlit's protocol without a browser.

    MNIST_NPZ=../shared/data/mnist.npz MALLOC_ARENA_MAX=2 .venv/bin/python -m benchmarks.server_load
    ... -m benchmarks.server_load --sessions 10,25,50 --seconds 60 --think 0,2 --cycles 200

benchmarks/load.py drives real Chromium pages, and on this machine the browser saturates
its core at about one interaction a second, long before the server does. Here each session is
a harness.session_client.SessionClient: it asks for the same reruns a page asks for, with
the same widget states and component messages, so the server does all of its work, and
nothing is drawn. The server runs on the first CPU alone, the clients on the others.

Each session opens Denoise (whose noise slider and pictures run in the browser) and repeats:
- pick: an MNIST test index in the sidebar (a whole rerun);
- slide: the live noise slider's "factor" message, as the page sends it 250 ms after a
  drag (a rerun of the page's fragment);
- draw: switch to Draw, then the drawing pad's message with a recorded digit's strokes and
  its 28x28 digit, made in Python as the pad makes it in the browser (three whole reruns:
  showing the pad and clearing it are untimed, the drawing is timed);
- MNIST: back to the MNIST digit (a whole rerun);
waiting about --think seconds between interactions (0.5 to 1.5 times it, at random). Each
interaction is timed from the message to the end of the run it causes (what a page waits for
before it shows the new digit).

Reported, per think time and session count: failed sessions, p50/p95 per interaction, server
CPU (cores busy, and per interaction, which includes each session's opening of the page),
the clients' own CPU (near 1.0, they and not the server set the pace), resident memory per
session (a later phase's idle reading still holds the closed sessions of the one before, for
Streamlit's 120 s), and cross-talk: whether
the digit, noise and pictures' inputs each session's noise component received after every
step equal those of the same script run alone. Then a soak: --cycles visits (open Denoise,
draw, slide, close), --soak-parallel at a time, with the server's resident memory every 20
visits and once more after the closed sessions' time-to-live. Prints Markdown tables;
asserts nothing.
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import os
import random
import time

from benchmarks.processes import cpu_seconds, rss_mb
from benchmarks.serving import (
    KINDS,
    Session,
    cross_talk,
    describe,
    load_arguments,
    load_average,
    parse_load_arguments,
    percentile,
    print_soak_table,
    soak,
    start_pinned_server,
    step_times_ms,
)
from harness.session_client import SessionClient
from harness.stroke_sets import pad_message
from ui.components.drawing_pad import PAD_KEY
from ui.components.noise_slider import COMPONENT_KEY as NOISE_KEY
from ui.page_table import DENOISE
from ui.state.keys import INPUT_SOURCE, MNIST_INDEX
from ui.state.remembered import widget_key

STEPS = ("pick", "slide", "draw", "mnist")


def fingerprint(client: SessionClient) -> str:
    """What the noise component was last sent: the digit, the noise pattern, its mean and factor."""
    data = client.component_data(NOISE_KEY)
    return hashlib.sha256(f"{data['image']}|{data['z']}|{data['mean']}|{data['factor']}".encode()).hexdigest()[:16]


async def step(session: Session, client: SessionClient, parity: int, name: str, action) -> None:
    before = fingerprint(client)
    seconds = await action()
    after = fingerprint(client)
    if after == before:  # every step changes the pictures' inputs; one that does not was not understood
        raise RuntimeError(f"{name} changed nothing the noise component shows")
    session.record(parity, name, seconds, after)


async def one_round(session: Session, client: SessionClient, parity: int, think: float, pauses: random.Random) -> None:
    drawing = pad_message(session.kind)
    factor = 0.5 if parity else 0.55

    async def draw() -> float:  # untimed: show the pad and clear it, as a person would before drawing
        await client.set_values(INPUT_SOURCE, string_array_value={"data": ["Draw"]})
        await client.set_component_state(PAD_KEY, {"drawing": {"strokes": [], "digit": None}})
        return await client.set_component_state(PAD_KEY, {"drawing": drawing})

    actions = {
        "pick": lambda: client.set_values(widget_key(MNIST_INDEX), double_value=session.indices[parity]),
        "slide": lambda: client.trigger(NOISE_KEY, "factor", factor),
        "draw": draw,
        "mnist": lambda: client.set_values(INPUT_SOURCE, string_array_value={"data": ["MNIST"]}),
    }
    for name in STEPS:
        await step(session, client, parity, name, actions[name])
        await asyncio.sleep(think * pauses.uniform(0.5, 1.5))


async def run_session(url: str, session: Session, seconds: float | None, rounds: int | None, think: float) -> None:
    client = SessionClient(url)
    try:
        first, _ = session.indices
        # People do not click in step: each session pauses a little more or less than `think`,
        # and starts within one pause of the others (seeded, so runs are comparable).
        pauses = random.Random(session.number)
        await asyncio.sleep(think * pauses.random())
        await client.open(DENOISE.url_path, f"index={first + 50}&noise=0.5&seed=0")
        deadline = time.monotonic() + (seconds or 0)
        done = 0
        while (rounds is not None and done < rounds) or (seconds is not None and time.monotonic() < deadline):
            await one_round(session, client, done % 2, think, pauses)
            done += 1
    except Exception as error:  # a failed session is a result, reported with its first error
        session.error = describe(error)
    finally:
        await client.close()


async def soak_visit(url: str, number: int) -> str | None:
    """One visit: open Denoise, draw a digit, move the noise slider, close."""
    kind = number % KINDS
    client = SessionClient(url)
    try:
        await client.open(DENOISE.url_path, f"index={150 + kind}&noise=0.5&seed=0")
        await client.set_values(INPUT_SOURCE, string_array_value={"data": ["Draw"]})
        await client.set_component_state(PAD_KEY, {"drawing": pad_message(kind)})
        await client.trigger(NOISE_KEY, "factor", 0.55)
        return None
    except Exception as error:
        return describe(error)
    finally:
        await client.close()


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=0.5)


async def reference(url: str, kinds: int) -> list[Session]:
    """Each script alone, two rounds: the times and what each step should show."""
    sessions = []
    for kind in range(kinds):
        session = Session(number=-1, kind=kind)
        await run_session(url, session, seconds=None, rounds=2, think=0.0)
        if session.error:
            raise RuntimeError(f"the single-session reference run failed: {session.error}")
        sessions.append(session)
    return sessions


async def load_phase(url: str, pid: int, count: int, seconds: float, think: float, expected: list[Session]) -> dict:
    sessions = [Session(number=n, kind=n % len(expected)) for n in range(count)]
    idle_rss, samples, stop = rss_mb(pid), [], asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, samples, stop))
    cpu_before, clients_before, started = cpu_seconds(pid), cpu_seconds(os.getpid()), time.perf_counter()
    await asyncio.gather(*(run_session(url, s, seconds, None, think) for s in sessions))
    wall, cpu = time.perf_counter() - started, cpu_seconds(pid) - cpu_before
    clients_cpu = cpu_seconds(os.getpid()) - clients_before
    stop.set()
    await sampler
    crossed = cross_talk(sessions, expected)
    return {
        "sessions": sessions,
        "think": think,
        "wall": wall,
        "cpu": cpu,
        "clients_cpu": clients_cpu,
        "idle_rss": idle_rss,
        "peak_rss": max(samples, default=idle_rss),
        "crossed": crossed,
    }


def print_tables(expected: list[Session], single: dict, results: list[dict], seconds: float) -> None:
    print(f"\n### Server load: {seconds:.0f} s of pick, slide, draw, back to MNIST per session (no browser)\n")
    print(
        "| think | sessions | failed | interactions | interactions/s | p50 | p95 | server CPU (cores busy) "
        "| server CPU per interaction | clients' CPU (cores busy) | server RSS idle → peak | RSS per session "
        "| cross-talk |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    alone = step_times_ms(expected, STEPS)
    print(
        f"| 0 s | 1 ({len(expected)} scripts in turn) | 0 | {len(alone)} | {len(alone) / single['wall']:.1f} "
        f"| {percentile(alone, 50):.0f} ms | {percentile(alone, 95):.0f} ms | {single['cpu'] / single['wall']:.2f} "
        f"| {1000 * single['cpu'] / len(alone):.0f} ms |  |  |  |  |"
    )
    for r in results:
        sessions, times = r["sessions"], step_times_ms(r["sessions"], STEPS)
        failed = [s for s in sessions if s.error]
        crossed = "none" if not r["crossed"] else f"sessions {r['crossed']}"
        print(
            f"| {r['think']:g} s | {len(sessions)} | {len(failed)} | {len(times)} | {len(times) / r['wall']:.1f} "
            f"| {percentile(times, 50):.0f} ms | {percentile(times, 95):.0f} ms | {r['cpu'] / r['wall']:.2f} "
            f"| {1000 * r['cpu'] / max(len(times), 1):.0f} ms | {r['clients_cpu'] / r['wall']:.2f} "
            f"| {r['idle_rss']:.0f} → {r['peak_rss']:.0f} MB "
            f"| {(r['peak_rss'] - r['idle_rss']) / len(sessions):.1f} MB | {crossed} |"
        )
    print("\n#### p50 / p95 per interaction, ms\n")
    print("| think | sessions | " + " | ".join(STEPS) + " |")
    print("|---|---|" + "---|" * len(STEPS))
    rows = [("0 s", "1", expected)] + [(f"{r['think']:g} s", str(len(r["sessions"])), r["sessions"]) for r in results]
    for think, count, sessions in rows:
        cells = []
        for name in STEPS:
            times = step_times_ms(sessions, (name,))
            cells.append(f"{percentile(times, 50):.0f} / {percentile(times, 95):.0f}" if times else "–")
        print(f"| {think} | {count} | " + " | ".join(cells) + " |")
    for r in results:
        for s in [s for s in r["sessions"] if s.error][:3]:
            print(f"\n{len(r['sessions'])} sessions, think {r['think']:g} s: session {s.number} failed: {s.error}")


async def main_async(args) -> None:
    print(f"Load average before: {load_average()} on {os.cpu_count()} CPUs")
    print(f"MALLOC_ARENA_MAX={os.environ.get('MALLOC_ARENA_MAX', '(unset)')}")
    server = start_pinned_server(True, "the clients")
    try:
        pid = server.process.pid
        await soak_visit(server.url, 0)  # the first visit loads the models and the curves: not a user's cost
        cpu_before, started = cpu_seconds(pid), time.perf_counter()
        expected = await reference(server.url, args.kinds)
        single = {"cpu": cpu_seconds(pid) - cpu_before, "wall": time.perf_counter() - started}
        print(f"Reference: one session at a time, {args.kinds} scripts × 2 rounds; server RSS {rss_mb(pid):.0f} MB")
        results = []
        for think in args.think:
            for count in args.sessions:
                result = await load_phase(server.url, pid, count, args.seconds, think, expected)
                results.append(result)
                print(f"  think {think:g} s, {count} sessions: done in {result['wall']:.0f} s", flush=True)
        if results:
            print_tables(expected, single, results, args.seconds)
        if args.cycles:
            rows, errors = await soak(
                lambda n: soak_visit(server.url, n), pid, args.cycles, args.soak_parallel, args.linger
            )
            print_soak_table(rows, errors, args.soak_parallel)
    finally:
        server.stop()
    print(f"\nLoad average after: {load_average()}")


def main() -> None:
    parser = load_arguments(__doc__.splitlines()[0], sessions="10,25,50", soak_parallel=2)
    parser.add_argument("--think", default="0,2", help="comma-separated seconds each session waits between steps")
    args = parse_load_arguments(parser)
    args.think = [float(t) for t in args.think.split(",") if t]
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
