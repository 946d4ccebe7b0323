"""The real app in Chromium: every page opens, drawing works, sliders redraw, links restore the view.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e -v

Also writes a full-page screenshot of each page to artifacts/e2e-screenshots/ (ignored by git);
the README's copies in docs/screenshots/ change only by `make readme-screenshots`.
The AppTest checks in tests/app cover the pages' logic; these cover what only a browser
shows: the navigation, the drawing component, key presses on sliders and shared URLs.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.harness import (
    ROOT,
    STARTUP_TIMEOUT_MS,
    App,
    image_locator,
    save_full_page,
    wait_for_new_image,
    wait_for_rerun,
    wait_until_drawn,
)
from ui import page_table
from ui.page_table import CODE_EXPLORER, DENOISE, HOME, MODELS, RECONSTRUCT

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)

# Sidebar label -> (URL path, the page's title), in the navigation's order.
NAVIGATION = {page.title: (page.path, page.heading) for page in page_table.NAVIGATION}
SCREENSHOTS = {
    "home": HOME.title,
    "reconstruct": RECONSTRUCT.title,
    "denoise": DENOISE.title,
    "code-explorer": CODE_EXPLORER.title,
    "models": MODELS.title,
}
SCREENSHOT_DIR = ROOT / "artifacts" / "e2e-screenshots"
SHARED_LINK = f"{DENOISE.path}?index=42&noise=0.3&seed=5"
NAV_LABELS_JS = """() => [...document.querySelectorAll("[data-testid='stSidebarNavLink']")]
    .map((link) => link.textContent.trim())"""


def title(page: Page):
    return page.get_by_test_id("stMain").locator("h1").first


def sidebar(page: Page):
    return page.get_by_test_id("stSidebar")


def open_page(page: Page, app: App, path: str, heading: str) -> None:
    page.goto(app.url + path)
    expect(title(page), f"{path} should show the title {heading!r}").to_have_text(heading)
    wait_until_drawn(page)


def navigation_labels(page: Page) -> list[str]:
    """The sidebar's navigation labels (icons are emoji text before the label, so strip them)."""
    return [strip_icon(text) for text in page.evaluate(NAV_LABELS_JS)]


def labels_ever_shown(page: Page) -> set[str]:
    return {strip_icon(text) for text in page.evaluate("() => [...window.__navLabelsSeen]")}


def strip_icon(text: str) -> str:
    return re.sub(r"^[^\w]+", "", text).strip()


def assert_page_is_healthy(page: Page, app: App, where: str) -> None:
    """No exception or error on the page; warnings only for models whose weights are not there."""
    exceptions = page.get_by_test_id("stException")
    assert exceptions.count() == 0, f"{where}: the app shows an exception: {exceptions.all_inner_texts()}"
    errors = page.get_by_test_id("stAlertContentError").all_inner_texts()
    assert not errors, f"{where}: the app shows errors: {errors}"
    warnings = page.get_by_test_id("stAlertContentWarning").all_inner_texts()
    expected = [f"{name} is unavailable" for name in app.untrained_titles]
    unexpected = [text for text in warnings if not any(e in text for e in expected)]
    assert not unexpected, f"{where}: unexpected warnings: {unexpected}"


def slider(page: Page, label: str):
    """The range input of the st.slider labelled exactly `label`."""
    labelled = page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stSlider").filter(has=labelled).get_by_role("slider")


def go_to(page: Page, label: str) -> None:
    """Click a page in the sidebar's navigation and wait until it is drawn."""
    path, heading = NAVIGATION[label]
    page.get_by_test_id("stSidebarNav").get_by_role("link", name=label, exact=True).click()
    expect(page, f"clicking {label!r} should open {path}").to_have_url(re.compile(rf"^[^?]*//[^/]+{path}(\?.*)?$"))
    expect(title(page), f"{label!r} should show the title {heading!r}").to_have_text(heading)
    wait_until_drawn(page)


