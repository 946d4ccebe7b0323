"""The live code sliders in Chromium: the browser redraws while a slider is dragged, and the server
gets the code when it is let go, and refuses malformed codes.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_live_sliders.py -q
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from harness.browser import wait_for_rerun, wait_until_drawn
from harness.live import (
    LIVE_SLIDERS,
    decoded_canvas,
    live_root,
    live_values,
    picture_changes_while_dragging,
    server_slider_values,
    wait_until_live,
)
from harness.pages import assert_page_is_healthy, open_page
from ui.page_table import CODE_EXPLORER, DENOISE

pytestmark = pytest.mark.e2e
REFUSED = "Ignored a code from the browser"
expect.set_options(timeout=60_000)


def test_dragging_a_code_slider_redraws_before_release_and_reaches_the_server(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    wait_until_live(page)
    first = page.locator(f"{LIVE_SLIDERS} input[data-dimension='0']")

    changes = picture_changes_while_dragging(page, first, decoded_canvas(page))
    assert changes >= 3, f"the decoded picture changed only {changes} times during a 10-step drag"
    page.mouse.up()

    dragged = live_values(page)
    # The code goes to the server a moment after the release; the server sliders then show it.
    expect(live_root(page)).to_have_attribute("data-sent", "1")
    wait_for_rerun(page)
    assert_page_is_healthy(page, app, "Code explorer after a drag")
    expect(page.get_by_text("Mode: live")).to_be_visible()
    held = server_slider_values(page, len(dragged))
    assert held == pytest.approx(dragged, abs=0.0051), "the server did not get the code the drag left"


def test_buttons_set_the_live_sliders(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    wait_until_live(page)
    before = live_values(page)
    page.get_by_role("button", name="Mean code").click()
    page.wait_for_function(
        "(old) => { const v = [...document.querySelectorAll('*')].map((e) => e.shadowRoot)"
        ".find((r) => r?.querySelector('.code-sliders'))?.querySelectorAll(\"input[type='range']\");"
        " return v && [...v].map((i) => Number(i.value)).some((x, d) => Math.abs(x - old[d]) > 0.011); }",
        arg=before,
    )
    assert live_values(page) != pytest.approx(before, abs=0.011)


def test_malformed_codes_from_the_browser_change_nothing(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    wait_until_live(page)
    before = live_values(page)
    size = len(before)
    refused_before = app.server.log().count(REFUSED)
    # What a tampered or stale page could send, through the component's own channel to Python.
    messages = [
        {"variant": "dense", "values": [0.5] * (size - 1)},  # wrong length
        {"variant": "dense", "values": [None] * size},  # not numbers (NaN arrives as null in JSON)
        {"variant": "dense", "values": [1e9] * size},  # outside the range
        {"variant": "sparse", "values": [0.5] * 16},  # another variant's code
        {"variant": "dense", "values": ["0.5"] * size},
        "not a code",
    ]
    for count, message in enumerate(messages, start=1):
        live_root(page).evaluate("(root, m) => root.__view.send('code', m)", message)
        # One at a time: wait until the server has refused this one (it logs each refusal).
        deadline = time.monotonic() + 60
        while app.server.log().count(REFUSED) < refused_before + count:
            assert time.monotonic() < deadline, f"the server never answered message {count}: {message!r}"
            time.sleep(0.1)
    assert_page_is_healthy(page, app, "Code explorer after malformed codes")
    assert "Traceback" not in app.server.log()
    assert server_slider_values(page, size) == pytest.approx(before, abs=1e-6)


def test_dragging_the_noise_slider_redraws_before_release_and_reaches_the_address(app, page):
    open_page(page, app, DENOISE.path, DENOISE.heading)
    expect(page.get_by_text("Mode: live")).to_be_visible()
    root = page.locator(".noise-slider")
    expect(root).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))
    noisy = page.locator(".noise-slider figure").nth(1).locator("canvas")
    denoised = page.locator(".noise-slider figure").nth(2).locator("canvas")
    denoised_before = denoised.evaluate("(c) => c.toDataURL()")

    changes = picture_changes_while_dragging(page, page.locator(".noise-slider input[type='range']"), noisy)
    assert changes >= 3, f"the noisy digit changed only {changes} times during a 10-step drag"
    assert denoised.evaluate("(c) => c.toDataURL()") != denoised_before, "the denoised digit did not follow"
    page.mouse.up()

    factor = page.locator(".noise-slider input[type='range']").input_value()
    expect(root).to_have_attribute("data-sent", "1")
    expect(page, "the address should follow the slider").to_have_url(re.compile(rf"noise={re.escape(factor)}(&|$)"))
    assert_page_is_healthy(page, app, "Denoise after a drag")


def test_painting_the_conv_code_redraws_the_digit(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    page.get_by_test_id("stSelectbox").filter(has_text="Autoencoder").click()
    page.get_by_role("option", name="Deep convolutional", exact=True).click()
    wait_until_drawn(page)
    expect(page.locator(f"{LIVE_SLIDERS}[data-variant='conv']")).to_have_attribute(
        "data-redraws", re.compile(r"^[1-9]")
    )
    expect(page.locator(LIVE_SLIDERS)).to_have_count(1)
    code_picture = page.locator(f"{LIVE_SLIDERS} canvas.code-picture.paintable")
    expect(code_picture).to_be_visible()
    before = live_values(page)

    changes = picture_changes_while_dragging(page, code_picture, decoded_canvas(page), steps=6)
    page.mouse.up()
    assert changes >= 3, f"the decoded digit changed only {changes} times while painting"
    after = live_values(page)
    raised = [d for d, (a, b) in enumerate(zip(before, after, strict=True)) if b > a]
    assert raised and all(b >= a for a, b in zip(before, after, strict=True)), "the brush should only raise cells"
    expect(live_root(page)).to_have_attribute("data-sent", "1")
