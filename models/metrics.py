"""Reconstruction errors per image, computed the way Keras computes its losses."""

from __future__ import annotations

import numpy as np

# Keras clips probabilities to [eps, 1 - eps] before the logarithm; matching it keeps our
# numbers equal to the training log's.
EPSILON = 1e-7


def _per_image(values: np.ndarray) -> np.ndarray:
    return values.reshape(len(values), -1).mean(axis=1)


def binary_cross_entropy(targets: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Mean binary cross-entropy over the pixels of each image: shape (N,)."""
    targets = np.asarray(targets, dtype=np.float64)
    p = np.clip(np.asarray(predictions, dtype=np.float64), EPSILON, 1.0 - EPSILON)
    return _per_image(-(targets * np.log(p) + (1.0 - targets) * np.log(1.0 - p)))


def mean_squared_error(targets: np.ndarray, predictions: np.ndarray) -> np.ndarray:
    """Mean squared error over the pixels of each image: shape (N,)."""
    diff = np.asarray(targets, dtype=np.float64) - np.asarray(predictions, dtype=np.float64)
    return _per_image(diff**2)


def entropy_floor(images: np.ndarray) -> np.ndarray:
    """Each image's lowest possible BCE: that of a perfect copy, the image against itself.

    Pixels that are neither 0 nor 1 cost something even when copied exactly, so the floor is
    per digit (more grey edge pixels, higher floor), never 0 for MNIST.
    """
    return binary_cross_entropy(images, images)
