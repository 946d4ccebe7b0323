"""Many people at once, and many visits in a row: does the server keep up, keep sessions apart, and level off?

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m benchmarks.load
    ... -m benchmarks.load --sessions 10,25 --seconds 60 --cycles 200     # the defaults

Not part of the tests (it loads the machine for minutes). Starts the app with its launcher
(tests/e2e/harness.py's AppServer) and one Chromium through Playwright, then:

1. Reference: each of the KINDS session scripts alone, one round (8 interactions), recording
   the address of every picture it ends on. Streamlit names a picture by a hash of its bytes,
   so equal addresses mean equal pictures.
2. Load: for each count in --sessions, that many browser contexts (one Chromium, one context
   and so one Streamlit session each) on Denoise, for --seconds, each repeating its script:
   pick an MNIST digit, move the noise slider one step with the keyboard, clear and draw a
   digit on the pad, go back to MNIST. Each interaction is timed from the action to the new
   picture ("noisy") loaded in the page. Reported: failed sessions, p50/p95 interaction →
   picture, server CPU (cores busy) and resident memory per session (peak over idle), and
   cross-talk: whether every picture a session ended on equals the reference's for that step.
3. Soak: --cycles visits, --soak-parallel at a time, each opening a fresh context on Denoise,
   drawing, moving the slider and closing; the server's resident memory every 20 visits.
   Streamlit keeps a closed session for server.disconnectedSessionTTL (120 s) before freeing
   it, so memory should level off once visits have been closing for that long.

Prints Markdown tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path

from playwright.async_api import async_playwright

from tests.e2e.harness import (
    _NEW_IMAGE_JS,
    CHROMIUM_ARGS,
    IDLE_APP,
    STARTUP_TIMEOUT_MS,
    SYSTEM_CHROMIUM,
    AppServer,
)

KINDS = 5  # distinct session scripts (--kinds); session n follows script n % KINDS
PICTURE = "noisy"  # the Denoise picture every interaction changes
STEP_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1400, "height": 1000}
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def clock_ticks() -> int:
    return os.sysconf("SC_CLK_TCK")


def server_cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / clock_ticks()  # utime + stime


def server_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def percentile(values: list[float], q: int) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


@dataclass
class Session:
    """One browser context following script `kind`; what it measured and saw."""

    number: int
    kind: int
    seconds: list[float] = field(default_factory=list)
    seen: dict[tuple[int, str], set[str]] = field(default_factory=dict)  # (round parity, step) -> srcs
    error: str | None = None

    @property
    def indices(self) -> tuple[int, int]:
        return 100 + 2 * self.kind, 101 + 2 * self.kind


async def wait_idle(page) -> None:
    await page.locator(IDLE_APP).wait_for(state="attached", timeout=STEP_TIMEOUT_MS)


async def current_src(page) -> str | None:
    figure = page.locator("[data-testid='stImage']").filter(
        has=page.locator("[data-testid='stImageCaption']", has_text=PICTURE)
    )
    if await figure.count() == 0:
        return None
    return await figure.first.locator("img").get_attribute("src")


async def timed(session: Session, page, parity: int, step: str, action, prepare=None) -> None:
    """`prepare` (untimed), then `action`: wait for the picture to change and load; record the time and picture."""
    old = await current_src(page)
    if prepare is not None:
        await prepare()
    started = time.perf_counter()
    await action()
    try:
        handle = await page.wait_for_function(_NEW_IMAGE_JS, arg=[PICTURE, old], timeout=STEP_TIMEOUT_MS)
    except Exception as error:
        raise RuntimeError(f"no new picture after {step} (round parity {parity})") from error
    session.seconds.append(time.perf_counter() - started)
    src = await handle.json_value()
    session.seen.setdefault((parity, step), set()).add(src.split("?")[0].rsplit("/", 1)[-1])
    await wait_idle(page)
    if await page.get_by_test_id("stException").count():
        raise RuntimeError(f"the app shows an exception after {step}")


async def pad_key(panel, not_this: str | None = None) -> str:
    """The key (st-key-canvas-N) of the drawing pad on screen, once its canvas is visible."""
    pads = panel.locator(f"[class*='st-key-canvas-']{f':not(.{not_this})' if not_this else ''}")
    await pads.locator("canvas").last.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    classes = (await pads.last.get_attribute("class")).split()
    return next(name for name in classes if name.startswith("st-key-canvas-"))


async def draw(page, kind: int) -> None:
    """A seven, shifted a little per script, on the drawing pad in the sidebar."""
    canvas = page.get_by_test_id("stSidebar").locator("[class*='st-key-canvas-'] canvas").last
    await canvas.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    # On a busy machine the sidebar is still settling when the pad appears: draw only once the
    # pad has stopped moving, or the strokes land beside it (and select text instead).
    box, previous = await canvas.bounding_box(), None
    while box != previous:
        await page.wait_for_timeout(250)
        box, previous = await canvas.bounding_box(), box

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + (x + 0.03 * kind) * box["width"], box["y"] + y * box["height"]

    await page.mouse.move(*at(0.2, 0.2))
    await page.mouse.down()
    await page.mouse.move(*at(0.7, 0.2), steps=8)
    await page.mouse.move(*at(0.35, 0.85), steps=12)
    await page.mouse.up()


async def one_round(session: Session, page, parity: int) -> None:
    """Pick, slide, draw, back to MNIST: four interactions, each ending on a new picture."""
    panel = page.get_by_test_id("stSidebar")
    index = session.indices[parity]
    spin = panel.get_by_role("spinbutton", name="Test-set index")

    async def pick() -> None:
        await spin.fill(str(index))
        await spin.press("Enter")

    async def slide() -> None:
        noise = page.get_by_test_id("stSlider").filter(has_text="Noise factor").get_by_role("slider")
        await noise.focus()
        await page.keyboard.press("ArrowLeft" if parity else "ArrowRight")

    async def fresh_pad() -> None:  # untimed: the pad, cleared, so every drawing starts alike
        await panel.get_by_role("radio", name="Draw").click()
        old_pad = await pad_key(panel)
        await panel.get_by_role("button", name="Clear drawing").click()
        await pad_key(panel, not_this=old_pad)  # clearing mounts a new pad under a new key
        await wait_idle(page)

    async def drawing() -> None:
        await draw(page, session.kind)

    async def back_to_mnist() -> None:
        await panel.get_by_role("radio", name="MNIST").click()

    await timed(session, page, parity, "pick", pick)
    await timed(session, page, parity, "slide", slide)
    await timed(session, page, parity, "draw", drawing, prepare=fresh_pad)
    await timed(session, page, parity, "mnist", back_to_mnist)


async def open_denoise(context, url: str, session: Session):
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    first, _ = session.indices
    await page.goto(f"{url}/denoising?index={first + 50}&noise=0.5&seed=0", timeout=STEP_TIMEOUT_MS)
    await page.get_by_test_id("stImage").filter(has_text=PICTURE).wait_for(timeout=STARTUP_TIMEOUT_MS)
    await wait_idle(page)
    return page


async def run_session(browser, url: str, session: Session, seconds: float | None, rounds: int | None) -> None:
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await open_denoise(context, url, session)
        deadline = time.monotonic() + (seconds or 0)
        done = 0
        while (rounds is not None and done < rounds) or (seconds is not None and time.monotonic() < deadline):
            await one_round(session, page, done % 2)
            done += 1
    except Exception as error:  # a failed session is a result, reported with its first error
        session.error = f"{error.__class__.__name__}: {str(error).splitlines()[0][:160]}"
        await keep_screenshot(context, f"session-{session.number}-kind-{session.kind}")
    finally:
        await context.close()


async def keep_screenshot(context, name: str) -> None:
    """What a failed session's page showed, in artifacts/ (ignored by git), for reading afterwards."""
    with contextlib.suppress(Exception):
        ARTIFACTS.mkdir(exist_ok=True)
        await context.pages[0].screenshot(path=str(ARTIFACTS / f"load-{name}.png"))


