"""Uploaded files: PNG and JPEG pictures become digits; anything else gets one of our own messages."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image, PngImagePlugin

from digits import uploads
from digits.uploads import UploadError, read_upload

OUR_MESSAGES = (uploads.NOT_A_PICTURE, uploads.DAMAGED, uploads.NO_DIGIT, "that picture is ")


def encoded(picture: Image.Image, kind: str = "PNG", **options) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, format=kind, **options)
    return buffer.getvalue()


def page_with_a_bar(width: int = 90, height: int = 120) -> Image.Image:
    """Dark ink (a vertical bar) on light paper, grey."""
    page = np.full((height, width), 235, np.uint8)
    page[height // 6 : height - height // 6, width // 2 - width // 15 : width // 2 + width // 15] = 20
    return Image.fromarray(page)


def claimed_size(content: bytes, width: int, height: int) -> bytes:
    """A PNG whose header (IHDR) says width×height, whatever its pixel data holds."""
    data = bytearray(content)
    data[16:24] = struct.pack(">II", width, height)
    data[29:33] = struct.pack(">I", zlib.crc32(bytes(data[12:29])))
    return bytes(data)


def test_a_jpeg_of_dark_ink_on_paper_becomes_a_digit():
    digit = read_upload(encoded(page_with_a_bar(), "JPEG"))
    assert digit.shape == (28, 28, 1) and digit.dtype == np.float32 and digit[14, 14, 0] > 0.5


@pytest.mark.parametrize("mode", ["L", "RGB", "RGBA", "P", "1", "LA", "I;16"])
def test_every_png_mode_gives_the_same_digit(mode):
    grey = page_with_a_bar()
    sixteen_bit = Image.fromarray(np.asarray(grey).astype(np.uint16) * 257)
    picture = sixteen_bit if mode == "I;16" else grey.convert(mode, dither=Image.Dither.NONE)
    reference = read_upload(encoded(grey))
    assert np.abs(read_upload(encoded(picture)) - reference).max() < 0.15


def test_ink_on_a_transparent_palette_png_is_read_from_its_opacity():
    sheet = np.zeros((80, 80), np.uint8)
    sheet[10:70, 35:45] = 1  # palette entry 1: black, opaque; entry 0: fully transparent
    picture = Image.fromarray(sheet, mode="P")
    picture.putpalette([255, 255, 255, 0, 0, 0])
    digit = read_upload(encoded(picture, transparency=0))
    assert digit[14, 14, 0] > 0.5 and digit[0, 0, 0] == 0.0


def test_a_large_jpeg_is_read_shrunk_but_finds_the_same_digit():
    small, large = page_with_a_bar(90, 120), page_with_a_bar(3000, 4000)
    difference = read_upload(encoded(large, "JPEG")) - read_upload(encoded(small, "JPEG"))
    assert np.abs(difference).mean() < 0.03


def test_a_sideways_phone_photo_is_turned_upright():
    upright = page_with_a_bar(120, 90)
    upright.paste(20, (10, 10, 40, 30))  # a blob at the top left, so the turn shows
    sideways = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6  # "rotate 90° clockwise to view"
    expected = read_upload(encoded(upright, "JPEG", quality=100))
    turned = read_upload(encoded(sideways, "JPEG", quality=100, exif=exif))
    unturned = read_upload(encoded(sideways, "JPEG", quality=100))
    # Not equal: JPEG blocks fall differently on the turned picture.
    assert np.abs(turned - expected).mean() < 0.3 * np.abs(unturned - expected).mean()


@pytest.mark.parametrize("kind", ["GIF", "TIFF", "BMP", "WEBP", "ICO"])
def test_other_picture_formats_are_refused_whatever_the_file_is_called(kind):
    with pytest.raises(UploadError, match="not a PNG or JPEG"):
        read_upload(encoded(page_with_a_bar(), kind))


@pytest.mark.parametrize(
    "content", [b"%PDF-1.7 not a picture", b"", b"\x89PNG\r\n\x1a\n"], ids=["pdf", "empty", "magic"]
)
def test_files_that_are_not_pictures_are_refused(content):
    with pytest.raises(UploadError) as refused:
        read_upload(content)
    assert str(refused.value) == uploads.NOT_A_PICTURE


def test_a_blank_picture_has_no_digit():
    with pytest.raises(UploadError, match="no digit found"):
        read_upload(encoded(Image.new("RGB", (64, 64), "white")))


@pytest.mark.parametrize(
    ("width", "height", "mode"),
    [(20_000, 20_000, "L"), (7000, 4000, "L"), (4000, 4000, "RGB"), (3000, 3000, "RGBA")],
)
def test_too_large_pictures_are_told_so_from_their_header(width, height, mode):
    # The header claims the size; the pixel data is a single pixel, so decoding would fail as
    # "damaged": being told "too large" shows the check happens before any decoding.
    content = claimed_size(encoded(Image.new(mode, (1, 1))), width, height)
    with pytest.raises(UploadError, match="too large to read here") as refused:
        read_upload(content)
    if width * height < 2 * Image.MAX_IMAGE_PIXELS:  # beyond that, Pillow refuses before we see the size
        assert f"{width}×{height} pixels" in str(refused.value)


def test_a_progressive_jpeg_that_would_need_too_much_memory_is_refused():
    content = encoded(page_with_a_bar(4000, 3000).convert("RGB"), "JPEG", progressive=True, subsampling=0)
    with pytest.raises(UploadError, match="4000×3000 pixels, too large"):
        read_upload(content)


def test_a_truncated_png_is_damaged():
    whole = encoded(Image.fromarray(np.random.default_rng(0).integers(0, 255, (64, 64), dtype=np.uint8)))
    with pytest.raises(UploadError, match="damaged or incomplete"):
        read_upload(whole[: len(whole) // 2])


def test_a_png_text_chunk_bomb_gets_our_message_not_pillows():
    info = PngImagePlugin.PngInfo()
    info.add_text("comment", "x" * (PngImagePlugin.MAX_TEXT_CHUNK + 10), zip=True)
    with pytest.raises(UploadError) as refused:
        read_upload(encoded(page_with_a_bar(), pnginfo=info))
    assert str(refused.value) == uploads.DAMAGED


@pytest.mark.parametrize("kind", ["PNG", "JPEG"])
def test_damaged_files_only_ever_get_our_messages(kind):
    """200 copies of a good file, each with a few bytes changed: a digit or one of our messages."""
    good = encoded(page_with_a_bar().convert("RGB"), kind)
    rng = np.random.default_rng(12)
    outcomes = set()
    for _ in range(100):
        damaged = bytearray(good)
        for where in rng.integers(0, len(good), size=rng.integers(1, 6)):
            damaged[where] = rng.integers(0, 256)
        try:
            digit = read_upload(bytes(damaged))
            assert digit.shape == (28, 28, 1) and np.isfinite(digit).all()
            outcomes.add("digit")
        except UploadError as error:
            assert str(error).startswith(OUR_MESSAGES), str(error)
            outcomes.add("refused")
    assert outcomes == {"digit", "refused"}  # both kinds of damage were met
