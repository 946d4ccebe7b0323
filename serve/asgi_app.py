"""The app as Streamlit's ASGI application, with the project's own HTTP routes and middleware.

`python -m serve` runs this file with `streamlit run`, which finds `app` below and serves the
Streamlit script app.py through it (st.App, Streamlit's way to add routes and middleware):

- the weight files the components fetch (serve/weight_route.py);
- compression of Streamlit's own frontend. Streamlit sends its JavaScript uncompressed (4.6 MB
  on a first visit, 7.8 MB on a page with a Plotly chart), which a school's Wi-Fi feels when a
  class opens the app at once; starlette-compress gzips it (zstd or Brotli where the browser
  offers them) at a fast level, once per browser: the files are named by their content and kept.
"""

import streamlit as st
from starlette.middleware import Middleware
from starlette_compress import CompressMiddleware

from serve.launcher import APP
from serve.weight_route import ROUTES

app = st.App(str(APP), routes=ROUTES, middleware=[Middleware(CompressMiddleware)])
