"""A screenshot of every lesson step at projector sizes, and whether each fits one screen.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m scripts.lesson_screenshots [--sizes 1280x720 1920x1080]

Opens the lesson at step 1, moves through it with the → key as a clicker would, and writes
artifacts/screenshots/lesson-<step>-<id>-<width>x<height>.png; prints a table: step, size, what
(if anything) lies outside the window, and how long the step took to draw.
"""

from __future__ import annotations

import argparse
import time

from playwright.sync_api import sync_playwright

from harness.browser import launch_chromium, new_page, wait_until_drawn
from harness.lesson import outside_the_window, press, wait_for_step
from harness.server import ROOT, AppServer
from ui.lesson.progress import the_lesson
from ui.page_table import LESSON

OUT = ROOT / "artifacts" / "screenshots"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["1280x720", "1920x1080"], help="window sizes, WIDTHxHEIGHT")
    parser.add_argument("--big", action="store_true", help="with Big images on (big=1), as a projector may have it")
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    steps = the_lesson().steps
    rows = []
    with AppServer(startup_timeout=240) as server, sync_playwright() as playwright:
        browser, _ = launch_chromium(playwright)
        for size in args.sizes:
            width, height = (int(n) for n in size.split("x"))
            page = new_page(browser, viewport={"width": width, "height": height})
            page.goto(f"{server.url}{LESSON.path}?step=1&big={int(args.big)}")
            wait_for_step(page, 1)
            # The lesson closes the sidebar on arrival: wait until it has slid away.
            page.wait_for_selector("[data-testid='stSidebar'][data-collapsed='true']", state="attached")
            page.wait_for_timeout(600)
            for number, step in enumerate(steps, start=1):
                started = time.perf_counter()
                if number > 1:
                    press(page, "ArrowRight", number)
                wait_until_drawn(page)
                seconds = time.perf_counter() - started
                mode = "-big" if args.big else ""
                page.screenshot(path=OUT / f"lesson-{number:02d}-{step.id}-{width}x{height}{mode}.png")
                rows.append((number, step.id, size, "; ".join(outside_the_window(page)) or "fits", seconds))
            page.context.close()
    print(f"{'step':>4}  {'id':<11} {'size':<10} {'drawn in':>8}  fit")
    for number, step_id, size, fit, seconds in rows:
        print(f"{number:>4}  {step_id:<11} {size:<10} {seconds:>7.1f}s  {fit}")


if __name__ == "__main__":
    main()
