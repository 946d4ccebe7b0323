"""A real click on the Code explorer's map of codes, in Chromium: the sliders and picture follow, nothing breaks.

MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_code_map.py -v
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from digits.data import load_test_digits
from harness.browser import wait_for_rerun, wait_until_drawn
from harness.live import live_values, wait_until_live
from harness.pages import assert_page_is_healthy, open_page
from harness.server import App
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


def test_hovering_a_dot_shows_its_digit_s_picture(app: App, page: Page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    chart = page.get_by_test_id("stPlotlyChart")
    chart.scroll_into_view_if_needed()
    expect(chart.locator(".js-plotly-plot")).to_be_visible()
    target = page.evaluate(LONELY_POINT_JS)
    page.mouse.move(target["x"] - 30, target["y"] - 30)
    page.mouse.move(target["x"], target["y"], steps=5)
    page.wait_for_function(f"() => ({HOVER_PICTURE_JS})() !== null", timeout=10_000)
    shown = page.evaluate(HOVER_PICTURE_JS)
    test_digits, labels = load_test_digits()
    row = shown["row"]
    assert f"a {labels[row]}, test #{row}" == shown["caption"], shown
    expected_lit = int((test_digits[row] > 0.5).sum())  # the test digit itself, from the sprite
    assert shown["lit"] == pytest.approx(expected_lit, abs=3) and shown["lit"] > 20, (shown, expected_lit)
    assert shown["width"] >= 100
    page.mouse.move(5, 5)  # off the chart: the picture goes
    page.wait_for_function(f"() => ({HOVER_PICTURE_JS})() === null", timeout=10_000)
