"""Drive the drawing pad in a real browser: open it, draw strokes, read what it holds.

Shared by tests/e2e/test_drawing_pad.py and benchmarks/browser.py. Strokes are given in the
pad's raster coordinates (digits/strokes.py) and drawn with Playwright's mouse (or touch,
through the Chrome DevTools Protocol), so they go through the same pointer events as a hand.
"""

from __future__ import annotations

import numpy as np
from playwright.sync_api import Page, expect

from digits.strokes import RASTER_SIZE
from harness.browser import wait_for_rerun, wait_until_drawn
from harness.pages import sidebar
from harness.server import STARTUP_TIMEOUT_MS

PAD = ".drawing-pad"  # inside the component's shadow root; Playwright's CSS locators look inside
# Everything a test wants to know about the pad, read from the DrawingPad object on its element.
PAD_STATE_JS = """(root) => {
    const pad = root.drawingPad;
    const bright = (canvas) => Math.max(
        ...canvas.getContext("2d").getImageData(0, 0, 28, 28).data.filter((_, i) => i % 4 === 0));
    return {
        strokes: pad.strokes.map((s) => ({points: s.points, erase: s.erase})),
        digit: pad.digit ? Array.from(pad.digit) : null,
        frames: Number(root.dataset.frames || 0),
        renderMs: Number(root.dataset.renderMs || 0),
        seenBrightness: bright(pad.seen),
        reconstructions: pad.reconstructions.map((r) => ({
            variant: r.figure.dataset.variant,
            brightness: bright(r.canvas),
            pixels: pad.digit ? Array.from(r.run(pad.digit)) : null,
        })),
    };
}"""


def open_drawing_pad(page: Page, url: str, models: int) -> None:
    """Open Home, switch the input to Draw and wait until the pad shows `models` reconstructions."""
    page.goto(url + "/", timeout=STARTUP_TIMEOUT_MS)  # a busy machine can take over a minute
    page.get_by_role("heading", name="The five models").wait_for(timeout=STARTUP_TIMEOUT_MS)
    wait_until_drawn(page, STARTUP_TIMEOUT_MS)
    sidebar(page).get_by_role("radio", name="Draw").click()
    expect(page.locator(f"{PAD} figure.reconstruction")).to_have_count(models, timeout=STARTUP_TIMEOUT_MS)
    wait_for_rerun(page)


def pad_state(page: Page) -> dict:
    return page.locator(PAD).evaluate(PAD_STATE_JS)


def frames(page: Page) -> int:
    return int(page.locator(PAD).get_attribute("data-frames") or 0)


class Pen:
    """Mouse strokes on the pad, in raster coordinates."""

    def __init__(self, page: Page) -> None:
        self.page = page
        self.box = page.locator(f"{PAD} canvas.surface").bounding_box()
        assert self.box and self.box["width"] > 100, f"the drawing pad is not on screen: {self.box}"

    def at(self, point) -> tuple[float, float]:
        x, y = point
        return self.box["x"] + x / RASTER_SIZE * self.box["width"], self.box["y"] + y / RASTER_SIZE * self.box["height"]

    def down(self, point) -> None:
        self.page.mouse.move(*self.at(point))
        self.page.mouse.down()

    def move(self, point) -> None:
        self.page.mouse.move(*self.at(point))

    def up(self) -> None:
        self.page.mouse.up()

    def stroke(self, points) -> None:
        self.down(points[0])
        for point in points[1:]:
            self.move(point)
        self.up()

    def draw(self, strokes: list[dict]) -> None:
        """Draw a stroke set, choosing the pen or the eraser for each stroke as it says."""
        for stroke in strokes:
            self.choose_tool("Eraser" if stroke["erase"] else "Pen")
            self.stroke(stroke["points"])

    def choose_tool(self, name: str) -> None:
        """ "Pen" or "Eraser", found by the tool's name in the markup, whatever language its label is in."""
        button = self.page.locator(f"{PAD} [data-tool={name.lower()}]")
        if button.get_attribute("aria-pressed") != "true":
            button.click()


def finger(page: Page, points: list[tuple[float, float]]) -> None:
    """One finger down at the first point, along the others, and up, in page pixels: real touch
    events through the Chrome DevTools Protocol (the context needs `has_touch=True`), so the browser
    decides between a drag and a scroll as it does for a hand."""
    session = page.context.new_cdp_session(page)
    try:
        for kind, point in [("touchStart", points[0]), *(("touchMove", p) for p in points[1:]), ("touchEnd", None)]:
            touches = [] if point is None else [{"x": point[0], "y": point[1], "id": 1, "radiusX": 4, "radiusY": 4}]
            session.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": touches})
    finally:
        session.detach()


def pad_button(page: Page, name: str):
    return page.locator(f"{PAD} button", has_text=name)


def as_digit(values) -> np.ndarray:
    return np.asarray(values, dtype=np.float32).reshape(28, 28, 1)


# Pointer events dispatched in the page, all strokes in one call: the same handlers as a mouse
# (pointer id 1 is the mouse's), without a DevTools round trip per point. For long replays.
REPLAY_JS = """(root, [strokes, size]) => {
    const surface = root.querySelector(".surface");
    const box = surface.getBoundingClientRect();
    const fire = (type, [x, y]) => surface.dispatchEvent(new PointerEvent(type, {
        bubbles: true, cancelable: true, pointerId: 1, pointerType: "mouse", isPrimary: true,
        button: type === "pointermove" ? -1 : 0, buttons: type === "pointerup" ? 0 : 1,
        clientX: box.left + x / size * box.width, clientY: box.top + y / size * box.height,
    }));
    for (const stroke of strokes) {
        root.querySelector(`[data-tool=${stroke.erase ? "eraser" : "pen"}]`).click();
        fire("pointerdown", stroke.points[0]);
        for (const point of stroke.points.slice(1)) fire("pointermove", point);
        fire("pointerup", stroke.points[stroke.points.length - 1]);
    }
}"""


def replay(page: Page, strokes: list[dict]) -> None:
    """Draw a stroke set with pointer events dispatched in the page."""
    page.locator(PAD).evaluate(REPLAY_JS, [strokes, RASTER_SIZE])
