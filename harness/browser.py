"""Chromium for the app, through Playwright: start it, open a tab as a new visitor, wait for the app.

Nothing here is a test; tests, benchmarks and scripts share it. `launch_chromium` starts
Debian's `/usr/bin/chromium` when it is there (Playwright's own download otherwise) and says
which; `new_page` opens a tab in a fresh context (its own Streamlit session); `wait_for_rerun`
and `wait_until_drawn` wait until the app has finished a run and drawn what it sent.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from PIL import Image
from playwright.sync_api import Browser, Page

from harness.server import STARTUP_TIMEOUT_MS

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ACTION_TIMEOUT_MS = 60_000
# The app's scripts have finished (a whole rerun or a fragment's); Streamlit marks it on the root.
IDLE_APP = "[data-testid='stApp'][data-test-script-state='notRunning']"
VIEWPORT = {"width": 1400, "height": 1000}

# Every label the sidebar's navigation has shown since the page opened, so that a brief flash
# of another list (Streamlit's automatic `pages/` navigation) is caught too.
RECORD_NAVIGATION_LABELS = """
window.__navLabelsSeen = new Set();
new MutationObserver(() => {
    for (const link of document.querySelectorAll("[data-testid='stSidebarNavLink']")) {
        window.__navLabelsSeen.add(link.textContent.trim());
    }
}).observe(document, {childList: true, subtree: true, characterData: true});
"""


def launch_chromium(playwright):
    """Chromium through Playwright: (browser, a line saying which executable it is)."""
    options = {"headless": True, "args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        options["executable_path"] = str(SYSTEM_CHROMIUM)
        which = f"system Chromium at {SYSTEM_CHROMIUM}"
    else:
        which = "Playwright's own Chromium"
    try:
        browser = playwright.chromium.launch(**options)
    except Exception as error:
        raise RuntimeError(f"could not start {which}; run scripts/install_browser.sh first.\n{error}") from error
    return browser, f"{which}, version {browser.version}"


def wait_for_rerun(page, timeout: float = 120_000) -> None:
    """Wait until the app is not running a script (whole rerun or fragment).

    Call it once the effect you are waiting for has begun (a new heading, a changed picture):
    right after a click the app may not have started its rerun yet.
    """
    page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout)


def image_locator(page, caption: str):
    """The <img> of the picture (st.image) whose caption is exactly `caption`."""
    return (
        page.locator("[data-testid='stImage']")
        .filter(has=page.locator("[data-testid='stImageCaption']", has_text=re.compile(f"^{re.escape(caption)}$")))
        .locator("img")
    )


# The src of the picture captioned `caption` once it differs from `old` and has loaded, else false.
_NEW_IMAGE_JS = """([caption, old]) => {
    for (const figure of document.querySelectorAll("[data-testid='stImage']")) {
        const label = figure.querySelector("[data-testid='stImageCaption']");
        if (!label || label.textContent.trim() !== caption) continue;
        const img = figure.querySelector("img");
        if (img && img.src !== old && img.complete && img.naturalWidth > 0) return img.src;
    }
    return false;
}"""


def wait_for_new_image(page, caption: str, old_src: str | None, timeout: float = 60_000) -> str:
    """Wait until the picture captioned `caption` shows a new, loaded image; return its src."""
    return page.wait_for_function(_NEW_IMAGE_JS, arg=[caption, old_src], timeout=timeout).json_value()


# What is not drawn yet: placeholder skeletons, pictures still loading, charts or tables not drawn.
_NOT_DRAWN_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    if (!main) return ["no main area"];
    const problems = [];
    for (const id of ["stSkeleton", "stSkeletonElement", "stAppSkeleton"]) {
        const count = document.querySelectorAll(`[data-testid='${id}']`).length;
        if (count) problems.push(`${count} ${id}`);
    }
    for (const img of document.querySelectorAll("img")) {
        if (!(img.complete && img.naturalWidth > 0)) problems.push(`picture not loaded: ${img.src.slice(-60)}`);
    }
    // Charts and tables in a hidden tab are drawn only when their tab is opened.
    const undrawn = (selector, inner) => [...main.querySelectorAll(selector)]
        .filter((e) => e.checkVisibility() && !e.querySelector(inner));
    for (const chart of undrawn("[data-testid='stPlotlyChart']", ".main-svg")) problems.push("Plotly chart not drawn");
    for (const table of undrawn("[data-testid='stDataFrame']", "canvas")) problems.push("table not drawn");
    return problems;
}"""


def wait_until_drawn(page, timeout: float = 120_000) -> None:
    """Wait for the rerun to finish and for its pictures, charts and tables to be on screen."""
    wait_for_rerun(page, timeout)
    try:
        page.wait_for_function(f"() => ({_NOT_DRAWN_JS})().length === 0", timeout=timeout)
    except Exception as error:
        problems = page.evaluate(_NOT_DRAWN_JS)
        raise AssertionError(f"{page.url} was not fully drawn after {timeout / 1000:.0f} s: {problems}") from error


MAX_SCREENSHOT_HEIGHT = 6000


def save_full_page(page, path: Path) -> None:
    """The whole page (the main area scrolls, so grow the window to it), 1400 px wide, as a small palette PNG."""
    height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, min(height, MAX_SCREENSHOT_HEIGHT))})
    wait_until_drawn(page)
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)


def new_page(browser: Browser, **options) -> Page:
    """A tab in a fresh context (its own session), by default a desktop window; `options` go to new_context."""
    # Reduced motion: Streamlit's spinners and transitions cost the browser CPU and a test nothing.
    context = browser.new_context(**{"viewport": VIEWPORT, "reduced_motion": "reduce", **options})
    context.add_init_script(RECORD_NAVIGATION_LABELS)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    context.set_default_navigation_timeout(ACTION_TIMEOUT_MS)
    return context.new_page()


def warm_up(browser: Browser, url: str) -> None:
    """Open Home once, as a visitor would, so the models are loaded before the first test is timed.

    A deep link as the very first visit to a fresh server is its own test
    (test_browser.py::test_a_shared_link_as_the_first_visit_to_a_fresh_server).
    """
    page = new_page(browser)
    try:
        page.goto(url + "/")
        page.get_by_role("heading", name="The five models").wait_for(timeout=STARTUP_TIMEOUT_MS)
        wait_until_drawn(page, STARTUP_TIMEOUT_MS)
    finally:
        page.context.close()
