"""The Train page's parts: the request form, the time estimate, the live view of a job, the finished runs.

Everything here reads files the trainer writes (`jobs.runs`) and starts or stops the one
job through `jobs.training_job`; the server never imports TensorFlow for it. The live view is a
fragment that reruns itself every second while a job runs (every 5 s otherwise, to notice a
job another session starts), so only it redraws.
"""

from __future__ import annotations

import time
from pathlib import Path

import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from digits.data import MNIST_TRAIN_SIZE
from digits.noise import DEFAULT_NOISE_FACTOR
from jobs import runs, training_job
from models.registry import VARIANTS
from ui.pictures import picture_grid
from ui.state.display import chart_for_display, is_big
from ui.state.keys import (
    TRAIN_BATCH,
    TRAIN_EPOCHS,
    TRAIN_LR,
    TRAIN_NOISE,
    TRAIN_STOP_MESSAGE,
    TRAIN_SUBSET,
    TRAIN_VARIANT,
)

POLL_SECONDS = 1.0  # while a job runs
IDLE_POLL_SECONDS = 5.0  # otherwise, to notice a job another session starts
STRIP_ROWS = 4  # the most recent epochs shown under the inputs (2 in big mode: the strip stays on screen)
# The first choice on the page: blobs become digits in about a minute on a CPU. The conv model
# learns shapes fastest per digit seen; dense at 2 epochs on 2,048 digits stays grey blobs.
QUICK_DEMO = {TRAIN_VARIANT: "conv", TRAIN_EPOCHS: 3, TRAIN_SUBSET: 4096}


@st.cache_resource
def clean_up_after_restart() -> list[str]:
    """Once per server process: runs whose trainer died with the last server are marked stopped."""
    return runs.mark_orphans()


@st.cache_resource
def device_name() -> str:
    return training_job.training_device()


def session_label() -> str:
    context = get_script_run_ctx()
    return f"session {context.session_id[:8]}" if context else "a session"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    return f"{seconds // 60} min {seconds % 60:02d} s" if seconds >= 60 else f"{seconds} s"


def _reset_recipe() -> None:
    """A new variant starts from its own recipe's batch size, learning rate and noise factor."""
    recipe = VARIANTS[st.session_state[TRAIN_VARIANT]].recipe
    st.session_state[TRAIN_BATCH] = recipe.batch_size
    st.session_state[TRAIN_LR] = recipe.learning_rate
    st.session_state[TRAIN_NOISE] = recipe.noise_factor or DEFAULT_NOISE_FACTOR


def _fill_quick_demo() -> None:
    st.session_state.update(QUICK_DEMO)
    _reset_recipe()


def request_form() -> tuple[training_job.TrainingRequest, list[str]]:
    """The form's request and a sentence for each value that cannot be trained with; it opens on
    the quick demo, and a button brings it back."""
    st.button(
        "Quick demo (about a minute)",
        on_click=_fill_quick_demo,
        help="The conv model, 3 epochs on 4,096 digits: on a CPU the 8 digits go from grey blobs to "
        "recognisable digits in about a minute.",
    )
    keys = list(VARIANTS)
    key = st.selectbox(
        "Variant",
        keys,
        index=keys.index(QUICK_DEMO[TRAIN_VARIANT]),
        format_func=lambda k: VARIANTS[k].title,
        key=TRAIN_VARIANT,
        on_change=_reset_recipe,
    )
    recipe = VARIANTS[key].recipe
    left, middle, right = st.columns(3)
    epochs = left.number_input(
        "Epochs", min_value=0, max_value=10_000, value=QUICK_DEMO[TRAIN_EPOCHS], step=1, key=TRAIN_EPOCHS
    )
    batch = middle.number_input(
        "Batch size", min_value=0, max_value=MNIST_TRAIN_SIZE, value=recipe.batch_size, step=16, key=TRAIN_BATCH
    )
    subset = right.number_input(
        "Training digits",
        min_value=0,
        max_value=MNIST_TRAIN_SIZE,
        value=QUICK_DEMO[TRAIN_SUBSET],
        step=512,
        key=TRAIN_SUBSET,
        help="A tenth of them is kept aside to validate each epoch.",
    )
    left, right = st.columns(2)
    rate = left.number_input(
        "Learning rate",
        min_value=0.0,
        max_value=10.0,
        value=recipe.learning_rate,
        step=1e-4,
        format="%.4f",
        key=TRAIN_LR,
    )
    noise = None
    if VARIANTS[key].is_denoising:
        noise = right.number_input(
            "Noise factor",
            min_value=-1.0,
            max_value=5.0,
            value=recipe.noise_factor,
            step=0.05,
            key=TRAIN_NOISE,
            help="clip(x + N(0.5, factor), 0, 1)",
        )
    request = training_job.TrainingRequest(key, int(epochs), int(batch), float(rate), int(subset), noise)
    return request, training_job.validate(request)


