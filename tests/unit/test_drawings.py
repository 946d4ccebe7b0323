"""Drawing payloads from the browser: a good drawing becomes a digit, a malformed one means "no drawing"."""

from __future__ import annotations

import numpy as np
import pytest

from models.drawings import DrawingError, NothingDrawnError, digit_from_drawing


def canvas_with_stroke(size: int = 224) -> np.ndarray:
    """What the drawing pad sends: RGBA bytes, white strokes on a transparent background."""
    canvas = np.zeros((size, size, 4), np.uint8)
    canvas[40:180, 100:124] = 255
    return canvas


def test_a_drawing_becomes_a_centred_digit():
    digit = digit_from_drawing(canvas_with_stroke())
    assert digit.shape == (28, 28, 1) and digit[14, 14, 0] > 0.5 and digit[0, 0, 0] == 0.0


def test_the_same_drawing_as_floats_or_nested_lists_gives_the_same_digit():
    reference = digit_from_drawing(canvas_with_stroke())
    assert np.allclose(digit_from_drawing(canvas_with_stroke() / 255.0), reference)
    assert np.allclose(digit_from_drawing(canvas_with_stroke().tolist()), reference)


@pytest.mark.parametrize(
    "payload",
    [None, np.zeros((224, 224, 4), np.uint8), np.full((224, 224, 4), (255, 255, 255, 0), np.uint8)],
    ids=["none", "empty-pad", "all-transparent-white"],
)
def test_an_empty_pad_is_nothing_drawn(payload):
    with pytest.raises(NothingDrawnError, match="nothing drawn"):
        digit_from_drawing(payload)


def with_nan() -> np.ndarray:
    canvas = canvas_with_stroke().astype(np.float32)
    canvas[50, 110, 0] = np.nan
    return canvas


@pytest.mark.parametrize(
    ("payload", "reason"),
    [
        (np.zeros((224, 224, 2), np.uint8), "shape"),
        (np.zeros((4, 224, 224, 4), np.uint8), "shape"),
        (np.zeros(224, np.uint8), "shape"),
        (np.zeros((4, 4, 4), np.uint8), "4×4 pixels"),
        (np.zeros((5000, 10, 4), np.uint8), "pixels"),
        (with_nan(), "not numbers"),
        (np.full((64, 64, 4), np.inf), "not numbers"),
        (canvas_with_stroke().astype(np.int32) * 10, "out of range"),
        (-canvas_with_stroke().astype(np.int16), "out of range"),
        ([[1, 2, 3], [4, 5]], "not a grid"),
        ("a picture", "not numbers"),
        ({"objects": []}, "not numbers"),
        (np.zeros((64, 64, 4), dtype=np.complex64), "not numbers"),
    ],
    ids=[
        "two-channels",
        "four-dims",
        "flat",
        "tiny",
        "huge",
        "nan",
        "inf",
        "too-bright",
        "negative",
        "ragged",
        "text",
        "dict",
        "complex",
    ],
)
def test_a_malformed_payload_is_refused_with_a_reason(payload, reason):
    with pytest.raises(DrawingError, match=reason) as refused:
        digit_from_drawing(payload)
    assert not isinstance(refused.value, NothingDrawnError)
    assert str(refused.value).startswith("the drawing could not be read")
