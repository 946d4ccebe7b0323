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
from i18n import N_, _, ngettext, number
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
# A run's status as the run folder keeps it (data), and as a reader sees it.
STATUS_TEXT = {
    "starting": N_("starting"),
    "running": N_("running"),
    "finished": N_("finished"),
    "stopped": N_("stopped"),
    "failed": N_("failed"),
}


@st.cache_resource
def clean_up_after_restart() -> list[str]:
    """Once per server process: runs whose trainer died with the last server are marked stopped."""
    return runs.mark_orphans()


@st.cache_resource
def device_name() -> str:
    """The device's description, found once per server (the words are added where it is shown)."""
    return training_job.training_device()


def device_text(device: str) -> str:
    """The device in the reader's language: a GPU by its name, the CPU with its threads."""
    if device.startswith("GPU"):
        return device
    threads = training_job.cpu_threads()
    return ngettext("CPU, {count} thread", "CPU, {count} threads", threads).format(count=threads)


def status_text(status: str) -> str:
    return _(STATUS_TEXT[status]) if status in STATUS_TEXT else status


def session_label() -> str:
    """Who owns a job in its lock (data: the Train page compares it with its own)."""
    context = get_script_run_ctx()
    return f"{training_job.SESSION_PREFIX}{context.session_id[:8]}" if context else "a session"


def duration(seconds: float | None) -> str:
    if seconds is None:
        return "?"
    seconds = round(seconds)
    if seconds >= 60:
        return _("{minutes} min {seconds} s").format(minutes=seconds // 60, seconds=f"{seconds % 60:02d}")
    return _("{seconds} s").format(seconds=seconds)


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
        _("Quick demo (about a minute)"),
        on_click=_fill_quick_demo,
        help=_(
            "The conv model, 3 epochs on 4,096 digits: on a CPU the 8 digits go from grey blobs to "
            "recognisable digits in about a minute."
        ),
    )
    keys = list(VARIANTS)
    # Titles in this run's language, looked up later too (AppTest formats options after the run).
    titles = {k: VARIANTS[k].title for k in keys}
    key = st.selectbox(
        _("Variant"),
        keys,
        index=keys.index(QUICK_DEMO[TRAIN_VARIANT]),
        format_func=titles.get,
        key=TRAIN_VARIANT,
        on_change=_reset_recipe,
    )
    recipe = VARIANTS[key].recipe
    left, middle, right = st.columns(3)
    epochs = left.number_input(
        _("Epochs"), min_value=0, max_value=10_000, value=QUICK_DEMO[TRAIN_EPOCHS], step=1, key=TRAIN_EPOCHS
    )
    batch = middle.number_input(
        _("Batch size"), min_value=0, max_value=MNIST_TRAIN_SIZE, value=recipe.batch_size, step=16, key=TRAIN_BATCH
    )
    subset = right.number_input(
        _("Training digits"),
        min_value=0,
        max_value=MNIST_TRAIN_SIZE,
        value=QUICK_DEMO[TRAIN_SUBSET],
        step=512,
        key=TRAIN_SUBSET,
        help=_("A tenth of them is kept aside to validate each epoch."),
    )
    left, right = st.columns(2)
    rate = left.number_input(
        _("Learning rate"),
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
            _("Noise factor"),
            min_value=-1.0,
            max_value=5.0,
            value=recipe.noise_factor,
            step=0.05,
            key=TRAIN_NOISE,
            help=_("clip(x + N(0.5, factor), 0, 1)"),
        )
    request = training_job.TrainingRequest(key, int(epochs), int(batch), float(rate), int(subset), noise)
    return request, training_job.validate(request)


