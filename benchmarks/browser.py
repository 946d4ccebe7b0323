"""What a person waits for in the browser: the app's cold start, and a code-slider key press.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m benchmarks.browser [--presses 30]

Starts the app's launcher (`python -m ui.serve`) exactly as the browser tests do (tests/e2e/harness.py; run
`scripts/install_browser.sh` first if there is no Chromium) and drives it with Playwright:

1. Cold start: from launching the server to the server's health check answering "ok",
   and to Home drawn with the models loaded ("The five models" table and every
   reconstruction on screen) in the first browser session. The browser is started before
   the clock, so only the app's start is measured.
2. Key press: on Code explorer, from pressing ArrowRight on the focused "#0" code slider to
   the "decoded from the sliders" picture showing a new, loaded image, over `--presses`
   presses, each after the previous rerun has finished. The figures include Playwright's
   round trips (a few ms) and its polling on animation frames (about 16 ms).

Prints a Markdown table with the median and 95th percentile and the machine's load average;
it asserts no budgets (timings on a shared machine are for reading, not for failing a build).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import time

from playwright.sync_api import sync_playwright

from tests.e2e.harness import (
    STARTUP_TIMEOUT_MS,
    AppServer,
    image_locator,
    launch_chromium,
    wait_for_new_image,
    wait_for_rerun,
    wait_until_drawn,
)

DECODED = "decoded from the sliders"


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1]


def load_average() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f} / {five:.2f} / {fifteen:.2f}"


def time_key_presses(page, presses: int) -> list[float]:
    """Seconds from each ArrowRight on the first code slider to the new decoded picture."""
    slider = page.get_by_test_id("stSlider").filter(
        has=page.get_by_test_id("stWidgetLabel").get_by_text("#0", exact=True)
    ).get_by_role("slider")
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--presses", type=int, default=30)
    args = parser.parse_args()
    load_before = load_average()

    with sync_playwright() as playwright:
        browser, which = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
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
            image_locator(page, DECODED).wait_for(timeout=STARTUP_TIMEOUT_MS)
            wait_until_drawn(page, STARTUP_TIMEOUT_MS)
            presses = time_key_presses(page, args.presses)
        finally:
            server.stop()
            browser.close()

    ms = [s * 1000 for s in presses]
    print(f"Browser: {which}. Load average (1 / 5 / 15 min) {load_before} before, {load_average()} after, "
          f"on {os.cpu_count()} CPUs. Models unavailable: {', '.join(missing) or 'none'}.\n")
    print("| measure | median | p95 | runs |")
    print("|---|---|---|---|")
    print(f"| cold start: launch → health check answers ok | {healthy:.1f} s | | 1 |")
    print(f"| cold start: launch → Home drawn with the models loaded | {home:.1f} s | | 1 |")
    print(f"| code slider: ArrowRight → new decoded picture on screen | {statistics.median(ms):.0f} ms "
          f"| {percentile(ms, 95):.0f} ms | {len(ms)} |")


if __name__ == "__main__":
    main()
