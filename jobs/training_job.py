"""The one training job a server runs at a time: checking a request, starting, following, stopping it.

The job is `python -m training --run-dir <run>` in a process (and session) of its own, so
the server never imports TensorFlow and the job outlives the page (and the server) that
started it. `<runs>/job.json` is the lock: who trains which variant since when, until when
(ETA), and the trainer's pid. It is created with a hard link, which fails if the file exists,
so two sessions pressing Start at once cannot both win. A lock whose pid is gone is stale
and is cleared by whoever looks next. No TensorFlow and no Streamlit here. The sentences for the
page (refusals, who is training) are in the language of the session that asks (i18n); what the
lock and the run folders keep is data.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from digits.data import MNIST_TRAIN_SIZE
from i18n import _, number
from jobs import runs
from models.registry import VARIANTS

TRAINING_ENV = "AUTOENCODER_LAB_TRAINING"
LOCK_FILE = "job.json"
STOP_TIMEOUT = 5.0  # seconds a trainer gets to end cleanly after SIGTERM before it is killed
# During the final test every epoch is done and the trainer ignores SIGTERM until the weights are
# written: killing it then would throw a finished run away, so Stop waits (the test takes seconds).
FINAL_TEST_TIMEOUT = 180.0
STARTING_GRACE = 60.0  # a lock without a pid yet is someone's start in progress for this long
ROOT = Path(__file__).resolve().parent.parent
SESSION_PREFIX = "session "  # how the Train page names a job's owner in the lock (ui/train/job_panel.py)


class JobBusy(RuntimeError):
    """Another job holds the lock; the message says who trains what until when."""


@dataclass(frozen=True)
class TrainingRequest:
    """What the Train page asks for."""

    variant: str
    epochs: int
    batch_size: int
    learning_rate: float
    subset: int
    noise_factor: float | None = None


def training_enabled() -> bool:
    """False when `AUTOENCODER_LAB_TRAINING` is off (or 0, false, no): public servers leave training out."""
    return os.environ.get(TRAINING_ENV, "on").strip().lower() not in {"off", "0", "false", "no"}


def validate(request: TrainingRequest) -> list[str]:
    """A sentence for every value that cannot be trained with; empty when the request is fine."""
    problems = []
    if request.variant not in VARIANTS:
        problems.append(_("Unknown variant {variant}.").format(variant=repr(request.variant)))
    if not 1 <= request.epochs <= 1000:
        problems.append(_("Epochs must be between 1 and 1,000."))
    if not 64 <= request.subset <= MNIST_TRAIN_SIZE:
        message = _("The training subset must be between 64 and {count} digits.")
        problems.append(message.format(count=number(MNIST_TRAIN_SIZE, "#,##0")))
    # A tenth of the subset is kept for validation; a batch must fit in what is left.
    if request.batch_size < 1:
        problems.append(_("The batch size must be at least 1."))
    elif request.batch_size > request.subset - request.subset // 10:
        message = _(
            "The batch size ({batch}) is larger than the digits it trains on "
            "({trained} of the {subset}, after validation)."
        )
        trained = request.subset - request.subset // 10
        problems.append(message.format(batch=request.batch_size, trained=trained, subset=request.subset))
    if not 0 < request.learning_rate <= 1:
        problems.append(_("The learning rate must be above 0 and at most 1."))
    if request.noise_factor is not None and not 0 <= request.noise_factor <= 2:
        problems.append(_("The noise factor must be between 0 and 2."))
    return problems


def command(request: TrainingRequest, run_dir: Path, steps_per_execution: int | None = None) -> list[str]:
    """The trainer's command line for a request."""
    arguments = [
        sys.executable,
        "-m",
        "training",
        "--variant",
        request.variant,
        "--run-dir",
        str(run_dir),
        "--epochs",
        str(request.epochs),
        "--batch-size",
        str(request.batch_size),
        "--learning-rate",
        repr(request.learning_rate),
        "--subset",
        str(request.subset),
    ]
    if request.noise_factor is not None:
        arguments += ["--noise-factor", repr(request.noise_factor)]
    if steps_per_execution:
        arguments += ["--steps-per-execution", str(steps_per_execution)]
    return arguments


