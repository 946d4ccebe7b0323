"""The browser harness: start the app, start Chromium, wait for a rerun, draw, measure.

For the tests, the benchmarks and the scripts alike (it is an ordinary package: nothing
outside `tests/` imports from `tests/`). `server` starts the app through its launcher on a
free port; `browser` starts Chromium and waits for the app; `pages` opens and checks pages;
`live` and `drawing` drive the live sliders and the drawing pad; `stroke_sets` and `sizes`
are recorded strokes and on-screen measurements; `session_client` speaks Streamlit's
websocket protocol without a browser. May import every package of the app; none imports it.
"""
