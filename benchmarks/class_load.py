"""A class at full tilt: one teacher's screen and 30, 60 or 120 students each sending a digit every
10 s, through Streamlit's protocol (no browser), on one server and on two sharing Redis.

    MNIST_NPZ=../shared/data/mnist.npz MALLOC_ARENA_MAX=2 .venv/bin/python -m benchmarks.class_load
    ... -m benchmarks.class_load --students 30,60 --seconds 60 --every 10 --setups one,two-redis

The teacher's screen is a harness.session_client.SessionClient that does what the Class page's
browser does: it opens /class and presses Start a class. Each student opens the class link (the
student page, `--screen page`, the default: the page and its script, then JSON over HTTP, as
serve/student/page.js does) or Streamlit's student screen (`--screen streamlit`, /class?join=, a
SessionClient), then every `--every` seconds (each at its own phase) draws a digit (a recorded
stroke set), picks the digit meant and presses Send. Every screen also polls the
board's version over HTTP on its watcher's timer (the teacher's twice a second, a student's every
three seconds; ui/components/room_watch.js) and reruns its page when the version changed, as a
browser does, so the servers pay for polling and redrawing as they would in a class.

Reported per setup and class size: digits acknowledged (Send's run showed "Sent"), refused (with
the first reason), and lost (acknowledged but never counted on the teacher's screen: must be 0);
Send → the teacher's screen p50/p95 (from the moment Send was pressed to the end of the teacher's
run that first counts it); how long a Send takes to be acknowledged (p50/p95); the servers' CPU
per digit (all of their CPU during the phase, polling included, divided by the digits) and in
cores, and the clients' own cores (this process). One server runs on the first CPU alone; of two,
the second (and Redis) shares the next CPU with the clients, a 2-CPU machine having no third.
Prints Markdown tables; asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import ExitStack
from dataclasses import dataclass, field

from benchmarks.processes import cpu_seconds
from benchmarks.serving import describe, load_average, percentile
from harness.redis_server import RedisServer
from harness.server import AppServer
from harness.session_client import SessionClient
from harness.stroke_sets import pad_message
from rooms import classroom
from rooms.configured import REDIS_URL_ENV
from serve import student_page
from ui.classroom.board_view import STUDENT_WATCH_SECONDS
from ui.components.drawing_pad import PAD_KEY
from ui.components.room_watch import COMPONENT_KEY as WATCH_KEY
from ui.page_table import CLASS, STUDENT_PAGE_PATH
from ui.state.keys import CLASS_MEANT

RECEIVED = re.compile(r"\((\d+) received\)")
JOIN = re.compile(r"(?:join=|" + STUDENT_PAGE_PATH + r"/)([a-z0-9]{10})")
STARTUP_SECONDS = 240
STRAGGLER_SECONDS = 60  # after the last Send, how long a digit may take to reach the teacher before it counts as lost


@dataclass
class Phase:
    setup: str
    students: int
    sends: list[float] = field(default_factory=list)  # when each acknowledged Send was pressed
    acknowledge: list[float] = field(default_factory=list)  # seconds from Send to its "Sent"
    refused: list[str] = field(default_factory=list)
    arrivals: list[float] = field(default_factory=list)  # when the teacher's screen first counted digit k
    errors: list[str] = field(default_factory=list)
    cpu: float = 0.0
    client_cpu: float = 0.0
    wall: float = 0.0


def received(client: SessionClient) -> int | None:
    for text in client.texts:
        if found := RECEIVED.search(text):
            return int(found.group(1))
    return None


def _get_json(url: str) -> dict:
    """GET `url`'s JSON, refusals' too (404: class gone, 503: store away)."""
    return json.loads(_fetch(url)[1])


async def watch(client: SessionClient, url: str) -> float:
    """Ask for the board's version as the page's watcher does, rerun the page if it changed; the
    seconds until the watcher asks again."""
    data = client.component_data(WATCH_KEY)
    query = f"?student={data['student']}" if data.get("student") else ""
    answer = await asyncio.to_thread(_get_json, f"{url}{data['url']}{query}")
    if answer.get("version") != data.get("version"):
        await client.trigger(WATCH_KEY, "changed", answer.get("version"))
    return data["everyMs"] / 1000


async def start_class(url: str) -> tuple[SessionClient, str]:
    teacher = SessionClient(url)
    await teacher.open(CLASS.url_path, "big=1")
    await teacher.click("class_start")
    code = next((found.group(1) for text in teacher.texts if (found := JOIN.search(text))), None)
    if code is None:
        raise RuntimeError(f"no class code on the teacher's screen: {teacher.texts[:3]}")
    return teacher, code


async def teacher_loop(teacher: SessionClient, url: str, phase: Phase, stop: asyncio.Event) -> None:
    counted = received(teacher) or 0
    while not stop.is_set():
        pause = await watch(teacher, url)
        now, count = time.perf_counter(), received(teacher)
        if count is not None and count > counted:
            phase.arrivals += [now] * (count - counted)
            counted = count
        await asyncio.sleep(pause)


async def student_loop(url: str, code: str, number: int, every: float, seconds: float, phase: Phase) -> None:
    client = SessionClient(url)
    pauses = random.Random(number)
    try:
        await asyncio.sleep(pauses.uniform(0, every))  # students do not start in step
        await client.open(CLASS.url_path, f"join={code}")
        sent = 0
        deadline = time.monotonic() + seconds
        next_send = time.monotonic() + pauses.uniform(0, every)
        while time.monotonic() < deadline:
            if time.monotonic() >= next_send:
                next_send += every
                # A new drawing each time (the same one twice is on the board once: student.py).
                await client.set_component_state(PAD_KEY, {"drawing": pad_message(number + sent)})
                sent += 1
                await client.set_values(CLASS_MEANT, string_value=str(number % 10))  # the radio: its option
                pressed = time.perf_counter()
                await client.click("class_send")
                answer = " ".join(client.texts)
                if "Sent:" in answer:
                    phase.sends.append(pressed)
                    phase.acknowledge.append(time.perf_counter() - pressed)
                else:
                    phase.refused.append(next((t for t in client.texts if "digit" in t.lower()), answer)[:120])
            await asyncio.sleep(await watch(client, url))
    except Exception as error:  # a failed student is a result, reported with its first error
        phase.errors.append(describe(error))
    finally:
        await client.close()


def _fetch(url: str, fields: dict | None = None) -> tuple[int, bytes]:
    """GET `url`, or POST `fields` as JSON to it: the status and the body."""
    body = None if fields is None else json.dumps(fields).encode()
    request = urllib.request.Request(url, data=body, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:  # refusals answer in JSON too
        return error.code, error.read()


async def student_page_loop(url: str, code: str, number: int, every: float, seconds: float, phase: Phase) -> None:
    """A student on the class link's page (serve/student_page.py), as its script does: the page and
    its script once, join, then every 3 s ask for the board's version and, when it changed, the
    board's words, the student's map and the latest digits; Send every `every` seconds."""
    pauses = random.Random(number)
    api = f"{url}{classroom.CLASS_API_PATH}/{code}"
    try:
        await asyncio.sleep(pauses.uniform(0, every))
        for address in (f"{url}{STUDENT_PAGE_PATH}/{code}", f"{url}{student_page.script_url()}"):
            status, _body = await asyncio.to_thread(_fetch, address)
            if status != 200:
                raise RuntimeError(f"{address} answered {status}")
        status, body = await asyncio.to_thread(_fetch, f"{api}/students", {})
        student = json.loads(body)["student"]
        sent, shown = 0, None
        deadline = time.monotonic() + seconds
        next_send, next_poll = time.monotonic() + pauses.uniform(0, every), time.monotonic()
        while time.monotonic() < deadline:
            if time.monotonic() >= next_send:
                next_send += every
                digit = pad_message(number + sent)["digit"]  # a new drawing each time, as a student would
                sent += 1
                pressed = time.perf_counter()
                fields = {"student": student, "name": f"S{number}", "meant": number % 10, "pixels": digit}
                status, body = await asyncio.to_thread(_fetch, f"{api}/digits", fields)
                if status == 200:
                    phase.sends.append(pressed)
                    phase.acknowledge.append(time.perf_counter() - pressed)
                else:
                    phase.refused.append(json.loads(body).get("error", str(status))[:120])
            if time.monotonic() >= next_poll:
                next_poll += STUDENT_WATCH_SECONDS  # as the page's script
                _status, body = await asyncio.to_thread(_fetch, f"{api}/version?student={student}")
                version = json.loads(body).get("version")
                if version != shown:
                    shown = version
                    for what in (f"board?student={student}", f"map.png?student={student}&v={version}",
                                 f"latest.png?v={version}"):  # fmt: skip
                        await asyncio.to_thread(_fetch, f"{api}/{what}")
            await asyncio.sleep(max(0.05, min(next_send, next_poll) - time.monotonic()))
    except Exception as error:  # a failed student is a result, reported with its first error
        phase.errors.append(describe(error))


def start_servers(setup: str, stack: ExitStack) -> list[AppServer]:
    """One server on the first CPU, or two (the second, and Redis, on the next CPU, beside the
    clients: a 2-CPU machine has no third); the clients on the CPUs after the first."""
    cpus = sorted(os.sched_getaffinity(0))
    count = 2 if setup == "two-redis" else 1

    def pin(number: int) -> None:  # what this process starts next inherits it
        if len(cpus) > 1:
            os.sched_setaffinity(0, [cpus[min(number, len(cpus) - 1)]])

    env, servers = {}, []
    try:
        if count == 2:
            pin(1)
            env[REDIS_URL_ENV] = stack.enter_context(RedisServer()).url
        for number in range(count):
            pin(number)
            server = AppServer(STARTUP_SECONDS, env=env)
            stack.callback(server.stop)
            servers.append(server.start())
    finally:
        os.sched_setaffinity(0, cpus[1:] or cpus)
    return servers


async def run_phase(setup: str, students: int, seconds: float, every: float, screen: str) -> Phase:
    phase = Phase(setup, students)
    with ExitStack() as stack:
        servers = start_servers(setup, stack)
        pids = [server.process.pid for server in servers]
        warm, code = await start_class(servers[0].url)  # the first class on a server computes what all share
        teacher, code = await start_class(servers[0].url)
        await warm.close()
        stop = asyncio.Event()
        watching = asyncio.create_task(teacher_loop(teacher, servers[0].url, phase, stop))
        cpu_before, started = sum(cpu_seconds(pid) for pid in pids), time.perf_counter()
        client_before = cpu_seconds(os.getpid())
        loop = student_page_loop if screen == "page" else student_loop
        await asyncio.gather(
            *(
                loop(servers[number % len(servers)].url, code, number, every, seconds, phase)
                for number in range(students)
            )
        )
        # The last digits' way to the teacher's screen: wait until its count has not moved for 5 s
        # (at most a minute); what never arrives is lost.
        settled, last, sent = time.monotonic(), len(phase.arrivals), time.monotonic()
        while time.monotonic() - settled < 5 and time.monotonic() - sent < STRAGGLER_SECONDS:
            await asyncio.sleep(0.5)
            if len(phase.arrivals) != last:
                settled, last = time.monotonic(), len(phase.arrivals)
        stop.set()
        await watching
        phase.wall = time.perf_counter() - started
        phase.cpu = sum(cpu_seconds(pid) for pid in pids) - cpu_before
        phase.client_cpu = cpu_seconds(os.getpid()) - client_before
        await teacher.close()
    return phase


def print_table(phases: list[Phase], every: float) -> None:
    print(f"\n| setup | students (a digit every {every:g} s) | acknowledged | refused | lost | "
          "Send → teacher p50 / p95 | Send acknowledged p50 / p95 | server CPU per digit | server cores | "
          "clients' cores |")  # fmt: skip
    print("|---|---|---|---|---|---|---|---|---|---|")
    for phase in phases:
        sends = sorted(phase.sends)
        delays = [arrival - sent for sent, arrival in zip(sends, phase.arrivals, strict=False)]
        lost = len(sends) - len(phase.arrivals)
        refused = f"{len(phase.refused)}" + (f" ({phase.refused[0]})" if phase.refused else "")
        print(
            f"| {phase.setup} | {phase.students} | {len(sends)} | {refused} | {lost} | "
            f"{percentile(delays, 50) * 1000:.0f} / {percentile(delays, 95) * 1000:.0f} ms | "
            f"{percentile(phase.acknowledge, 50) * 1000:.0f} / {percentile(phase.acknowledge, 95) * 1000:.0f} ms | "
            f"{phase.cpu / max(1, len(sends)) * 1000:.0f} ms | {phase.cpu / phase.wall:.2f} | "
            f"{phase.client_cpu / phase.wall:.2f} |"
        )
        for error in sorted(set(phase.errors))[:3]:
            print(f"  failed students: {phase.errors.count(error)} × {error}")


async def main_async(args) -> None:
    # Every simulated screen makes blocking HTTP calls in a thread: enough threads that none waits for
    # another's (asyncio's default pool has cores + 4, which queued 120 students in the client).
    asyncio.get_running_loop().set_default_executor(ThreadPoolExecutor(max_workers=max(args.students) + 16))
    print(f"Load average before: {load_average()} on {os.cpu_count()} CPUs; students on the {args.screen} screen")
    phases = []
    for setup in args.setups:
        for students in args.students:
            phase = await run_phase(setup, students, args.seconds, args.every, args.screen)
            phases.append(phase)
            print(f"  {setup}, {students} students: {len(phase.sends)} digits in {phase.wall:.0f} s", flush=True)
    print_table(phases, args.every)
    print(f"\nLoad average after: {load_average()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", default="30,60,120", help="comma-separated class sizes")
    parser.add_argument("--seconds", type=float, default=60.0, help="how long each student keeps sending")
    parser.add_argument("--every", type=float, default=10.0, help="seconds between one student's digits")
    parser.add_argument("--setups", default="one,two-redis", help="one (embedded store) and/or two-redis")
    parser.add_argument(
        "--screen",
        choices=("page", "streamlit"),
        default="page",
        help="the students' screen: the class link's page (what a class opens), or Streamlit's /class?join=",
    )
    args = parser.parse_args()
    args.students = [int(n) for n in args.students.split(",") if n]
    args.setups = [s for s in args.setups.split(",") if s]
    asyncio.run(main_async(args))


if __name__ == "__main__":
    main()
