"""Autoencoder Lab: the entry point. `streamlit run app.py` (or `make run`).

Sets up the page, restores shareable state from the URL, shows the shared input panel in
the sidebar (a student's screen in a class keeps only the language there) and hands over to the
page chosen in the navigation.
"""

# Plotly imports pandas lazily, on the first figure it checks; two sessions' runs doing that at
# once let one see a half-imported pandas (AttributeError: no attribute 'Series', seen in class
# mode). Importing it here, before any page runs, makes every run wait for the whole module.
import pandas  # noqa: F401
import streamlit as st

from i18n import _
from jobs import training_job
from ui import page_table
from ui.classroom import membership
from ui.components.sidebar_closer import close_sidebar_after_navigating
from ui.input_panel import render_input_panel
from ui.language import browser_language, render_language_switch
from ui.lesson import progress as lesson_progress
from ui.pictures import apply_page_style
from ui.share import share_dialog
from ui.state import url_params
from ui.state.keys import BIG_IMAGES, INPUT_SOURCE, SHARE_VIEW, URL_NOTICES
from ui.train import tried_runs

st.set_page_config(page_title="Autoencoder Lab", page_icon="🧠", layout="wide")


def navigation_page(entry: page_table.PageEntry, **options) -> st.Page:
    """The st.Page of one row of ui/page_table.py."""
    return st.Page(entry.file, title=_(entry.title), icon=entry.icon, url_path=entry.url_path or None, **options)


url_params.restore_from_url(browser_language)  # first: the language it settles names the pages


# Streamlit runs a `pages/` folder as its legacy automatic navigation (each file alone, without
# this script) until `st.navigation` has run once in the process. URL paths that differ from the
# file names keep a legacy run from matching a page, so it always falls back to this script.
PAGES = [navigation_page(entry, default=entry is page_table.HOME) for entry in page_table.LEARNING_PAGES]
# AUTOENCODER_LAB_TRAINING=off leaves the Train page out; its address then explains why.
if training_job.training_enabled():
    PAGES.append(navigation_page(page_table.TRAIN))
else:
    PAGES.append(navigation_page(page_table.TRAINING_OFF, visibility="hidden"))
st.session_state.setdefault(INPUT_SOURCE, "MNIST")

navigation = st.navigation(PAGES)
whole_screen = navigation.url_path in {entry.url_path for entry in page_table.WHOLE_SCREEN}
# A student's screen in a class (a phone, most often) is the class page with the language switch
# only: its pad is on the page; the input panel, Big images and Share cost a slow phone ~2 s before
# its pad could be drawn on (benchmarks/network.py). The page list stays, to leave the class.
student_in_class = navigation.url_path == page_table.CLASS.url_path and membership.on_a_student_screen()
share_requested = False
with st.sidebar:
    if not student_in_class:
        # The lesson's first step and the class page show the drawing pad themselves: one pad at a time.
        path = navigation.url_path
        page_has_pad = path == page_table.CLASS.url_path or lesson_progress.shows_the_pad(path)
        render_input_panel(pad_here=not page_has_pad)
        st.toggle(_("Big images (for projectors)"), key=BIG_IMAGES)
        tried_runs.render_badge()
        share_requested = st.button(_("Share this view"), key=SHARE_VIEW, icon="🔗")
    render_language_switch()
    close_sidebar_after_navigating(navigation.url_path, whole_screen)
apply_page_style()
for notice in st.session_state.pop(URL_NOTICES, []):
    st.info(notice, icon="🔗")
url_params.clear_page_params()  # a page adds its own (the lesson's step) as it runs
navigation.run()
url_params.write_to_url()
if share_requested:
    share_dialog(navigation.url_path)
