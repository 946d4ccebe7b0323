"""Train: teach a variant from scratch in a process of its own and watch it learn, epoch by epoch."""

import streamlit as st

from i18n import _
from jobs import training_job
from ui.classroom import membership
from ui.train import job_panel, run_list

st.title(_("Train"))
st.markdown(
    _(
        "Choose a variant and a recipe (or the quick demo) and press **Start**: training runs beside the app "
        "(one job at a time on this server), and after every epoch the 8 digits beside the form sharpen from blobs "
        "into digits and the curve grows. The shipped weights are never changed; a finished run can be tried on "
        "every page, in your session only."
    )
)
job_panel.clean_up_after_restart()
job = training_job.current_job()
# The form and the run side by side: while the class watches, the digits stay on screen with Start and Stop.
form, live = st.columns([2, 3], gap="large")
with form:
    st.caption(_("Trains on **{device}**.").format(device=job_panel.device_text(job_panel.device_name())))
    request, problems = job_panel.request_form()
    if refusal := membership.training_refusal():  # a class runs: its teacher decides
        problems = [*problems, refusal]
    measured = job_panel.estimate_panel(request, busy=job is not None)
    job_panel.start_button(request, problems, measured, job)
with live:
    job_panel.show_stop_message()
    job_panel.render_live_view()
run_list.render_runs()
