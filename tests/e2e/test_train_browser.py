"""The Train page in Chromium: it follows a job it did not start, live, and it disappears when switched off.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_train_browser.py -v

Each test starts a server of its own (with its own runs folder, or with training off) and
writes screenshots to artifacts/train/ (ignored by git).
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from harness.browser import new_page, wait_until_drawn
from harness.server import NO_WARM_UP, ROOT, STARTUP_TIMEOUT_MS, AppServer
from jobs import runs, training_job
from ui.page_table import TRAIN

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)
SHOTS = ROOT / "artifacts" / "train"
# The projector's size: `make screenshots` takes the other pages at every size.
SIZES = {"laptop": (1280, 720)}
# With Start scrolled into view, the progress bar and the newest row of digits are on screen too.
BESIDE_START_JS = """() => {
    const start = [...document.querySelectorAll("button")].find((b) => b.innerText.trim() === "Start training");
    start?.scrollIntoView({block: "nearest"});
    const latest = [...document.querySelectorAll("[data-testid='stImage']")]
        .filter((e) => /^after epoch \\d+$/.test(e.innerText.trim())).at(-1);
    return [start, document.querySelector("[data-testid='stProgress']"), latest].every((e) => {
        const box = e?.getBoundingClientRect();
        return box && box.height > 0 && box.top >= 0 && box.bottom <= window.innerHeight;
    });
}"""


@pytest.fixture
def server(request, monkeypatch, tmp_path):
    """A server of its own; `@pytest.mark.parametrize("server", [{"ENV": "value"}], indirect=True)` sets its env."""
    monkeypatch.setenv(runs.RUNS_ENV, str(tmp_path))
    for name, value in getattr(request, "param", {}).items():
        monkeypatch.setenv(name, value)
    with AppServer(startup_timeout=STARTUP_TIMEOUT_MS / 1000, env=NO_WARM_UP) as running:
        yield running
    training_job.stop_job(tmp_path)


def screenshots(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page.set_viewport_size({"width": width, "height": height})
        page.wait_for_timeout(300)  # let the layout settle at the new width before the picture
        page.screenshot(path=SHOTS / f"{name}-{size}.png", full_page=True)
    page.set_viewport_size({"width": 1400, "height": 1000})


def test_a_newly_opened_page_follows_a_running_job_live(server, browser, tmp_path):
    page = new_page(browser)
    try:
        # A fresh server's first session gets Streamlit's automatic page list (see DESIGN.md), so
        # open Home first, as the other browser tests do, and start the job once the app is up.
        page.goto(server.url + "/")
        page.get_by_role("heading", name="The five models").wait_for(timeout=STARTUP_TIMEOUT_MS)
        # 16,384 digits an epoch: the job runs long enough (seconds, on a loaded machine too) for the
        # page to be seen mid-run below; with 4,096 a fresh clone's run once saw it only finished.
        request = training_job.TrainingRequest("dense", epochs=3, batch_size=256, learning_rate=2e-3, subset=16384)
        training_job.start_job(request, owner="session teacher", estimate_seconds=60, root=tmp_path)
        # A projector: 1280x720 in big mode, where the form and the run must share the screen.
        page.set_viewport_size({"width": 1280, "height": 720})
        page.goto(server.url + TRAIN.path + "?big=1")
        # The job's progress line (get_by_text ignores case, so a bare "Training dense" also matches the
        # "Another session … is training dense" notice beside it).
        progress = page.get_by_text(re.compile(r"^Training dense: (starting|epoch \d+ of 3)"))
        expect(progress).to_be_visible(timeout=STARTUP_TIMEOUT_MS)
        expect(page.get_by_text("session teacher", exact=False).first).to_be_visible()
        # No clicks from here on: the live view polls by itself until the job ends.
        # (The strip keeps the last 4 epochs, so wait for any epoch's row, not epoch 1's.)
        expect(page.get_by_text(re.compile(r"^after epoch \d+$")).first).to_be_visible(timeout=STARTUP_TIMEOUT_MS)
        start = page.get_by_role("button", name="Start training")
        expect(start).to_be_disabled()  # one job at a time, and it looks it
        # The page redraws every second while the job runs: ask until one drawing has all three on screen.
        page.wait_for_function(BESIDE_START_JS, timeout=30_000)
        screenshots(page, "running")
        expect(page.get_by_text("finished after 3 of 3 epochs", exact=False)).to_be_visible(timeout=STARTUP_TIMEOUT_MS)
        wait_until_drawn(page)
        expect(page.get_by_test_id("stPlotlyChart")).to_have_count(1)
        screenshots(page, "finished")
        page.get_by_role("button", name="Try these weights on every page").click()
        badge = page.get_by_test_id("stSidebar").get_by_text("uses your run")
        expect(badge).to_be_visible()
        page.get_by_test_id("stSidebarNav").get_by_role("link", name="Reconstruct").click()
        expect(badge).to_be_visible()  # on every page
        wait_until_drawn(page)
        screenshots(page, "tried-on-reconstruct")
        page.get_by_role("button", name="Back to shipped weights").click()
        expect(badge).to_have_count(0)
    finally:
        page.context.close()


@pytest.mark.parametrize("server", [{training_job.TRAINING_ENV: "off"}], indirect=True)
def test_training_off_removes_the_page_and_its_address_says_so(server, browser):
    page = new_page(browser)
    try:
        page.goto(server.url + "/")
        page.get_by_role("heading", name="The five models").wait_for(timeout=STARTUP_TIMEOUT_MS)
        labels = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
        assert labels and not any("Train" in label for label in labels), labels
        page.goto(server.url + TRAIN.path)
        expect(page.get_by_text("Training is switched off on this server")).to_be_visible(timeout=STARTUP_TIMEOUT_MS)
        expect(page.get_by_role("button", name="Start training")).to_have_count(0)
        screenshots(page, "off")
    finally:
        page.context.close()
