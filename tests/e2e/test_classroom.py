"""The classroom fixes in Chromium: the formula, big mode, phone width, picking and share links.

(The meter's words and number are checked through AppTest, tests/app/test_classroom.py: no browser needed.)

MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_classroom.py -v
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import new_page, wait_for_rerun, wait_until_drawn
from harness.drawing import PAD, finger, pad_state, sidebar
from harness.pages import assert_page_is_healthy, draw_a_seven, open_page
from harness.server import App
from harness.sizes import CAPTION_FONTS_JS, by_caption
from ui.page_table import CODE_EXPLORER, DENOISE, HOME, RECONSTRUCT

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)  # as the other browser tests: a loaded machine takes its time

LIVE_COMPONENTS = {DENOISE.path: ".noise-slider", CODE_EXPLORER.path: ".code-sliders"}  # drawn in the browser
PICTURE_PAGES = {  # path -> (title, the caption of the page's main picture)
    HOME.path: (HOME.heading, "input"),
    RECONSTRUCT.path: (RECONSTRUCT.heading, "reconstruction"),
    DENOISE.path: (DENOISE.heading, "noisy"),
    CODE_EXPLORER.path: (CODE_EXPLORER.heading, "decoded in your browser"),  # the live sliders' picture, the default
}
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36",
    "is_mobile": True,
    "has_touch": True,
}
# On a phone, pictures go two to a row: these pairs sit side by side in the first screen.
PHONE_PAIRS = {
    HOME.path: ("input", "Dense"),
    RECONSTRUCT.path: ("reconstruction", "input"),  # the input, which the closed sidebar hides, beside it
    DENOISE.path: ("Denoising AE", "Dense AE"),  # the outputs, above the page's options
    CODE_EXPLORER.path: ("decoded in your browser", "the code"),
}
# Everything on the page, shadow roots included, that reaches past a 390-px screen's right edge.
WIDER_THAN_A_PHONE_JS = """() => [...document.querySelectorAll("*")].flatMap((e) => [e, ...(e.shadowRoot ?
        [...e.shadowRoot.querySelectorAll("*")] : [])])
    .filter((e) => e.getBoundingClientRect().right > 391 && e.getBoundingClientRect().width > 0)
    // MathML is for screen readers; a table's grid scrolls sideways inside its own frame.
    .filter((e) => !e.closest("[data-testid='stSidebar'], .katex-mathml, [data-testid='stDataFrame'] *"))
    .map((e) => `${e.tagName}.${e.className}`)"""
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
    # The browser redraws the noisy digit with the new mean: it loses the article's grey cast.
    page.wait_for_function(f"(old) => ({LIVE_NOISY_JS})()?.toDataURL() !== old", arg=noisy, timeout=60_000)
    wait_until_drawn(page)
    formula = page.evaluate(FORMULA_JS)
    assert r"\mu = 0," in formula and r"\mu = 0.5" not in formula, formula
    expect(page).to_have_url(re.compile("zero_mean=1"))
    assert_page_is_healthy(page, app, "Denoise with zero-mean noise")


def wait_until_shown(tab: Page, path: str, title: str) -> None:
    """The page's title, its server pictures and, where it has one, the live component's first drawing."""
    expect(tab.get_by_test_id("stMain").locator("h1").first).to_have_text(title)
    wait_until_drawn(tab)
    if path in LIVE_COMPONENTS:
        expect(tab.locator(LIVE_COMPONENTS[path])).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))


HEADING_FONT_JS = """() => parseFloat(getComputedStyle(document.querySelector("[data-testid='stMain'] h1")).fontSize)"""
# What the page sizes in text, in px: widget labels, table and code text, besides the captions.
TEXT_FONTS_JS = """() => Object.fromEntries(["stWidgetLabel", "stCode", "stMarkdownContainer"].map((id) => [id,
    [...document.querySelectorAll(`[data-testid='stMain'] [data-testid='${id}']`)]
        .map((e) => parseFloat(getComputedStyle(e).fontSize))]).filter(([, sizes]) => sizes.length))"""


def measure(browser, path: str, url: str, title: str, width: int, height: int) -> tuple[dict, list[float], dict]:
    tab = new_page(browser)
    tab.set_viewport_size({"width": width, "height": height})
    try:
        tab.goto(url)
        wait_until_shown(tab, path, title)
        texts = {"heading": [tab.evaluate(HEADING_FONT_JS)], **tab.evaluate(TEXT_FONTS_JS)}
        return by_caption(tab), tab.evaluate(CAPTION_FONTS_JS), texts
    finally:
        tab.context.close()


# Reconstruct's pictures and captions are the server's, as on Home: the three pages measured cover every kind.
BIG_MODE_PAGES = [path for path in PICTURE_PAGES if path != RECONSTRUCT.path]


@pytest.mark.parametrize("path", BIG_MODE_PAGES)
def test_big_mode_enlarges_every_picture_and_text_at_1280(app: App, browser, path):
    """Big mode: pictures twice as large where the width allows and never under 1.5 times; every text
    1.5 times as large (the page's root size), none bigger than the page's heading."""
    title, _ = PICTURE_PAGES[path]
    normal, normal_fonts, normal_texts = measure(browser, path, f"{app.url}{path}?big=0", title, 1280, 720)
    big, big_fonts, big_texts = measure(browser, path, f"{app.url}{path}?big=1", title, 1280, 720)
    # The colour keys are strips as wide as their column, in both modes; they are not pictures of digits.
    # A grid's caption says how many digits a row holds, which big mode halves.
    normal = {re.sub(r", \d+ to a row", "", k): v for k, v in normal.items() if " colours: " not in k}
    big = {re.sub(r", \d+ to a row", "", k): v for k, v in big.items()}
    assert set(big) >= set(normal), "big mode should show the same pictures"

    def side(shown: dict) -> float:  # a grid wraps onto more rows in big mode: compare areas
        return (shown["width"] * shown["height"]) ** 0.5

    small = {
        name: (round(side(normal[name])), round(side(big[name])))
        for name in normal
        if side(big[name]) < 1.5 * side(normal[name]) - 2
    }
    assert not small, f"pictures not enlarged 1.5 times (normal px, big px, square root of the area): {small}"
    fonts = {
        name: (normal[name]["font"], big[name]["font"])
        for name in normal
        if big[name]["font"] < 1.5 * normal[name]["font"] - 0.5
    }
    assert not fonts, f"picture captions not 1.5 times as large: {fonts}"
    assert min(big_fonts) >= 1.5 * max(normal_fonts) - 0.5, (normal_fonts, big_fonts)
    for kind, sizes in normal_texts.items():
        assert min(big_texts[kind]) >= 1.5 * min(sizes) - 0.5, (kind, sizes, big_texts[kind])
    heading = big_texts["heading"][0]
    biggest = max([*big_fonts, *(font for item in big.values() for font in [item["font"]])])
    assert biggest <= heading, f"a caption ({biggest} px) is bigger than the heading ({heading} px)"


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
        # Denoise's link comes from a projector (big=1): a phone keeps its own layout whatever it says.
        tab.goto(app.url + path + ("?big=1" if path == DENOISE.path else ""))
        wait_until_shown(tab, path, title)
        shown = by_caption(tab)
        assert shown[caption]["bottom"] <= 844, f"{path}: the main picture ends at {shown[caption]['bottom']:.0f} px"
        left, right = (shown[name] for name in PHONE_PAIRS[path])
        assert abs(left["top"] - right["top"]) < 2 and right["bottom"] <= 844, (
            f"{path}: not side by side: {left} {right}"
        )
        assert min(left["width"], right["width"]) >= 130, f"{path}: {left['width']}, {right['width']} px wide"
        overflow = tab.evaluate(WIDER_THAN_A_PHONE_JS)
        assert not overflow, f"{path}: cut off at the right edge: {overflow[:10]}"
        assert tab.evaluate("() => document.documentElement.scrollWidth") <= 390
        expect(tab.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
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
    # Let that run finish before going back: with both cores loaded, a click during the run left the
    # sidebar with the old run's picture beside the new one for a minute now and then (a cause not
    # found yet; the lost address update that overlapping runs also caused is fixed in url_params).
    wait_until_drawn(page)
    panel.get_by_role("radio", name="Draw").click()
    # While the run that brings the pad back is under way, the MNIST picture may still stand beside
    # the drawing's; once the run is over, only the drawing's is left.
    expect(
        preview.filter(has_text="your drawing"), "the drawing should come back after a look at MNIST"
    ).to_be_visible()
    wait_until_drawn(page)
    expect(preview).to_have_count(1)
    expect(preview).to_contain_text("your drawing")

    expect(page).to_have_url(re.compile(r"digit=[\w-]+"))
    panel.get_by_role("button", name="Share this view").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("QR code of the link")).to_be_visible()
    link = dialog.get_by_test_id("stCode").locator("code").inner_text().strip()
    assert f"{RECONSTRUCT.path}?" in link and "source=Draw" in link and "digit=" in link, link

    other = new_page(browser)
    try:
        other.goto(link)
        expect(other.get_by_test_id("stMain").locator("h1").first).to_have_text("Reconstruct")
        wait_until_drawn(other)
        expect(sidebar(other).get_by_test_id("stImageCaption")).to_contain_text("your drawing")
        assert sidebar(other).get_by_test_id("stImage").locator("img").count() == 1
        assert other.get_by_test_id("stAlertContentInfo").filter(has_text="Ignored").count() == 0
        # The pad shows the digit the link carried (it has no strokes), and the models see it.
        expect(other.locator(f"{PAD} figure.reconstruction")).to_have_count(len(app.trained_titles))
        shown = pad_state(other)
        assert shown["strokes"] == [] and shown["digit"] is not None, "the pad did not take the shared digit"
        assert shown["seenBrightness"] > 200, "the pad's 'what the models see' is black"
    finally:
        other.context.close()
    assert drawn


def inside_viewport(tab: Page, locator, height: int) -> list[str]:
    """Which of the elements `locator` finds are not wholly inside the window's height."""
    outside = []
    for number, element in enumerate(locator.all()):
        box = element.bounding_box()
        if box is None or box["y"] < -1 or box["y"] + box["height"] > height + 1:
            outside.append(f"#{number}: {box}")
    return outside


@pytest.mark.parametrize("collapsed", [False, True], ids=["sidebar-open", "sidebar-collapsed"])
def test_at_1280x720_in_big_mode_the_noise_slider_and_all_four_results_share_the_screen(
    app: App, page: Page, collapsed
):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app, f"{DENOISE.path}?big=1", DENOISE.heading)
    expect(page.locator(".noise-slider")).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))
    if collapsed:
        page.get_by_test_id("stSidebar").hover()
        page.get_by_test_id("stSidebarCollapseButton").click()
        expect(sidebar(page)).to_have_attribute("data-collapsed", "true")
    control = page.locator(".noise-slider input[type='range']")
    control.evaluate("(input) => input.scrollIntoView({block: 'start'})")
    pictures = page.locator(".noise-slider .pictures canvas")
    expect(pictures).to_have_count(4)
    assert inside_viewport(page, control, 720) == []
    assert inside_viewport(page, pictures, 720) == [], "a result is off-screen while the slider is in view"
    widths = [box["width"] for box in (p.bounding_box() for p in pictures.all())]
    assert min(widths) >= 1.5 * 140, f"big mode's pictures should be at least 1.5 times the normal 140 px: {widths}"


