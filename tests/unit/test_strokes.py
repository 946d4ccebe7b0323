"""Drawing-pad messages: strokes are rasterised by a fixed rule, and malformed messages are refused."""

import math

import numpy as np
import pytest

from digits.preprocess import read_drawing_payload
from digits.strokes import MAX_STROKES, PEN_WIDTH, RASTER_SIZE, Stroke, parse_strokes, rasterise_strokes


def test_a_dot_is_a_disc_of_the_pen_width():
    ink = rasterise_strokes([Stroke(np.array([[100.0, 100.0]]))])
    assert ink[100, 100] == 1.0 and ink[0, 0] == 0.0
    area = ink.sum()
    assert area == pytest.approx(math.pi * (PEN_WIDTH / 2) ** 2, rel=0.05)


def test_the_eraser_removes_ink_and_order_matters():
    line = Stroke(np.array([[20.0, 112.0], [200.0, 112.0]]))
    rub = Stroke(np.array([[112.0, 60.0], [112.0, 160.0]]), erase=True)
    assert rasterise_strokes([line, rub])[112, 112] == 0.0
    assert rasterise_strokes([rub, line])[112, 112] == 1.0


def test_a_stroke_may_leave_the_pad():
    ink = rasterise_strokes([Stroke(np.array([[-30.0, 112.0], [RASTER_SIZE + 30.0, 112.0]]))])
    assert ink[112].min() == 1.0


def one_digit(value=0.5) -> list:
    digit = [0.0] * 784
    digit[400] = value
    return digit


def test_a_good_message_is_read():
    drawing = read_drawing_payload(
        {"strokes": [{"points": [[10, 20], [30, 40]], "erase": False}], "digit": one_digit()}
    )
    assert drawing.problem is None and drawing.digit.shape == (28, 28, 1) and drawing.digit[14, 8, 0] == 0.5
    assert drawing.strokes[0].as_payload() == {"points": [[10.0, 20.0], [30.0, 40.0]], "erase": False}


def test_an_empty_drawing_is_no_drawing_without_a_problem():
    drawing = read_drawing_payload({"strokes": [], "digit": None})
    assert drawing.digit is None and drawing.problem is None
    assert read_drawing_payload({"strokes": [], "digit": [0.0] * 784}).problem is None


@pytest.mark.parametrize(
    "payload",
    [
        None,
        "a seven",
        {"strokes": "x", "digit": None},
        {"strokes": [{"points": [[1, 2, 3]]}], "digit": None},
        {"strokes": [{"points": [[float("nan"), 2]]}], "digit": None},
        {"strokes": [{"points": [[1e9, 2]]}], "digit": None},
        {"strokes": [{"points": [[1, 2]], "erase": "yes"}], "digit": None},
        {"strokes": [{"points": []}], "digit": None},
        {"strokes": [{"points": [[1, 2]]}] * (MAX_STROKES + 1), "digit": None},
        {"strokes": [], "digit": [0.5] * 783},
        {"strokes": [], "digit": one_digit(float("nan"))},
        {"strokes": [], "digit": one_digit(3.0)},
        {"strokes": [], "digit": one_digit(-1.0)},
        {"strokes": [], "digit": ["a"] * 784},
    ],
)
def test_a_malformed_message_is_no_drawing_with_a_reason(payload):
    drawing = read_drawing_payload(payload)
    assert drawing.digit is None and drawing.strokes == []
    assert drawing.problem and drawing.problem.startswith("the drawing could not be read")


def test_parse_strokes_keeps_the_eraser_flag():
    strokes = parse_strokes([{"points": [[1, 2]], "erase": True}])
    assert strokes[0].erase and strokes[0].points.shape == (1, 2)
