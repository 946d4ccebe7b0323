"""nginx in front of several app servers on loopback, from the same template compose uses.

    with Balancer([server_a.port, server_b.port]) as balancer:
        page.goto(balancer.url + "/class")

`deploy/nginx.conf.template` is filled in as the official image would (its ${...} names), inside
a small main configuration that keeps every file nginx writes in a temporary folder, so it runs
without root. `scripts/install_servers.sh` puts Debian's nginx on the machine.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path
from string import Template

from harness.server import ROOT, free_port

TEMPLATE = ROOT / "deploy" / "nginx.conf.template"
MAIN_CONFIG = """daemon off;
worker_processes 1;
pid $folder/nginx.pid;
error_log $folder/error.log warn;
events { worker_connections 256; }
http {
    access_log off;
    client_body_temp_path $folder/body;
    proxy_temp_path $folder/proxy;
    fastcgi_temp_path $folder/fastcgi;
    uwsgi_temp_path $folder/uwsgi;
    scgi_temp_path $folder/scgi;
    include $folder/site.conf;
}
"""


def nginx_binary() -> str:
    found = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(found).exists():
        raise RuntimeError("no nginx on this machine: run scripts/install_servers.sh (Debian's nginx-light)")
    return found


def site_config(app_ports: list[int], listen_port: int) -> str:
    """The template as the official image fills it in: only the ${...} names, nginx's $names kept."""
    servers = " ".join(f"server 127.0.0.1:{port};" for port in app_ports)
    text = TEMPLATE.read_text()
    return text.replace("${APP_SERVERS}", servers).replace("${LISTEN_PORT}", f"127.0.0.1:{listen_port}")


class Balancer:
    def __init__(self, app_ports: list[int]) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.folder = Path(tempfile.mkdtemp(prefix="autoencoder-lab-nginx-"))
        (self.folder / "site.conf").write_text(site_config(app_ports, self.port))
        (self.folder / "nginx.conf").write_text(Template(MAIN_CONFIG).substitute(folder=self.folder))
        self.process: subprocess.Popen | None = None

    def check(self) -> None:
        """`nginx -t`: the configuration is valid (raises with nginx's words if not)."""
        answer = subprocess.run(
            [nginx_binary(), "-t", "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")],
            capture_output=True,
            text=True,
        )
        if answer.returncode != 0:
            raise RuntimeError(f"nginx refused its configuration:\n{answer.stderr}")

    def start(self) -> Balancer:
        self.check()
        command = [nginx_binary(), "-p", str(self.folder), "-c", str(self.folder / "nginx.conf")]
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{self.url}/_stcore/health", timeout=5) as answer:
                    if answer.read().decode().strip() == "ok":
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.1)
        raise RuntimeError(f"nginx did not pass requests on within 20 s: {(self.folder / 'error.log').read_text()}")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)

    def __enter__(self) -> Balancer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
