"""The class link's student page in Chromium (the class's own flow is tests/e2e/test_class_mode.py):
what a student on a phone does besides drawing and sending, and what a bad link shows.

MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_student_page.py -v
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from harness.browser import new_page
from harness.drawing import PAD, Pen, pad_state
from harness.network import WEIGHTS_SETTLED_JS
from harness.server import App
from ui.page_table import CLASS, STUDENT_PAGE_PATH

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)  # as the other browser tests: a loaded machine takes its time
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
SEVEN = [(60, 45), (165, 45), (95, 185)]


def start_class(browser, app: App) -> tuple[Page, str]:
    teacher = new_page(browser)
    teacher.goto(f"{app.url}{CLASS.path}")
    teacher.get_by_role("button", name="Start a class").click()
    link = teacher.locator("pre code").first
    expect(link).to_contain_text(STUDENT_PAGE_PATH + "/")
    return teacher, re.search(STUDENT_PAGE_PATH + r"/([a-z0-9]{10})", link.inner_text()).group(1)


def counts(student: Page) -> str:
    return student.locator(".board .counts").inner_text()


def test_a_reload_or_a_change_of_language_keeps_the_student_and_the_drawing(browser, app: App, request):
    teacher, code = start_class(browser, app)
    request.addfinalizer(teacher.context.close)
    student = new_page(browser, **PHONE)
    request.addfinalizer(student.context.close)
    errors: list[str] = []
    student.on("pageerror", lambda error: errors.append(str(error)))
    student.goto(f"{app.url}{STUDENT_PAGE_PATH}/{code}?lang=en")
    expect(student.locator(".board .counts")).to_have_text(re.compile(r"^1 of 1 student connected"))
    send = student.get_by_role("button", name="Send")
    send.click()  # an empty pad sends nothing, and the page says what to do
    expect(student.locator(".notice")).to_have_text("The pad is empty: draw a digit first, then send it.")
    student.get_by_label("Your first name or a nickname (optional)").fill("Ada")

    student.wait_for_function(WEIGHTS_SETTLED_JS)
    student.locator(f"{PAD} canvas.surface").scroll_into_view_if_needed()  # Send scrolled the page
    Pen(student).stroke(SEVEN)
    drawn = pad_state(student)["strokes"]
    assert len(drawn) == 1

    student.get_by_role("radio", name="7").check()
    student.reload()
    expect(student.locator(".board .counts")).to_have_text(re.compile(r"^1 of 1 student connected"))  # not 2
    assert pad_state(student)["strokes"] == drawn
    expect(student.get_by_label("Your first name or a nickname (optional)")).to_have_value("Ada")
    expect(student.get_by_role("radio", name="7")).to_be_checked()

    student.get_by_role("link", name="Русский").click()
    expect(student.locator("html")).to_have_attribute("lang", "ru")
    expect(student.locator(".intro")).to_contain_text(f"Вы в классе {code}")
    expect(student.locator(f"{PAD} [data-tool=pen]")).to_contain_text("Перо")
    assert pad_state(student)["strokes"] == drawn
    expect(student.locator(".board .counts")).to_have_text(re.compile(r"^1 ученик, из них на связи 1"))

    # Send, then again after a reload (a double tap, a page reloaded): one digit on the board.
    send = student.get_by_role("button", name="Отправить")
    send.click()
    expect(student.locator(".notice")).to_contain_text("Отправлено")
    student.reload()
    send.click()
    expect(student.locator(".notice")).to_contain_text("уже на доске")
    expect(student.locator(".board .counts")).to_contain_text("1 цифра на доске (всего получено: 1)")
    expect(student.locator(".board .names")).to_have_text("Ada, цифра 7 ★")
    assert not errors, errors


def test_a_bad_or_ended_class_link_says_so_and_offers_the_code_field(browser, app: App, request):
    student = new_page(browser, **PHONE)
    request.addfinalizer(student.context.close)
    student.goto(f"{app.url}{STUDENT_PAGE_PATH}/a/b?lang=ru")  # not Streamlit's blank page
    expect(student.get_by_role("alert")).to_contain_text("Код класса")
    student.get_by_label("Код класса").fill("  abc  ")
    student.get_by_role("button", name="Войти").click()
    expect(student.get_by_role("alert")).to_contain_text("Код класса")  # still in Russian
    student.goto(f"{app.url}{STUDENT_PAGE_PATH}/abcdefghjk?lang=en")
    expect(student.get_by_role("alert")).to_contain_text("There is no class with this code")
    teacher, code = start_class(browser, app)
    request.addfinalizer(teacher.context.close)
    student.get_by_label("Class code").fill(code.upper())
    student.get_by_role("button", name="Join").click()
    expect(student.locator(".intro")).to_contain_text(f"You are in class {code}")

    teacher.get_by_role("button", name="End the class").click()
    teacher.get_by_role("button", name="End and delete").click()
    expect(student.locator(".notice")).to_have_text("The class has ended: thank you for taking part.")
    expect(student.get_by_role("button", name="Send")).to_be_disabled()
    expect(student.locator(".board")).to_be_hidden()  # its digits went with the class
