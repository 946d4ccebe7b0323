"""A digit as a short URL-safe text (digits/digit_code.py): it fits a link, comes back, and refuses bad text."""

import base64
import zlib

import numpy as np
import pytest

from digits.digit_code import decode_digit, encode_digit


def test_a_real_mnist_digit_fits_a_link(mnist):
    lengths = [len(encode_digit(image)) for image in mnist.x_test[:200]]
    assert max(lengths) < 400
    for image in mnist.x_test[:20]:
        assert np.abs(decode_digit(encode_digit(image)) - image).max() <= 1 / 30 + 1e-6


# Ten million zero bytes compress to about 10 kB; its first 1,990 characters still inflate hugely.
ZLIB_BOMB = base64.urlsafe_b64encode(zlib.compress(bytes(10_000_000))).decode().rstrip("=")[:1990]


@pytest.mark.parametrize("text", ["", "=", "A", "AAAA", "eJw", "é", "a b", ZLIB_BOMB, "eJwDAAAAAAE", 5])
def test_malformed_digits_raise_value_error(text):
    with pytest.raises(ValueError):
        decode_digit(text)