def estimate_panel(request: training_job.TrainingRequest, busy: bool) -> dict | None:
    """A time estimate from a short measured warm-up on this device, kept per variant and batch size."""
    estimates = st.session_state.setdefault("train_estimates", {})
    measured = estimates.get((request.variant, request.batch_size))
    if st.button(
        _("Estimate the time (a ~15 s warm-up)"), disabled=busy, help=_("Trains a few batches and times them.")
    ):
        with st.spinner(_("Timing a few batches on this device…")):
            try:
                measured = training_job.measure_throughput(request.variant, request.batch_size)
                estimates[(request.variant, request.batch_size)] = measured
            except Exception as error:  # a failed warm-up only costs the estimate, so say why and go on
                st.warning(_("The warm-up failed: {error}").format(error=error), icon="⚠️")
    if measured:
        seconds = training_job.estimate_seconds(request, measured)
        st.caption(
            _("Estimated time: **{time}** on {device} (warm-up: {rate} digits/s).").format(
                time=duration(seconds), device=measured["device"], rate=number(measured["samples_per_second"], "#,##0")
            )
        )
    return measured


def start_button(request: training_job.TrainingRequest, problems: list[str], measured: dict | None, job: dict | None):
    for problem in problems:
        st.error(problem, icon="✋")
    running = job is not None
    if st.button(
        _("Start training"),
        type="primary",
        disabled=bool(problems) or running,
        help=_("One job at a time on this server: wait for this one or stop it.") if running else None,
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
            go.Scatter(x=epochs, y=progress.get(name, []), mode="lines+markers", name=shown)
            for name, shown in (("loss", _("loss")), ("val_loss", _("val_loss")))
        ]
    )
    figure.update_layout(
        xaxis_title=_("epoch"),
        yaxis_title=_("binary cross-entropy"),
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
    st.image(picture_grid(digits / 255.0, per_row=8, cell=56), caption=_("inputs"))
    if strip is None or len(strip) == 0:
        return
    rows = rows or (STRIP_ROWS // 2 if is_big() else STRIP_ROWS)
    for epoch in range(max(0, len(strip) - rows), len(strip)):
        st.image(
            picture_grid(strip[epoch] / 255.0, per_row=8, cell=56),
            caption=_("after epoch {epoch}").format(epoch=epoch + 1),
        )


def progress_label(run: runs.Run, job: dict) -> str:
    """What the job is doing now, with a time left that counts down between epochs."""
    progress = run.progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", 1)
    if progress.get("phase") == "testing":
        tested = progress.get("test_images", 0)
        return ngettext(
            "Training **{variant}**: all {total} epochs done, testing on {count} digit…",
            "Training **{variant}**: all {total} epochs done, testing on {count} digits…",
            tested,
        ).format(variant=run.variant, total=total, count=number(tested, "#,##0"))
    if not progress:
        return _("Training **{variant}**: starting (loading TensorFlow and the data)…").format(variant=run.variant)
    if done == 0:
        label = ngettext(
            "Training **{variant}**: starting the first of {count} epoch",
            "Training **{variant}**: starting the first of {count} epochs",
            total,
        ).format(variant=run.variant, count=total)
    else:
        label = _("Training **{variant}**: epoch {done} of {total} done").format(
            variant=run.variant, done=done, total=total
        )
    left = training_job.seconds_left(progress, job.get("estimate_seconds"), job.get("started", time.time()))
    if left is None:
        return label
    if left < 1:
        return _("{progress}, finishing the epoch").format(progress=label)
    return _("{progress}, about {time} left").format(progress=label, time=duration(left))


def show_stop_message() -> None:
    """What the last Stop kept, once, after the rerun it asked for."""
    if stopped := st.session_state.pop(TRAIN_STOP_MESSAGE, None):
        folder, seconds = stopped
        st.success(stop_message(runs.read_run(Path(folder)), seconds))


def stop_message(run: runs.Run, seconds: float) -> str:
    """What a Stop kept: the epochs, the weights chosen and their score, or that nothing was left to keep."""
    run = runs.read_run(run.folder)
    progress = run.progress
    done, total = progress.get("epoch", 0), int(progress.get("epochs") or run.request.get("epochs") or 0)
    said = ngettext(
        "Stopped in {seconds} s after {done} of {count} epoch",
        "Stopped in {seconds} s after {done} of {count} epochs",
        total,
    ).format(seconds=number(seconds, "0.0"), done=done, count=total)
    if not run.has_weights:
        return _("{stopped}: no epoch had finished, so there is nothing to keep.").format(stopped=said)
    best = progress.get("best_epoch", done)
    bce, images = progress.get("test_bce"), progress.get("test_images")
    if bce is None or not images:
        message = _(
            "{stopped}: kept the weights of epoch {epoch} (the lowest validation loss). "
            "Try them from the list of runs below."
        )
        return message.format(stopped=said, epoch=best)
    message = ngettext(
        "{stopped}: kept the weights of epoch {epoch} (the lowest validation loss), test BCE {bce} on {count} "
        "test digit. Try them from the list of runs below.",
        "{stopped}: kept the weights of epoch {epoch} (the lowest validation loss), test BCE {bce} on {count} "
        "test digits. Try them from the list of runs below.",
        images,
    )
    return message.format(stopped=said, epoch=best, bce=number(bce, "0.0000"), count=number(images, "#,##0"))


def run_status(run: runs.Run, job: dict | None) -> None:
    progress = run.progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", 1)
    if job is not None:
        st.progress(min(1.0, done / total), text=progress_label(run, job))
    else:
        bce = progress.get("test_bce")
        if bce is None:
            last = ngettext(
                "Last run `{run}`: **{status}** after {done} of {count} epoch.",
                "Last run `{run}`: **{status}** after {done} of {count} epochs.",
                total,
            )
        else:
            last = ngettext(
                "Last run `{run}`: **{status}** after {done} of {count} epoch, test BCE {bce}.",
                "Last run `{run}`: **{status}** after {done} of {count} epochs, test BCE {bce}.",
                total,
            )
        score = None if bce is None else number(bce, "0.0000")
        st.caption(last.format(run=run.name, status=status_text(run.status), done=done, count=total, bce=score))
        if run.status == "failed":
            error = progress.get("error") or _("see log.txt in the run folder")
            st.error(_("Training failed: {error}").format(error=error))


def run_to_show() -> tuple[runs.Run | None, dict | None]:
    """The job being trained with its lock record, or else the latest run and None; (None, None) before any."""
    job = training_job.current_job()
    folder = Path(job["run_dir"]) if job else next((r.folder for r in runs.list_runs()), None)
    return (None, None) if folder is None else (runs.read_run(folder), job)


def live_view() -> None:
    """The job being trained (or the last run), redrawn every second while the job runs."""
    run, job = run_to_show()
    if run is None:
        st.info(_("No run yet: choose a variant and press Start."))
        return
    running = job is not None
    if running != st.session_state.get("train_was_running", running):
        st.session_state.train_was_running = running
        st.rerun()  # a job began or ended: redraw the whole page (the Start button, the runs table)
    st.session_state.train_was_running = running
    run_status(run, job)
    testing = run.progress.get("phase") == "testing"
    if running and st.button(
        _("Stop"),
        key="train-stop",
        disabled=testing,
        help=_("Every epoch is done: the test takes a few seconds, then the run is kept.") if testing else None,
    ):
        seconds = training_job.stop_job()
        if seconds is not None:
            # What the Stop kept, worded when shown (after this rerun), in the reader's language then.
            st.session_state[TRAIN_STOP_MESSAGE] = (str(run.folder), seconds)
        st.session_state.train_was_running = False  # this rerun already redraws the whole page
        st.rerun()
    # The digits first: beside the form, they are what the class watches; the curve comes below them.
    reconstruction_strip(run)
    if run.progress.get("loss"):
        st.plotly_chart(chart_for_display(loss_chart(run.progress)), key="train-curve")


def render_live_view() -> None:
    running = training_job.current_job() is not None
    st.fragment(live_view, run_every=POLL_SECONDS if running else IDLE_POLL_SECONDS)()
