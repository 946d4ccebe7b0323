"""The Lesson page in Chromium: a clicker's keys move it, every step fits a projector's screen (in
Russian too), the step is in the address, and the teacher's notes view follows the projected one
within a second."""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

import i18n
from harness.browser import new_page, wait_for_rerun, wait_until_drawn
from harness.lesson import outside_the_window, press, shown_step, wait_for_step
from harness.pages import draw_a_seven
from harness.server import App
from ui.lesson.progress import the_lesson
from ui.page_table import LESSON

pytestmark = pytest.mark.e2e
STEPS = the_lesson().steps
NEXT_KEYS = ("ArrowRight", "PageDown", " ")  # what clickers and keyboards send for "next"


# 1280x720 with Big images on, as a projector often has it: its labels and buttons are the tallest.
@pytest.mark.parametrize("width, height, big", [(1280, 720, 1), (1920, 1080, 0)], ids=["1280x720-big", "1920x1080"])
def test_a_clicker_walks_the_lesson_and_every_step_fits_one_screen(app: App, browser, width, height, big):
    tab = new_page(browser, viewport={"width": width, "height": height})
    try:
        tab.goto(f"{app.url}{LESSON.path}?step=1&big={big}")
        wait_for_step(tab, 1)
        # The lesson closes the sidebar on arrival, whatever the width: the step gets the screen.
        expect(tab.get_by_test_id("stSidebar")).to_have_attribute("data-collapsed", "true")
        tab.wait_for_timeout(500)  # the sidebar's slide
        unfit, lesson = {}, tab.locator(".st-key-lesson")
        for number, step in enumerate(STEPS, start=1):
            if number > 1:
                # After a click on an answer and Reveal, the focus is on the page's controls: the
                # clicker's key must still move the lesson, not pick another answer.
                press(tab, NEXT_KEYS[number % len(NEXT_KEYS)], number, blur=False)
            expect(tab).to_have_url(re.compile(rf"[?&]step={number}(&|$)"))
            expect(tab.get_by_test_id("stException")).to_have_count(0)
            if problems := outside_the_window(tab):
                unfit[f"{number} {step.id}"] = problems
            if step.question is not None:
                lesson.get_by_test_id("stRadio").locator("label").first.click()
                wait_until_drawn(tab)
                if number == 2:  # the focus on the answer just clicked: arrows still move the lesson
                    press(tab, "ArrowRight", 3, blur=False)
                    press(tab, "ArrowLeft", 2, blur=False)
                    lesson.get_by_test_id("stRadio").locator("label").first.click()
                    wait_until_drawn(tab)
                lesson.get_by_role("button", name="Reveal").click()
                expect(lesson.get_by_test_id("stAlertContainer")).to_be_visible()
                wait_until_drawn(tab)
                if problems := outside_the_window(tab):
                    unfit[f"{number} {step.id} revealed"] = problems
        assert not unfit, f"steps that do not fit {width}x{height}: {unfit}"
        press(tab, "ArrowLeft", len(STEPS) - 1)
        press(tab, "PageUp", len(STEPS) - 2)
        expect(tab).to_have_url(re.compile(rf"[?&]step={len(STEPS) - 2}(&|$)"))
    finally:
        tab.context.close()


