"""Many people at once, and many visits in a row: does the server keep up, keep sessions apart, and level off?

    MNIST_NPZ=../shared/data/mnist.npz MALLOC_ARENA_MAX=2 .venv/bin/python -m benchmarks.load
    ... -m benchmarks.load --sessions 10,25,50 --seconds 60 --cycles 200

Not part of the tests (it loads the machine for minutes). Starts the app with its launcher
(harness/server.py's AppServer) and one Chromium through Playwright, on Denoise with its
default live noise slider, where the clean, noisy and reconstructed digits are drawn in the
browser (ui/components/noise_slider.js) from the digit the server holds for the session:

1. Reference: each of the --kinds session scripts alone, two rounds, recording a fingerprint of
   the pictures every interaction ends on (a hash of the pixels of every picture in the noise
   component) and the single-user times.
2. Load: for each count in --sessions, that many browser contexts (one Chromium, one context and
   so one Streamlit session each), for --seconds, each repeating its script:
   - pick: type an MNIST test index (server rerun → new digit → pictures);
   - slide: one key press on the live noise slider (pictures redrawn in the browser), then
     wait until the server has the new factor (it shows in the link);
   - draw: switch to Draw, clear the pad (untimed), draw a seven and time from the pen's
     release (the server checks the drawing → new digit → pictures);
   - MNIST: back to the MNIST digit (server rerun → pictures).
   Reported: failed sessions, p50/p95 interaction → pictures, per step and overall, server CPU
   (cores busy) and the browser's, resident memory per session (peak over idle), and
   cross-talk: whether every picture a session ended on equals the reference's for that step.
3. Soak: --cycles visits, --soak-parallel at a time, each opening a fresh context on Denoise,
   drawing, moving the slider and closing; the server's resident memory every 20 visits, and
   once more after the sessions' time-to-live. Streamlit keeps a closed session for
   server.disconnectedSessionTTL (120 s) before freeing it, so memory should level off once
   visits have been closing for that long.

Prints Markdown tables; asserts nothing. The server runs on one CPU and the browser on the
others (--no-pin: all share every CPU).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from pathlib import Path

from playwright.async_api import async_playwright

from benchmarks.processes import cpu_seconds, descendants, rss_mb
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
from harness.browser import CHROMIUM_ARGS, IDLE_APP, SYSTEM_CHROMIUM
from harness.server import STARTUP_TIMEOUT_MS

STEPS = ("pick", "slide", "draw", "mnist")
STEP_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 1400, "height": 1000}
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"

NOISE_COMPONENT = ".st-key-live-noise [data-testid='stBidiComponentIsolated']"
# A fingerprint of every picture the live noise component shows (FNV-1a over their pixels), or
# null while it shows none. Equal fingerprints, equal pictures.
FINGERPRINT_JS = f"""() => {{
    const root = document.querySelector("{NOISE_COMPONENT}")?.shadowRoot?.querySelector(".noise-slider");
    const canvases = root && root.dataset.redraws ? [...root.querySelectorAll(".pictures canvas")] : [];
    if (!canvases.length) return null;
    let hash = 2166136261;
    for (const canvas of canvases) {{
        for (const value of canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data) {{
            hash = Math.imul(hash ^ value, 16777619);
        }}
    }}
    return `${{canvases.length}}:${{(hash >>> 0).toString(16)}}`;
}}"""
# The same, polled every animation frame until it differs from `old`: the pixels are hashed only
# when the component has redrawn (or been replaced), so that 50 pages polling stay cheap.
NEW_FINGERPRINT_JS = f"""(old) => {{
    const root = document.querySelector("{NOISE_COMPONENT}")?.shadowRoot?.querySelector(".noise-slider");
    const seen = window.__loadBenchmarkSeen;
    if (seen && seen.root === root && seen.redraws === root?.dataset.redraws) return false;
    window.__loadBenchmarkSeen = {{ root, redraws: root?.dataset.redraws }};
    const now = ({FINGERPRINT_JS})();
    return now !== null && now !== old && now;
}}"""
# True once the link carries the factor the live slider shows: the server has received it.
FACTOR_IN_LINK_JS = f"""() => {{
    const root = document.querySelector("{NOISE_COMPONENT}")?.shadowRoot?.querySelector(".noise-slider");
    const shown = root?.querySelector(".readout")?.textContent;
    const linked = new URL(location.href).searchParams.get("noise");
    return Boolean(shown) && linked !== null && Number(linked) === Number(shown);
}}"""


def stop_now() -> asyncio.Event:
    """An event already set: `sample` reads once and returns."""
    event = asyncio.Event()
    event.set()
    return event


async def wait_idle(page) -> None:
    await page.locator(IDLE_APP).wait_for(state="attached", timeout=STEP_TIMEOUT_MS)


async def timed(session: Session, page, parity: int, step: str, action, prepare=None, settle=None) -> None:
    """`prepare` (untimed), then `action` timed until the pictures change; then `settle` and the server idle."""
    if prepare is not None:
        await prepare()
    old = await page.evaluate(FINGERPRINT_JS)
    started = time.perf_counter()
    await action()
    try:
        handle = await page.wait_for_function(NEW_FINGERPRINT_JS, arg=old, timeout=STEP_TIMEOUT_MS, polling=10)
    except Exception as error:
        raise RuntimeError(f"no new pictures after {step} (round parity {parity})") from error
    session.record(parity, step, time.perf_counter() - started, await handle.json_value())
    if settle is not None:
        await settle()
    await wait_idle(page)
    if await page.get_by_test_id("stException").count():
        raise RuntimeError(f"the app shows an exception after {step}")


def sidebar(page):
    return page.get_by_test_id("stSidebar")


async def show_empty_pad(page) -> None:
    """Switch the input to Draw and clear the pad, so that every drawing starts alike."""
    await sidebar(page).get_by_role("radio", name="Draw").click()
    surface = page.locator(".drawing-pad canvas.surface")
    await surface.wait_for(state="visible", timeout=STEP_TIMEOUT_MS)
    await wait_idle(page)
    if await page.evaluate(FINGERPRINT_JS) is not None:  # the drawing of an earlier round is back
        await page.locator(".drawing-pad [data-action=clear]").click()
        await page.wait_for_function(f"() => ({FINGERPRINT_JS})() === null", timeout=STEP_TIMEOUT_MS)
        await wait_idle(page)


async def pen_down_and_draw(page, kind: int) -> None:
    """A seven on the pad, shifted a little per script, all but the pen's release."""
    surface = page.locator(".drawing-pad canvas.surface")
    # On a busy machine the sidebar is still settling when the pad appears: draw only once the
    # pad has stopped moving, or the strokes land beside it.
    box, previous = await surface.bounding_box(), None
    while box != previous:
        await page.wait_for_timeout(200)
        box, previous = await surface.bounding_box(), box

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + (x + 0.03 * kind) * box["width"], box["y"] + y * box["height"]

    await page.mouse.move(*at(0.2, 0.2))
    await page.mouse.down()
    await page.mouse.move(*at(0.7, 0.2), steps=8)
    await page.mouse.move(*at(0.35, 0.85), steps=12)


