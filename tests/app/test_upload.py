"""Uploaded files: pictures become digits; anything else gets a message a person can act on."""

import io

import numpy as np
import pytest
from PIL import Image

from ui.input_panel import read_upload


def encoded(picture: Image.Image, kind: str = "PNG") -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=kind)
    return buffer.getvalue()


def test_a_jpeg_of_dark_ink_on_paper_becomes_a_digit():
    page = np.full((120, 90), 235, np.uint8)
    page[20:100, 40:52] = 20
    digit = read_upload(encoded(Image.fromarray(page), "JPEG"))
    assert digit.shape == (28, 28, 1) and digit[14, 14, 0] > 0.5


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.7 not a picture", "not a picture we can read"),
        (b"", "not a picture we can read"),
        (encoded(Image.new("RGB", (64, 64), "white")), "no digit found"),
        (encoded(Image.new("L", (5000, 4000))), "under 16 megapixels"),
    ],
    ids=["pdf", "empty-file", "blank-picture", "huge-picture"],
)
def test_bad_uploads_are_explained(content, message):
    with pytest.raises(ValueError, match=message):
        read_upload(content)


def test_a_truncated_png_is_explained():
    whole = encoded(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64), dtype=np.uint8)))
    with pytest.raises(ValueError, match="not a picture we can read"):
        read_upload(whole[: len(whole) // 2])
