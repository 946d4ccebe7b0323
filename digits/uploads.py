"""Uploaded files -> MNIST-like digits, safely: PNG and JPEG only, bounded memory and time.

    digit = read_upload(file_bytes)     # (28, 28, 1) float32, or UploadError with a message

Only PNG and JPEG are opened, recognised by their content (not their name). The size in the
file's header is checked before anything is decoded, so a small file that would unpack into
a huge picture is refused, with a message that says it is too large. Large JPEGs are decoded
already shrunk (libjpeg's DCT scaling, "draft" mode) and every picture is reduced to at most
WORK_SIDE pixels on a side before the digit is cut out, so reading any accepted file stays
under about 50 MB and one second (`python -m benchmarks.uploads` measures it). Whatever goes
wrong inside Pillow, the person reads one of this module's messages, never the library's.
"""

from __future__ import annotations

import io
import math

import numpy as np
from PIL import Image, UnidentifiedImageError

from digits.messages import ReadableError
from digits.preprocess import EmptyImageError, preprocess_digit
from i18n import N_

FORMATS = ("PNG", "JPEG")
# The picture is shrunk to this many pixels on its longer side before the digit is found: a
# digit that fills a tenth of the picture still spans about 100 pixels, five times MNIST's box.
WORK_SIDE = 1024
MAX_PIXELS = 24_000_000  # 6000×4000, a large camera photo
# The most the decoded picture may take in memory (estimated from its header, before decoding).
DECODE_BUDGET = 32 * 2**20
# Bytes per pixel of the original that decoding takes at its peak: Pillow's own buffer for the
# mode (RGB is padded to 4) plus the one full-size channel cut from it (see `ink_channel`).
PEAK_BYTES_PER_PIXEL = {"1": 2, "L": 1, "P": 2, "I;16": 6, "I;16B": 6, "I": 8, "LA": 5, "RGB": 5, "RGBA": 5}
OPAQUE = 253  # alpha at or above this everywhere: transparency is not in use (as preprocess.to_grey)
# EXIF orientation -> the transpose that shows the picture upright (as ImageOps.exif_transpose).
UPRIGHT = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}
NOT_A_PICTURE = N_("that file is not a PNG or JPEG picture; please upload a PNG or JPEG")
DAMAGED = N_("that picture could not be read: the file looks damaged or incomplete; try saving it again")
NO_DIGIT = N_("no digit found in that picture: it looks like one flat colour")
TOO_LARGE = N_("that picture is too large to read here; please scale it down")


class UploadError(ReadableError):
    """An upload that cannot become a digit; the message is written for the person who uploaded it
    (`error.text.translated()` in their language)."""


def too_large(width: int, height: int, most_pixels: float) -> UploadError:
    megapixels = min(most_pixels, MAX_PIXELS) / 1e6
    return UploadError(
        N_(
            "that picture is {width}×{height} pixels, too large to read here; please scale it down to at most "
            "{megapixels} megapixels (a digit needs only a few hundred pixels)"
        ),
        width=width,
        height=height,
        megapixels=round(megapixels),
    )