def estimate_panel(request: training_job.TrainingRequest, busy: bool) -> dict | None:
    """A time estimate from a short measured warm-up on this device, kept per variant and batch size."""
    estimates = st.session_state.setdefault("train_estimates", {})
    measured = estimates.get((request.variant, request.batch_size))
    if st.button("Estimate the time (a ~15 s warm-up)", disabled=busy, help="Trains a few batches and times them."):
        with st.spinner("Timing a few batches on this device…"):
            try:
                measured = training_job.measure_throughput(request.variant, request.batch_size)
                estimates[(request.variant, request.batch_size)] = measured
            except Exception as error:  # a failed warm-up only costs the estimate, so say why and go on
                st.warning(f"The warm-up failed: {error}", icon="⚠️")
    if measured:
        seconds = training_job.estimate_seconds(request, measured)
        st.caption(
            f"Estimated time: **{duration(seconds)}** on {measured['device']} "
            f"(warm-up: {measured['samples_per_second']:,.0f} digits/s)."
        )
    return measured


def start_button(request: training_job.TrainingRequest, problems: list[str], measured: dict | None, job: dict | None):
    for problem in problems:
        st.error(problem, icon="✋")
    running = job is not None
    if st.button(
        "Start training",
        type="primary",
        disabled=bool(problems) or running,
        help="One job at a time on this server: wait for this one or stop it." if running else None,
    ):
        estimate = training_job.estimate_seconds(request, measured) if measured else None
        try:
            training_job.start_job(
                request, session_label(), estimate, training_job.steps_per_execution(request, measured)
            )
        except training_job.JobBusy as busy:
            st.error(str(busy), icon="⏳")
            return
        st.session_state.train_was_running = True
        st.rerun()
    if job is not None and job.get("owner") != session_label():
        st.info(training_job.busy_message(job), icon="⏳")


def loss_chart(progress: dict) -> go.Figure:
    epochs = list(range(1, len(progress.get("loss", [])) + 1))
    figure = go.Figure(
        [
            go.Scatter(x=epochs, y=progress.get(name, []), mode="lines+markers", name=name)
            for name in ("loss", "val_loss")
        ]
    )
    figure.update_layout(
        xaxis_title="epoch",
        yaxis_title="binary cross-entropy",
        height=300,
        margin=dict(l=10, r=10, t=10, b=10),
        xaxis=dict(rangemode="tozero"),
    )
    return figure


def quick_demo_request() -> training_job.TrainingRequest:
    """The quick demo as a request, with its variant's own batch size and learning rate."""
    variant = VARIANTS[QUICK_DEMO[TRAIN_VARIANT]]
    recipe = variant.recipe
    noise = (recipe.noise_factor or DEFAULT_NOISE_FACTOR) if variant.is_denoising else None
    return training_job.TrainingRequest(
        variant.key, QUICK_DEMO[TRAIN_EPOCHS], recipe.batch_size, recipe.learning_rate, QUICK_DEMO[TRAIN_SUBSET], noise
    )


