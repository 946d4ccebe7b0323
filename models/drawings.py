"""Check what a drawing widget sends before it becomes a digit: a malformed payload means "no drawing".

    digit = digit_from_drawing(payload)   # (28, 28, 1) float32, or DrawingError with a message

A drawing arrives from the browser (today the canvas's RGBA `image_data`; any array-like of
pixels will do), so it is checked like any outside input: a numeric picture of a sensible
size, grey, RGB or RGBA, finite, within 0..255 (or 0..1), with something drawn on it. What
fails a check is refused with a short message; nothing from NumPy or Pillow reaches the page.
"""

from __future__ import annotations

import numpy as np

from models.preprocess import EmptyImageError, preprocess_digit

MIN_SIDE, MAX_SIDE = 8, 2048  # a drawing pad is a few hundred pixels; anything else is not one
CHANNELS = (1, 3, 4)  # grey, RGB, RGBA
UNREADABLE = "the drawing could not be read ({}); please draw again"


class DrawingError(ValueError):
    """Nothing usable was drawn; the message says why, in words for the person drawing."""


class NothingDrawnError(DrawingError):
    """A well-formed drawing with no ink on it (an empty or fully transparent pad)."""


def drawing_pixels(payload: object) -> np.ndarray:
    """The payload as a float32 (H, W, C) array in [0, 1]; DrawingError when it is not a picture."""
    if payload is None:
        raise NothingDrawnError("nothing drawn yet")
    try:
        array = np.asarray(payload)
    except (ValueError, TypeError):  # ragged nested lists and the like
        raise DrawingError(UNREADABLE.format("it is not a grid of pixels")) from None
    if array.dtype.kind not in "uif" or array.dtype.itemsize > 8:
        raise DrawingError(UNREADABLE.format("its pixels are not numbers"))
    if array.ndim == 2:
        array = array[..., np.newaxis]
    if array.ndim != 3 or array.shape[2] not in CHANNELS:
        raise DrawingError(UNREADABLE.format(f"it has the shape {array.shape}, not a picture's"))
    height, width = array.shape[:2]
    if not (MIN_SIDE <= height <= MAX_SIDE and MIN_SIDE <= width <= MAX_SIDE):
        raise DrawingError(UNREADABLE.format(f"it is {width}×{height} pixels"))
    given_as_floats = array.dtype.kind == "f"
    array = array.astype(np.float32)
    if not np.isfinite(array).all():
        raise DrawingError(UNREADABLE.format("some of its pixels are not numbers"))
    low, high = float(array.min()), float(array.max())
    if low < 0 or high > 255:
        raise DrawingError(UNREADABLE.format("its pixel values are out of range"))
    # The canvas sends bytes; a float payload already in 0..1 is taken as it is.
    return array if given_as_floats and high <= 1.0 else array / 255.0


def digit_from_drawing(payload: object) -> np.ndarray:
    """A drawing payload -> MNIST-like digit (28, 28, 1); DrawingError (NothingDrawnError when blank)."""
    pixels = drawing_pixels(payload)
    if pixels.shape[2] == 4 and pixels[..., 3].max() == 0:
        raise NothingDrawnError("nothing drawn yet: the drawing is fully transparent")
    try:
        return preprocess_digit(pixels[..., 0] if pixels.shape[2] == 1 else pixels)
    except EmptyImageError:
        raise NothingDrawnError("nothing drawn yet") from None
