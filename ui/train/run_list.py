"""The Train page's list of runs: what each trained and how well, trying one in this session, deleting."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from jobs import runs, training_job
from models.registry import VARIANTS
from ui.train import tried_runs


def recipe_text(request: dict) -> str:
    text = f"batch {request.get('batch_size')}, lr {request.get('learning_rate')}, {request.get('subset', 0):,} digits"
    if request.get("noise_factor") is not None:
        text += f", noise {request['noise_factor']}"
    return text


def run_row(run: runs.Run) -> dict:
    metadata = run.metadata if run.has_weights else {}
    test = metadata.get("test", {})
    return {
        "run": run.name,
        "variant": VARIANTS[run.variant].title if run.variant in VARIANTS else run.variant,
        "status": run.status,
        "recipe": recipe_text(run.request),
        "epochs": f"{run.progress.get('epoch', 0)} of {run.request.get('epochs')}",
        "test BCE": test.get("bce"),
        "time": round(metadata["training_seconds"]) if "training_seconds" in metadata else None,
        "device": run.progress.get("device", ""),
    }


def render_runs() -> None:
    """The table of runs, the runs' disk use against the cap, and Try / Delete for a chosen run."""
    keep = tuple(Path(folder).name for folder in tried_runs.tried().values())
    for name in runs.enforce_cap(keep=keep):
        st.caption(f"Deleted the old run `{name}` to stay under the disk cap.")
    listed = runs.list_runs()
    st.subheader("Runs")
    if not listed:
        st.caption("Finished runs appear here; any one can be tried on every page, in this session only.")
        return
    st.dataframe(
        [run_row(run) for run in listed],
        hide_index=True,
        column_config={
            "test BCE": st.column_config.NumberColumn(format="%.4f"),
            "time": st.column_config.NumberColumn("time (s)"),
        },
    )
    used = sum(runs.folder_bytes(run.folder) for run in listed)
    st.caption(
        f"Runs use {used / 2**20:.1f} MB of the {runs.max_bytes() / 2**20:.0f} MB this server allows; "
        "the oldest finished runs go first."
    )
    by_name = {run.name: run for run in listed}
    name = st.selectbox("Run", list(by_name), key="train_chosen_run")
    run = by_name[name]
    job = training_job.current_job()
    active = job is not None and Path(job.get("run_dir", "")).name == name
    try_column, delete_column = st.columns(2)
    if try_column.button(
        "Try these weights on every page",
        disabled=not run.has_weights or active,
        help="In this session only; the sidebar shows a way back to the shipped weights.",
    ):
        try:
            tried_runs.try_run(run.variant, run.folder)
        except Exception as error:  # a damaged run: say so, keep the shipped weights
            st.error(f"These weights cannot be loaded: {error}")
        else:
            st.rerun()  # outside the try: st.rerun works by raising
    if delete_column.button("Delete this run", disabled=active):
        if tried_runs.tried().get(run.variant) == str(run.folder):
            tried_runs.forget(run.variant)
        runs.delete_run(run.folder)
        st.rerun()
