"""The app as Streamlit's ASGI application, with the project's own HTTP routes beside it.

`python -m serve` runs this file with `streamlit run`, which finds `app` below and serves the
Streamlit script app.py with these routes added (st.App, Streamlit's way to add routes). Only
the weight files so far: serve/weight_route.py.
"""

import streamlit as st

from serve.launcher import APP
from serve.weight_route import ROUTES

app = st.App(str(APP), routes=ROUTES)