async def press_noise_key(page, key: str) -> None:
    slider = page.locator(".noise-slider input[type=range]")
    await slider.focus()
    await slider.press(key)


async def factor_reached_server(page) -> None:
    await page.wait_for_function(FACTOR_IN_LINK_JS, timeout=STEP_TIMEOUT_MS)


async def draw_step(session: Session, page, parity: int) -> None:
    """Show an empty pad and draw all but the pen's release (untimed), then time the release."""

    async def prepare_drawing() -> None:
        await show_empty_pad(page)
        await pen_down_and_draw(page, session.kind)

    await timed(session, page, parity, "draw", page.mouse.up, prepare=prepare_drawing)


async def one_round(session: Session, page, parity: int) -> None:
    """Pick, slide, draw, back to MNIST: four interactions, each ending on new pictures."""
    spin = sidebar(page).get_by_role("spinbutton", name="Test-set index")

    async def pick() -> None:
        await spin.fill(str(session.indices[parity]))
        await spin.press("Enter")

    async def slide() -> None:
        await press_noise_key(page, "ArrowLeft" if parity else "ArrowRight")

    async def back_to_mnist() -> None:
        await sidebar(page).get_by_role("radio", name="MNIST").click()

    await timed(session, page, parity, "pick", pick)
    await timed(session, page, parity, "slide", slide, settle=lambda: factor_reached_server(page))
    await draw_step(session, page, parity)
    await timed(session, page, parity, "mnist", back_to_mnist)