def lock_path(root: Path) -> Path:
    return Path(root) / LOCK_FILE


def current_job(root: Path | None = None) -> dict | None:
    """The running job's lock record, or None; a stale lock is cleared (and its run marked stopped)."""
    root = Path(root or runs.runs_dir())
    record = runs.read_json(lock_path(root))
    if not record:
        return None
    if record.get("pid") is None and time.time() - record.get("started", 0) < STARTING_GRACE:
        return record  # a start in progress
    if runs.pid_alive(record.get("pid")):
        return record
    lock_path(root).unlink(missing_ok=True)
    run = runs.read_run(Path(record.get("run_dir", root / "missing")))
    if run.folder.is_dir() and run.status in runs.ACTIVE:
        runs.mark_stopped(run, "the training process was gone")
    return None


def seconds_left(progress: dict, estimate_seconds: float | None, started: float, now: float | None = None):
    """The time a job has left now, or None when nothing says: the trainer's figure from its last
    epoch, counted down since it was written, so the page's estimate moves between epochs; before
    the first epoch, the page's own estimate counted down from the start."""
    now = time.time() if now is None else now
    if progress.get("eta_seconds") is not None:
        return max(0.0, progress["eta_seconds"] - (now - progress.get("updated", now)))
    if estimate_seconds is not None:
        return max(0.0, estimate_seconds - (now - started))
    return None


def owner_text(owner: str | None) -> str:
    """Who started a job, as the page names them: the lock keeps "session <id>" (data, compared with
    the asking session's label), the reader sees it in their language."""
    if not owner:
        return _("someone")
    if owner.startswith(SESSION_PREFIX):
        return _("session {id}").format(id=owner[len(SESSION_PREFIX) :])
    return owner


def busy_message(record: dict) -> str:
    """Who trains what until when, for a refused Start."""
    progress = runs.read_json(Path(record.get("run_dir", "")) / runs.PROGRESS_FILE)
    eta = seconds_left(progress, record.get("estimate_seconds"), record.get("started", time.time()))
    since = time.strftime("%H:%M:%S", time.localtime(record.get("started", time.time())))
    owner, variant = owner_text(record.get("owner")), record.get("variant")
    if eta:
        until = time.strftime("%H:%M:%S", time.localtime(time.time() + eta))
        message = _(
            "Another session ({owner}) is training **{variant}** since {since}, until about {until}. "
            "One job runs at a time on this server; try again when it has finished."
        )
        return message.format(owner=owner, variant=variant, since=since, until=until)
    message = _(
        "Another session ({owner}) is training **{variant}** since {since}, for a while. "
        "One job runs at a time on this server; try again when it has finished."
    )
    return message.format(owner=owner, variant=variant, since=since)


def _take_lock(root: Path, record: dict) -> None:
    """Create the lock file with `record` in it, atomically; JobBusy if someone holds it."""
    for _attempt in range(2):
        handle, temporary = tempfile.mkstemp(dir=root, prefix=".job.", suffix=".tmp")
        with os.fdopen(handle, "w") as stream:
            json.dump(record, stream)
        try:
            os.link(temporary, lock_path(root))
            return
        except FileExistsError:
            holder = current_job(root)  # clears a stale lock, so the second try can win
            if holder is not None:
                raise JobBusy(busy_message(holder)) from None
        finally:
            os.unlink(temporary)
    raise JobBusy(_("Another Start is happening right now; try again in a moment."))