def jpeg_scale(picture: Image.Image) -> int:
    """The DCT scaling (1, 2, 4 or 8) that libjpeg's draft mode will use for WORK_SIDE (see JpegImageFile.draft)."""
    ratio = min(picture.width // WORK_SIDE, picture.height // WORK_SIDE)
    return next((scale for scale in (8, 4, 2) if ratio >= scale), 1)


def decode_cost(picture: Image.Image) -> tuple[float, float]:
    """(bytes needed to decode, bytes needed per pixel of the original), from the header alone."""
    pixels = picture.width * picture.height
    if picture.format == "JPEG":
        scale = jpeg_scale(picture)
        # Grey and RGB are decoded straight to grey; CMYK is decoded (4 bytes) and then made grey.
        per_pixel = (1 if picture.mode in ("L", "RGB") else 5) / scale**2
        if picture.info.get("progressive"):
            # A progressive JPEG keeps every DCT coefficient (2 bytes a sample) until its last scan.
            widest, tallest = max(h for _, h, _, _ in picture.layer), max(v for _, _, v, _ in picture.layer)
            per_pixel += sum(2 * h * v / (widest * tallest) for _, h, v, _ in picture.layer)
        return pixels * per_pixel, per_pixel
    per_pixel = PEAK_BYTES_PER_PIXEL.get(picture.mode, 9)
    if picture.mode == "P" and "transparency" in picture.info:
        per_pixel += 2  # the palette looked up into opacity (see `palette_channel`)
    elif "transparency" in picture.info:
        per_pixel += 5  # a colour key: the picture is made RGBA first
    return pixels * per_pixel, per_pixel


def open_checked(content: bytes) -> Image.Image:
    """Open a PNG or JPEG (reading its header only) and refuse it when decoding would cost too much."""
    try:
        picture = Image.open(io.BytesIO(content), formats=FORMATS)
    except Image.DecompressionBombError:
        raise UploadError(TOO_LARGE) from None
    except UnidentifiedImageError:  # neither PNG nor JPEG, or a header no plugin could read
        raise UploadError(NOT_A_PICTURE) from None
    except Exception:  # a PNG or JPEG whose header is broken (or hostile, such as a text-chunk bomb)
        raise UploadError(DAMAGED) from None
    cost, per_pixel = decode_cost(picture)
    if picture.width * picture.height > MAX_PIXELS or cost > DECODE_BUDGET:
        picture.close()
        raise too_large(picture.width, picture.height, DECODE_BUDGET / per_pixel)
    return picture


def palette_channel(picture: Image.Image) -> Image.Image:
    """A palette picture with transparency -> its opacity (or its grey, when nothing is see-through), full size."""
    lookup = Image.frombytes("P", (256, 1), bytes(range(256)))
    lookup.putpalette(picture.getpalette() or [])
    lookup.info["transparency"] = picture.info["transparency"]
    colours = np.asarray(lookup.convert("RGBA"))[0]  # (256, 4): each palette entry's RGBA
    indices = np.asarray(picture)
    alpha = colours[:, 3][indices]
    if alpha.min() < OPAQUE:
        return Image.fromarray(alpha)
    del alpha
    grey = np.round(colours[:, :3] @ np.array([0.299, 0.587, 0.114])).astype(np.uint8)
    return Image.fromarray(grey[indices])


def ink_channel(picture: Image.Image) -> Image.Image:
    """One full-size channel ("L", or "I" for 16-bit grey) that holds the ink.

    The opacity where transparency is in use (a drawing on a clear background), else the grey,
    as `preprocess.to_grey` decides. Cut before shrinking, so that no full-size copy of every
    colour is made on the way (Image.reduce copies RGBA pictures whole).
    """
    if picture.mode == "P" and "transparency" in picture.info:
        return palette_channel(picture)
    if "transparency" in picture.info or picture.mode == "PA":
        picture = picture.convert("RGBA")
    if picture.mode in ("LA", "RGBA"):
        alpha = picture.getchannel("A")
        if alpha.getextrema()[0] < OPAQUE:
            return alpha
        del alpha
    if picture.mode in ("I;16", "I;16B", "I"):
        return picture.convert("I")
    return picture if picture.mode == "L" else picture.convert("L")


def exif_orientation(picture: Image.Image) -> int | None:
    """How the picture should be turned to be upright (phones store this instead of turning the pixels)."""
    try:
        return picture.getexif().get(0x0112)
    except Exception:  # broken metadata does not make the pixels unreadable
        return None


def decode_small(picture: Image.Image) -> np.ndarray:
    """Decode (shrunk while decoding where the format allows) to at most WORK_SIDE a side, upright, in [0, 1]."""
    orientation = exif_orientation(picture)
    if picture.format == "JPEG":
        picture.draft("L", (WORK_SIDE, WORK_SIDE))  # grey, and scaled by 1/2, 1/4 or 1/8 inside libjpeg
    picture.load()
    channel = ink_channel(picture)
    if channel is not picture:
        picture.close()  # let the full-size colours go before shrinking
    factor = math.ceil(max(channel.size) / WORK_SIDE)
    small = channel.reduce(factor) if factor > 1 else channel
    if orientation in UPRIGHT:
        small = small.transpose(UPRIGHT[orientation])
    full_scale = 65535.0 if small.mode == "I" else 255.0
    return np.asarray(small, dtype=np.float32) / full_scale


def read_upload(content: bytes) -> np.ndarray:
    """An uploaded file's bytes -> MNIST-like digit (28, 28, 1); UploadError with a message a person can act on."""
    picture = open_checked(content)
    try:
        ink = decode_small(picture)
    except Exception:  # truncated data, bad chunks, decoder errors: Pillow's words are not for the person
        raise UploadError(DAMAGED) from None
    finally:
        picture.close()
    try:
        return preprocess_digit(ink)
    except EmptyImageError:
        raise UploadError(NO_DIGIT) from None