async def open_denoise(context, url: str, session: Session):
    page = await context.new_page()
    page.set_default_timeout(STEP_TIMEOUT_MS)
    first, _ = session.indices
    await page.goto(f"{url}/denoising?index={first + 50}&noise=0.5&seed=0", timeout=STEP_TIMEOUT_MS)
    await page.wait_for_function(f"() => ({FINGERPRINT_JS})() !== null", timeout=STARTUP_TIMEOUT_MS)
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
        session.error = describe(error)
        await keep_screenshot(context, f"session-{session.number}-kind-{session.kind}")
    finally:
        await context.close()


async def keep_screenshot(context, name: str) -> None:
    """What a failed session's page showed, in artifacts/ (ignored by git), for reading afterwards."""
    with contextlib.suppress(Exception):
        ARTIFACTS.mkdir(exist_ok=True)
        await context.pages[0].screenshot(path=str(ARTIFACTS / f"load-{name}.png"))


async def sample(server_pid: int, rss: list[float], browser_cpu: dict[int, float], stop: asyncio.Event) -> None:
    """Every second: the server's resident memory, and the CPU seconds of each browser process so far.

    Renderers come and go with the contexts, so each is read while it lives; one that ends
    between two readings loses its last second (the browser's figure is a lower bound).
    """
    while True:
        rss.append(rss_mb(server_pid))
        for pid in descendants(os.getpid()):
            if pid != server_pid:
                with contextlib.suppress(OSError):
                    browser_cpu[pid] = cpu_seconds(pid)
        if stop.is_set():
            return
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=1.0)


async def reference(browser, url: str, kinds: int) -> list[Session]:
    """Each script alone, two rounds (both parities): the pictures and times of a single user."""
    sessions = []
    for kind in range(kinds):
        session = Session(number=-1, kind=kind)
        await run_session(browser, url, session, seconds=None, rounds=2)
        if session.error:
            raise RuntimeError(f"the single-user reference run failed: {session.error}")
        sessions.append(session)
    return sessions


async def load_phase(browser, url: str, server_pid: int, count: int, seconds: float, expected: list[Session]) -> dict:
    sessions = [Session(number=n, kind=n % len(expected)) for n in range(count)]
    idle_rss = rss_mb(server_pid)
    samples: list[float] = []
    browser_before: dict[int, float] = {}
    browser_seen: dict[int, float] = {}
    stop = asyncio.Event()
    await sample(server_pid, [], browser_before, stop_now())
    sampler = asyncio.create_task(sample(server_pid, samples, browser_seen, stop))
    cpu_before, started = cpu_seconds(server_pid), time.perf_counter()
    await asyncio.gather(*(run_session(browser, url, s, seconds, None) for s in sessions))
    wall = time.perf_counter() - started
    cpu = cpu_seconds(server_pid) - cpu_before
    stop.set()
    await sampler
    browser_cpu = sum(seconds - browser_before.get(pid, 0.0) for pid, seconds in browser_seen.items())
    crossed = cross_talk(sessions, expected)
    return {
        "sessions": sessions,
        "wall": wall,
        "cores": cpu / wall,
        "server_cpu_s": cpu,
        "browser_cores": browser_cpu / wall,
        "idle_rss": idle_rss,
        "peak_rss": max(samples, default=idle_rss),
        "crossed": crossed,
    }


async def soak_visit(browser, url: str, number: int) -> str | None:
    session = Session(number=number, kind=number % KINDS)
    context = await browser.new_context(viewport=VIEWPORT)
    try:
        page = await open_denoise(context, url, session)

        await draw_step(session, page, 0)
        await timed(
            session,
            page,
            0,
            "slide",
            lambda: press_noise_key(page, "ArrowRight"),
            settle=lambda: factor_reached_server(page),
        )
        return None
    except Exception as error:
        return describe(error)
    finally:
        await context.close()