def draw_a_seven(page: Page, canvas) -> None:
    """Mouse strokes over the canvas: a top bar, then a long diagonal down to the left."""
    box = canvas.bounding_box()
    assert box and box["width"] > 100, f"the drawing canvas is not on screen: {box}"

    def at(x: float, y: float) -> tuple[float, float]:
        return box["x"] + x * box["width"], box["y"] + y * box["height"]

    page.mouse.move(*at(0.25, 0.2))
    page.mouse.down()
    page.mouse.move(*at(0.75, 0.2), steps=10)
    page.mouse.move(*at(0.4, 0.85), steps=15)
    page.mouse.up()


def test_every_page_opens_from_the_sidebar(app, page):
    open_page(page, app, "/", "Autoencoder Lab")
    assert navigation_labels(page) == list(NAVIGATION), "the sidebar should list exactly these pages"
    for label in [*list(NAVIGATION)[1:], "Home"]:
        go_to(page, label)
        assert_page_is_healthy(page, app, label)
        assert navigation_labels(page) == list(NAVIGATION), f"on {label}, the sidebar's pages changed"
    assert labels_ever_shown(page) == set(NAVIGATION), "the sidebar showed another page list at some point"


def test_a_drawn_digit_is_reconstructed(app, page):
    open_page(page, app, "/", "Autoencoder Lab")
    panel = sidebar(page)
    panel.get_by_role("radio", name="Draw").click()
    expect(panel.get_by_text("Draw a digit in the box")).to_be_visible()
    canvas = panel.locator(".drawing-pad canvas.surface")  # in the pad's shadow root: Playwright looks inside
    expect(canvas).to_be_visible()
    wait_for_rerun(page)

    draw_a_seven(page, canvas)
    preview = panel.get_by_test_id("stImageCaption")
    expect(preview, "the sidebar preview should be the drawing").to_contain_text("your drawing")
    wait_until_drawn(page)
    assert image_locator(page, "input").count() == 1, "Home should show the drawing as its input"

    go_to(page, "Reconstruct")
    expect(preview, "the drawing should survive the page change").to_contain_text("your drawing")
    reconstructions = image_locator(page, "reconstruction")
    expect(reconstructions, f"one reconstruction per trained model: {app.trained_titles}").to_have_count(
        len(app.trained_titles)
    )
    assert_page_is_healthy(page, app, "Reconstruct after drawing")

    panel.get_by_role("button", name="Clear").click()
    expect(page.get_by_text("Pick, draw or upload a digit in the sidebar.")).to_be_visible()
    expect(reconstructions).to_have_count(0)


def use_server_sliders(page: Page) -> None:
    """Switch the Code explorer from its live sliders (tests/e2e/test_live_sliders.py) to the server's."""
    page.get_by_text("Live sliders", exact=True).click()
    expect(page.get_by_text("Mode: server sliders")).to_be_visible()
    wait_until_drawn(page)


def test_code_slider_keys_redraw_the_decoded_digit(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    use_server_sliders(page)
    caption = "decoded from the sliders"
    decoded = image_locator(page, caption)
    expect(decoded).to_have_count(1)
    first_src = decoded.get_attribute("src")
    thumb = slider(page, "#0")
    start = float(thumb.input_value())

    thumb.focus()
    for _ in range(3):
        shown = thumb.get_attribute("aria-valuetext")
        page.keyboard.press("ArrowRight")
        expect(thumb).not_to_have_attribute("aria-valuetext", shown)
    src = wait_for_new_image(page, caption, first_src)
    assert float(thumb.input_value()) == pytest.approx(start + 0.03, abs=0.005)

    page.keyboard.press("End")
    wait_for_new_image(page, caption, src)
    wait_for_rerun(page)
    top = float(thumb.get_attribute("max"))
    assert float(thumb.input_value()) >= top - 0.0101, "End should move the slider to (within a step of) its top"
    assert_page_is_healthy(page, app, "Code explorer after the key presses")


def test_code_sliders_outlive_a_visit_to_another_page(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    use_server_sliders(page)
    sliders = page.get_by_test_id("stSlider").get_by_role("slider")
    before = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.value)")]
    minima = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.min)")]

    def at_minima(values: list[float]) -> bool:
        return values == pytest.approx(minima, abs=1e-6)

    assert not at_minima(before), "the sliders should start at the input's code, not at their minima"

    go_to(page, "Home")
    go_to(page, "Code explorer")
    after = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.value)")]
    assert not at_minima(after), "after Home and back the sliders fell to their minima"
    assert after == pytest.approx(before, abs=1e-6), "the code sliders changed while another page was shown"


