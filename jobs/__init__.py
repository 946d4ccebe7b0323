"""The one training job a server runs: request, start, follow, stop, and its runs on disk.

`training_job` starts `python -m training --run-dir ...` in a process of its own and stops
it; `runs` reads and writes the run folders that the trainer fills and the Train page
follows. No TensorFlow and no Streamlit here: the server imports it. May import `models`
and `digits`.
"""
