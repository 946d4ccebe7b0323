"""The real app in Chromium: every page opens, drawing works, sliders redraw, links restore the view.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e -v

Also leaves a picture of each page's first screen in artifacts/e2e-screenshots/ (ignored by git);
the README's copies in docs/screenshots/ change only by `make readme-screenshots`.
The AppTest checks in tests/app cover the pages' logic; these cover what only a browser
shows: the navigation, the drawing component, key presses on sliders and shared URLs.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from harness.browser import image_locator, wait_for_new_image, wait_for_rerun, wait_until_drawn
from harness.drawing import open_drawing_pad
from harness.network import WEIGHTS_SETTLED_JS, Traffic, kind_of
from harness.pages import (
    NAVIGATION,
    assert_page_is_healthy,
    draw_a_seven,
    go_to,
    labels_ever_shown,
    navigation_labels,
    open_page,
    sidebar,
    slider,
    title,
)
from harness.server import ROOT, STARTUP_TIMEOUT_MS
from ui.page_table import CODE_EXPLORER, DENOISE

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)

SCREENSHOT_DIR = ROOT / "artifacts" / "e2e-screenshots"
SHARED_LINK = f"{DENOISE.path}?index=42&noise=0.3&seed=5"


def test_every_page_opens_from_the_sidebar(app, page):
    """Also leaves a picture of each page's first screen in artifacts/e2e-screenshots/ (`make screenshots`
    takes every page whole, at three sizes)."""
    open_page(page, app, "/", "Autoencoder Lab")
    assert navigation_labels(page) == list(NAVIGATION), "the sidebar should list exactly these pages"
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    for label in [*list(NAVIGATION)[1:], "Home"]:
        go_to(page, label)
        assert_page_is_healthy(page, app, label)
        page.screenshot(path=SCREENSHOT_DIR / f"{NAVIGATION[label][0].strip('/') or 'home'}.png")
        assert navigation_labels(page) == list(NAVIGATION), f"on {label}, the sidebar's pages changed"
    assert labels_ever_shown(page) == set(NAVIGATION), "the sidebar showed another page list at some point"
    # A wide screen keeps the sidebar open after navigating (a narrow one closes it: test_classroom.py).
    expect(page.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "false")


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


def test_server_code_slider_keys_redraw_the_digit_and_the_code_outlives_another_page(app, page):
    open_page(page, app, CODE_EXPLORER.path, CODE_EXPLORER.heading)
    use_server_sliders(page)
    caption = "decoded from the sliders"
    decoded = image_locator(page, caption)
    expect(decoded).to_have_count(1)
    first_src = decoded.get_attribute("src")
    sliders = page.get_by_test_id("stSlider").get_by_role("slider")
    minima = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.min)")]

    def at_minima(values: list[float]) -> bool:
        return values == pytest.approx(minima, abs=1e-6)

    assert not at_minima([float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.value)")]), (
        "the sliders should start at the input's code, not at their minima"
    )
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

    before = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.value)")]
    go_to(page, "Home")
    go_to(page, "Code explorer")
    after = [float(v) for v in sliders.evaluate_all("(all) => all.map((s) => s.value)")]
    assert not at_minima(after), "after Home and back the sliders fell to their minima"
    assert after == pytest.approx(before, abs=1e-6), "the code sliders changed while another page was shown"


def live_noise_factor(page: Page):
    """The range input of the live noise slider (tests/e2e/test_live_sliders.py drags it)."""
    return page.locator(".noise-slider input[type='range']")


def test_a_noise_key_press_redraws_the_noisy_digit_outlives_its_page_and_reaches_the_address(app, page):
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

    # The launcher (serve/launcher.py) turns off Streamlit's legacy pages/ navigation before the first
    # session; if an upgrade renames the flag it sets, these two fail.
    others = sorted(labels_ever_shown(page) - set(NAVIGATION))
    assert not others, f"the sidebar first showed Streamlit's automatic pages/ list {others}"
    dialogs = page.get_by_role("dialog").all_inner_texts()
    assert not dialogs, f"a dialog covers the page on the first visit: {dialogs}"


def test_the_weight_files_come_once_compressed_and_then_from_the_browser_s_cache(app, browser):
    """The five variants' files on a first visit (within the issue's 1.2 MB), marked immutable; a
    second tab of the same browser takes them from its cache: no weights over the network."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        visits = []
        for _ in ("first", "second"):
            tab = context.new_page()
            traffic = Traffic(tab)
            open_drawing_pad(tab, app.url, len(app.trained_titles))
            tab.wait_for_function(WEIGHTS_SETTLED_JS)
            visits.append(traffic)
            tab.close()
        first, second = visits
        files = [url for url in first.headers if kind_of(url) == "weights"]
        assert len(files) == len(app.trained_titles) == 5
        for url in files:
            assert first.headers[url]["cache-control"] == "public, max-age=31536000, immutable"
            assert first.headers[url]["content-encoding"] == "gzip"
        assert 500_000 < first.wire["weights"] <= 1_200_000
        assert second.wire["weights"] == 0 and second.from_cache["weights"] == 5
    finally:
        context.close()


def test_the_server_warms_up_what_first_visits_need_without_a_failure(app):
    deadline = time.monotonic() + STARTUP_TIMEOUT_MS / 1000
    while "Warmed up in" not in app.server.log() and time.monotonic() < deadline:
        time.sleep(0.5)
    log = app.server.log()
    assert "Warmed up in" in log and "Warming up" not in log, log[-2000:]
