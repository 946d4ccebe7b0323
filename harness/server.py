"""Start the real app on a free port: for the browser tests, the AppTest-free session tests, benchmarks and scripts.

Nothing here is a test. `AppServer` runs the app's launcher (`python -m serve`, which
calls `streamlit run app.py`) on a free port and waits for its health check; `App` is a
running server with what it should show.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from serve.launcher import WARM_UP_ENV

ROOT = Path(__file__).resolve().parents[1]
# For a server a test starts for itself: the warm-up (serve/warm_up.py) would take a core for ~10 s of a
# short test; the session's shared server warms up as a real one does.
NO_WARM_UP = {WARM_UP_ENV: "0"}
# Slow, shared machines: generous limits, and every wait is for something specific.
STARTUP_TIMEOUT_MS = 240_000  # the first session of a server loads every model


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class AppServer:
    """`python -m serve` (the app's launcher) on a free port, its output in a log file; `stop()` ends only it."""

    def __init__(self, startup_timeout: float = 120.0, env: dict[str, str] | None = None) -> None:
        self.port = free_port()
        self.extra_env = dict(env or {})  # e.g. the Redis a class shares with other servers
        self.url = f"http://127.0.0.1:{self.port}"
        self.startup_timeout = startup_timeout
        self.log_path = Path(tempfile.mkstemp(prefix="autoencoder-lab-", suffix=".log")[1])
        self.process: subprocess.Popen | None = None
        self.started_at = 0.0

    def start(self) -> AppServer:
        command = [
            sys.executable,
            "-m",
            "serve",
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
        env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "2"), **self.extra_env}
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

    def kill(self) -> None:
        """End the server at once, as a crash would (the class test's server lost mid-class)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

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
