"""The language switch in Chromium: the components relabel in place and keep what the visitor made.

The code sliders keep their values and the drawing pad its strokes when the sidebar's switch turns
the page Russian; their labels (rendered by their own JavaScript from the words Python sends) change.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_language_switch.py -q
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import wait_for_rerun
from harness.drawing import PAD, Pen, open_drawing_pad, pad_state
from harness.live import (
    LIVE_SLIDERS,
    decoded_canvas,
    live_root,
    live_values,
    picture_changes_while_dragging,
    wait_until_live,
)
from harness.pages import open_page, sidebar
from ui.page_table import CODE_EXPLORER

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)


def switch_to_russian(page: Page) -> None:
    sidebar(page).get_by_text("Русский", exact=True).click()
    wait_for_rerun(page)


def test_the_code_sliders_relabel_in_russian_and_keep_their_values(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    wait_until_live(page)
    caption = page.locator(f"{LIVE_SLIDERS} .decoded-caption")
    english = caption.text_content()
    assert english and not CYRILLIC.search(english)
    picture_changes_while_dragging(
        page, page.locator(f"{LIVE_SLIDERS} input[data-dimension='0']"), decoded_canvas(page)
    )
    page.mouse.up()
    expect(live_root(page)).to_have_attribute("data-sent", "1")  # the server holds the dragged code
    wait_for_rerun(page)
    dragged = live_values(page)

    switch_to_russian(page)
    expect(page.get_by_role("heading", name="Исследование кода")).to_be_visible()
    expect(caption).to_have_text(CYRILLIC)
    dimension = page.locator(f"{LIVE_SLIDERS} input[data-dimension='0']").get_attribute("aria-label")
    assert dimension and CYRILLIC.search(dimension), dimension
    assert live_values(page) == pytest.approx(dragged, abs=1e-6), "the switch moved the sliders"


def test_the_drawing_pad_relabels_in_russian_and_keeps_the_drawing(app, page):
    open_drawing_pad(page, app.url, models=5)
    clear = page.locator(f"{PAD} [data-action=clear]")
    assert not CYRILLIC.search(clear.text_content() or "")
    Pen(page).stroke([(110, 40), (112, 110), (114, 180)])
    wait_for_rerun(page)  # the stroke's digit reached the server
    drawn = pad_state(page)
    assert len(drawn["strokes"]) == 1 and drawn["digit"] is not None

    switch_to_russian(page)
    expect(clear).to_have_text(CYRILLIC)
    expect(page.locator(f"{PAD} [data-tool=pen]")).to_have_text(CYRILLIC)
    kept = pad_state(page)
    assert kept["strokes"] == drawn["strokes"], "the switch lost the drawing"
    assert kept["digit"] == pytest.approx(drawn["digit"], abs=1e-6)