def live_noise_factor(page: Page):
    """The range input of the live noise slider (tests/e2e/test_live_sliders.py drags it)."""
    return page.locator(".noise-slider input[type='range']")


def test_noise_slider_keys_redraw_the_noisy_digit(app, page):
    open_page(page, app, DENOISE.path, DENOISE.heading)
    use_server_sliders(page)
    clean_src = image_locator(page, "clean").get_attribute("src")
    noisy_src = image_locator(page, "noisy").get_attribute("src")
    noise = slider(page, "Noise factor (σ)")
    expect(noise).to_have_attribute("aria-valuetext", "0.50")

    noise.focus()
    page.keyboard.press("ArrowRight")
    expect(noise).to_have_attribute("aria-valuetext", "0.55")
    wait_for_new_image(page, "noisy", noisy_src)
    wait_for_rerun(page)
    assert image_locator(page, "clean").get_attribute("src") == clean_src, "the clean digit should not change"
    assert_page_is_healthy(page, app, "Denoise after the key press")


def test_the_noise_factor_outlives_its_page_and_reaches_the_address(app, page):
    open_page(page, app, DENOISE.path, DENOISE.heading)
    use_server_sliders(page)
    noisy_src = image_locator(page, "noisy").get_attribute("src")
    noise = slider(page, "Noise factor (σ)")
    noise.focus()
    page.keyboard.press("ArrowRight")
    expect(noise).to_have_attribute("aria-valuetext", "0.55")
    wait_for_new_image(page, "noisy", noisy_src)
    wait_for_rerun(page)

    expect(page, "the address should follow the slider").to_have_url(re.compile(r"noise=0\.55"))
    go_to(page, "Home")
    go_to(page, "Denoise")
    expect(slider(page, "Noise factor (σ)")).to_have_attribute("aria-valuetext", "0.55")


def test_a_shared_link_restores_the_view(app, page):
    open_page(page, app, SHARED_LINK, "Denoise")
    expect(live_noise_factor(page)).to_have_value("0.3")
    use_server_sliders(page)
    noise = slider(page, "Noise factor (σ)")
    expect(noise).to_have_attribute("aria-valuetext", "0.30")
    assert float(noise.input_value()) == pytest.approx(0.3)
    expect(sidebar(page).get_by_role("spinbutton", name="Test-set index")).to_have_value("42")
    expect(sidebar(page).get_by_test_id("stImageCaption")).to_contain_text("MNIST test #42")
    for pair in ("index=42", "noise=0.3", "seed=5"):
        expect(page, f"the address should keep {pair}").to_have_url(re.compile(re.escape(pair)))
    assert_page_is_healthy(page, app, SHARED_LINK)


def test_a_shared_link_as_the_first_visit_to_a_fresh_server(fresh_app, page):
    """A link opened before anyone has visited the app: the right page, state and sidebar, and no dialog."""
    page.goto(fresh_app.url + SHARED_LINK)
    expect(title(page)).to_have_text("Denoise", timeout=STARTUP_TIMEOUT_MS)
    wait_until_drawn(page, STARTUP_TIMEOUT_MS)
    expect(live_noise_factor(page)).to_have_value("0.3")
    assert navigation_labels(page) == list(NAVIGATION), "once drawn, the sidebar should list the five pages"

    # The launcher (ui/serve.py) turns off Streamlit's legacy pages/ navigation before the first
    # session; if an upgrade renames the flag it sets, these two fail.
    others = sorted(labels_ever_shown(page) - set(NAVIGATION))
    assert not others, f"the sidebar first showed Streamlit's automatic pages/ list {others}"
    dialogs = page.get_by_role("dialog").all_inner_texts()
    assert not dialogs, f"a dialog covers the page on the first visit: {dialogs}"


@pytest.mark.parametrize("name", list(SCREENSHOTS))
def test_screenshot(app, page, name):
    label = SCREENSHOTS[name]
    open_page(page, app, *NAVIGATION[label])
    assert_page_is_healthy(page, app, label)
    save_full_page(page, SCREENSHOT_DIR / f"{name}.png")
