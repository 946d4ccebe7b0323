"""The Train page's list of runs: what each trained and how well, trying one in this session, deleting."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from i18n import _, ngettext, number
from jobs import runs, training_job
from models.registry import VARIANTS
from ui.train import tried_runs
from ui.train.job_panel import status_text


def recipe_text(request: dict) -> str:
    subset = request.get("subset", 0)
    values = {
        "batch": request.get("batch_size"),
        "rate": number(request.get("learning_rate") or 0, "0.########"),
        "count": number(subset, "#,##0"),
    }
    if request.get("noise_factor") is None:
        return ngettext(
            "batch {batch}, lr {rate}, {count} digit", "batch {batch}, lr {rate}, {count} digits", subset
        ).format(**values)
    return ngettext(
        "batch {batch}, lr {rate}, {count} digit, noise {noise}",
        "batch {batch}, lr {rate}, {count} digits, noise {noise}",
        subset,
    ).format(**values, noise=number(request["noise_factor"], "0.###"))


def run_row(run: runs.Run) -> dict:
    """One run as a row of the table; the column names are the reader's (the table is only shown)."""
    metadata = run.metadata if run.has_weights else {}
    test = metadata.get("test", {})
    return {
        _("run"): run.name,
        _("variant"): VARIANTS[run.variant].title if run.variant in VARIANTS else run.variant,
        _("status"): status_text(run.status),
        _("recipe"): recipe_text(run.request),
        _("epochs"): _("{done} of {total}").format(done=run.progress.get("epoch", 0), total=run.request.get("epochs")),
        _("test BCE"): test.get("bce"),
        _("time"): round(metadata["training_seconds"]) if "training_seconds" in metadata else None,
        _("device"): run.progress.get("device", ""),
    }


def render_runs() -> None:
    """The table of runs, the runs' disk use against the cap, and Try / Delete for a chosen run."""
    keep = tuple(Path(folder).name for folder in tried_runs.tried().values())
    for name in runs.enforce_cap(keep=keep):
        st.caption(_("Deleted the old run `{name}` to stay under the disk cap.").format(name=name))
    listed = runs.list_runs()
    st.subheader(_("Runs"))
    if not listed:
        st.caption(_("Finished runs appear here; any one can be tried on every page, in this session only."))
        return
    st.dataframe(
        [run_row(run) for run in listed],
        hide_index=True,
        column_config={
            _("test BCE"): st.column_config.NumberColumn(format="%.4f"),
            _("time"): st.column_config.NumberColumn(_("time (s)")),
        },
    )
    used = sum(runs.folder_bytes(run.folder) for run in listed)
    st.caption(
        _("Runs use {used} MB of the {cap} MB this server allows; the oldest finished runs go first.").format(
            used=number(used / 2**20, "0.0"), cap=number(runs.max_bytes() / 2**20, "0")
        )
    )
    by_name = {run.name: run for run in listed}
    name = st.selectbox(_("Run"), list(by_name), key="train_chosen_run")
    run = by_name[name]
    job = training_job.current_job()
    active = job is not None and Path(job.get("run_dir", "")).name == name
    try_column, delete_column = st.columns(2)
    if try_column.button(
        _("Try these weights on every page"),
        disabled=not run.has_weights or active,
        help=_("In this session only; the sidebar shows a way back to the shipped weights."),
    ):
        try:
            tried_runs.try_run(run.variant, run.folder)
        except Exception as error:  # a damaged run: say so, keep the shipped weights
            st.error(_("These weights cannot be loaded: {error}").format(error=error))
        else:
            st.rerun()  # outside the try: st.rerun works by raising
    if delete_column.button(_("Delete this run"), disabled=active):
        if tried_runs.tried().get(run.variant) == str(run.folder):
            tried_runs.forget(run.variant)
        runs.delete_run(run.folder)
        st.rerun()
