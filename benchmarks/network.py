"""What a class's phones download, and whether a slow phone keeps up with the pen.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m benchmarks.network [--moves 60] [--url URL]

Starts the app's launcher as the browser tests do (or measures a server already running at
`--url`) and drives Chromium through the DevTools protocol:

1. Bytes. Each page opened in Draw mode (`?source=Draw`) as the first visit of a fresh browser
   (nothing cached), then again in a new tab of the same browser: bytes received over HTTP by
   kind (the models' weight files, Streamlit's own frontend, media files, the rest) as they
   came over the wire (compressed), files served from the browser's cache instead, and the
   websocket's bytes with its largest message. A page counts as loaded when it has drawn and
   every weight file has arrived, plus 2 s (the lesson and the class keep polling their room).
   Then the class link (the student page, served without Streamlit) the same way, on a phone.
2. A slow phone. Chromium's CPU throttled 4x (`Emulation.setCPUThrottlingRate`) and its network
   at 1.6 Mbit/s down, 0.75 up, 150 ms latency (`Network.emulateNetworkConditions`): a class
   link opened on a first visit and on a second (a new tab), from `goto` to the pad taking
   strokes, and to the live pad showing its five reconstructions; then pointer moves on that pad,
   from the pointer event to the five reconstructions drawn (the pad's own measure, as benchmarks/browser.py).

Budgets from the issue, for reading (nothing here fails a build): weights <= 1.2 MB for the five
on a first visit and 0 on a second; pointer -> five reconstructions p95 <= 50 ms; class link ->
pad ready <= 5 s first, <= 2 s second.
"""

from __future__ import annotations

import argparse
import statistics
import time

from playwright.sync_api import expect, sync_playwright

from benchmarks.browser import PlainJsBrowser, load_average, time_pad_moves
from benchmarks.serving import percentile
from harness.browser import launch_chromium, wait_until_drawn
from harness.drawing import PAD
from harness.network import WEIGHTS_SETTLED_JS, Traffic
from harness.server import AppServer
from ui.page_table import CLASS, CODE_EXPLORER, DENOISE, GENERATE, HOME, LESSON, RECONSTRUCT, STUDENT_PAGE_PATH

PAGES = (HOME, RECONSTRUCT, DENOISE, CODE_EXPLORER, GENERATE, LESSON)
SETTLE_SECONDS = 2
SLOW_NETWORK = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6e6 / 8,
    "uploadThroughput": 0.75e6 / 8,
}
CPU_SLOWDOWN = 4
# The pad on the page (the student page's, or inside a Streamlit component's shadow root).
FIND_PAD = f"""document.querySelector("{PAD}") ?? [...document.querySelectorAll("*")]
    .map((e) => e.shadowRoot?.querySelector("{PAD}")).find(Boolean)"""
# Its surface is listening: a stroke drawn now is kept (the models follow as they arrive).
PAD_DRAWABLE_JS = f"() => Boolean(({FIND_PAD})?.drawingPad)"
PAD_FIRST_MODEL_JS = f"""() => (({FIND_PAD})?.querySelectorAll("figure.reconstruction").length ?? 0) > 0"""
PAD_READY_JS = f"""() => (({FIND_PAD})?.querySelectorAll("figure.reconstruction").length ?? 0) === 5"""


def pad_ready(page) -> None:
    """The student page's pad live with all five models."""
    page.wait_for_function(PAD_READY_JS, timeout=120_000)


def visit(context, url: str, drawn=wait_until_drawn) -> Traffic:
    """Bytes of opening `url` in a new tab of `context`: until `drawn(page)` and every weight file has
    arrived, then SETTLE_SECONDS."""
    page = context.new_page()
    traffic = Traffic(page)
    page.goto(url, timeout=120_000)
    drawn(page)
    page.wait_for_function(WEIGHTS_SETTLED_JS, timeout=120_000)
    page.wait_for_timeout(SETTLE_SECONDS * 1000)  # not "until silent": the lesson and class poll
    page.close()
    return traffic


def kilobytes(count: int) -> str:
    return f"{count / 1000:,.0f} kB"