def test_every_step_fits_a_projector_s_screen_in_russian_too(app: App, browser):
    """Russian words are longer: each step, and each revealed answer, still fits 1280x720 with Big
    images on (harness.lesson's helpers read the English counter: this test reads the Russian one)."""
    tab = new_page(browser, viewport={"width": 1280, "height": 720})
    russian = i18n.translations("ru").gettext
    reveal = russian("Reveal")
    try:
        tab.goto(f"{app.url}{LESSON.path}?step=1&big=1&lang=ru")
        expect(tab.locator(".st-key-lesson")).to_be_visible()
        wait_until_drawn(tab)
        tab.wait_for_timeout(500)  # the sidebar's slide
        unfit, lesson = {}, tab.locator(".st-key-lesson")
        for number, step in enumerate(STEPS, start=1):
            if number > 1:
                tab.evaluate("() => document.activeElement?.blur()")
                tab.keyboard.press("ArrowRight")
            counter = russian("**Step {number} of {count}**").strip("*").format(number=number, count=len(STEPS))
            expect(lesson.get_by_text(counter, exact=True)).to_be_visible()
            wait_until_drawn(tab)
            expect(tab).to_have_url(re.compile(rf"[?&]step={number}(&|$)"))
            expect(lesson.get_by_role("heading", name=russian(step.title))).to_be_visible()
            if problems := outside_the_window(tab):
                unfit[f"{number} {step.id}"] = problems
            if step.question is not None:
                lesson.get_by_role("button", name=reveal).click()
                expect(lesson.get_by_test_id("stAlertContainer")).to_be_visible()
                wait_until_drawn(tab)
                if problems := outside_the_window(tab):
                    unfit[f"{number} {step.id} revealed"] = problems
        assert not unfit, f"steps that do not fit 1280x720 in Russian: {unfit}"
    finally:
        tab.context.close()


def test_a_link_opens_its_step_and_the_notes_view_follows_the_projector_within_a_second(app: App, browser):
    projector = new_page(browser, viewport={"width": 1280, "height": 720})
    laptop = new_page(browser, viewport={"width": 1400, "height": 900})
    try:
        projector.goto(f"{app.url}{LESSON.path}?step=4")
        wait_for_step(projector, 4)
        assert "For the teacher." not in projector.get_by_test_id("stMain").inner_text()
        room = re.search(r"[?&]room=([a-z0-9]+)", projector.url).group(1)
        laptop.goto(f"{app.url}{LESSON.path}?room={room}&notes=1")
        wait_for_step(laptop, 4)  # the room's step, not the first
        expect(laptop.get_by_text("For the teacher.")).to_be_visible()
        # The notes view already shows the answer the class is about to predict.
        noise = STEPS[3].question
        expect(laptop.get_by_text(noise.why.split("\n")[0], exact=False)).to_be_visible()
        # The answer is nowhere on the projected page until Reveal is pressed.
        assert noise.why.split("\n")[0] not in projector.get_by_test_id("stMain").inner_text()
        press(projector, "ArrowRight", 5)
        moved = time.perf_counter()
        laptop.wait_for_function(
            "() => /Step 5 of/.test(document.querySelector('.st-key-lesson')?.innerText ?? '')", timeout=5_000
        )
        followed = time.perf_counter() - moved
        assert followed <= 1.0, f"the notes view followed after {followed:.2f} s"
        laptop.locator(".st-key-lesson").get_by_role("button", name="Next →").click()
        wait_for_step(laptop, 6)
        expect(projector.locator(".st-key-lesson").get_by_text("Step 6 of")).to_be_visible(timeout=2_000)
        assert shown_step(projector) == 6
    finally:
        projector.context.close()
        laptop.context.close()


def test_the_first_step_draws_on_the_lesson_s_own_pad_and_shows_the_code_and_the_copy(app: App, browser):
    tab = new_page(browser, viewport={"width": 1280, "height": 720})
    try:
        tab.goto(f"{app.url}{LESSON.path}?step=1")
        wait_for_step(tab, 1)
        lesson = tab.locator(".st-key-lesson")
        # The page done loading first (its address and room are written by a second run): a click
        # during that run's rerun could have its choice undone by the widget values the run carries.
        wait_for_rerun(tab)
        lesson.get_by_role("button", name="Draw my own digit").click()
        surface = lesson.locator(".drawing-pad canvas.surface")
        expect(surface).to_be_visible()
        assert tab.locator("[data-testid='stSidebar'] .drawing-pad").count() == 0, "two pads on one screen"
        before = tab.locator(".st-key-lesson-view img").count()
        draw_a_seven(tab, surface)
        # After pen-up the server shows the drawn digit's 49-number code and its copy beside the pad.
        expect(lesson.get_by_text("rebuilt from the code")).to_be_visible()
        assert tab.locator(".st-key-lesson-view img").count() == before + 2
        assert outside_the_window(tab) == []
    finally:
        tab.context.close()