def reconstruction_strip(run: runs.Run, rows: int | None = None) -> None:
    """The 8 fixed test digits, then what the model made of them after each of the last `rows` epochs."""
    digits, strip = run.digits(), run.strip()
    if digits is None:
        return
    st.image(picture_grid(digits / 255.0, per_row=8, cell=56), caption="inputs")
    if strip is None or len(strip) == 0:
        return
    rows = rows or (STRIP_ROWS // 2 if is_big() else STRIP_ROWS)
    for epoch in range(max(0, len(strip) - rows), len(strip)):
        st.image(picture_grid(strip[epoch] / 255.0, per_row=8, cell=56), caption=f"after epoch {epoch + 1}")


def progress_label(run: runs.Run, job: dict) -> str:
    """What the job is doing now, with a time left that counts down between epochs."""
    progress = run.progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", 1)
    if progress.get("phase") == "testing":
        tested = progress.get("test_images", 0)
        return f"Training **{run.variant}**: all {total} epochs done, testing on {tested:,} digits…"
    if not progress:
        return f"Training **{run.variant}**: starting (loading TensorFlow and the data)…"
    left = training_job.seconds_left(progress, job.get("estimate_seconds"), job.get("started", time.time()))
    remaining = "" if left is None else ", finishing the epoch" if left < 1 else f", about {duration(left)} left"
    if done == 0:
        return f"Training **{run.variant}**: starting the first of {total} epochs{remaining}"
    return f"Training **{run.variant}**: epoch {done} of {total} done{remaining}"


def stop_message(run: runs.Run, seconds: float) -> str:
    """What a Stop kept: the epochs, the weights chosen and their score, or that nothing was left to keep."""
    progress = runs.read_run(run.folder).progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", "?")
    said = f"Stopped in {seconds:.1f} s after {done} of {total} epochs"
    if not runs.read_run(run.folder).has_weights:
        return f"{said}: no epoch had finished, so there is nothing to keep."
    kept = f"kept the weights of epoch {progress.get('best_epoch', done)} (the lowest validation loss)"
    bce, images = progress.get("test_bce"), progress.get("test_images")
    score = f", test BCE {bce:.4f} on {images:,} test digits" if bce is not None and images else ""
    return f"{said}: {kept}{score}. Try them from the list of runs below."


def run_status(run: runs.Run, job: dict | None) -> None:
    progress = run.progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", 1)
    if job is not None:
        st.progress(min(1.0, done / total), text=progress_label(run, job))
    else:
        bce = progress.get("test_bce")
        score = f", test BCE {bce:.4f}" if bce is not None else ""
        st.caption(f"Last run `{run.name}`: **{run.status}** after {done} of {total} epochs{score}.")
        if run.status == "failed":
            st.error(f"Training failed: {progress.get('error', 'see log.txt in the run folder')}")


def run_to_show() -> tuple[runs.Run | None, dict | None]:
    """The job being trained with its lock record, or else the latest run and None; (None, None) before any."""
    job = training_job.current_job()
    folder = Path(job["run_dir"]) if job else next((r.folder for r in runs.list_runs()), None)
    return (None, None) if folder is None else (runs.read_run(folder), job)


def live_view() -> None:
    """The job being trained (or the last run), redrawn every second while the job runs."""
    run, job = run_to_show()
    if run is None:
        st.info("No run yet: choose a variant and press Start.")
        return
    running = job is not None
    if running != st.session_state.get("train_was_running", running):
        st.session_state.train_was_running = running
        st.rerun()  # a job began or ended: redraw the whole page (the Start button, the runs table)
    st.session_state.train_was_running = running
    run_status(run, job)
    testing = run.progress.get("phase") == "testing"
    if running and st.button(
        "Stop",
        key="train-stop",
        disabled=testing,
        help="Every epoch is done: the test takes a few seconds, then the run is kept." if testing else None,
    ):
        seconds = training_job.stop_job()
        if seconds is not None:
            st.session_state[TRAIN_STOP_MESSAGE] = stop_message(run, seconds)
        st.session_state.train_was_running = False  # this rerun already redraws the whole page
        st.rerun()
    # The digits first: beside the form, they are what the class watches; the curve comes below them.
    reconstruction_strip(run)
    if run.progress.get("loss"):
        st.plotly_chart(chart_for_display(loss_chart(run.progress)), key="train-curve")


def render_live_view() -> None:
    running = training_job.current_job() is not None
    st.fragment(live_view, run_every=POLL_SECONDS if running else IDLE_POLL_SECONDS)()