async def sample_rss(pid: int, samples: list[float], stop: asyncio.Event) -> None:
    while not stop.is_set():
        samples.append(server_rss_mb(pid))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def reference(browser, url: str, kinds: int) -> dict[int, dict[tuple[int, str], set[str]]]:
    """Each script alone, two rounds (both parities): the pictures a single user ends on."""
    expected = {}
    for kind in range(kinds):
        session = Session(number=-1, kind=kind)
        await run_session(browser, url, session, seconds=None, rounds=2)
        if session.error:
            raise RuntimeError(f"the single-user reference run failed: {session.error}")
        expected[kind] = session.seen
    return expected


async def load_phase(browser, url: str, pid: int, count: int, seconds: float, expected) -> dict:
    sessions = [Session(number=n, kind=n % len(expected)) for n in range(count)]
    idle_rss = server_rss_mb(pid)
    samples: list[float] = []
    stop = asyncio.Event()
    sampler = asyncio.create_task(sample_rss(pid, samples, stop))
    cpu_before, started = server_cpu_seconds(pid), time.perf_counter()
    await asyncio.gather(*(run_session(browser, url, s, seconds, None) for s in sessions))
    wall, cpu = time.perf_counter() - started, server_cpu_seconds(pid) - cpu_before
    stop.set()
    await sampler
    crossed = [
        s.number
        for s in sessions
        if any(src not in expected[s.kind].get(key, set()) for key, srcs in s.seen.items() for src in srcs)
    ]
    times = [t * 1000 for s in sessions for t in s.seconds]
    return {
        "sessions": count,
        "failed": [s for s in sessions if s.error],
        "interactions": len(times),
        "p50": percentile(times, 50),
        "p95": percentile(times, 95),
        "cores": cpu / wall,
        "cpu_per_session": cpu / count,
        "idle_rss": idle_rss,
        "peak_rss": max(samples, default=idle_rss),
        "crossed": crossed,
        "wall": wall,
    }