def bytes_rows(browser, url: str) -> list[str]:
    rows = [
        "| page | visit | weights | frontend | media | other HTTP | websocket | largest message | from cache |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for entry in PAGES:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        try:
            for visit_name in ("first", "second"):
                traffic = visit(context, f"{url}{entry.path}?source=Draw")
                rows.append(
                    f"| {entry.title} | {visit_name} | {kilobytes(traffic.wire['weights'])} "
                    f"| {kilobytes(traffic.wire['frontend'])} | {kilobytes(traffic.wire['media'])} "
                    f"| {kilobytes(traffic.wire['other'])} | {kilobytes(traffic.socket_bytes)} "
                    f"| {kilobytes(traffic.largest_message)} | {sum(traffic.from_cache.values())} files |"
                )
        finally:
            context.close()
    return rows


def start_class(browser, url: str) -> str:
    """Start a class on a teacher's screen; the class link's path (the student page)."""
    teacher = browser.new_page(viewport={"width": 1400, "height": 1000})
    teacher.goto(f"{url}{CLASS.path}")
    teacher.get_by_role("button", name="Start a class").click()
    link = teacher.locator("pre code").first
    expect(link).to_contain_text(STUDENT_PAGE_PATH + "/", timeout=120_000)  # a loaded machine takes its time
    return STUDENT_PAGE_PATH + link.inner_text().strip().split(STUDENT_PAGE_PATH, 1)[1]


def class_link_bytes_rows(browser, url: str, link: str) -> list[str]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    rows = []
    try:
        for visit_name in ("first", "second"):
            traffic = visit(context, f"{url}{link}", drawn=pad_ready)
            rows.append(
                f"| class link (student page) | {visit_name} | {kilobytes(traffic.wire['weights'])} | – | – "
                f"| {kilobytes(traffic.wire['other'])} | – | – | {sum(traffic.from_cache.values())} files |"
            )
    finally:
        context.close()
    return rows


def slow_phone(context):
    """A new tab of `context` as a slow phone: CPU 4x slower, the slow network."""
    page = context.new_page()
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", SLOW_NETWORK)
    session.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    return page


def open_pad(page, address: str) -> tuple[float, float, float]:
    """Seconds from opening `address` to its pad taking strokes, to its first model, to all five."""
    started = time.perf_counter()
    page.goto(address, timeout=120_000, wait_until="commit")
    times = []
    for ready in (PAD_DRAWABLE_JS, PAD_FIRST_MODEL_JS, PAD_READY_JS):
        page.wait_for_function(ready, timeout=120_000, polling=50)
        times.append(time.perf_counter() - started)
    return times[0], times[1], times[2]


def slow_phone_rows(browser, url: str, link: str, moves: int) -> list[str]:
    """The class link (the student page) against Streamlit's student screen of the same class
    (`/class?join=`, the way in before), each on a first visit and a second (a new tab)."""
    code = link.split("/")[-1].split("?")[0]
    opened: dict[str, list[tuple[float, float, float]]] = {}
    in_page: list[float] = []
    for name, address in (
        ("Streamlit's student screen", f"{url}{CLASS.path}?join={code}"),
        ("student page", f"{url}{link}"),
    ):
        context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
        try:
            pages = [slow_phone(context)]
            opened[name] = [open_pad(pages[0], address)]
            pages.append(slow_phone(context))
            pages[0].close()
            opened[name].append(open_pad(pages[1], address))
            if name == "student page":
                pages[1].wait_for_function(WEIGHTS_SETTLED_JS)
                pages[1].locator(PAD).scroll_into_view_if_needed()
                _, in_page = time_pad_moves(pages[1], moves)
        finally:
            context.close()
    before, now = opened["Streamlit's student screen"], opened["student page"]
    rows = [
        "| slow phone (CPU 4x slower, 1.6 Mbit/s, 150 ms), one run each "
        "| Streamlit's student screen | student page (the class link) | ratio |",
        "|---|---|---|---|",
    ]
    for visit_index, visit_name in enumerate(("first visit", "second visit (new tab)")):
        for moment, words in enumerate(
            ("pad takes strokes", "first model follows the pen", "live pad ready (five models)")
        ):
            was, is_now = before[visit_index][moment], now[visit_index][moment]
            rows.append(f"| {words}, {visit_name} | {was:.2f} s | {is_now:.2f} s | {was / is_now:.1f}× |")
    rows.append(
        f"| pointer move → five reconstructions drawn (student page), median / p95 of {len(in_page)} | | "
        f"{statistics.median(in_page):.1f} / {percentile(in_page, 95):.1f} ms | |"
    )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--moves", type=int, default=60, help="pointer moves on the slow phone's pad")
    parser.add_argument("--url", help="measure a server already running here instead of starting one")
    parser.add_argument("--plain", action="store_true", help="run the models in plain JavaScript (the fallback)")
    parser.add_argument("--slow-phone-only", action="store_true", help="skip the bytes, measure the slow phone")
    options = parser.parse_args()
    server = None if options.url else AppServer().start()
    url = options.url or server.url
    try:
        with sync_playwright() as playwright:
            browser, _ = launch_chromium(playwright)
            if options.plain:
                browser = PlainJsBrowser(browser)
            try:
                link = start_class(browser, url)
                rows = (
                    []
                    if options.slow_phone_only
                    else [*bytes_rows(browser, url), *class_link_bytes_rows(browser, url, link), ""]
                )
                rows += slow_phone_rows(browser, url, link, options.moves)
                rows.append(f"\nmodels run in {'plain JavaScript (--plain)' if options.plain else 'WebAssembly SIMD'}")
            finally:
                browser.close()
    finally:
        if server is not None:
            server.stop()
    print("\n".join(rows))
    print(f"\nload average (1 / 5 / 15 min): {load_average()}")


if __name__ == "__main__":
    main()
