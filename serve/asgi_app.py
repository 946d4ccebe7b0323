"""The app as Streamlit's ASGI application, with the project's own HTTP routes and middleware.

`python -m serve` runs this file with `streamlit run`, which finds `app` below and serves the
Streamlit script app.py through it (st.App, Streamlit's way to add routes and middleware):

- the weight files the components fetch (serve/weight_route.py);
- the version of a class's board and the step of a lesson's room, which their screens poll
  (serve/class_route.py, serve/lesson_route.py);
- a student's page of a class, the class link, served without Streamlit (serve/student_page.py),
  and what it asks of the server (serve/student_api.py);
- on a class opened in Streamlit (`/class?join=`), a header that starts the five models' downloads at
  once (serve/preload.py);
- compression of Streamlit's own frontend. Streamlit sends its JavaScript uncompressed (4.6 MB
  on a first visit, 7.8 MB on a page with a Plotly chart), which a school's Wi-Fi feels when a
  class opens the app at once; starlette-compress gzips it (zstd or Brotli where the browser
  offers them) at a fast level, once per browser: the files are named by their content and kept;
- at start, in a background thread, the work every page's first visitor would otherwise wait
  for (serve/warm_up.py; AUTOENCODER_LAB_WARM_UP=0 skips it).
"""

import importlib
import os
import threading
from contextlib import asynccontextmanager

import streamlit as st
from starlette.middleware import Middleware
from starlette_compress import CompressMiddleware

from serve import class_route, lesson_route, preload, student_api, student_page, weight_route
from serve.launcher import APP, WARM_UP_ENV


def warm_up() -> None:
    # Imported here, once Streamlit's runtime exists: the pages' caches are the runtime's.
    from serve.warm_up import warm_up

    warm_up()


@asynccontextmanager
async def warm_up_in_background(_app):
    # Plotly imports pandas when it first checks an array. Two threads doing that at once (the
    # warm-up's first chart and a session's) left one with a half-imported pandas ("partially
    # initialized module 'pandas' has no attribute 'Series'"): imported here, before either runs.
    # 0.45 s, before the server answers its first request.
    importlib.import_module("pandas")
    # The runtime has started; the server answers at once while this runs beside it.
    if os.environ.get(WARM_UP_ENV, "1") != "0":
        threading.Thread(target=warm_up, name="warm-up", daemon=True).start()
    yield


app = st.App(
    str(APP),
    routes=[
        *weight_route.ROUTES,
        *class_route.ROUTES,
        *lesson_route.ROUTES,
        *student_api.ROUTES,
        *student_page.ROUTES,
    ],
    middleware=[Middleware(CompressMiddleware), Middleware(preload.PreloadWeights)],
    lifespan=warm_up_in_background,
)
