"""A real click on the Code explorer's map of codes, in Chromium: the sliders and picture follow, nothing breaks.

MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_code_map.py -v
"""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from digits.data import load_test_digits
from harness.browser import wait_for_rerun, wait_until_drawn
from harness.live import live_values, wait_until_live
from harness.pages import assert_page_is_healthy, open_page
from harness.server import App
from models import analysis
from models.inference import decode, load_variant
from ui.page_table import CODE_EXPLORER

pytestmark = pytest.mark.e2e

# The screen position of the digit dot farthest from any other (so a click there hits only it),
# read from Plotly's own axes; the marker for the current digit (named "your digit") is skipped.
LONELY_POINT_JS = """() => {
    const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    const layout = plot._fullLayout, box = plot.getBoundingClientRect();
    const points = [];
    plot._fullData.forEach((trace) => {
        if (trace.name === "your digit") return;
        for (let i = 0; i < trace.x.length; i++) {
            points.push([box.left + layout.xaxis._offset + layout.xaxis.l2p(trace.x[i]),
                         box.top + layout.yaxis._offset + layout.yaxis.l2p(trace.y[i])]);
        }
    });
    let best = null, bestGap = -1;
    for (const [x, y] of points) {
        let gap = Infinity;
        for (const [u, v] of points) {
            const d = Math.hypot(x - u, y - v);
            if (d > 0 && d < gap) gap = d;
        }
        if (gap > bestGap) { bestGap = gap; best = [x, y]; }
    }
    return {x: best[0], y: best[1], gap: bestGap, count: points.length};
}"""


# The digit the live code sliders (the page's default) decode, found afresh in the component's shadow root.
DECODED_JS = """() => [...document.querySelectorAll("*")]
    .map((e) => e.shadowRoot?.querySelector(".code-sliders canvas.decoded")).find(Boolean)?.toDataURL()"""


def test_clicking_a_point_loads_its_code(app: App, page: Page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    wait_until_live(page)
    chart = page.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".js-plotly-plot")).to_be_visible()
    before_picture = page.evaluate(DECODED_JS)
    before = live_values(page)

    target = page.evaluate(LONELY_POINT_JS)
    assert target["count"] == 2000 and target["gap"] > 3, target
    page.mouse.click(target["x"], target["y"])

    # The clicked digit's code reaches the live sliders, and the browser decodes it.
    page.wait_for_function(f"(old) => ({DECODED_JS})() !== old", arg=before_picture, timeout=120_000)
    wait_until_drawn(page)
    assert live_values(page) != before, "the sliders should move"
    expect(page.get_by_text("This app has encountered an error")).to_have_count(0)
    assert_page_is_healthy(page, app, "Code explorer after a click on the map")
    wait_for_rerun(page)


# The hover picture's row, caption and how many of its pixels are lit (a digit, not a black square).
HOVER_PICTURE_JS = """() => {
    const box = document.getElementById("autoencoder-lab-map-hover");
    if (!box || box.style.display === "none") return null;
    const canvas = box.querySelector("canvas");
    const pixels = canvas.getContext("2d").getImageData(0, 0, 28, 28).data;
    let lit = 0;
    for (let i = 0; i < pixels.length; i += 4) if (pixels[i] > 128) lit += 1;
    return {row: Number(box.dataset.row), caption: box.innerText, lit, width: canvas.getBoundingClientRect().width};
}"""


def open_the_map(page: Page, app: App) -> None:
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    chart = page.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".js-plotly-plot")).to_be_visible()


def test_hovering_a_dot_shows_its_digit_s_picture(app: App, page: Page):
    open_the_map(page, app)
    target = page.evaluate(LONELY_POINT_JS)
    page.mouse.move(target["x"] - 30, target["y"] - 30)
    page.mouse.move(target["x"], target["y"], steps=5)
    page.wait_for_function(f"() => ({HOVER_PICTURE_JS})()?.caption.includes('test #')", timeout=10_000)
    shown = page.evaluate(HOVER_PICTURE_JS)
    test_digits, labels = load_test_digits()
    row = shown["row"]
    assert f"a {labels[row]}, test #{row}" == shown["caption"], shown
    expected_lit = int((test_digits[row] > 0.5).sum())  # the test digit itself, from the sprite
    assert shown["lit"] == pytest.approx(expected_lit, abs=3) and shown["lit"] > 20, (shown, expected_lit)
    assert shown["width"] >= 100
    page.mouse.move(5, 5)  # off the chart: the picture goes
    page.wait_for_function(f"() => ({HOVER_PICTURE_JS})() === null", timeout=10_000)


# The plot area's emptiest spot on screen: the point of a coarse grid farthest from every dot.
EMPTIEST_SPOT_JS = """() => {
    const plot = document.querySelector("[data-testid='stPlotlyChart'] .js-plotly-plot");
    const layout = plot._fullLayout, box = plot.getBoundingClientRect();
    const left = box.left + layout.xaxis._offset, top = box.top + layout.yaxis._offset;
    const dots = [];
    plot._fullData.forEach((trace) => {
        for (let i = 0; i < trace.x.length; i++) {
            dots.push([left + layout.xaxis.l2p(trace.x[i]), top + layout.yaxis.l2p(trace.y[i])]);
        }
    });
    let best = null, bestGap = -1;
    for (let gx = 0.05; gx < 1; gx += 0.05) for (let gy = 0.05; gy < 1; gy += 0.05) {
        const x = left + gx * layout.xaxis._length, y = top + gy * layout.yaxis._length;
        const gap = Math.min(...dots.map(([u, v]) => Math.hypot(x - u, y - v)));
        if (gap > bestGap) { bestGap = gap; best = [x, y]; }
    }
    return {x: best[0], y: best[1], gap: bestGap};
}"""
DECODED_AT_JS = """() => {
    const box = document.getElementById("autoencoder-lab-map-hover");
    if (!box || box.style.display === "none" || !box.dataset.point) return null;
    const pixels = box.querySelector("canvas").getContext("2d").getImageData(0, 0, 28, 28).data;
    return {point: JSON.parse(box.dataset.point), caption: box.innerText,
            grey: Array.from({length: 784}, (_, i) => pixels[4 * i])};
}"""


def test_hovering_the_plane_off_the_dots_decodes_that_point_as_numpy_does(app: App, page: Page):
    """The map is a projection: a point (x, y) is the code mean + x·PC1 + y·PC2, decoded in the browser."""
    open_the_map(page, app)
    spot = page.evaluate(EMPTIEST_SPOT_JS)
    assert spot["gap"] > 25, spot  # beyond Plotly's 20-px reach to the nearest dot
    page.mouse.move(spot["x"] - 3, spot["y"])
    page.mouse.move(spot["x"], spot["y"], steps=3)
    page.wait_for_function(f"() => ({DECODED_AT_JS})() !== null", timeout=10_000)
    shown = page.evaluate(DECODED_AT_JS)
    assert shown["caption"].startswith("decoded at (")
    # The page's default variant (dense), its statistics and projection as the server computes them.
    test_digits, labels = load_test_digits()
    trained = load_variant("dense")
    projection = analysis.pca(analysis.code_statistics(trained, test_digits[:2000], labels[:2000]).codes)
    expected = decode(trained, projection.to_code(np.array(shown["point"])).reshape(1, -1))[0].ravel()
    grey = np.array(shown["grey"], dtype=np.float32)
    assert np.abs(grey - np.round(expected * 255)).max() <= 1, "the browser decoded another code"