async def main_async(args) -> None:
    print(f"Load average before: {load_average()} on {os.cpu_count()} CPUs")
    print(f"MALLOC_ARENA_MAX={os.environ.get('MALLOC_ARENA_MAX', '(unset)')}")
    server = start_pinned_server(args.pin, "Chromium and this script")
    try:
        async with async_playwright() as playwright:
            options = {"headless": True, "args": CHROMIUM_ARGS}
            if SYSTEM_CHROMIUM.exists():
                options["executable_path"] = str(SYSTEM_CHROMIUM)
            browser = await playwright.chromium.launch(**options)
            pid = server.process.pid
            cpu_before, started = cpu_seconds(pid), time.perf_counter()
            expected = await reference(browser, server.url, args.kinds)
            single = {"cpu": cpu_seconds(pid) - cpu_before, "wall": time.perf_counter() - started}
            print(f"Reference: one user at a time, {args.kinds} scripts × 2 rounds; server RSS {rss_mb(pid):.0f} MB")
            results = []
            for count in args.sessions:
                result = await load_phase(browser, server.url, pid, count, args.seconds, expected)
                results.append(result)
                print(f"  load: {count} sessions done in {result['wall']:.0f} s", flush=True)
            print_load_tables(expected, single, results, args.seconds)
            if args.cycles:
                rows, errors = await soak(
                    lambda n: soak_visit(browser, server.url, n), pid, args.cycles, args.soak_parallel, args.linger
                )
                print_soak_table(rows, errors, args.soak_parallel)
            await browser.close()
    finally:
        server.stop()
    print(f"\nLoad average after: {load_average()}")


def print_load_tables(expected: list[Session], single: dict, results: list[dict], seconds: float) -> None:
    """`single`: the server's CPU seconds and the wall time of the reference runs."""
    print(f"\n### Load: {seconds:.0f} s of pick, slide, draw, back to MNIST per session (one Chromium)\n")
    print(
        "| sessions | failed | interactions | p50 interaction → pictures | p95 | server CPU (cores busy) "
        "| server CPU per interaction | browser CPU (cores busy) | server RSS idle → peak | RSS per session "
        "| cross-talk |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    alone = step_times_ms(expected, STEPS)
    print(
        f"| 1 (reference, {len(expected)} in turn) | 0 | {len(alone)} | {percentile(alone, 50):.0f} ms "
        f"| {percentile(alone, 95):.0f} ms | {single['cpu'] / single['wall']:.2f} "
        f"| {1000 * single['cpu'] / len(alone):.0f} ms |  |  |  |  |"
    )
    for r in results:
        sessions, times = r["sessions"], step_times_ms(r["sessions"], STEPS)
        failed = [s for s in sessions if s.error]
        per_session = (r["peak_rss"] - r["idle_rss"]) / len(sessions)
        crossed = "none" if not r["crossed"] else f"sessions {r['crossed']}"
        print(
            f"| {len(sessions)} | {len(failed)} | {len(times)} | {percentile(times, 50):.0f} ms "
            f"| {percentile(times, 95):.0f} ms | {r['cores']:.2f} "
            f"| {1000 * r['server_cpu_s'] / max(len(times), 1):.0f} ms | {r['browser_cores']:.2f} "
            f"| {r['idle_rss']:.0f} → {r['peak_rss']:.0f} MB | {per_session:.1f} MB | {crossed} |"
        )
    print("\n#### p50 / p95 per interaction, ms\n")
    print("| sessions | " + " | ".join(STEPS) + " |")
    print("|---|" + "---|" * len(STEPS))
    for label, sessions in [("1 (reference)", expected)] + [(str(len(r["sessions"])), r["sessions"]) for r in results]:
        cells = []
        for step in STEPS:
            times = step_times_ms(sessions, (step,))
            cells.append(f"{percentile(times, 50):.0f} / {percentile(times, 95):.0f}" if times else "–")
        print(f"| {label} | " + " | ".join(cells) + " |")
    print("\n(pick, draw and MNIST are server round trips; slide is drawn in the browser, and its factor")
    print("reaches the server 250 ms after the key is released.)")
    for r in results:
        for s in [s for s in r["sessions"] if s.error][:3]:
            print(f"\n{len(r['sessions'])} sessions: session {s.number} failed: {s.error}")


def main() -> None:
    parser = load_arguments(__doc__.splitlines()[0], sessions="10,25", soak_parallel=4)
    parser.add_argument(
        "--no-pin", dest="pin", action="store_false", help="let the server and the browser share every CPU"
    )
    asyncio.run(main_async(parse_load_arguments(parser)))


if __name__ == "__main__":
    main()
