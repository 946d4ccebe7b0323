"""What a test or a script does with a page of the app in the browser: open it, find its parts, check it.

Shared by the browser tests, the benchmarks and the screenshot script.
"""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from harness.browser import wait_until_drawn
from harness.server import App
from ui import page_table

# Sidebar label -> (URL path, the page's title), in the navigation's order.
NAVIGATION = {page.title: (page.path, page.heading) for page in page_table.NAVIGATION}
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
    if sidebar(page).get_attribute("data-collapsed") == "true":  # the lesson closes it to take the screen
        page.get_by_test_id("stExpandSidebarButton").click()
        expect(sidebar(page)).to_have_attribute("data-collapsed", "false")
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
