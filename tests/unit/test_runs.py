"""Run folders, the job lock and the checks on a training request (no TensorFlow, no trainer)."""

from __future__ import annotations

import ast
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

from jobs import runs, training_job


def make_run(root, name: str, status: str, size: int = 0, pid: int | None = None):
    folder = root / name
    folder.mkdir()
    runs.write_json(folder / runs.REQUEST_FILE, {"variant": "dense", "pid": pid, "epochs": 1})
    runs.write_json(folder / runs.PROGRESS_FILE, {"status": status, "epoch": 1})
    (folder / "dense.weights.h5").write_bytes(b"x" * size)
    return folder


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_atomic_writes_leave_only_the_finished_file(tmp_path):
    runs.write_npy(tmp_path / "a.npy", np.arange(4, dtype=np.uint8))
    runs.write_json(tmp_path / "a.json", {"x": 1})
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.json", "a.npy"]
    assert runs.read_npy(tmp_path / "a.npy").tolist() == [0, 1, 2, 3] and runs.read_json(tmp_path / "a.json") == {
        "x": 1
    }
    assert runs.read_json(tmp_path / "missing.json") == {}


def test_orphaned_runs_are_marked_stopped_and_live_ones_are_not(tmp_path):
    make_run(tmp_path, "20260101-000000-dense", "running", pid=dead_pid())
    make_run(tmp_path, "20260102-000000-dense", "running", pid=os.getpid())
    assert runs.mark_orphans(tmp_path) == ["20260101-000000-dense"]
    statuses = {run.name: run.status for run in runs.list_runs(tmp_path)}
    assert statuses == {"20260101-000000-dense": "stopped", "20260102-000000-dense": "running"}


def test_the_disk_cap_deletes_the_oldest_finished_runs_first(tmp_path):
    make_run(tmp_path, "20260101-000000-dense", "finished", size=1000)
    make_run(tmp_path, "20260102-000000-dense", "running", size=1000, pid=os.getpid())
    make_run(tmp_path, "20260103-000000-dense", "finished", size=1000)
    make_run(tmp_path, "20260104-000000-dense", "stopped", size=1000)
    deleted = runs.enforce_cap(tmp_path, limit=2500, keep=("20260103-000000-dense",))
    assert deleted == ["20260101-000000-dense", "20260104-000000-dense"]  # never a running or kept run
    assert [run.name for run in runs.list_runs(tmp_path)] == ["20260103-000000-dense", "20260102-000000-dense"]


def test_a_lock_with_a_live_pid_refuses_a_second_start_and_a_stale_one_is_cleared(tmp_path):
    record = {
        "variant": "conv",
        "owner": "session abc",
        "started": time.time(),
        "run_dir": str(tmp_path / "r"),
        "estimate_seconds": 120,
        "pid": os.getpid(),
    }
    runs.write_json(training_job.lock_path(tmp_path), record)
    with pytest.raises(training_job.JobBusy, match=r"session abc.*conv.*until about"):
        training_job.start_job(training_job.TrainingRequest("dense", 1, 256, 1e-3, 512), "me", root=tmp_path)
    runs.write_json(training_job.lock_path(tmp_path), {**record, "pid": dead_pid()})
    assert training_job.current_job(tmp_path) is None and not training_job.lock_path(tmp_path).exists()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"epochs": 0}, "Epochs must be"),
        ({"batch_size": 950}, "larger than the digits"),
        ({"subset": 10, "batch_size": 1}, "training subset must be"),
        ({"learning_rate": 0.0}, "learning rate must be"),
        ({"variant": "denoise", "noise_factor": -0.1}, "noise factor must be"),
    ],
)
def test_bad_requests_are_explained(change, message):
    fields = {"variant": "dense", "epochs": 3, "batch_size": 256, "learning_rate": 1e-3, "subset": 1000, **change}
    problems = training_job.validate(training_job.TrainingRequest(**fields))
    assert len(problems) == 1 and message in problems[0]


def test_a_good_request_becomes_the_trainers_command_line(tmp_path):
    request = training_job.TrainingRequest("denoise", 2, 64, 1e-3, 512, noise_factor=0.3)
    assert training_job.validate(request) == []
    command = training_job.command(request, tmp_path, steps_per_execution=4)
    assert command[1:3] == ["-m", "training"] and "--run-dir" in command and str(tmp_path) in command
    assert command[command.index("--noise-factor") + 1] == "0.3" and command[-1] == "4"


def test_training_switch(monkeypatch):
    monkeypatch.delenv(training_job.TRAINING_ENV, raising=False)
    assert training_job.training_enabled()
    for value in ("off", "OFF", "0", "false"):
        monkeypatch.setenv(training_job.TRAINING_ENV, value)
        assert not training_job.training_enabled()


def test_the_server_side_of_training_imports_no_tensorflow():
    """Only the trainer's own process trains: what the server runs for the Train page imports
    neither TensorFlow nor Keras itself (models.registry's own imports are the lean-server work's)."""
    root = Path(__file__).resolve().parents[2]
    for path in (
        "jobs/training_job.py",
        "jobs/runs.py",
        "ui/train/job_panel.py",
        "ui/train/run_list.py",
        "pages/train.py",
    ):
        tree = ast.parse((root / path).read_text())
        imported = {
            alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names
        }
        imported |= {
            node.module.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module
        }
        assert not imported & {"tensorflow", "keras"}, path
    code = "import sys, jobs.runs; print('tensorflow' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, check=True)
    assert result.stdout.strip().endswith("False")


def test_the_time_left_counts_down_between_epochs():
    now = 1_000.0
    after_an_epoch = {"eta_seconds": 60.0, "updated": now - 10}
    assert training_job.seconds_left(after_an_epoch, 300, started=now - 100, now=now) == pytest.approx(50.0)
    assert training_job.seconds_left(after_an_epoch, 300, started=now - 100, now=now + 5) == pytest.approx(45.0)
    assert training_job.seconds_left(after_an_epoch, None, started=now, now=now + 500) == 0.0  # never below 0
    before_the_first = {"eta_seconds": None}
    assert training_job.seconds_left(before_the_first, 100, started=now - 30, now=now) == pytest.approx(70.0)
    assert training_job.seconds_left(before_the_first, None, started=now - 30, now=now) is None


def slow_trainer(marker: Path) -> subprocess.Popen:
    """A stand-in trainer in its final test: it ignores SIGTERM and ends by itself after 2 s."""
    code = (
        "import signal, sys, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(2); "
        "open(sys.argv[1], 'w').write('weights written')"
    )
    return subprocess.Popen([sys.executable, "-c", code, str(marker)], start_new_session=True)


@pytest.mark.parametrize("phase, waits", [("testing", True), (None, False)], ids=["final-test", "mid-epoch"])
def test_stop_waits_out_the_final_test_instead_of_killing_a_finished_run(tmp_path, phase, waits):
    run_dir, marker = tmp_path / "20260101-000000-conv", tmp_path / "marker"
    run_dir.mkdir()
    runs.write_json(run_dir / runs.PROGRESS_FILE, {"status": "running", "epoch": 3, "epochs": 3, "phase": phase})
    trainer = slow_trainer(marker)
    time.sleep(0.3)  # let it install its handler
    record = {"variant": "conv", "started": time.time(), "run_dir": str(run_dir), "pid": trainer.pid}
    runs.write_json(training_job.lock_path(tmp_path), record)
    seconds = training_job.stop_job(tmp_path, timeout=0.3)
    assert marker.exists() is waits, f"stopped in {seconds:.1f} s"
    assert not runs.pid_alive(trainer.pid) and training_job.current_job(tmp_path) is None
