"""Driving the Lesson page in a browser: which step shows, moving it, and whether a step fits the screen.

For the tests and scripts/lesson_screenshots.py alike.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.browser import wait_until_drawn

STEP_COUNTER = re.compile(r"Step (\d+) of (\d+)")
# What of a step lies outside the window: the main area's overflow (it scrolls, not the document),
# the step's text column and its view, each as [top, bottom] against the window's height.
FIT_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    const box = (e) => { if (!e) return null; const r = e.getBoundingClientRect(); return [r.top, r.bottom]; };
    const columns = document.querySelectorAll(".st-key-lesson [data-testid='stHorizontalBlock']");
    const step = [...columns].find((c) => c.querySelector(".st-key-lesson-view"));
    const text = step?.querySelector("[data-testid='stColumn']");
    return {scroll: main.scrollHeight - main.clientHeight, height: window.innerHeight,
            text: box(text), view: box(document.querySelector(".st-key-lesson-view"))};
}"""


def shown_step(page: Page) -> int:
    counter = page.locator(".st-key-lesson").get_by_text(STEP_COUNTER).first
    return int(STEP_COUNTER.search(counter.inner_text()).group(1))


def wait_for_step(page: Page, number: int) -> None:
    expect(page.locator(".st-key-lesson").get_by_text(re.compile(rf"Step {number} of \d+"))).to_be_visible()
    wait_until_drawn(page)


def press(page: Page, key: str, then_step: int, blur: bool = True) -> None:
    """Press `key` (with nothing focused, unless `blur` is False: a clicker after a click on the page)
    and wait for step `then_step`."""
    if blur:
        page.evaluate("() => document.activeElement?.blur()")
    page.keyboard.press(key)
    wait_for_step(page, then_step)


def outside_the_window(page: Page) -> list[str]:
    """What of the current step does not fit the window: empty when it all fits."""
    fit = page.evaluate(FIT_JS)
    problems = [f"the page scrolls by {fit['scroll']} px"] if fit["scroll"] > 1 else []
    for part in ("text", "view"):
        top_bottom = fit[part]
        if top_bottom is None:
            problems.append(f"no {part} column")
        elif top_bottom[0] < 0 or top_bottom[1] > fit["height"] + 1:
            problems.append(f"the {part} runs from {top_bottom[0]:.0f} to {top_bottom[1]:.0f} px of {fit['height']}")
    return problems
