"""Drawings and uploads are turned into MNIST-like digits the way MNIST itself was made."""

import numpy as np
import pytest
from PIL import Image

from digits.preprocess import EmptyImageError, preprocess_digit


def centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    image = image[..., 0]
    rows, cols = np.indices(image.shape)
    return (rows * image).sum() / image.sum(), (cols * image).sum() / image.sum()


def canvas_with_stroke(size=280, top=20, left=30, height=60, width=20) -> np.ndarray:
    """An RGBA canvas like the drawing widget returns: white strokes, transparent background."""
    canvas = np.zeros((size, size, 4), dtype=np.uint8)
    canvas[top : top + height, left : left + width] = 255
    return canvas


def test_small_off_centre_drawing_comes_back_centred_and_scaled():
    digit = preprocess_digit(canvas_with_stroke())
    assert digit.shape == (28, 28, 1) and digit.dtype == np.float32
    row, col = centre_of_mass(digit)
    assert abs(row - 14) <= 1 and abs(col - 14) <= 1
    rows = np.flatnonzero(digit[..., 0].max(axis=1) > 0.05)
    assert 19 <= rows[-1] - rows[0] + 1 <= 21  # the longer side fills the 20-pixel box
    cols = np.flatnonzero(digit[..., 0].max(axis=0) > 0.05)
    assert cols[-1] - cols[0] + 1 < 12  # the aspect ratio (1:3) is kept


def test_dark_ink_on_light_paper_is_inverted():
    picture = np.full((100, 100), 240, dtype=np.uint8)
    picture[20:80, 45:55] = 10
    digit = preprocess_digit(Image.fromarray(picture, mode="L"))
    assert digit[0, 0, 0] == 0.0 and digit.max() == pytest.approx(1.0, abs=0.05)
    assert digit[14, 14, 0] > 0.5  # the bar is now bright, in the middle


def test_rgb_upload_of_white_on_black_is_kept():
    picture = np.zeros((50, 80, 3), dtype=np.uint8)
    picture[10:40, 30:40] = (255, 255, 255)
    digit = preprocess_digit(Image.fromarray(picture, mode="RGB"))
    assert digit[14, 14, 0] > 0.5 and digit[0, 0, 0] == 0.0


def test_black_ink_on_transparent_png_uses_opacity():
    picture = np.zeros((60, 60, 4), dtype=np.uint8)
    picture[10:50, 25:35] = (0, 0, 0, 255)
    digit = preprocess_digit(Image.fromarray(picture, mode="RGBA"))
    assert digit[14, 14, 0] > 0.5


@pytest.mark.parametrize(
    "blank",
    [np.zeros((280, 280, 4), np.uint8), np.full((64, 64), 255, np.uint8), np.full((30, 30, 3), 128, np.uint8)],
    ids=["empty-canvas", "white-page", "flat-grey"],
)
def test_pictures_without_ink_are_reported_empty(blank):
    with pytest.raises(EmptyImageError):
        preprocess_digit(blank)


def test_an_mnist_digit_survives_preprocessing(mnist):
    original = mnist.x_test[0]
    again = preprocess_digit((original[..., 0] * 255).astype(np.uint8))
    # MNIST digits are already boxed and centred, so the round trip changes little.
    assert np.abs(again - original).mean() < 0.06
