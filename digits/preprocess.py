"""Turn a drawing or an uploaded picture into a digit that looks like MNIST.

MNIST was made by scaling each digit to fit a 20x20 box (keeping its aspect ratio) and
placing it in a 28x28 image so that its centre of mass sits at the centre. We do the same,
after making the picture grey with white ink on black, so that the models see what they
were trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

from digits.messages import Readable
from digits.strokes import MalformedDrawingError, Stroke, parse_strokes
from i18n import N_

DIGIT_BOX = 20
IMAGE_SIZE = 28
# Below this contrast (on a 0..1 scale) between ink and paper there is nothing to read.
MIN_CONTRAST = 0.1
# Pixels fainter than this fraction of the strongest ink are treated as paper when cropping.
CROP_THRESHOLD = 0.05


class EmptyImageError(ValueError):
    """The picture has no ink: nothing was drawn, or it is one flat colour."""


def to_grey(image: np.ndarray | Image.Image) -> np.ndarray:
    """Any PIL image or array (H, W), (H, W, 3) or (H, W, 4) -> float grey (H, W) in [0, 1].

    Where a picture has transparency (a canvas drawing, a PNG with a clear background) the
    opacity says where the ink is, whatever its colour.
    """
    if isinstance(image, Image.Image):
        has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
        image = np.asarray(image.convert("RGBA" if has_alpha else "L"))
    array = np.asarray(image, dtype=np.float32)
    if array.size == 0:
        raise EmptyImageError("the picture has no pixels")
    if array.max() > 1.0:
        array = array / 255.0
    if array.ndim == 2:
        return array
    if array.ndim != 3 or array.shape[2] not in (1, 3, 4):
        raise ValueError(f"expected a grey, RGB or RGBA picture, got an array of shape {array.shape}")
    if array.shape[2] == 1:
        return array[..., 0]
    luminance = array[..., :3] @ np.array([0.299, 0.587, 0.114], dtype=np.float32)
    if array.shape[2] == 4:
        alpha = array[..., 3]
        if alpha.min() < 0.99:  # transparency is in use: the opaque strokes are the ink
            return alpha
    return luminance


def ink_on_black(grey: np.ndarray) -> np.ndarray:
    """Make the paper 0 and the strongest ink 1, inverting dark ink on light paper."""
    border = np.concatenate([grey[0], grey[-1], grey[:, 0], grey[:, -1]])
    paper = float(np.median(border))
    if paper > 0.5:  # light paper: dark ink, as on a scan or a photo of a page
        grey, paper = 1.0 - grey, 1.0 - paper
    ink = np.clip(grey - paper, 0.0, None)
    strongest = float(ink.max())
    if strongest < MIN_CONTRAST:
        raise EmptyImageError("no ink found: draw or upload a digit first")
    return ink / strongest


def crop_to_ink(ink: np.ndarray) -> np.ndarray:
    rows = np.flatnonzero(ink.max(axis=1) > CROP_THRESHOLD)
    cols = np.flatnonzero(ink.max(axis=0) > CROP_THRESHOLD)
    return ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]


def area_weights(size_in: int, size_out: int) -> np.ndarray:
    """(size_out, size_in) weights of an area average: how much of each input pixel each output covers.

    Output pixel k covers [k, k + 1) * size_in / size_out of the input; its value is the mean
    of the input over that span. The same simple filter runs in the browser
    (ui/components/preprocess.js), so both sides agree to rounding error.
    """
    step = size_in / size_out
    starts = np.arange(size_out)[:, np.newaxis] * step
    pixels = np.arange(size_in)[np.newaxis, :]
    overlap = np.minimum(pixels + 1, starts + step) - np.maximum(pixels, starts)
    return np.clip(overlap, 0.0, None) / step


def fit_in_box(ink: np.ndarray, box: int = DIGIT_BOX) -> np.ndarray:
    """Scale so the longer side is `box` pixels, keeping the aspect ratio (area average)."""
    height, width = ink.shape
    scale = box / max(height, width)
    new_height, new_width = max(1, round(height * scale)), max(1, round(width * scale))
    resized = area_weights(height, new_height) @ ink.astype(np.float64) @ area_weights(width, new_width).T
    return np.clip(resized, 0.0, 1.0).astype(np.float32)


def centre_by_mass(digit: np.ndarray, size: int = IMAGE_SIZE) -> np.ndarray:
    """Place `digit` in a size x size image with its centre of mass at the centre."""
    rows, cols = np.indices(digit.shape)
    mass = digit.sum()
    centre_row, centre_col = (rows * digit).sum() / mass, (cols * digit).sum() / mass
    top = round(size / 2 - centre_row)
    left = round(size / 2 - centre_col)
    # Paste into a canvas padded on every side, then cut the middle: no bounds arithmetic.
    pad = size
    canvas = np.zeros((size + 2 * pad, size + 2 * pad), dtype=np.float32)
    canvas[pad + top : pad + top + digit.shape[0], pad + left : pad + left + digit.shape[1]] = digit
    return canvas[pad : pad + size, pad : pad + size]


def digit_from_payload(values: object) -> np.ndarray:
    """A 28x28 digit sent by a browser -> (28, 28, 1) float32; MalformedDrawingError if it is not one.

    Anything else than 784 finite numbers in [0, 1] is refused (a little rounding is allowed
    and clipped). A digit with no ink raises EmptyImageError, as an empty drawing does.
    """
    try:
        digit = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError):
        raise MalformedDrawingError(N_("the digit is not a list of numbers")) from None
    if digit.size != IMAGE_SIZE * IMAGE_SIZE or digit.ndim not in (1, 2, 3):
        raise MalformedDrawingError(N_("the digit has shape {shape}, not 28×28"), shape=digit.shape)
    if not np.isfinite(digit).all():
        raise MalformedDrawingError(N_("the digit has values that are not numbers"))
    if digit.min() < -1e-3 or digit.max() > 1 + 1e-3:
        raise MalformedDrawingError(N_("the digit has values outside 0..1"))
    if digit.max() < MIN_CONTRAST:
        raise EmptyImageError("nothing drawn yet")
    return np.clip(digit, 0.0, 1.0).astype(np.float32).reshape(IMAGE_SIZE, IMAGE_SIZE, 1)


@dataclass(frozen=True)
class Drawing:
    """What the drawing pad sent, checked: its strokes, its digit (None: nothing drawn) and any problem."""

    strokes: list[Stroke]
    digit: np.ndarray | None
    problem: Readable | None = None  # English as a str; shown with .translated()


def read_drawing_payload(payload: object) -> Drawing:
    """The pad's {"strokes": [...], "digit": [784 numbers] or None} -> a Drawing; never raises.

    Anything malformed (wrong types or shapes, NaN, values out of range) is "no drawing",
    with the reason in `problem`; a digit with no ink is "no drawing" without one.
    """
    try:
        if not isinstance(payload, dict):
            raise MalformedDrawingError(N_("the message is not a drawing (strokes and a digit)"))
        strokes = parse_strokes(payload.get("strokes"))
        digit = None if payload.get("digit") is None else digit_from_payload(payload["digit"])
        return Drawing(strokes, digit)
    except EmptyImageError:
        return Drawing([], None)
    except MalformedDrawingError as error:
        return Drawing([], None, Readable(N_("the drawing could not be read ({reason})"), reason=error.text))


def preprocess_digit(image: np.ndarray | Image.Image) -> np.ndarray:
    """A drawing or picture -> an MNIST-like float32 image (28, 28, 1) in [0, 1].

    Raises EmptyImageError when there is no ink to read.
    """
    ink = ink_on_black(to_grey(image))
    digit = fit_in_box(crop_to_ink(ink))
    return centre_by_mass(digit)[..., np.newaxis]
