"""Autoencoder Lab: the entry point. `streamlit run app.py` (or `make run`).

Sets up the page, restores shareable state from the URL, shows the shared input panel in
the sidebar and hands over to the page chosen in the navigation.
"""

import streamlit as st

from models import jobs
from ui import tried_runs, url_state
from ui.input_panel import render_input_panel
from ui.pictures import apply_page_style
from ui.share import share_dialog

st.set_page_config(page_title="Autoencoder Lab", page_icon="🧠", layout="wide")

# Streamlit runs a `pages/` folder as its legacy automatic navigation (each file alone, without
# this script) until `st.navigation` has run once in the process. URL paths that differ from the
# file names keep a legacy run from matching a page, so it always falls back to this script.
PAGES = [
    st.Page("pages/home.py", title="Home", icon="🏠", default=True),
    st.Page("pages/reconstruct.py", title="Reconstruct", icon="🔁", url_path="reconstruction"),
    st.Page("pages/denoise.py", title="Denoise", icon="🌫️", url_path="denoising"),
    st.Page("pages/code_explorer.py", title="Code explorer", icon="🎛️", url_path="code-explorer"),
    st.Page("pages/model_cards.py", title="Models", icon="📐", url_path="models"),
]
# AUTOENCODER_LAB_TRAINING=off leaves the Train page out; its address then explains why.
if jobs.training_enabled():
    PAGES.append(st.Page("pages/train.py", title="Train", icon="🏋️", url_path="train"))
else:
    PAGES.append(st.Page("pages/training_off.py", title="Train", url_path="train", visibility="hidden"))
url_state.restore_from_url()
st.session_state.setdefault("input_source", "MNIST")

navigation = st.navigation(PAGES)
with st.sidebar:
    render_input_panel()
    st.toggle("Big images (for projectors)", key="big_images")
    tried_runs.render_badge()
    share_requested = st.button("Share this view", key="share_view", icon="🔗")
apply_page_style()
for notice in st.session_state.pop("url_notices", []):
    st.info(notice, icon="🔗")
navigation.run()
url_state.write_to_url()
if share_requested:
    share_dialog(navigation.url_path)
