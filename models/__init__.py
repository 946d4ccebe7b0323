"""What a trained autoencoder is and how it runs.

The registry of variants, their layer plans and Keras architectures, the weight files and
their checks, the NumPy inference the server runs, the export the browser runs, and the
metrics and analyses computed from a model's outputs. Depends only on `digits` (the noise
formula); never imports Streamlit, `ui`, `jobs` or `training`, so the same code serves the
app, the training CLI (`python -m training`), the tests and a notebook. TensorFlow is
imported only by the modules that build Keras models (architectures, weights' Keras loader).
"""

import os

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")  # keep TensorFlow's start-up chatter out of logs
# Take GPU memory as needed rather than all of it up front, so the app can share the GPU.
os.environ.setdefault("TF_FORCE_GPU_ALLOW_GROWTH", "true")
