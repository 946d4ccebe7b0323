"""The Generate page in Chromium: both planes decode the point under the pointer as NumPy does, and
draw their manifolds."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from harness.browser import wait_until_drawn
from harness.drawing import PAD
from harness.pages import assert_page_is_healthy, open_page, sidebar
from harness.server import App
from models.inference import decode, load_variant
from ui.page_table import GENERATE

pytestmark = pytest.mark.e2e

# The decoded picture beside a plane, its caption and the exact point decoded.
PANEL_JS = """(key) => {
    const panel = [...document.querySelectorAll("*")]
        .map((e) => e.shadowRoot?.querySelector(`.code-plane .panel[data-model='${key}']`)).find(Boolean);
    if (!panel) return null;
    const canvas = panel.querySelector("canvas.decoded");
    const pixels = canvas.getContext("2d").getImageData(0, 0, 28, 28).data;
    const plane = panel.querySelector("canvas.plane").getBoundingClientRect();
    return {point: panel.dataset.point ? JSON.parse(panel.dataset.point) : null,
            caption: panel.querySelector("figcaption").textContent,
            grey: Array.from({length: 784}, (_, i) => pixels[4 * i]),
            manifold: Number(panel.querySelector("canvas.manifold").dataset.drawn ?? 0),
            plane: {x: plane.x, y: plane.y, width: plane.width, height: plane.height}};
}"""


@pytest.mark.parametrize("key", ["ae2", "vae2"])
def test_a_plane_decodes_the_point_under_the_pointer_as_numpy_does(app: App, page: Page, key):
    open_page(page, app, GENERATE.path, GENERATE.heading)
    page.wait_for_function(f"() => ({PANEL_JS})({json.dumps(key)})?.manifold === 144", timeout=30_000)
    panel = page.evaluate(PANEL_JS, key)
    assert panel["caption"] == "your digit ★, decoded"  # before the pointer comes, the star's decoding
    box = panel["plane"]
    page.mouse.move(box["x"] + 0.3 * box["width"], box["y"] + 0.7 * box["height"])
    page.mouse.move(box["x"] + 0.35 * box["width"], box["y"] + 0.6 * box["height"], steps=4)
    page.wait_for_function(f"() => ({PANEL_JS})({json.dumps(key)})?.caption.startsWith('decoded at')", timeout=10_000)
    panel = page.evaluate(PANEL_JS, key)
    expected = decode(load_variant(key), np.array([panel["point"]], dtype=np.float32))[0].ravel()
    grey = np.array(panel["grey"], dtype=np.float32)
    assert np.abs(grey - np.round(expected * 255)).max() <= 1, "the browser decoded another point"
    if key == "vae2":  # and, on the same visit, sampling: both models, and the why only after the press
        main = page.get_by_test_id("stMain")
        expect(main.get_by_text("Why can the plain model give odd shapes?")).to_have_count(0)
        main.get_by_role("button", name="Sample 16 codes for each").click()
        wait_until_drawn(page)
        expect(main.get_by_text("Why can the plain model give odd shapes?")).to_be_visible()
        for title in ("2-number autoencoder", "2-number VAE"):
            caption = main.get_by_test_id("stImageCaption").filter(has_text=f"{title}: ")
            expect(caption).to_contain_text(re.compile(r"\d+ of 16 codes landed in a gap"))
    assert_page_is_healthy(page, app, f"Generate, pointing at the {key} plane")


def test_the_star_follows_the_pen_before_the_stroke_ends(app: App, page: Page):
    open_page(page, app, GENERATE.path, GENERATE.heading)
    page.wait_for_function(f"() => ({PANEL_JS})('vae2')?.manifold === 144", timeout=30_000)
    sidebar(page).get_by_role("radio", name="Draw").click()
    surface = page.locator(f"{PAD} canvas.surface")
    expect(surface).to_be_visible()
    wait_until_drawn(page)
    box = surface.bounding_box()
    page.mouse.move(box["x"] + 0.3 * box["width"], box["y"] + 0.2 * box["height"])
    page.mouse.down()
    page.mouse.move(box["x"] + 0.7 * box["width"], box["y"] + 0.2 * box["height"], steps=8)
    page.mouse.move(box["x"] + 0.45 * box["width"], box["y"] + 0.85 * box["height"], steps=8)
    # The pen is still down: nothing has gone to the server, yet both stars have moved with it.
    for key in ("ae2", "vae2"):
        follows = page.evaluate(
            """(key) => Number([...document.querySelectorAll("*")].map((e) => e.shadowRoot
                ?.querySelector(`.code-plane .panel[data-model='${key}']`)).find(Boolean)?.dataset.penFollows ?? 0)""",
            key,
        )
        assert follows >= 5, f"{key}: the star followed {follows} frames of the stroke"
    page.mouse.up()
    wait_until_drawn(page)
