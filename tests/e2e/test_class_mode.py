"""Class mode in Chromium: a teacher's screen on one app server, students on another, rooms in a
real Redis and nginx in front; the same class on one server with the embedded store.

Each case starts its own servers on loopback ports (not the session's shared app) and stops them.
"""

from __future__ import annotations

import re
import threading
import time
from contextlib import ExitStack

import pytest
from playwright.sync_api import Page, expect

from harness.balancer import Balancer
from harness.browser import new_page
from harness.drawing import PAD, Pen
from harness.network import WEIGHTS_SETTLED_JS
from harness.redis_server import RedisServer
from harness.server import NO_WARM_UP, AppServer
from rooms.configured import REDIS_URL_ENV
from ui.page_table import CLASS, STUDENT_PAGE_PATH

pytestmark = pytest.mark.e2e
ARRIVAL_TIMEOUT_MS = 30_000  # what the test allows on a loaded machine; the class benchmark measures the real figure
STROKES = {
    1: [(112, 40), (112, 185)],
    7: [(60, 45), (165, 45), (95, 185)],
    4: [(145, 185), (145, 40), (60, 135), (170, 135)],
}


def start_servers(count: int, env: dict[str, str]) -> list[AppServer]:
    """`count` app servers started side by side (each takes seconds to come up)."""
    servers = [AppServer(env={**env, **NO_WARM_UP}) for _ in range(count)]
    problems: list[BaseException] = []

    def start(server: AppServer) -> None:
        try:
            server.start()
        except BaseException as error:
            problems.append(error)

    threads = [threading.Thread(target=start, args=(server,)) for server in servers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if problems:
        for server in servers:
            server.stop()
        raise problems[0]
    return servers


def start_class(teacher: Page, url: str) -> str:
    teacher.goto(f"{url}{CLASS.path}?big=1")
    teacher.get_by_role("button", name="Start a class").click()
    link = teacher.locator("pre code").first
    expect(link).to_contain_text(STUDENT_PAGE_PATH + "/")
    return re.search(STUDENT_PAGE_PATH + r"/([a-z0-9]{10})\?lang=en", link.inner_text()).group(1)


def join(browser, url: str, code: str, **options) -> Page:
    """Open the class link (the student page, served without Streamlit) and wait until it joined."""
    student = new_page(browser, **options)
    student.goto(f"{url}{STUDENT_PAGE_PATH}/{code}?lang=en")
    expect(student.locator(".intro")).to_contain_text(f"You are in class {code}")
    expect(student.locator(".board")).to_be_visible()  # joined: the class's board is drawn
    return student


def send(student: Page, name: str, meant: int) -> None:
    """Type a name, draw the digit meant on the pad, say which it is and press Send."""
    student.get_by_label("Your first name or a nickname (optional)").fill(name)
    # The pad in view and its models loaded (they arrive with the page): the stroke lands on it.
    student.locator(f"{PAD} canvas.surface").scroll_into_view_if_needed()
    student.wait_for_function(WEIGHTS_SETTLED_JS)
    Pen(student).stroke(STROKES[meant])
    student.get_by_role("radio", name=str(meant)).check()
    student.get_by_role("button", name="Send").click()
    expect(student.locator(".notice")).to_contain_text("Sent: your digit is on the class's board")


def names_of(count: int) -> re.Pattern:
    """`count` names with the digits they meant, " · " between them."""
    return re.compile(r"^[^·]+" + r"( · [^·]+)" * (count - 1) + "$")


def latest_on(student: Page, count: int) -> None:
    """A student's page lists `count` digits under its picture of the latest ones."""
    expect(student.locator(".board .names")).to_have_text(names_of(count), timeout=ARRIVAL_TIMEOUT_MS)  # every 3 s


def latest_on_streamlit(student: Page, count: int) -> None:
    """The same on a Streamlit student screen (`/class?join=`, as older links open it)."""
    names = student.locator(".st-key-class_latest [data-testid='stCaptionContainer']").last  # under the picture's own
    expect(names).to_have_text(names_of(count), timeout=ARRIVAL_TIMEOUT_MS)


def arrives(teacher: Page, index: int, sent_at: float) -> float:
    """Seconds from Send until digit `index` is on the teacher's screen."""
    expect(teacher.locator(f".st-key-class_digit_{index}")).to_be_visible(timeout=ARRIVAL_TIMEOUT_MS)
    return time.perf_counter() - sent_at


@pytest.mark.parametrize("shared", ["redis-two-servers-nginx", "embedded-one-server"])
def test_students_digits_reach_the_teacher_and_only_the_teacher_hides(browser, shared):
    with ExitStack() as stack:
        env = {}
        if shared.startswith("redis"):
            redis_server = stack.enter_context(RedisServer())
            env[REDIS_URL_ENV] = redis_server.url
        servers = start_servers(2 if shared.startswith("redis") else 1, env)
        for server in servers:
            stack.callback(server.stop)
        teacher_url, students_url = servers[0].url, servers[-1].url
        balancer = stack.enter_context(Balancer([s.port for s in servers])) if len(servers) > 1 else None

        teacher = new_page(browser, viewport={"width": 1280, "height": 720})
        stack.callback(teacher.context.close)
        code = start_class(teacher, teacher_url)
        expect(teacher.get_by_text("0 of 0 students connected")).to_be_visible()

        phone = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
        students = [
            join(browser, students_url, code, **phone),
            join(browser, students_url, code),
            join(browser, balancer.url if balancer else students_url, code, **phone),  # through nginx
        ]
        for student in students:
            stack.callback(student.context.close)
        delays = []
        for index, (student, name, meant) in enumerate(zip(students, ("Ada", "Boris", "Chen"), (1, 7, 4), strict=True)):
            send(student, name, meant)
            delays.append(arrives(teacher, index, time.perf_counter()))
        gallery = teacher.locator("[class*='st-key-class_digit_']")
        expect(gallery).to_have_count(3)
        expect(teacher.get_by_text("3 of 3 students connected")).to_be_visible()
        for name, meant in (("Ada", 1), ("Boris", 7), ("Chen", 4)):
            expect(teacher.get_by_text(f"{name}, a {meant}")).to_be_visible()
        # A click on a digit on the teacher's map shows it large, with all five copies.
        # (the test digits behind are WebGL: the SVG layer holds only the class's)
        point = teacher.locator(".st-key-class_map .scatterlayer .trace .point").first.bounding_box()
        teacher.mouse.click(
            point["x"] + point["width"] / 2, point["y"] + point["height"] / 2
        )  # Plotly's drag layer is on top
        dialog = teacher.get_by_role("dialog")
        expect(dialog).to_contain_text("A digit from the class")
        expect(dialog.locator("[data-testid='stImage']")).to_have_count(6)
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_have_count(0)
        # A student's screen shows the class's digits too, with its own as a star.
        latest_on(students[1], 3)
        students[1].wait_for_timeout(4000)  # past the watcher's next run: the board stays drawn
        latest_on(students[1], 3)
        expect(students[0].locator(".board .names")).to_contain_text("Ada, a 1 ★", timeout=ARRIVAL_TIMEOUT_MS)
        expect(students[0].locator(".board .counts")).to_have_text(
            "3 of 3 students connected · 3 digits on the board (3 received)"
        )
        expect(students[0].locator(".board img.map")).to_have_js_property("naturalWidth", 720)

        # A student who tries the teacher's link with a made-up token joins as a student: no Hide.
        intruder = new_page(browser)
        stack.callback(intruder.context.close)
        intruder.goto(f"{students_url}{CLASS.path}?join={code}&teacher=forged-token-of-a-student")
        expect(intruder.get_by_text("The teacher's link did not match this class")).to_be_visible()
        latest_on_streamlit(intruder, 3)
        expect(intruder.get_by_role("button", name="Hide")).to_have_count(0)
        expect(intruder.get_by_role("button", name="Clear the board")).to_have_count(0)

        # The teacher hides a digit: gone from every screen in the class.
        teacher.locator(".st-key-class_digit_1").get_by_role("button", name="Hide").click()
        expect(gallery).to_have_count(2)
        latest_on(students[0], 2)

        watching = students[0]  # a student's screen that sees the class end
        if shared.startswith("redis"):
            # Redis restarts mid-class: nothing acknowledged is lost, and the class goes on.
            redis_server.restart()
            send(students[1], "Boris", 1)
            delays.append(arrives(teacher, 3, time.perf_counter()))
            expect(gallery).to_have_count(3)
            # The students' server dies: the class goes on from the teacher's.
            servers[1].kill()
            late = join(browser, teacher_url, code)
            stack.callback(late.context.close)
            send(late, "Dana", 7)
            delays.append(arrives(teacher, 4, time.perf_counter()))
            expect(gallery).to_have_count(4)
            watching = late
        print(f"\nSend -> teacher's screen ({shared}): " + ", ".join(f"{d:.2f} s" for d in delays))

        # Ending the class deletes it: a student's screen says so.
        teacher.get_by_role("button", name="End the class").click()
        teacher.get_by_role("button", name="End and delete").click()
        expect(teacher.get_by_role("button", name="Start a class")).to_be_visible()
        expect(watching.locator(".notice")).to_have_text("The class has ended: thank you for taking part.")
        expect(watching.get_by_role("button", name="Send")).to_be_disabled()