async def soak_visit(browser, url: str, number: int) -> str | None:
    session = Session(number=number, kind=number % KINDS)
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await open_denoise(context, url, session)
        panel = page.get_by_test_id("stSidebar")

        async def pad() -> None:
            await panel.get_by_role("radio", name="Draw").click()
            await pad_key(panel)
            await wait_idle(page)

        async def drawing() -> None:
            await draw(page, session.kind)

        async def slide() -> None:
            noise = page.get_by_test_id("stSlider").filter(has_text="Noise factor").get_by_role("slider")
            await noise.focus()
            await page.keyboard.press("ArrowRight")

        await timed(session, page, 0, "draw", drawing, prepare=pad)
        await timed(session, page, 0, "slide", slide)
        return None
    except Exception as error:
        return f"{error.__class__.__name__}: {str(error).splitlines()[0][:160]}"
    finally:
        await context.close()


async def soak(browser, url: str, pid: int, cycles: int, parallel: int) -> tuple[list[tuple[int, float, float]], list]:
    rows = [(0, 0.0, server_rss_mb(pid))]
    errors = []
    started = time.perf_counter()
    done = 0
    while done < cycles:
        batch = min(parallel, cycles - done, 20 - done % 20)
        results = await asyncio.gather(*(soak_visit(browser, url, done + n) for n in range(batch)))
        errors += [e for e in results if e]
        done += batch
        if done % 20 == 0 or done == cycles:
            rows.append((done, time.perf_counter() - started, server_rss_mb(pid)))
            print(f"  soak: {done} visits, {rows[-1][1]:.0f} s, server RSS {rows[-1][2]:.0f} MB", flush=True)
    return rows, errors


async def main_async(args) -> None:
    print(f"Load average before: {' / '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs\n")
    server = AppServer(startup_timeout=STARTUP_TIMEOUT_MS / 1000).start()
    try:
        async with async_playwright() as playwright:
            options = {"headless": True, "args": CHROMIUM_ARGS}
            if SYSTEM_CHROMIUM.exists():
                options["executable_path"] = str(SYSTEM_CHROMIUM)
            browser = await playwright.chromium.launch(**options)
            pid = server.process.pid
            expected = await reference(browser, server.url, args.kinds)
            print(f"Reference: one user, {args.kinds} scripts × 8 interactions; server RSS {server_rss_mb(pid):.0f} MB")
            results = []
            for count in args.sessions:
                result = await load_phase(browser, server.url, pid, count, args.seconds, expected)
                results.append(result)
                print(f"  load: {count} sessions done in {result['wall']:.0f} s", flush=True)
            print_load_table(results, args.seconds)
            if args.cycles:
                rows, errors = await soak(browser, server.url, pid, args.cycles, args.soak_parallel)
                print_soak_table(rows, errors, args.soak_parallel)
            await browser.close()
    finally:
        server.stop()
    print(f"\nLoad average after: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")


def print_load_table(results: list[dict], seconds: float) -> None:
    print(f"\n### Load: {seconds:.0f} s of pick, slide, draw, back to MNIST per session (one Chromium)\n")
    print(
        "| sessions | failed | interactions | p50 interaction → picture | p95 | server CPU (cores busy) "
        "| server CPU s per session | server RSS idle → peak | RSS per session | cross-talk |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        per_session = (r["peak_rss"] - r["idle_rss"]) / r["sessions"]
        crossed = "none" if not r["crossed"] else f"sessions {r['crossed']}"
        print(
            f"| {r['sessions']} | {len(r['failed'])} | {r['interactions']} | {r['p50']:.0f} ms | {r['p95']:.0f} ms "
            f"| {r['cores']:.2f} | {r['cpu_per_session']:.1f} | {r['idle_rss']:.0f} → {r['peak_rss']:.0f} MB "
            f"| {per_session:.1f} MB | {crossed} |"
        )
    for r in results:
        for s in r["failed"][:3]:
            print(f"\n{r['sessions']} sessions: session {s.number} failed: {s.error}")


def print_soak_table(rows: list[tuple[int, float, float]], errors: list, parallel: int) -> None:
    print(f"\n### Soak: visits of open, draw, slide, close ({parallel} at a time)\n")
    print("| visits | seconds | server RSS |")
    print("|---|---|---|")
    for visits, seconds, rss in rows:
        print(f"| {visits} | {seconds:.0f} | {rss:.0f} MB |")
    print(f"\nFailed visits: {len(errors)}" + (f"; first: {errors[0]}" if errors else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", default="10,25", help="comma-separated concurrent session counts")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each session keeps interacting")
    parser.add_argument("--cycles", type=int, default=200, help="soak visits (0: no soak)")
    parser.add_argument("--kinds", type=int, default=KINDS, help="distinct session scripts")
    parser.add_argument("--soak-parallel", type=int, default=4, help="soak visits at a time")
    args = parser.parse_args()
    args.sessions = [int(n) for n in args.sessions.split(",") if n]
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
