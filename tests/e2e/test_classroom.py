"""The classroom fixes in Chromium: the formula, the meter, big mode, phone width, picking and share links.

MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_classroom.py -v
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import new_page, wait_for_rerun, wait_until_drawn
from harness.drawing import sidebar
from harness.pages import assert_page_is_healthy, draw_a_seven, open_page
from harness.server import App
from harness.sizes import CAPTION_FONTS_JS, by_caption
from ui.page_table import CODE_EXPLORER, DENOISE, HOME, RECONSTRUCT

pytestmark = pytest.mark.e2e

LIVE_COMPONENTS = {DENOISE.path: ".noise-slider", CODE_EXPLORER.path: ".code-sliders"}  # drawn in the browser
PICTURE_PAGES = {  # path -> (title, the caption of the page's main picture)
    HOME.path: (HOME.heading, "input"),
    RECONSTRUCT.path: (RECONSTRUCT.heading, "reconstruction"),
    DENOISE.path: (DENOISE.heading, "noisy"),
    CODE_EXPLORER.path: (CODE_EXPLORER.heading, "decoded in your browser"),  # the live sliders' picture, the default
}
# A phone, not a narrow desktop window: Streamlit closes the sidebar after navigating only when
# the browser says it is a mobile device.
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36",
    "is_mobile": True,
    "has_touch": True,
}
FORMULA_JS = """() => [...document.querySelectorAll("[data-testid='stMain'] .katex annotation")]
    .map((a) => a.textContent).join(" ")"""
# The noisy digit the live noise slider (the default) draws, found afresh each time in its shadow root.
LIVE_NOISY_JS = """() => [...document.querySelectorAll("*")]
    .map((e) => e.shadowRoot?.querySelector(".noise-slider .pictures figure:nth-child(2) canvas")).find(Boolean)"""


def test_the_zero_mean_toggle_changes_the_formula(app: App, page: Page):
    open_page(page, app, DENOISE.path, DENOISE.heading)
    expect(page.get_by_text("Mode: live")).to_be_visible()
    expect(page.locator(".noise-slider")).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))
    assert r"\mu = 0.5" in page.evaluate(FORMULA_JS)
    noisy = page.evaluate(f"() => ({LIVE_NOISY_JS})().toDataURL()")
    page.get_by_test_id("stCheckbox").filter(has_text="Zero-mean noise (μ = 0").locator("label").click()
    # The browser redraws the noisy digit with the new mean: it loses the tutorial's grey cast.
    page.wait_for_function(f"(old) => ({LIVE_NOISY_JS})()?.toDataURL() !== old", arg=noisy, timeout=60_000)
    wait_until_drawn(page)
    formula = page.evaluate(FORMULA_JS)
    assert r"\mu = 0," in formula and r"\mu = 0.5" not in formula, formula
    expect(page).to_have_url(re.compile("zero_mean=1"))
    assert_page_is_healthy(page, app, "Denoise with zero-mean noise")


def test_the_meter_says_what_its_number_is(app: App, page: Page):
    open_page(page, app, RECONSTRUCT.path, RECONSTRUCT.heading)
    meter = page.get_by_test_id("stProgress").inner_text()
    share = int(re.search(r"(\d+)% MNIST-like", meter).group(1))
    caption = page.get_by_test_id("stCaptionContainer").filter(has_text="are copied worse than this one")
    expect(caption).to_contain_text(f"{share}% of MNIST's test digits are copied worse")
    words = "looks like MNIST" if share >= 25 else "unusual for MNIST" if share >= 5 else "not like what they"
    expect(caption).to_contain_text(words)


def wait_until_shown(tab: Page, path: str, title: str) -> None:
    """The page's title, its server pictures and, where it has one, the live component's first drawing."""
    expect(tab.get_by_test_id("stMain").locator("h1").first).to_have_text(title)
    wait_until_drawn(tab)
    if path in LIVE_COMPONENTS:
        expect(tab.locator(LIVE_COMPONENTS[path])).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))


def measure(browser, path: str, url: str, title: str, width: int, height: int) -> tuple[dict, list[float]]:
    tab = new_page(browser)
    tab.set_viewport_size({"width": width, "height": height})
    try:
        tab.goto(url)
        wait_until_shown(tab, path, title)
        return by_caption(tab), tab.evaluate(CAPTION_FONTS_JS)
    finally:
        tab.context.close()


@pytest.mark.parametrize("path", list(PICTURE_PAGES))
def test_big_mode_doubles_every_picture_and_caption_at_1280(app: App, browser, path):
    title, _ = PICTURE_PAGES[path]
    normal, normal_fonts = measure(browser, path, f"{app.url}{path}?big=0", title, 1280, 720)
    big, big_fonts = measure(browser, path, f"{app.url}{path}?big=1", title, 1280, 720)
    # The colour keys are strips as wide as their column, in both modes; they are not pictures of digits.
    # A grid's caption says how many digits a row holds, which big mode halves.
    normal = {re.sub(r", \d+ to a row", "", k): v for k, v in normal.items() if " colours: " not in k}
    big = {re.sub(r", \d+ to a row", "", k): v for k, v in big.items()}
    assert set(big) >= set(normal), "big mode should show the same pictures"

    # Twice the size: twice the width for a picture; for a grid, which wraps onto more rows in big
    # mode, cells twice as large, so (at least) four times the area.
    def side(shown: dict) -> float:
        return (shown["width"] * shown["height"]) ** 0.5

    small = {
        name: (round(side(normal[name])), round(side(big[name])))
        for name in normal
        if side(big[name]) < 2 * side(normal[name]) - 2
    }
    assert not small, f"pictures not doubled (normal px, big px, square root of the area): {small}"
    fonts = {
        name: (normal[name]["font"], big[name]["font"])
        for name in normal
        if big[name]["font"] < 2 * normal[name]["font"]
    }
    assert not fonts, f"picture captions not doubled: {fonts}"
    assert min(big_fonts) >= 2 * max(normal_fonts), (normal_fonts, big_fonts)


def test_the_sidebar_can_be_collapsed_in_big_mode(app: App, page: Page):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app, "/?big=1", "Autoencoder Lab")
    before = by_caption(page)["input"]["width"]
    page.get_by_test_id("stSidebar").hover()
    page.get_by_test_id("stSidebarCollapseButton").click()
    expect(sidebar(page)).to_have_attribute("data-collapsed", "true")
    wait_until_drawn(page)
    assert by_caption(page)["input"]["width"] >= before


@pytest.mark.parametrize("path", list(PICTURE_PAGES))
def test_a_phone_shows_the_main_picture_first_and_nothing_cut_off(app: App, browser, path):
    title, caption = PICTURE_PAGES[path]
    tab = new_page(browser, **PHONE)
    try:
        tab.goto(app.url + path)
        wait_until_shown(tab, path, title)
        main_picture = by_caption(tab)[caption]
        assert main_picture["bottom"] <= 844, f"{path}: the main picture ends at {main_picture['bottom']:.0f} px"
        overflow = tab.evaluate(
            """() => [...document.querySelectorAll("[data-testid='stMain'] .katex-display, """
            """[data-testid='stMain'] img")].filter((e) => e.getBoundingClientRect().right > 391)
                                .map((e) => e.className || e.alt || e.tagName)"""
        )
        assert not overflow, f"{path}: cut off at the right edge: {overflow}"
        expect(tab.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
    finally:
        tab.context.close()


def test_on_a_phone_the_sidebar_closes_after_navigating(app: App, browser):
    tab = new_page(browser, **PHONE)
    try:
        tab.goto(app.url + "/")
        wait_until_drawn(tab)
        tab.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar(tab)).to_have_attribute("data-collapsed", "false")
        sidebar(tab).get_by_role("link", name="Denoise").click()
        expect(tab.get_by_test_id("stMain").locator("h1").first).to_have_text("Denoise")
        expect(sidebar(tab)).to_have_attribute("data-collapsed", "true")
    finally:
        tab.context.close()


def test_choosing_a_label_shows_that_digit_at_once(app: App, page: Page):
    open_page(page, app, "/", "Autoencoder Lab")
    panel = sidebar(page)
    panel.get_by_text("label", exact=True).click()
    wait_for_rerun(page)
    panel.get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="3", exact=True).click()
    expect(panel.get_by_test_id("stImageCaption")).to_contain_text("(a 3)")
    assert_page_is_healthy(page, app, "Home after choosing the label 3")


