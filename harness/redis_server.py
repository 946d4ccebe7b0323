"""A real `redis-server` on a free loopback port, for the class tests and the class benchmark.

    with RedisServer() as server:          # started, answering PING
        store = RedisRoomStore.from_url(server.url)
        server.restart()                    # the same data folder: what was saved comes back

It runs in a temporary folder with append-only persistence on (as compose's `scale` profile
runs it), so a restart keeps every write Redis acknowledged: SIGTERM makes Redis write its file
before it exits (only a crash of the machine could lose the last second). `scripts/install_servers.sh` puts
Debian's redis-server on the machine; without it, starting says so.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
from pathlib import Path

import redis

from harness.server import free_port

STARTUP_SECONDS = 20


def redis_binary() -> str:
    found = shutil.which("redis-server") or "/usr/bin/redis-server"
    if not Path(found).exists():
        raise RuntimeError("no redis-server on this machine: run scripts/install_servers.sh (Debian's redis-server)")
    return found


class RedisServer:
    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.folder = Path(tempfile.mkdtemp(prefix="autoencoder-lab-redis-"))
        self.process: subprocess.Popen | None = None

    def start(self) -> RedisServer:
        command = [
            redis_binary(),
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.folder),
            "--appendonly", "yes",
            "--appendfsync", "everysec",  # as compose runs it: a restart (SIGTERM) writes everything first
            "--save", "",
            "--daemonize", "no",
        ]  # fmt: skip
        log = (self.folder / "redis.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
        client = redis.Redis(host="127.0.0.1", port=self.port, socket_connect_timeout=1)
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"redis-server exited: {(self.folder / 'redis.log').read_text(errors='replace')}")
            try:
                if client.ping():
                    return self
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)
        raise RuntimeError(f"redis-server did not answer on port {self.port} within {STARTUP_SECONDS} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def restart(self) -> None:
        self.stop()
        self.start()

    def __enter__(self) -> RedisServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)
