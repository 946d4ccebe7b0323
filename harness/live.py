"""The live components in the browser: find the code sliders and their picture, wait until they draw, drag them.

Shared by the browser tests of the live sliders and the code map.
"""

from __future__ import annotations

import base64

from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness.browser import wait_until_drawn
from harness.pages import slider
from models.browser_export import export_trained, weight_file

# For a page that has inference.js: `loadWeightFile(base64)`, a variant from a weight file's bytes as
# base64 text (`weight_file_base64`), read by the same code that reads a fetched file.
LOAD_WEIGHT_FILE_JS = """function loadWeightFile(text) {
    const bytes = Uint8Array.from(atob(text), (character) => character.charCodeAt(0));
    return AutoencoderInference.loadVariant(AutoencoderInference.readWeightFile(bytes.buffer));
}"""
LIVE_SLIDERS = ".code-sliders"  # inside the component's shadow root; Playwright's CSS locators pierce it
PICTURE_CHANGED_JS = "([canvas, old]) => canvas.toDataURL() !== old"


def weight_file_base64(trained) -> str:
    """The variant's weight file, as the server serves it, in base64 for `loadWeightFile`."""
    return base64.b64encode(weight_file(export_trained(trained))).decode("ascii")


def live_root(page: Page):
    return page.locator(LIVE_SLIDERS)


def decoded_canvas(page: Page):
    return page.locator(f"{LIVE_SLIDERS} canvas.decoded")


def wait_until_live(page: Page) -> None:
    """The component has started and drawn its first picture."""
    expect(page.get_by_text("Mode: live")).to_be_visible()
    page.wait_for_function(
        "() => [...document.querySelectorAll('*')].some((e) => Number(e.shadowRoot?.querySelector('.code-sliders')"
        "?.dataset.redraws) > 0)"
    )


def live_values(page: Page) -> list[float]:
    return [
        float(v)
        for v in page.locator(f"{LIVE_SLIDERS} input[type='range']").evaluate_all("(a) => a.map((i) => i.value)")
    ]


def server_slider_values(page: Page, count: int) -> list[float]:
    """Switch to the server sliders and read what the server holds."""
    page.get_by_text("Live sliders", exact=True).click()
    expect(page.get_by_text("Mode: server sliders")).to_be_visible()
    wait_until_drawn(page)
    return [float(slider(page, f"#{d}").input_value()) for d in range(count)]


def picture_changes_while_dragging(page: Page, target, canvas, steps: int = 10) -> int:
    """Press the mouse on `target`, move it in `steps` steps, count the redraws seen, then release."""
    box = target.bounding_box()
    y = box["y"] + box["height"] / 2
    changes = 0
    page.mouse.move(box["x"] + 0.15 * box["width"], y)
    page.mouse.down()
    for step in range(1, steps + 1):
        before = canvas.evaluate("(c) => c.toDataURL()")
        page.mouse.move(box["x"] + (0.15 + 0.07 * step) * box["width"], y)
        try:
            page.wait_for_function(PICTURE_CHANGED_JS, arg=[canvas.element_handle(), before], timeout=5_000)
            changes += 1
        except PlaywrightTimeout:
            pass  # a step too small to move the value by 0.01: no new picture is right
    return changes
