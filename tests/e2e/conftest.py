"""Fixtures for the browser tests: one app server and one Chromium for the session, a fresh tab per test.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e -v

Every test module here sets `pytestmark = pytest.mark.e2e`. The browser comes from `scripts/install_browser.sh`
(`make test` runs it first); the set-up line says which one was used.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from harness.browser import launch_chromium, new_page, warm_up
from harness.server import App, AppServer
from models.registry import VARIANTS
from models.weights import weights_path


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """On a failure, add the server's log and the page's JavaScript errors to the report."""
    outcome = yield
    report = outcome.get_result()
    if report.when != "call" or not report.failed:
        return
    app = item.funcargs.get("app") or item.funcargs.get("fresh_app")
    if app is not None:
        report.sections.append(("streamlit server log (last 4000 characters)", app.server.log()[-4000:]))
    errors = getattr(item, "page_errors", None)
    if errors:
        report.sections.append(("JavaScript errors in the page", "\n".join(errors)))


def say_which_browser(config, line: str) -> None:
    """Show the line in pytest's output even while output is captured (and in -s runs)."""
    reporter = config.pluginmanager.get_plugin("terminalreporter")
    capture = config.pluginmanager.get_plugin("capturemanager")
    if reporter is None or capture is None:
        print(line)
        return
    with capture.global_and_fixture_disabled():
        reporter.write_line(f"\n{line}")


@pytest.fixture(scope="session")
def browser(pytestconfig) -> Iterator[Browser]:
    with sync_playwright() as playwright:
        try:
            chromium, which = launch_chromium(playwright)
        except RuntimeError as error:
            pytest.fail(str(error), pytrace=False)
        say_which_browser(pytestconfig, f"e2e browser: {which}")
        yield chromium
        chromium.close()


def start_app() -> App:
    trained = tuple(v.title for key, v in VARIANTS.items() if weights_path(key).exists())
    untrained = tuple(v.title for v in VARIANTS.values() if v.title not in trained)
    server = AppServer()
    try:
        server.start()
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return App(server.url, server, trained, untrained)


@pytest.fixture(scope="session")
def app(browser) -> Iterator[App]:
    running = start_app()
    try:
        try:
            warm_up(browser, running.url)
        except Exception as error:
            pytest.fail(
                f"Home did not come up in the browser: {error}\nServer log:\n{running.server.log()[-4000:]}",
                pytrace=False,
            )
        yield running
    finally:
        running.server.stop()


@pytest.fixture
def fresh_app() -> Iterator[App]:
    """A server of its own that no browser has visited yet (the session's `app` is warmed up)."""
    running = start_app()
    try:
        yield running
    finally:
        running.server.stop()


@pytest.fixture
def page(browser, request) -> Iterator[Page]:
    """A new browser context (its own Streamlit session) at 1400x1000, closed after the test."""
    tab = new_page(browser)
    request.node.page_errors = []
    tab.on("pageerror", lambda error: request.node.page_errors.append(str(error)))
    yield tab
    tab.context.close()


# Under pytest-xdist (`make test` runs two workers) the tests of the shared app come in two groups,
# one a worker; each worker starts one app server and one Chromium for all the tests of its group.
# Tests with a server or page of their own (training, a fresh server, the blank-page parity checks)
# and the unit and AppTest tests fill in beside them. Two groups balanced the two workers best on
# two cores: 4:03 for one group, about a minute less for two.
LIVE_COMPONENT_MODULES = {"test_drawing_pad", "test_live_sliders", "test_code_map"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.pluginmanager.hasplugin("xdist"):
        return  # `-p no:xdist`: no workers, and no xdist_group marker to know
    for item in items:
        if "app" in getattr(item, "fixturenames", ()):
            group = "live-components" if item.module.__name__.split(".")[-1] in LIVE_COMPONENT_MODULES else "pages"
            item.add_marker(pytest.mark.xdist_group(group))
