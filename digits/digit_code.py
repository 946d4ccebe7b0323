"""A 28x28 digit as a short, URL-safe text, so a drawn or uploaded digit can travel in a link.

Pixels are quantised to 16 grey levels (4 bits, two pixels a byte: 392 bytes), compressed with
zlib and written in URL-safe base64 without padding: typically 150 to 300 characters. Decoding
accepts any text and either returns a digit or raises ValueError (a ReadableError, digits/messages.py)
with a short reason.
"""

from __future__ import annotations

import base64
import binascii
import zlib

import numpy as np

from digits.messages import ReadableError
from i18n import N_

LEVELS = 16
PACKED_BYTES = 28 * 28 // 2
MAX_TEXT = 2000  # far above any real digit's text; longer values are refused before decoding
NOT_A_DIGIT = N_("not a digit of this app")


def encode_digit(image: np.ndarray) -> str:
    """(28, 28[, 1]) floats in [0, 1] -> URL-safe text."""
    levels = np.clip(np.round(np.asarray(image, dtype=np.float64).reshape(-1) * (LEVELS - 1)), 0, LEVELS - 1)
    levels = levels.astype(np.uint8)
    packed = (levels[0::2] << 4) | levels[1::2]
    return base64.urlsafe_b64encode(zlib.compress(packed.tobytes(), 9)).decode("ascii").rstrip("=")


def decode_digit(text: str) -> np.ndarray:
    """URL-safe text -> (28, 28, 1) float32 digit; ValueError for anything that is not one."""
    if not isinstance(text, str) or not 0 < len(text) <= MAX_TEXT:
        raise ReadableError(NOT_A_DIGIT)
    try:
        compressed = base64.b64decode(text + "=" * (-len(text) % 4), altchars=b"-_", validate=True)
        unpacker = zlib.decompressobj()
        # max_length: a crafted value cannot make us inflate more than one digit's bytes.
        packed = unpacker.decompress(compressed, PACKED_BYTES + 1)
    except (binascii.Error, zlib.error, ValueError):
        raise ReadableError(NOT_A_DIGIT) from None
    if len(packed) != PACKED_BYTES or not unpacker.eof or unpacker.unconsumed_tail:
        raise ReadableError(NOT_A_DIGIT)
    pairs = np.frombuffer(packed, dtype=np.uint8)
    levels = np.empty(28 * 28, dtype=np.uint8)
    levels[0::2], levels[1::2] = pairs >> 4, pairs & 0x0F
    return (levels.astype(np.float32) / (LEVELS - 1)).reshape(28, 28, 1)