def test_at_1280x720_in_big_mode_painting_the_conv_code_shows_the_code_and_the_digit(app: App, page: Page):
    page.set_viewport_size({"width": 1280, "height": 720})
    open_page(page, app, f"{CODE_EXPLORER.path}?big=1&variant=conv", CODE_EXPLORER.heading)
    expect(page.locator(".code-sliders")).to_have_attribute("data-redraws", re.compile(r"^[1-9]"))
    code = page.locator(".code-sliders canvas.code-picture.paintable")
    code.evaluate("(canvas) => canvas.scrollIntoView({block: 'center'})")
    assert inside_viewport(page, code, 720) == []
    assert inside_viewport(page, page.locator(".code-sliders canvas.decoded"), 720) == []


def test_a_narrow_screen_closes_the_sidebar_and_folds_the_code_sliders_and_a_swipe_scrolls(app: App, browser):
    """A desktop browser's user agent at a phone's width (Streamlit alone closes the sidebar after
    navigating only for a mobile one: the width decides), with a phone's touch screen."""
    tab = new_page(browser, viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    try:
        tab.goto(app.url + "/")
        wait_until_drawn(tab)
        tab.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar(tab)).to_have_attribute("data-collapsed", "false")
        sidebar(tab).get_by_role("link", name=CODE_EXPLORER.title).click()
        wait_until_shown(tab, CODE_EXPLORER.path, CODE_EXPLORER.heading)
        expect(sidebar(tab)).to_have_attribute("data-collapsed", "true")
        grid, fold = tab.locator(".code-sliders .grid"), tab.locator(".code-sliders .fold-toggle")
        expect(grid).to_be_hidden()  # 49 sliders would fill the screen: they wait behind a button
        expect(fold).to_have_text("Show the 49 code sliders")
        fold.tap()
        expect(grid).to_be_visible()
        slider = tab.locator(".code-sliders input[type='range']").nth(12)
        slider.scroll_into_view_if_needed()
        # The sideways drag comes first, on a page that no swipe has set moving: a finger landing
        # on a page that still flings only stops it, and on a loaded machine a fling lasts.
        box, value = slider.bounding_box(), slider.input_value()
        low, high = float(slider.get_attribute("min")), float(slider.get_attribute("max"))
        thumb = (float(value) - low) / (high - low)
        y = box["y"] + box["height"] / 2
        finger(tab, [(box["x"] + box["width"] * (thumb + 0.05 * step), y) for step in range(8)])
        expect(slider).not_to_have_value(value)
        assert float(slider.input_value()) > float(value)
        # Then a swipe up that starts on the track, away from the thumb, scrolls the page and
        # leaves the slider where the drag put it.
        box, value = slider.bounding_box(), slider.input_value()
        x, y = box["x"] + 0.8 * box["width"], box["y"] + box["height"] / 2
        if abs((float(value) - low) / (high - low) - 0.8) < 0.15:
            x = box["x"] + 0.3 * box["width"]
        finger(tab, [(x, y - step) for step in range(0, 240, 15)])
        tab.wait_for_function(  # the scroll's last frames
            "([input, top]) => input.getBoundingClientRect().top < top",
            arg=[slider.element_handle(), box["y"] - 100],
        )
        assert slider.input_value() == value, "a vertical swipe moved the slider"
    finally:
        tab.context.close()
