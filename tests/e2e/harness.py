"""Start the real app and a real browser: shared by the e2e tests and `benchmarks/browser.py`.

Nothing here is a test. `AppServer` runs the app's launcher (`python -m ui.serve`, which
calls `streamlit run app.py`) on a free port and waits for its health check;
`launch_chromium` starts Chromium through Playwright (Debian's `/usr/bin/chromium` when it
is there, Playwright's own download otherwise) and says which; `wait_for_rerun` waits until
the app has finished running its script.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
# Slow, shared machines: generous limits, and every wait is for something specific.
ACTION_TIMEOUT_MS = 60_000
STARTUP_TIMEOUT_MS = 240_000  # the first session of a server loads TensorFlow and every model
# The app's scripts have finished (a whole rerun or a fragment's); Streamlit marks it on the root.
IDLE_APP = "[data-testid='stApp'][data-test-script-state='notRunning']"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """`python -m ui.serve` (the app's launcher) on a free port, its output in a log file; `stop()` ends only it."""

    def __init__(self, startup_timeout: float = 120.0) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.log_path = Path(tempfile.mkstemp(prefix="autoencoder-lab-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> AppServer:
        command = [
            sys.executable,
            "-m",
            "ui.serve",
            "--server.headless",
            "true",
            "--server.port",
            str(self.port),
            "--server.address",
            "127.0.0.1",
            "--browser.gatherUsageStats",
            "false",
            "--server.fileWatcherType",
            "none",
        ]
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2")}
        self.started_at = time.perf_counter()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        self.wait_until_healthy()
        return self

    def log(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def wait_until_healthy(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                log = self.log()
                self.stop()
                raise RuntimeError(f"streamlit exited with code {self.process.returncode}:\n{log}")
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as answer:
                    if answer.read().decode().strip() == "ok":
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        log = self.log()
        self.stop()
        raise RuntimeError(
            f"streamlit did not answer {self.url}/_stcore/health within {self.startup_timeout:.0f} s; its log:\n{log}"
        )

    def stop(self) -> None:
        """End the server (only the process this object started) and remove its log."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log_path.unlink(missing_ok=True)

    def __enter__(self) -> AppServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


@dataclass(frozen=True)
class App:
    """A running app and what it should show."""

    url: str
    server: AppServer
    trained_titles: tuple[str, ...]  # the variants whose weights file existed when the server started
    untrained_titles: tuple[str, ...]


def launch_chromium(playwright):
    """Chromium through Playwright: (browser, a line saying which executable it is)."""
    options = {"headless": True, "args": CHROMIUM_ARGS}
    if SYSTEM_CHROMIUM.exists():
        options["executable_path"] = str(SYSTEM_CHROMIUM)
        which = f"system Chromium at {SYSTEM_CHROMIUM}"
    else:
        which = "Playwright's own Chromium"
    try:
        browser = playwright.chromium.launch(**options)
    except Exception as error:
        raise RuntimeError(f"could not start {which}; run scripts/install_browser.sh first.\n{error}") from error
    return browser, f"{which}, version {browser.version}"


def wait_for_rerun(page, timeout: float = 120_000) -> None:
    """Wait until the app is not running a script (whole rerun or fragment).

    Call it once the effect you are waiting for has begun (a new heading, a changed picture):
    right after a click the app may not have started its rerun yet.
    """
    page.locator(IDLE_APP).wait_for(state="attached", timeout=timeout)


def image_locator(page, caption: str):
    """The <img> of the picture (st.image) whose caption is exactly `caption`."""
    return (
        page.locator("[data-testid='stImage']")
        .filter(has=page.locator("[data-testid='stImageCaption']", has_text=re.compile(f"^{re.escape(caption)}$")))
        .locator("img")
    )


# The src of the picture captioned `caption` once it differs from `old` and has loaded, else false.
_NEW_IMAGE_JS = """([caption, old]) => {
    for (const figure of document.querySelectorAll("[data-testid='stImage']")) {
        const label = figure.querySelector("[data-testid='stImageCaption']");
        if (!label || label.textContent.trim() !== caption) continue;
        const img = figure.querySelector("img");
        if (img && img.src !== old && img.complete && img.naturalWidth > 0) return img.src;
    }
    return false;
}"""


def wait_for_new_image(page, caption: str, old_src: str | None, timeout: float = 60_000) -> str:
    """Wait until the picture captioned `caption` shows a new, loaded image; return its src."""
    return page.wait_for_function(_NEW_IMAGE_JS, arg=[caption, old_src], timeout=timeout).json_value()


# What is not drawn yet: placeholder skeletons, pictures still loading, charts or tables not drawn.
_NOT_DRAWN_JS = """() => {
    const main = document.querySelector("[data-testid='stMain']");
    if (!main) return ["no main area"];
    const problems = [];
    for (const id of ["stSkeleton", "stSkeletonElement", "stAppSkeleton"]) {
        const count = document.querySelectorAll(`[data-testid='${id}']`).length;
        if (count) problems.push(`${count} ${id}`);
    }
    for (const img of document.querySelectorAll("img")) {
        if (!(img.complete && img.naturalWidth > 0)) problems.push(`picture not loaded: ${img.src.slice(-60)}`);
    }
    // Charts and tables in a hidden tab are drawn only when their tab is opened.
    const undrawn = (selector, inner) => [...main.querySelectorAll(selector)]
        .filter((e) => e.checkVisibility() && !e.querySelector(inner));
    for (const chart of undrawn("[data-testid='stPlotlyChart']", ".main-svg")) problems.push("Plotly chart not drawn");
    for (const table of undrawn("[data-testid='stDataFrame']", "canvas")) problems.push("table not drawn");
    return problems;
}"""


def wait_until_drawn(page, timeout: float = 120_000) -> None:
    """Wait for the rerun to finish and for its pictures, charts and tables to be on screen."""
    wait_for_rerun(page, timeout)
    try:
        page.wait_for_function(f"() => ({_NOT_DRAWN_JS})().length === 0", timeout=timeout)
    except Exception as error:
        problems = page.evaluate(_NOT_DRAWN_JS)
        raise AssertionError(f"{page.url} was not fully drawn after {timeout / 1000:.0f} s: {problems}") from error


MAX_SCREENSHOT_HEIGHT = 6000


def save_full_page(page, path: Path) -> None:
    """The whole page (the main area scrolls, so grow the window to it), 1400 px wide, as a small palette PNG."""
    height = page.evaluate("() => document.querySelector(\"[data-testid='stMain']\").scrollHeight")
    page.set_viewport_size({"width": 1400, "height": max(1000, min(height, MAX_SCREENSHOT_HEIGHT))})
    wait_until_drawn(page)
    picture = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.quantize(colors=128, method=Image.Quantize.MEDIANCUT).save(path, optimize=True)
