"""Starting the app's server: `python -m serve [streamlit run options]` (see `serve.launcher`).

Every way of starting the server (make, Docker, tests, benchmarks) goes through this
launcher, which settles what Streamlit would otherwise decide on the first visit and runs
`asgi_app`: app.py as Streamlit's ASGI app (st.App) with the weight files' route
(`weight_route`), the routes a class's and a lesson's screens poll, the student page of a class
served without Streamlit (`student_page`, its HTML, CSS and script in `student/`, and the JSON
routes it calls, `student_api`), compression, and the warm-up at start (`warm_up`). The launcher imports
Streamlit only; the rest sits on top of the app's packages, as the pages do.
"""
