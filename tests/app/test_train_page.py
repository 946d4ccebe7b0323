"""The Train page: a tiny run from the page, Stop, one job at a time, and messages for bad values.

(`AUTOENCODER_LAB_TRAINING=off` is tested in a browser, tests/e2e/test_train_browser.py: only a
real server shows what its navigation and the page's address do.)

These tests start the real trainer (`python -m training --run-dir`) in a process of its own
and wait for the files it writes, never for a fixed time. Runs go to a temporary folder.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from jobs import runs, training_job
from models.registry import VARIANTS
from ui.page_table import HOME, TRAIN
from ui.state.keys import SHARE_VIEW, TRAIN_BATCH, TRAIN_EPOCHS, TRAIN_NOISE, TRAIN_SUBSET, TRAIN_VARIANT, TRIED_RUNS

APP = str(Path(__file__).resolve().parents[2] / "app.py")
pytestmark = pytest.mark.slow


@pytest.fixture
def runs_root(tmp_path, monkeypatch, mnist) -> Path:
    monkeypatch.setenv(runs.RUNS_ENV, str(tmp_path))
    yield tmp_path
    training_job.stop_job(tmp_path)  # never leave a trainer behind


def train_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page(TRAIN.file).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def wait_for(condition, what: str, timeout: float = 300.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := condition():
            return value
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}")


def texts(elements) -> str:
    return " ".join(str(element.value) for element in elements)


def press(at: AppTest, label: str) -> None:
    next(button for button in at.button if button.label == label).click().run()


def test_tiny_run_from_the_page_finishes_and_its_weights_can_be_tried(runs_root):
    at = train_page()
    at.selectbox(key=TRAIN_VARIANT).set_value("dense").run()  # the page opens on the quick demo's conv
    at.number_input(key=TRAIN_EPOCHS).set_value(1).run()
    at.number_input(key=TRAIN_SUBSET).set_value(512).run()
    press(at, "Start training")
    assert not at.exception, [e.value for e in at.exception]
    run = wait_for(lambda: next((r for r in runs.list_runs(runs_root) if r.status == "finished"), None), "the run")
    wait_for(lambda: training_job.current_job(runs_root) is None, "the lock to clear")
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.get("plotly_chart")) == 1  # the loss curve
    captions = [c for image in at.get("image") for c in image.captions]
    assert "inputs" in captions and "after epoch 1" in captions
    row = at.dataframe[0].value.iloc[0]
    assert row["status"] == "finished" and row["epochs"] == "1 of 1" and 0 < row["test BCE"] < 1
    assert run.request["subset"] == 512 and run.metadata["train_images"] == 461

    press(at, "Try these weights on every page")
    assert at.session_state[TRIED_RUNS] == {"dense": str(run.folder)}
    at.switch_page(HOME.file).run()
    home_bce = float(at.dataframe[0].value["test BCE"].tolist()[0])  # a number, or the text Home writes of it
    assert home_bce == pytest.approx(run.metadata["test"]["bce"], abs=5e-5)  # dense

    # AppTest drops the sidebar from its tree after a rerun, so the badge is read on a first run
    # (and AppTest puts injected state back before every run, so "back" is clicked in the e2e test).
    badge = AppTest.from_file(APP, default_timeout=180)
    badge.session_state[TRIED_RUNS] = {"dense": str(run.folder)}
    badge.run()
    assert "uses your run" in texts(badge.sidebar.info)
    # The badge's one button (clicked in the e2e test), beside the sidebar's Share button.
    assert [b.label for b in badge.sidebar.button if b.key != SHARE_VIEW] == ["Back to shipped weights"]


def test_second_start_is_refused_and_stop_keeps_the_finished_epochs(runs_root):
    other = training_job.TrainingRequest("dense", epochs=200, batch_size=256, learning_rate=1e-3, subset=20_000)
    folder = training_job.start_job(other, owner="session teacher", estimate_seconds=600)
    at = train_page()
    assert next(b for b in at.button if b.label == "Start training").disabled  # one job at a time
    busy = texts(at.info)
    assert "session teacher" in busy and "dense" in busy and "until about" in busy
    with pytest.raises(training_job.JobBusy):  # and a Start that raced the button is refused
        training_job.start_job(other, owner="session pupil")
    assert len(runs.list_runs(runs_root)) == 1

    wait_for(lambda: runs.read_run(folder).progress.get("epoch", 0) >= 1, "the first epoch")
    pid = training_job.current_job(runs_root)["pid"]
    at.run()
    press(at, "Stop")
    assert not runs.pid_alive(pid)
    message = texts(at.success)
    seconds = float(message.split("Stopped in ")[1].split(" s")[0])
    assert seconds < 5.0, message
    run = runs.read_run(folder)
    # The message says what was kept, in figures from the run itself.
    kept = f"after {run.progress['epoch']} of 200 epochs: kept the weights of epoch {run.progress['best_epoch']}"
    assert kept in message and f"test BCE {run.progress['test_bce']:.4f} on 1,000 test digits" in message, message
    assert "None" not in message
    assert run.status == "stopped" and "note" not in run.progress  # the trainer itself said so: a clean stop
    assert run.has_weights and run.metadata["epochs_run"] >= 1
    assert [p.name for p in folder.rglob("*") if p.name.startswith(".") or ".tmp" in p.name] == []
    assert json.loads((folder / f"{run.variant}.json").read_text())["sha256"]
    assert training_job.current_job(runs_root) is None


def test_bad_form_values_get_messages(runs_root):
    at = train_page()
    at.number_input(key=TRAIN_EPOCHS).set_value(0).run()
    at.number_input(key=TRAIN_SUBSET).set_value(200).run()
    at.number_input(key=TRAIN_BATCH).set_value(256).run()
    errors = texts(at.error)
    assert "Epochs must be" in errors and "larger than the digits" in errors
    assert next(b for b in at.button if b.label == "Start training").disabled
    at.selectbox(key=TRAIN_VARIANT).set_value("denoise").run()
    at.number_input(key=TRAIN_NOISE).set_value(-0.5).run()
    assert "noise factor must be" in texts(at.error)


def test_the_page_opens_on_the_quick_demo_and_its_button_brings_it_back(runs_root):
    at = train_page()
    demo = {TRAIN_VARIANT: "conv", TRAIN_EPOCHS: 3, TRAIN_SUBSET: 4096}
    assert {key: at.session_state[key] for key in demo} == demo
    at.selectbox(key=TRAIN_VARIANT).set_value("dense").run()
    at.number_input(key=TRAIN_EPOCHS).set_value(50).run()
    at.number_input(key=TRAIN_BATCH).set_value(32).run()
    press(at, "Quick demo (about a minute)")
    assert {key: at.session_state[key] for key in demo} == demo
    assert at.session_state[TRAIN_BATCH] == VARIANTS["conv"].recipe.batch_size  # the conv recipe's, not 32
    assert not next(b for b in at.button if b.label == "Start training").disabled
    words = " ".join(texts(getattr(at, kind)) for kind in ("markdown", "caption", "info"))
    assert "AUTOENCODER_LAB" not in words  # students read this page