def start_job(
    request: TrainingRequest,
    owner: str,
    estimate_seconds: float | None = None,
    steps_per_execution: int | None = None,
    root: Path | None = None,
) -> Path:
    """Start the trainer for `request` in a new run folder; returns the folder. Raises JobBusy."""
    root = Path(root or runs.runs_dir())
    root.mkdir(parents=True, exist_ok=True)
    name = f"{time.strftime('%Y%m%d-%H%M%S')}-{request.variant}-{os.urandom(2).hex()}"
    run_dir = root / name
    record = {
        "variant": request.variant,
        "owner": owner,
        "started": time.time(),
        "run_dir": str(run_dir),
        "estimate_seconds": estimate_seconds,
        "pid": None,
    }
    _take_lock(root, record)
    try:
        run_dir.mkdir()
        arguments = command(request, run_dir, steps_per_execution)
        with open(run_dir / runs.LOG_FILE, "wb") as log:
            # A session of its own: the job outlives the page and is not hit by the server's Ctrl-C.
            process = subprocess.Popen(
                arguments,
                cwd=ROOT,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
            )
        runs.write_json(
            run_dir / runs.REQUEST_FILE, {**asdict(request), **record, "pid": process.pid, "command": arguments}
        )
        runs.write_json(lock_path(root), {**record, "pid": process.pid})
    except BaseException:
        lock_path(root).unlink(missing_ok=True)
        shutil.rmtree(run_dir, ignore_errors=True)
        raise
    return run_dir


def stop_job(root: Path | None = None, timeout: float = STOP_TIMEOUT) -> float | None:
    """Ask the trainer to stop (SIGTERM), wait up to `timeout` s (the final test's length during
    it), then kill it; seconds taken, or None."""
    root = Path(root or runs.runs_dir())
    record = current_job(root)
    if record is None or not record.get("pid"):
        return None
    pid, started = record["pid"], time.perf_counter()
    if runs.read_run(Path(record.get("run_dir", root / "missing"))).progress.get("phase") == "testing":
        timeout = max(timeout, FINAL_TEST_TIMEOUT)
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    while runs.pid_alive(pid) and time.perf_counter() - started < timeout:
        time.sleep(0.05)
    if runs.pid_alive(pid):  # it had its chance; the last finished epoch is in the checkpoint anyway
        os.killpg(pid, signal.SIGKILL)
        while runs.pid_alive(pid):
            time.sleep(0.05)
    current_job(root)  # clears the lock and marks the run stopped if the trainer could not
    return time.perf_counter() - started


def training_device() -> str:
    """Which device a job will train on, found without TensorFlow: an NVIDIA GPU's name, else the CPU."""
    if shutil.which("nvidia-smi"):
        try:
            names = subprocess.run(
                ["nvidia-smi", "--query-gpu=name", "--format=csv,noheader"],
                capture_output=True,
                text=True,
                timeout=10,
                check=True,
            ).stdout.split("\n")
            names = [name.strip() for name in names if name.strip()]
            if names:
                return f"GPU: {', '.join(names)}"
        except (OSError, subprocess.SubprocessError):
            pass
    return f"CPU, {cpu_threads()} threads"


def cpu_threads() -> int:
    """The CPU threads this process may use (what a job on the CPU trains with)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def measure_throughput(variant: str, batch_size: int, timeout: float = 240) -> dict:
    """Samples per second of a short warm-up on this device (`python -m training --estimate`)."""
    arguments = [
        sys.executable,
        "-m",
        "training",
        "--variant",
        variant,
        "--batch-size",
        str(batch_size),
        "--estimate",
    ]
    result = subprocess.run(
        arguments,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2"},
    )
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1] if result.stderr.strip() else "the warm-up failed")
    return json.loads(result.stdout.strip().splitlines()[-1])


def estimate_seconds(request: TrainingRequest, measured: dict) -> float:
    """Seconds the request should take: training plus validation (a forward pass, ~1/3 of a step)
    every epoch, plus the start-up and the final test measured with the warm-up."""
    train_images = request.subset - request.subset // 10
    validation = request.subset // 10
    per_epoch = (train_images + validation / 3) / measured["samples_per_second"]
    return request.epochs * per_epoch + measured.get("overhead_seconds", 0.0)


def steps_per_execution(request: TrainingRequest, measured: dict | None) -> int | None:
    """Batches per graph call such that a call takes about a second at most: the trainer only
    notices SIGTERM between calls, and Stop must take under 5 s."""
    if not measured:  # a conv step on a CPU takes ~0.25 s: 32 of them would make Stop wait 8 s
        return 2 if request.variant == "conv" and not training_device().startswith("GPU") else None
    step_seconds = request.batch_size / measured["samples_per_second"]
    return max(1, min(32, int(1.0 / step_seconds)))
