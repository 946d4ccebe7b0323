"""What a person waits for in the browser: cold start, a code-slider key press, the drawing pad.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m benchmarks.browser [--presses 30]

Starts the app's launcher (`python -m serve`) exactly as the browser tests do (harness/server.py; run
`scripts/install_browser.sh` first if there is no Chromium) and drives it with Playwright:

1. Cold start: from launching the server to the server's health check answering "ok",
   and to Home drawn with the models loaded ("The five models" table and every
   reconstruction on screen) in the first browser session. The browser is started before
   the clock, so only the app's start is measured.
2. Key press: on Code explorer, from pressing ArrowRight on the focused "#0" code slider to
   the "decoded from the sliders" picture showing a new, loaded image, over `--presses`
   presses, each after the previous rerun has finished. The figures include Playwright's
   round trips (a few ms) and its polling on animation frames (about 16 ms).
3. Drawing pad: on Home with the input set to Draw, from a pointer move to the pad's five
   reconstructions drawn in the browser (`--moves` moves along a 0 and an 8), against the way
   drawings reached the pages before: from releasing a stroke to the five reconstructions the
   server draws on Home all showing new pictures; their ratio, from the same run.

   Measured twice in the same run: with the live sliders (decoded in the browser: from the
   key press to the component's canvas showing a new picture) and with the server sliders
   (the fallback), and their ratio.
3. Browser inference (ui/components/inference.js on a blank page, no app): ms per decode and
   per encode, each variant, the median of batches of 20, on the WebAssembly kernels and on the
   plain JavaScript (the fallback).
4. Generate: a pointer move over the VAE's plane to its decoded digit redrawn, and a 20 x 20 manifold
   decoded and drawn in the browser as the page draws it, on both.

`--plain` makes the app's pages run plain JavaScript (the fallback), for a baseline of the rest.
5. Frames per second while dragging: on Code explorer, per variant, the mouse drags the
   first live slider back and forth for `--drag-moves` moves; redraws of the decoded picture
   per second of drag (the component redraws at most once per animation frame).

Prints a Markdown table with the median and 95th percentile and the machine's load average;
it asserts no budgets (timings on a shared machine are for reading, not for failing a build).
Budgets from the issue, for reading: decode <= 1 ms (dense family), <= 10 ms (conv); >= 30 fps;
key press -> picture <= 50 ms with the live sliders.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

from playwright.sync_api import sync_playwright

from benchmarks.serving import percentile
from harness.browser import image_locator, launch_chromium, wait_for_new_image, wait_for_rerun, wait_until_drawn
from harness.drawing import PAD, Pen, open_drawing_pad, pad_button
from harness.live import weight_file_base64
from harness.network import WEIGHTS_SETTLED_JS
from harness.server import STARTUP_TIMEOUT_MS, AppServer
from harness.stroke_sets import stroke_sets
from models.inference import load_variant
from models.registry import VARIANTS
from models.weights import weights_path
from ui.components.assets import inference_js

DECODED = "decoded from the sliders"
LIVE_DECODED = ".code-sliders canvas.decoded"  # Playwright's CSS locators pierce the shadow root
CANVAS_CHANGED_JS = "([canvas, old]) => canvas.toDataURL() !== old"
# Median ms per call of `part` over batches of 20 calls, each call on a slightly different input.
INFERENCE_TIMING_JS = """([file, part, plain]) => {
    const bytes = Uint8Array.from(atob(file), (character) => character.charCodeAt(0));
    const variant = AutoencoderInference.loadVariant(AutoencoderInference.readWeightFile(bytes.buffer), {plain});
    const input = new Float32Array(part === "decode" ? variant.codeSize : 784).fill(0.5);
    for (let i = 0; i < 20; i++) variant[part](input);  // let the JIT compile first
    const batches = [];
    for (let batch = 0; batch < 15; batch++) {
        const started = performance.now();
        for (let i = 0; i < 20; i++) { input[i % input.length] += 0.01; variant[part](input); }
        batches.push((performance.now() - started) / 20);
    }
    batches.sort((a, b) => a - b);
    return batches[Math.floor(batches.length / 2)];
}"""


# Before any page script: inference.js then runs every model in plain JavaScript (kernels.js).
PLAIN_JS_INIT = "globalThis.AUTOENCODER_LAB_PLAIN_JS = true;"


class PlainJsBrowser:
    """A browser whose new pages and contexts run the models in plain JavaScript: the baseline."""

    def __init__(self, browser) -> None:
        self._browser = browser

    def new_page(self, **options):
        page = self._browser.new_page(**options)
        page.add_init_script(PLAIN_JS_INIT)
        return page

    def new_context(self, **options):
        context = self._browser.new_context(**options)
        context.add_init_script(PLAIN_JS_INIT)
        return context

    def __getattr__(self, name):
        return getattr(self._browser, name)


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def time_key_presses(page, presses: int) -> list[float]:
    """Seconds from each ArrowRight on the first code slider to the new decoded picture."""
    slider = (
        page.get_by_test_id("stSlider")
        .filter(has=page.get_by_test_id("stWidgetLabel").get_by_text("#0", exact=True))
        .get_by_role("slider")
    )
    slider.focus()
    seconds = []
    for _ in range(presses):
        old = image_locator(page, DECODED).get_attribute("src")
        started = time.perf_counter()
        page.keyboard.press("ArrowRight")
        wait_for_new_image(page, DECODED, old, timeout=60_000)
        seconds.append(time.perf_counter() - started)
        wait_for_rerun(page)
    return seconds


def time_live_key_presses(page, presses: int) -> list[float]:
    """Seconds from each ArrowRight on the first live slider to its canvas showing a new picture."""
    slider = page.locator(".code-sliders input[data-dimension='0']")
    canvas = page.locator(LIVE_DECODED)
    slider.focus()
    seconds = []
    for _ in range(presses):
        old = canvas.evaluate("(c) => c.toDataURL()")
        started = time.perf_counter()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(CANVAS_CHANGED_JS, arg=[canvas.element_handle(), old], timeout=60_000)
        seconds.append(time.perf_counter() - started)
    wait_for_rerun(page)
    return seconds


def time_browser_inference(browser) -> dict[str, tuple[float, ...]]:
    """(ms per decode, ms per encode) of each variant in inference.js, on a blank page: on the
    WebAssembly kernels, then on the plain JavaScript (the fallback)."""
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=inference_js())
    timings = {}
    for key in VARIANTS:
        if weights_path(key).exists():
            file = weight_file_base64(load_variant(key))
            timings[key] = tuple(
                page.evaluate(INFERENCE_TIMING_JS, [file, part, plain])
                for plain in (False, True)
                for part in ("decode", "encode")
            )
    page.close()
    return timings


def choose_variant(page, title: str) -> None:
    page.get_by_test_id("stSelectbox").filter(has_text="Autoencoder").click()
    page.get_by_role("option", name=title, exact=True).click()
    wait_until_drawn(page)


def live_root(page, key: str):
    return page.locator(f".code-sliders[data-variant='{key}']")


def wait_until_live(page, key: str) -> None:
    page.get_by_text("Mode: live").wait_for()
    live_root(page, key).and_(page.locator("[data-redraws]")).wait_for(state="attached")
    page.locator(".code-sliders").and_(page.locator(f":not([data-variant='{key}'])")).wait_for(state="detached")


def drag_fps(page, key: str, moves: int) -> float:
    """Redraws per second while the mouse drags the first live slider back and forth."""
    root = live_root(page, key)
    box = root.locator("input[data-dimension='0']").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 0.2 * box["width"], y)
    page.mouse.down()
    before = int(root.get_attribute("data-redraws"))
    started = time.perf_counter()
    for move in range(moves):
        phase = (move % 40) / 40  # one sweep over 60% of the track and back every 40 moves
        page.mouse.move(box["x"] + (0.2 + 0.6 * (1 - abs(2 * phase - 1))) * box["width"], y)
    page.evaluate("() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))")
    elapsed = time.perf_counter() - started
    redraws = int(root.get_attribute("data-redraws")) - before
    page.mouse.up()
    wait_for_rerun(page)
    return redraws / elapsed


def time_pad_moves(page, moves: int) -> tuple[list[float], list[float]]:
    """ms from each pointer move on the drawing pad to its five reconstructions drawn.

    Two views of the same moves: as Playwright sees it (from sending the move to the pad's
    frame counter changing, polled every animation frame, so it includes the DevTools round
    trip), and as the page sees it (from the pointer event's timestamp to the end of drawing
    the frame, recorded by the pad in data-move-to-frame-ms).
    """
    pen = Pen(page)
    path = [point for name in ("0, upright", "8, upright") for s in stroke_sets()[name] for point in s["points"]]
    pad = page.locator(PAD).element_handle()
    observed, in_page = [], []
    pen.down(path[0])
    for point in (path[1:] * (1 + moves // len(path)))[:moves]:
        before = pad.get_attribute("data-frames")
        started = time.perf_counter()
        pen.move(point)
        page.wait_for_function("([root, before]) => root.dataset.frames !== before", arg=[pad, before], polling="raf")
        observed.append((time.perf_counter() - started) * 1000)
        in_page.append(float(pad.get_attribute("data-move-to-frame-ms")))
    pen.up()
    return observed, in_page


CURRENT_SRC_JS = """(caption) => {
    for (const figure of document.querySelectorAll("[data-testid='stImage']")) {
        const label = figure.querySelector("[data-testid='stImageCaption']");
        if (label && label.textContent.trim() === caption) return figure.querySelector("img")?.src ?? null;
    }
    return null;
}"""


def current_src(page, caption: str) -> str | None:
    """The src of the picture captioned `caption` now, or None; never waits (pictures come and go)."""
    return page.evaluate(CURRENT_SRC_JS, caption)


def time_server_strokes(page, titles: tuple[str, ...], strokes: int) -> list[float]:
    """ms from releasing a stroke to the server's reconstructions (Home, one per model) all redrawn.

    The way every drawing reached the pages before the pad ran the models itself.
    """
    pen = Pen(page)
    shapes = [s["points"] for strokes_of_a_digit in stroke_sets().values() for s in strokes_of_a_digit]
    seconds = []
    for points in shapes[:strokes]:
        pad_button(page, "Clear").click()
        wait_for_rerun(page)
        old = {title: current_src(page, title) for title in titles}
        pen.down(points[0])
        for point in points[1:]:
            pen.move(point)
        started = time.perf_counter()
        pen.up()
        for title in titles:
            wait_for_new_image(page, title, old[title], timeout=60_000)
        seconds.append(time.perf_counter() - started)
        wait_for_rerun(page)
    return [s * 1000 for s in seconds]


def drawing_pad_rows(browser, url: str, titles: tuple[str, ...], moves: int) -> list[str]:
    """Table rows: pointer move -> five reconstructions in the browser, against stroke end -> server."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        open_drawing_pad(page, url, len(titles))
        observed, in_page = time_pad_moves(page, moves)
        server = time_server_strokes(page, titles, max(5, moves // 10))
    finally:
        page.close()
    row = "| {} | {:.1f} ms | {:.1f} ms | {} |"
    return [
        row.format(
            "drawing pad: pointer move → five reconstructions drawn (in the page)",
            statistics.median(in_page),
            percentile(in_page, 95),
            len(in_page),
        ),
        row.format(
            "drawing pad: pointer move → five reconstructions drawn (Playwright's view)",
            statistics.median(observed),
            percentile(observed, 95),
            len(observed),
        ),
        row.format(
            "server path: stroke released → five reconstructions from the server on screen",
            statistics.median(server),
            percentile(server, 95),
            len(server),
        ),
        f"| ratio, server path / drawing pad (Playwright's view), medians | "
        f"{statistics.median(server) / statistics.median(observed):.0f}× | | |",
    ]


# A grid of `steps` x `steps` codes over [-3, 3]^2 decoded and drawn as 28x28 tiles on one canvas
# as the Generate page draws its manifold (code_plane.js: one batched decodeMany, one drawGrayGrid),
# the median ms of 7 runs (the page's manifold is 12 x 12; the measure is 20 x 20).
MANIFOLD_JS = """([file, steps, plain]) => {
    const bytes = Uint8Array.from(atob(file), (character) => character.charCodeAt(0));
    const variant = AutoencoderInference.loadVariant(AutoencoderInference.readWeightFile(bytes.buffer), {plain});
    const canvas = document.createElement("canvas");
    const runs = [];
    for (let run = 0; run < 8; run++) {
        const started = performance.now();
        const codes = new Float32Array(2 * steps * steps);
        for (let row = 0; row < steps; row++) {
            for (let column = 0; column < steps; column++) {
                codes[2 * (row * steps + column)] = -3 + (6 * column) / (steps - 1);
                codes[2 * (row * steps + column) + 1] = 3 - (6 * row) / (steps - 1);
            }
        }
        AutoencoderInference.drawGrayGrid(canvas, variant.decodeMany(codes, steps * steps), 28, 28, steps, steps);
        if (run) runs.push(performance.now() - started);  // the first run lets the JIT compile
    }
    runs.sort((a, b) => a - b);
    return runs[Math.floor(runs.length / 2)];
}"""


def manifold_ms(browser, key: str = "vae2", steps: int = 20, plain: bool = False) -> float:
    """ms to decode and draw the manifold, on the WebAssembly kernels or (`plain`) in plain JavaScript."""
    page = browser.new_page()
    page.set_content("<html><body></body></html>")
    page.add_script_tag(content=inference_js())
    try:
        return page.evaluate(MANIFOLD_JS, [weight_file_base64(load_variant(key)), steps, plain])
    finally:
        page.close()


def time_plane_moves(browser, url: str, moves: int) -> tuple[list[float], list[float]]:
    """ms from each pointer move over the Generate page's VAE plane to its decoded digit redrawn: in
    Playwright's view (from sending the move to the panel's decode counter changing) and in the page
    (the pointer event's timestamp to the end of the redraw, code_plane.js's data-move-to-frame-ms)."""
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        page.goto(f"{url}/generate")
        wait_until_drawn(page, STARTUP_TIMEOUT_MS)
        panel = page.locator(".code-plane .panel[data-model='vae2']")
        plane = panel.locator("canvas.plane")
        plane.scroll_into_view_if_needed()
        page.wait_for_function(WEIGHTS_SETTLED_JS)
        box = plane.bounding_box()
        handle = panel.element_handle()
        seconds, in_page = [], []
        for step in range(moves):
            x = box["x"] + box["width"] * (0.2 + 0.6 * (step % 30) / 30)
            y = box["y"] + box["height"] * (0.3 + 0.4 * ((step // 30) % 2))
            before = handle.get_attribute("data-decodes")
            started = time.perf_counter()
            page.mouse.move(x, y)
            page.wait_for_function("([e, b]) => e.dataset.decodes !== b", arg=[handle, before], polling="raf")
            seconds.append((time.perf_counter() - started) * 1000)
            in_page.append(float(handle.get_attribute("data-move-to-frame-ms")))
        return seconds, in_page
    finally:
        page.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30)
    parser.add_argument("--drag-moves", type=int, default=120)
    parser.add_argument("--moves", type=int, default=100, help="pointer moves on the drawing pad")
    parser.add_argument(
        "--plain", action="store_true", help="the app's pages run the models in plain JavaScript (the fallback)"
    )
    args = parser.parse_args()
    load_before = load_average()

    with sync_playwright() as playwright:
        browser, which = launch_chromium(playwright)
        if args.plain:
            browser = PlainJsBrowser(browser)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.set_default_timeout(180_000)  # a loaded, shared machine: wait for things, generously
        server = AppServer(startup_timeout=STARTUP_TIMEOUT_MS / 1000)
        try:
            server.start()
            healthy = time.perf_counter() - server.started_at
            page.goto(server.url + "/")
            page.get_by_test_id("stDataFrame").wait_for(state="visible", timeout=STARTUP_TIMEOUT_MS)
            wait_until_drawn(page, STARTUP_TIMEOUT_MS)
            home = time.perf_counter() - server.started_at
            unavailable = page.get_by_test_id("stAlertContentWarning").filter(has_text="is unavailable")
            missing = [re.sub(r"^\W+", "", text.split(" is unavailable")[0]) for text in unavailable.all_inner_texts()]

            page.get_by_test_id("stSidebarNav").get_by_role("link", name="Code explorer", exact=True).click()
            wait_until_drawn(page, STARTUP_TIMEOUT_MS)
            wait_until_live(page, next(iter(VARIANTS)))
            live_presses = time_live_key_presses(page, args.presses)
            fps = {}
            for key, variant in VARIANTS.items():
                if variant.title in missing:
                    continue
                choose_variant(page, variant.title)
                wait_until_live(page, key)
                fps[key] = drag_fps(page, key, args.drag_moves)
            choose_variant(page, next(v.title for v in VARIANTS.values() if v.title not in missing))
            page.get_by_text("Live sliders", exact=True).click()  # the fallback: the server's sliders
            page.get_by_text("Mode: server sliders").wait_for()
            image_locator(page, DECODED).wait_for(timeout=STARTUP_TIMEOUT_MS)
            wait_until_drawn(page, STARTUP_TIMEOUT_MS)
            presses = time_key_presses(page, args.presses)
            inference = time_browser_inference(browser)
            trained = tuple(v.title for v in VARIANTS.values() if v.title not in missing)
            pad_rows = drawing_pad_rows(browser, server.url, trained, args.moves)
            plane_ms, plane_in_page_ms = time_plane_moves(browser, server.url, args.moves)
            grid_ms = manifold_ms(browser)
            grid_plain_ms = manifold_ms(browser, plain=True)
        finally:
            server.stop()
            browser.close()

    ms = [s * 1000 for s in presses]
    print(
        f"Browser: {which}. Load average (1 / 5 / 15 min) {load_before} before, {load_average()} after, "
        f"on {os.cpu_count()} CPUs. Models unavailable: {', '.join(missing) or 'none'}.\n"
    )
    print("| measure | median | p95 | runs |")
    print("|---|---|---|---|")
    print(f"| cold start: launch → health check answers ok | {healthy:.1f} s | | 1 |")
    print(f"| cold start: launch → Home drawn with the models loaded | {home:.1f} s | | 1 |")
    live_ms = [s * 1000 for s in live_presses]
    print(
        f"| code slider, live (browser): ArrowRight → new decoded picture | {statistics.median(live_ms):.0f} ms "
        f"| {percentile(live_ms, 95):.0f} ms | {len(live_ms)} |"
    )
    print(
        f"| code slider, server sliders: ArrowRight → new decoded picture on screen | {statistics.median(ms):.0f} ms "
        f"| {percentile(ms, 95):.0f} ms | {len(ms)} |"
    )
    print(
        f"| key press ratio: server / live (medians) | {statistics.median(ms) / statistics.median(live_ms):.1f}x | | |"
    )
    print("\n".join(pad_rows))
    print(
        f"| Generate: pointer move over the VAE's plane → decoded digit redrawn (Playwright's view) "
        f"| {statistics.median(plane_ms):.1f} ms | {percentile(plane_ms, 95):.1f} ms | {len(plane_ms)} |"
    )
    print(
        f"| Generate: pointer move over the VAE's plane → decoded digit redrawn (in the page) "
        f"| {statistics.median(plane_in_page_ms):.1f} ms | {percentile(plane_in_page_ms, 95):.1f} ms "
        f"| {len(plane_in_page_ms)} |"
    )
    print(f"| Generate: a 20 × 20 manifold of vae2 decoded and drawn (in the page) | {grid_ms:.1f} ms | | 7 |")
    print(f"| the same in plain JavaScript (the fallback) | {grid_plain_ms:.1f} ms | | 7 |")
    print(f"| manifold ratio, plain JavaScript / WebAssembly kernels | {grid_plain_ms / grid_ms:.1f}× | | |")
    print(f"\nThe app's pages ran {'plain JavaScript (--plain)' if args.plain else 'the WebAssembly kernels'}.")
    print("\n| variant | decode (ms) | encode (ms) | decode, plain JS | encode, plain JS | fps while dragging |")
    print("|---|---|---|---|---|---|")
    for key, (decode_ms, encode_ms, plain_decode_ms, plain_encode_ms) in inference.items():
        shown_fps = f"{fps[key]:.0f}" if key in fps else "n/a"
        plain = f"{plain_decode_ms:.3f} | {plain_encode_ms:.3f}"
        print(f"| {key} | {decode_ms:.3f} | {encode_ms:.3f} | {plain} | {shown_fps} |")


if __name__ == "__main__":
    main()
