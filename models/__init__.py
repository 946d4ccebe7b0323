"""Autoencoder Lab's pure library: architectures, data, noise, inference, weights, training.

Nothing in this package imports Streamlit, so the same code serves the app, the training
CLI (`python -m models.train`), the tests and a notebook.
"""
