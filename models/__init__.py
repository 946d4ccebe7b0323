"""Autoencoder Lab's pure library: architectures, data, noise, inference, weights, training.

Nothing in this package imports Streamlit, so the same code serves the app, the training
CLI (`python -m models.train`), the tests and a notebook.
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of logs
# Take GPU memory as needed rather than all of it up front, so the app can share the GPU.
os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
