"""Train: teach a variant from scratch in a process of its own and watch it learn, epoch by epoch."""

import streamlit as st

from jobs import training_job
from ui.state.keys import TRAIN_STOPPED_IN
from ui.train import job_panel, run_list

st.title("Train")
st.markdown(
    "Choose a variant and a recipe and press **Start**: training runs beside the app (one job at a time on "
    "this server), and after every epoch the curve grows and the 8 digits below sharpen from blobs into digits. "
    "The shipped weights are never changed; a finished run can be tried on every page, in your session only."
)
job_panel.clean_up_after_restart()
st.caption(f"Trains on **{job_panel.device_name()}**.")
job = training_job.current_job()
request, problems = job_panel.request_form()
measured = job_panel.estimate_panel(request, busy=job is not None)
job_panel.start_button(request, problems, measured, job)
if (seconds := st.session_state.pop(TRAIN_STOPPED_IN, None)) is not None:
    st.success(f"Stopped in {seconds:.1f} s; the finished epochs were kept.")
job_panel.render_live_view()
run_list.render_runs()
