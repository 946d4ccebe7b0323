"""Pen strokes from the drawing pad, checked and rasterised exactly as the browser does it.

The drawing pad (ui/components/strokes.js) keeps a drawing as strokes: lists of points in
the coordinates of a RASTER_SIZE x RASTER_SIZE square, each stroke drawn with the pen or the
eraser. Both sides turn strokes into pixels with the same rule, so the server can check the
browser's preprocessing on the very same picture:

    coverage of a pixel = clip(radius + 0.5 - distance from its centre to the segment, 0, 1)
    pen:    ink = max(ink, coverage)        eraser: ink = min(ink, 1 - coverage)

applied segment by segment, stroke by stroke (a one-point stroke is a dot). The code below
follows ui/components/strokes.js line for line; change both together.
"""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

import numpy as np

from digits.messages import ReadableError
from i18n import N_

RASTER_SIZE = 224
# A pen 1/12 of the pad wide becomes about 2 pixels in MNIST's 20-pixel box, as in MNIST.
PEN_WIDTH = 18
ERASER_WIDTH = 36
# Bounds on what a browser may send: plenty for any digit, small enough to check quickly.
MAX_STROKES = 200
MAX_POINTS = 20_000
# Points may lie a little outside the pad (a stroke that leaves it is still captured).
MARGIN = RASTER_SIZE


class MalformedDrawingError(ReadableError):
    """What the drawing pad sent is not a drawing: wrong types, shapes, NaN or out of range."""


@dataclass(frozen=True)
class Stroke:
    points: np.ndarray  # (n, 2) float64: x, y in raster coordinates
    erase: bool = False

    def as_payload(self) -> dict:
        return {"points": self.points.round(2).tolist(), "erase": self.erase}


def parse_strokes(payload: object) -> list[Stroke]:
    """The pad's list of {"points": [[x, y], ...], "erase": bool} -> strokes; MalformedDrawingError if not."""
    if not isinstance(payload, list):
        raise MalformedDrawingError(N_("the strokes are not a list"))
    if len(payload) > MAX_STROKES:
        raise MalformedDrawingError(N_("{count} strokes is more than {most}"), count=len(payload), most=MAX_STROKES)
    strokes, total = [], 0
    for stroke in payload:
        if not isinstance(stroke, dict) or not isinstance(stroke.get("erase", False), bool):
            raise MalformedDrawingError(N_("a stroke is not a list of points with an eraser flag"))
        try:
            points = np.asarray(stroke.get("points"), dtype=np.float64)
        except (TypeError, ValueError):
            raise MalformedDrawingError(N_("a stroke's points are not numbers")) from None
        if points.ndim != 2 or points.shape[1] != 2 or len(points) == 0:
            raise MalformedDrawingError(N_("a stroke's points have shape {shape}, not (n, 2)"), shape=points.shape)
        if not np.isfinite(points).all() or np.abs(points - RASTER_SIZE / 2).max() > RASTER_SIZE / 2 + MARGIN:
            raise MalformedDrawingError(N_("a stroke has a point that is not a number or far outside the pad"))
        total += len(points)
        if total > MAX_POINTS:
            raise MalformedDrawingError(N_("more than {most} points"), most=MAX_POINTS)
        strokes.append(Stroke(points, bool(stroke.get("erase", False))))
    return strokes


def paint_segment(ink: np.ndarray, start, end, radius: float, erase: bool) -> None:
    """Paint one round-capped segment of the given radius into `ink` (in place)."""
    (x0, y0), (x1, y1) = start, end
    size = ink.shape[0]
    left = max(0, math.floor(min(x0, x1) - radius - 1))
    right = min(size, math.ceil(max(x0, x1) + radius + 1))
    top = max(0, math.floor(min(y0, y1) - radius - 1))
    bottom = min(size, math.ceil(max(y0, y1) + radius + 1))
    if left >= right or top >= bottom:
        return
    px = np.arange(left, right, dtype=np.float64)[np.newaxis, :] + 0.5
    py = np.arange(top, bottom, dtype=np.float64)[:, np.newaxis] + 0.5
    dx, dy = x1 - x0, y1 - y0
    length_squared = dx * dx + dy * dy
    if length_squared > 0:
        t = np.clip(((px - x0) * dx + (py - y0) * dy) / length_squared, 0.0, 1.0)
    else:
        t = np.zeros((1, 1))
    ex, ey = px - (x0 + t * dx), py - (y0 + t * dy)
    coverage = np.clip(radius + 0.5 - np.sqrt(ex * ex + ey * ey), 0.0, 1.0)
    window = ink[top:bottom, left:right]
    if erase:
        np.minimum(window, 1.0 - coverage, out=window)
    else:
        np.maximum(window, coverage, out=window)


def rasterise_strokes(strokes: list[Stroke], size: int = RASTER_SIZE) -> np.ndarray:
    """Strokes -> a (size, size) float64 picture of white ink (1) on black paper (0)."""
    ink = np.zeros((size, size), dtype=np.float64)
    for stroke in strokes:
        radius = (ERASER_WIDTH if stroke.erase else PEN_WIDTH) / 2
        points = stroke.points
        if len(points) == 1:
            paint_segment(ink, points[0], points[0], radius, stroke.erase)
        for start, end in itertools.pairwise(points):
            paint_segment(ink, start, end, radius, stroke.erase)
    return ink