def test_a_drawing_survives_mnist_and_travels_in_the_share_link(app: App, page: Page, browser):
    open_page(page, app, RECONSTRUCT.path, RECONSTRUCT.heading)
    panel = sidebar(page)
    panel.get_by_role("radio", name="Draw").click()
    canvas = panel.locator(".drawing-pad canvas.surface")  # in the pad's shadow root: Playwright looks inside
    expect(canvas).to_be_visible()
    wait_for_rerun(page)
    draw_a_seven(page, canvas)
    preview = panel.get_by_test_id("stImageCaption")
    expect(preview).to_contain_text("your drawing")
    wait_until_drawn(page)
    drawn = panel.get_by_test_id("stImage").locator("img").get_attribute("src")

    panel.get_by_role("radio", name="MNIST").click()
    expect(preview).to_contain_text("MNIST test")
    panel.get_by_role("radio", name="Draw").click()
    expect(preview, "the drawing should come back after a look at MNIST").to_contain_text("your drawing")
    wait_until_drawn(page)

    expect(page).to_have_url(re.compile(r"digit=[\w-]+"))
    panel.get_by_role("button", name="Share this view").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("QR code of the link")).to_be_visible()
    link = dialog.locator("code").inner_text().strip()
    assert f"{RECONSTRUCT.path}?" in link and "source=Draw" in link and "digit=" in link, link

    other = new_page(browser)
    try:
        other.goto(link)
        expect(other.get_by_test_id("stMain").locator("h1").first).to_have_text("Reconstruct")
        wait_until_drawn(other)
        expect(sidebar(other).get_by_test_id("stImageCaption")).to_contain_text("your drawing")
        assert sidebar(other).get_by_test_id("stImage").locator("img").count() == 1
        assert other.get_by_test_id("stAlertContentInfo").filter(has_text="Ignored").count() == 0
    finally:
        other.context.close()
    assert drawn
