"""What one server process costs: memory after each page, and the wait for Home after a cold start.

Starts the app, opens it in Chromium (Playwright) and visits every page in turn, reading the
server's resident memory (VmRSS in /proc/<pid>/status) after the start, after Home and
after each further page, and timing the cold start (launch -> health check ok -> Home drawn).
It does this for two versions of the app in one run:

- baseline: the TensorFlow path, i.e. the code at `--baseline-ref` (default: the last commit
  that served with TensorFlow), checked out into a temporary `git worktree` and run with the
  same Python and the same weights;
- lean: this working tree, which serves from NumPy and h5py alone.

Each is started `--runs` times (alternating) and the table prints medians with the budgets
(RSS <= 300 MB after every page, cold start -> Home drawn <= 3 s) and the ratio lean / baseline.
Both run with MALLOC_ARENA_MAX=2, as `make run` and the Docker images serve
(`--malloc-arena-max 0` leaves glibc's default, about 50 MB more after every page).

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m benchmarks.server --runs 3
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

from benchmarks.processes import rss_mb
from harness.browser import launch_chromium, wait_until_drawn
from harness.server import STARTUP_TIMEOUT_MS, AppServer

ROOT = Path(__file__).resolve().parents[1]
# The last commit whose server imported TensorFlow and built Keras models.
BASELINE_REF = "19e9b13"
PAGES = ["Home", "Reconstruct", "Denoise", "Code explorer", "Models"]
RSS_BUDGET_MB = 300
HOME_BUDGET_S = 3.0


class ServerAt(AppServer):
    """The harness's server, run from another checkout of the project."""

    def __init__(self, root: Path, environment: dict[str, str]) -> None:
        super().__init__(startup_timeout=STARTUP_TIMEOUT_MS / 1000)
        self.root = root
        self.environment = environment

    def start(self) -> ServerAt:
        command = [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.port", str(self.port), "--server.address", "127.0.0.1",
            "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none",
        ]  # fmt: skip
        self.started_at = time.perf_counter()
        with self.log_path.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.root, env=self.environment, stdout=log, stderr=subprocess.STDOUT
            )
        self.wait_until_healthy()
        return self


def loads_tensorflow(pid: int) -> bool:
    """Whether TensorFlow's shared library is mapped into the process."""
    return "libtensorflow" in Path(f"/proc/{pid}/maps").read_text()


def measure_once(browser, root: Path, environment: dict[str, str]) -> dict:
    """One cold start of the server in `root` and one visit of every page."""
    server = ServerAt(root, environment)
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    try:
        server.start()
        pid = server.process.pid
        result = {"healthy_s": time.perf_counter() - server.started_at, "rss": {"start": rss_mb(pid)}}
        visited = time.perf_counter()
        page.goto(server.url + "/")
        page.get_by_test_id("stDataFrame").wait_for(state="visible", timeout=STARTUP_TIMEOUT_MS)
        wait_until_drawn(page, STARTUP_TIMEOUT_MS)
        result["home_after_launch_s"] = time.perf_counter() - server.started_at
        result["home_after_visit_s"] = time.perf_counter() - visited
        result["rss"]["Home"] = rss_mb(pid)
        for name in PAGES[1:]:
            page.get_by_test_id("stSidebarNav").get_by_role("link", name=name, exact=True).click()
            page.get_by_role("heading", name=name).first.wait_for(timeout=STARTUP_TIMEOUT_MS)
            wait_until_drawn(page, STARTUP_TIMEOUT_MS)
            result["rss"][name] = rss_mb(pid)
        result["tensorflow"] = loads_tensorflow(pid)
        return result
    finally:
        page.close()
        server.stop()


def baseline_checkout(ref: str) -> Path:
    folder = Path(tempfile.mkdtemp(prefix="autoencoder-lab-baseline-"))
    subprocess.run(["git", "worktree", "add", "--detach", str(folder), ref], cwd=ROOT, check=True, capture_output=True)
    return folder


def remove_checkout(folder: Path) -> None:
    subprocess.run(["git", "worktree", "remove", "--force", str(folder)], cwd=ROOT, check=False, capture_output=True)


def median(runs: list[dict], pick) -> float:
    return statistics.median(pick(run) for run in runs)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.server", description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="cold starts of each version (default 3)")
    parser.add_argument("--baseline-ref", default=BASELINE_REF, help="git ref of the TensorFlow baseline")
    parser.add_argument(
        "--malloc-arena-max",
        type=int,
        default=2,
        help="MALLOC_ARENA_MAX for both servers, as served (0: glibc's default)",
    )
    args = parser.parse_args(argv)
    environment = {key: value for key, value in os.environ.items() if key != "MALLOC_ARENA_MAX"}
    if args.malloc_arena_max:
        environment["MALLOC_ARENA_MAX"] = str(args.malloc_arena_max)

    baseline_root = baseline_checkout(args.baseline_ref)
    runs: dict[str, list[dict]] = {"baseline": [], "lean": []}
    load_before = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    try:
        with sync_playwright() as playwright:
            browser, which = launch_chromium(playwright)
            for _ in range(args.runs):
                runs["baseline"].append(measure_once(browser, baseline_root, environment))
                runs["lean"].append(measure_once(browser, ROOT, environment))
            browser.close()
    finally:
        remove_checkout(baseline_root)

    load_after = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(
        f"Browser: {which}. {os.cpu_count()} CPUs, load average (1, 5, 15 min) {load_before} before, "
        f"{load_after} after. Baseline: the TensorFlow path at {args.baseline_ref} (a temporary git worktree); "
        f"lean: this working tree. Medians of {args.runs} cold starts each.\n"
    )
    print("| measure | baseline (TensorFlow) | lean (NumPy) | lean / baseline | budget |")
    print("|---|---|---|---|---|")
    failures = 0
    for step in ["start", *PAGES]:
        base, lean = (median(runs[name], lambda run, s=step: run["rss"][s]) for name in ("baseline", "lean"))
        label = "server RSS after start" if step == "start" else f"server RSS after {step}"
        verdict = ""
        if step != "start":
            passed = lean <= RSS_BUDGET_MB
            failures += not passed
            verdict = f"≤ {RSS_BUDGET_MB} MB: {'PASS' if passed else 'FAIL'}"
        print(f"| {label} | {base:.0f} MB | {lean:.0f} MB | {lean / base:.2f} | {verdict} |")
    timings = [
        ("launch → health check ok", "healthy_s", None),
        ("first visit → Home drawn", "home_after_visit_s", HOME_BUDGET_S),
        ("launch → Home drawn (cold start)", "home_after_launch_s", HOME_BUDGET_S),
    ]
    for label, field, budget in timings:
        base, lean = (median(runs[name], lambda run, f=field: run[f]) for name in ("baseline", "lean"))
        verdict = ""
        if budget:
            passed = lean <= budget
            failures += not passed
            verdict = f"≤ {budget:.0f} s: {'PASS' if passed else 'FAIL'}"
        print(f"| {label} | {base:.2f} s | {lean:.2f} s | {lean / base:.2f} | {verdict} |")
    tensorflow = {name: any(run["tensorflow"] for run in runs[name]) for name in runs}
    print(
        f"| TensorFlow mapped into the server | {'yes' if tensorflow['baseline'] else 'no'} "
        f"| {'yes' if tensorflow['lean'] else 'no'} | | no |"
    )
    print(
        "\nEvery lean measure within budget."
        if not failures and not tensorflow["lean"]
        else f"\n{failures} measure(s) over budget."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
