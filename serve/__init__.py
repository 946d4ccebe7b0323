"""Starting the app's server: `python -m serve [streamlit run options]` (see `serve.launcher`).

Every way of starting the server (make, Docker, tests, benchmarks) goes through this
launcher, which settles what Streamlit would otherwise decide on the first visit. Imports
Streamlit only, never the app's own packages.
"""
