"""Thirty recorded-style stroke sets for the drawing pad, generated as point lists.

Each set is a digit written with one to three strokes, as a person would draw it on the
pad: points every few pixels, in the pad's raster coordinates (digits/strokes.py,
RASTER_SIZE). Ten digit shapes are drawn three ways each: large and upright, slanted and
a little smaller, and small in a corner (the case that tests cropping and scaling). One set
also uses the eraser. Shared by the drawing-pad tests and benchmarks/browser.py.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

from digits.preprocess import preprocess_digit
from digits.strokes import RASTER_SIZE, parse_strokes, rasterise_strokes

# Digit shapes in a unit box (x right, y down), each a list of strokes, each a list of points.
Shape = list[list[tuple[float, float]]]


def _arc(cx, cy, rx, ry, start_deg, end_deg, steps=24) -> list[tuple[float, float]]:
    return [
        (cx + rx * math.cos(math.radians(a)), cy + ry * math.sin(math.radians(a)))
        for a in (start_deg + (end_deg - start_deg) * i / steps for i in range(steps + 1))
    ]


SHAPES: dict[str, Shape] = {
    "1": [[(0.4, 0.2), (0.55, 0.05), (0.55, 0.95)]],
    "7": [[(0.15, 0.1), (0.85, 0.1), (0.4, 0.95)]],
    "0": [_arc(0.5, 0.5, 0.32, 0.45, -90, 270, 36)],
    "2": [[*_arc(0.5, 0.3, 0.3, 0.22, 200, 380, 16), (0.15, 0.92), (0.88, 0.92)]],
    "3": [_arc(0.48, 0.28, 0.3, 0.2, 200, 450, 18), _arc(0.48, 0.7, 0.33, 0.23, -90, 160, 18)],
    "4": [[(0.6, 0.05), (0.12, 0.65), (0.88, 0.65)], [(0.62, 0.3), (0.62, 0.95)]],
    "5": [[(0.8, 0.08), (0.25, 0.08), (0.22, 0.45), *_arc(0.48, 0.66, 0.3, 0.26, -120, 160, 18)]],
    "6": [[(0.7, 0.05), (0.35, 0.4), *_arc(0.5, 0.7, 0.28, 0.24, 200, 560, 30)]],
    "8": [_arc(0.5, 0.28, 0.24, 0.22, 90, 450, 28), _arc(0.5, 0.72, 0.3, 0.23, -90, 270, 30)],
    "9": [[*_arc(0.5, 0.3, 0.28, 0.24, 0, 360, 28), (0.78, 0.3), (0.7, 0.95)]],
}

# (name, scale, slant, centre x, centre y): where and how big each shape is drawn.
PLACEMENTS = [
    ("upright", 0.7, 0.0, 0.5, 0.5),
    ("slanted", 0.55, 0.25, 0.52, 0.48),
    ("small in a corner", 0.25, 0.1, 0.8, 0.2),
]


def _densify(points: list[tuple[float, float]], spacing: float) -> list[list[float]]:
    """Points every `spacing` pixels along the polyline, as a pointer would report them."""
    dense = [list(points[0])]
    for (x0, y0), (x1, y1) in itertools.pairwise(points):
        steps = max(1, math.ceil(math.hypot(x1 - x0, y1 - y0) / spacing))
        dense += [[x0 + (x1 - x0) * i / steps, y0 + (y1 - y0) * i / steps] for i in range(1, steps + 1)]
    return [[round(x, 2), round(y, 2)] for x, y in dense]


def stroke_set(shape: str, placement: tuple, spacing: float = 4.0) -> list[dict]:
    """One digit as the pad's strokes: [{"points": [[x, y], ...], "erase": False}, ...]."""
    _, scale, slant, centre_x, centre_y = placement
    side = RASTER_SIZE * scale
    strokes = []
    for stroke in SHAPES[shape]:
        points = [
            (centre_x * RASTER_SIZE + (x - 0.5 + slant * (0.5 - y)) * side, centre_y * RASTER_SIZE + (y - 0.5) * side)
            for x, y in stroke
        ]
        strokes.append({"points": _densify(points, spacing), "erase": False})
    return strokes


def stroke_sets() -> dict[str, list[dict]]:
    """All thirty sets by name, e.g. "7, slanted"; the upright 8 has its crossing erased a little."""
    sets = {f"{shape}, {placement[0]}": stroke_set(shape, placement) for placement in PLACEMENTS for shape in SHAPES}
    eraser = {"points": _densify([(100.0, 112.0), (124.0, 112.0)], 4.0), "erase": True}
    sets["8, upright"] = [*sets["8, upright"], eraser]
    return sets


def pad_message(kind: int) -> dict:
    """The pad's message for script `kind`: one of the recorded stroke sets, and its 28x28 digit.

    The digit is made by the Python twins of the pad's JavaScript (same result to 6e-8, issue
    10's parity tests), rounded as the pad rounds what it sends.
    """
    strokes = list(stroke_sets().values())[kind % len(stroke_sets())]
    digit = preprocess_digit(rasterise_strokes(parse_strokes(strokes)))
    return {"strokes": strokes, "digit": np.round(digit.reshape(-1), 4).tolist()}
