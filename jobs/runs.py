"""Training runs started from the app: their folders, what each holds, and the disk they may use.

A run lives in `<runs>/<timestamp>-<variant>/` (never in `weights/`): `run.json` (the request,
written by the server once), `progress.json` (written by the trainer after every epoch),
`reconstructions.npy` (8 fixed test digits after each epoch), `digits.npy` (those 8 inputs),
`log.txt`, and at the end `<variant>.weights.h5` + `<variant>.json` as `training.cli` writes
them. Every file is written to a temporary name and renamed, so a reader never sees half of
one. This module needs neither TensorFlow nor Streamlit: the server uses it while the
trainer runs in a process of its own.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

RUNS_ENV = "AUTOENCODER_LAB_RUNS"
MAX_MB_ENV = "AUTOENCODER_LAB_RUNS_MAX_MB"
DEFAULT_RUNS_DIR = Path(__file__).resolve().parent.parent / "runs"
DEFAULT_MAX_MB = 500

REQUEST_FILE = "run.json"
PROGRESS_FILE = "progress.json"
STRIP_FILE = "reconstructions.npy"
DIGITS_FILE = "digits.npy"
LOG_FILE = "log.txt"
ACTIVE = ("starting", "running")


def runs_dir() -> Path:
    """Where runs go: `$AUTOENCODER_LAB_RUNS`, else `runs/` beside the code."""
    return Path(os.environ.get(RUNS_ENV) or DEFAULT_RUNS_DIR)


def max_bytes() -> int:
    """The cap on the disk all runs may use (`$AUTOENCODER_LAB_RUNS_MAX_MB`, default 500 MB)."""
    try:
        return int(float(os.environ.get(MAX_MB_ENV, DEFAULT_MAX_MB)) * 1024 * 1024)
    except ValueError:
        return DEFAULT_MAX_MB * 1024 * 1024


def write_atomically(path: Path, content: bytes) -> None:
    """Write `content` to a temporary file beside `path` and rename it into place."""
    path = Path(path)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(content)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_json(path: Path, value: dict) -> None:
    write_atomically(path, (json.dumps(value, indent=1) + "\n").encode())


def write_npy(path: Path, array: np.ndarray) -> None:
    buffer = io.BytesIO()
    np.save(buffer, array, allow_pickle=False)
    write_atomically(path, buffer.getvalue())


def read_json(path: Path) -> dict:
    """The JSON object at `path`, or {} if it is missing or unreadable."""
    try:
        value = json.loads(Path(path).read_text())
    except (OSError, ValueError):
        return {}
    return value if isinstance(value, dict) else {}


def read_npy(path: Path) -> np.ndarray | None:
    try:
        return np.load(path, allow_pickle=False)
    except (OSError, ValueError):
        return None


@dataclass(frozen=True)
class Run:
    """One run folder as the page lists it."""

    folder: Path
    request: dict
    progress: dict

    @property
    def name(self) -> str:
        return self.folder.name

    @property
    def variant(self) -> str:
        return self.request.get("variant", self.progress.get("variant", "?"))

    @property
    def status(self) -> str:
        return self.progress.get("status", "starting")

    @property
    def has_weights(self) -> bool:
        return all((self.folder / f"{self.variant}{ending}").is_file() for ending in (".weights.h5", ".json"))

    @property
    def metadata(self) -> dict:
        return read_json(self.folder / f"{self.variant}.json")

    def strip(self) -> np.ndarray | None:
        """Reconstructions of the 8 fixed digits, uint8 (epochs done, 8, 28, 28)."""
        return read_npy(self.folder / STRIP_FILE)

    def digits(self) -> np.ndarray | None:
        return read_npy(self.folder / DIGITS_FILE)


def read_run(folder: Path) -> Run:
    return Run(Path(folder), read_json(Path(folder) / REQUEST_FILE), read_json(Path(folder) / PROGRESS_FILE))


def list_runs(root: Path | None = None) -> list[Run]:
    """Every run folder, newest first (names start with a sortable timestamp)."""
    root = Path(root or runs_dir())
    if not root.is_dir():
        return []
    folders = [p for p in root.iterdir() if p.is_dir() and (p / REQUEST_FILE).is_file()]
    return [read_run(folder) for folder in sorted(folders, reverse=True)]


def pid_alive(pid: int | None) -> bool:
    """Whether process `pid` still runs. Reaps it first if it is our own exited child (a zombie
    would otherwise look alive), and treats a zombie of another parent as gone."""
    if not pid:
        return False
    try:
        done, _ = os.waitpid(pid, os.WNOHANG)
        if done == pid:
            return False
    except ChildProcessError:
        pass  # not our child: ask the kernel below
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return True
    return state != "Z"


def mark_stopped(run: Run, reason: str) -> None:
    """Record that a run's trainer is gone although its progress still said it was running."""
    write_json(run.folder / PROGRESS_FILE, {**run.progress, "status": "stopped", "note": reason})


def mark_orphans(root: Path | None = None) -> list[str]:
    """Mark every run whose trainer died without saying so (a killed server, a reboot) as stopped."""
    orphans = []
    for run in list_runs(root):
        if run.status in ACTIVE and not pid_alive(run.request.get("pid")):
            mark_stopped(run, "the training process was gone")
            orphans.append(run.name)
    return orphans


def folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in Path(folder).rglob("*") if p.is_file())


def delete_run(folder: Path) -> None:
    """Remove a run folder (the caller makes sure its trainer is not running)."""
    shutil.rmtree(folder, ignore_errors=True)


def enforce_cap(root: Path | None = None, limit: int | None = None, keep: tuple[str, ...] = ()) -> list[str]:
    """Delete the oldest runs that are not running until all runs fit in `limit` bytes; names deleted."""
    limit = max_bytes() if limit is None else limit
    runs = list_runs(root)
    sizes = {run.name: folder_bytes(run.folder) for run in runs}
    total, deleted = sum(sizes.values()), []
    for run in reversed(runs):  # oldest first
        if total <= limit:
            break
        if run.status in ACTIVE or run.name in keep:
            continue
        delete_run(run.folder)
        total -= sizes[run.name]
        deleted.append(run.name)
    return deleted
