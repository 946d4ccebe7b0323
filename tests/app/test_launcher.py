"""The launcher (`python -m serve`) serves the app with the intended settings and asks no outside service.

The server is started as Docker starts it (listening on every address, headless), with a probe
that records every outbound HTTP request Streamlit's network helper would make and, once the
server answers its health check, writes the settings the running server uses to a file.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from harness.server import NO_WARM_UP, ROOT, free_port

# Runs in the server's process: record outbound lookups, report settings once the server is up.
PROBE = """
import json, os, sys, threading, time, urllib.request
from streamlit import config, net_util
from streamlit.runtime.pages_manager import PagesManager
from streamlit.web import server
from serve import launcher

report_path, names, port = sys.argv[1], sys.argv[2].split(","), sys.argv[3]  # Streamlit rewrites sys.argv
lookups = []
net_util._make_blocking_http_get = lambda url, timeout=5: lookups.append(url)

def report():
    while True:  # until the server answers (its banner printed, its settings loaded)
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as answer:
                if answer.read() == b"ok":
                    break
        except OSError:
            time.sleep(0.2)
    # A page on another site opening a websocket here makes Streamlit check its own addresses.
    cross_origin_allowed = server.server_util.is_url_from_allowed_origins("http://elsewhere.example")
    settings = {name: config.get_option(name) for name in names}
    with open(report_path + ".part", "w") as out:
        json.dump({"settings": settings, "lookups": lookups, "cross_origin_allowed": cross_origin_allowed,
                   "server_address_set": config.is_manually_set("browser.serverAddress"),
                   "uses_pages_directory": PagesManager.uses_pages_directory}, out)
    os.replace(report_path + ".part", report_path)  # the test reads a whole file or none

threading.Thread(target=report, daemon=True).start()
launcher.main(sys.argv[4:])
"""
SETTINGS = {
    "server.enableXsrfProtection": True,
    "client.showErrorDetails": "none",
    "browser.gatherUsageStats": False,
    "server.headless": True,
    "server.maxUploadSize": 5,
    # Not a safety setting: a full collection after every run was most of a rerun's CPU.
    "runner.postScriptGC": False,
}


@pytest.fixture(scope="module")
def served(tmp_path_factory) -> dict:
    report = tmp_path_factory.mktemp("launcher") / "served.json"
    port = free_port()
    flags = ["--server.address=0.0.0.0", f"--server.port={port}", "--server.headless=true"]
    command = [sys.executable, "-c", PROBE, str(report), ",".join(SETTINGS), str(port), *flags]
    environment = {**os.environ, **NO_WARM_UP}
    process = subprocess.Popen(command, cwd=ROOT, env=environment, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while not report.exists() and process.poll() is None and time.monotonic() < deadline:
            time.sleep(0.2)
        if not report.exists():
            process.kill()
            pytest.fail(f"the launcher did not start: {process.communicate()[0].decode(errors='replace')[-3000:]}")
        return json.loads(report.read_text())
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


def test_the_served_settings_are_the_intended_ones(served):
    assert served["settings"] == SETTINGS


def test_the_server_never_asks_an_outside_service_for_its_address(served):
    assert served["server_address_set"], "browser.serverAddress keeps the banner from looking up the external IP"
    assert served["lookups"] == []
    assert served["cross_origin_allowed"] is False


def test_the_launcher_turns_off_the_legacy_pages_navigation(served):
    assert served["uses_pages_directory"] is False


def test_streamlit_still_declares_the_flag_the_launcher_sets():
    # Cheap early warning; the browser test of a first visit (tests/e2e) is the real check.
    from streamlit.runtime.pages_manager import PagesManager

    from serve.launcher import PAGES_FLAG

    assert PAGES_FLAG in PagesManager.__annotations__
