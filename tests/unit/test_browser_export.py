"""models/browser_export.py: the arrays survive the trip to base64, and unsupported layers are refused."""

from __future__ import annotations

import base64

import keras
import numpy as np
import pytest

from models.browser_export import describe_model, export_variant, float32_base64
from models.registry import get_variant


def test_float32_base64_round_trips_little_endian():
    array = np.arange(12, dtype=np.float64).reshape(3, 4) / 7
    decoded = np.frombuffer(base64.b64decode(float32_base64(array)), dtype="<f4").reshape(3, 4)
    np.testing.assert_array_equal(decoded, array.astype(np.float32))


def test_conv_export_lists_every_layer_the_browser_runs():
    models = get_variant("conv").build()
    encoder, decoder = describe_model(models.encoder), describe_model(models.decoder)
    assert [layer["kind"] for layer in encoder["layers"]] == ["conv2d", "max_pooling2d"] * 2 + ["conv2d"]
    assert [layer["kind"] for layer in decoder["layers"]] == ["conv2d", "upsampling2d"] * 2 + ["conv2d"]
    exported = export_variant("conv", (7, 7, 1), encoder, decoder)
    kernel = exported["decoder"]["layers"][-1]["kernel"]
    assert isinstance(kernel, str) and len(base64.b64decode(kernel)) == 7 * 7 * 128 * 1 * 4


def test_a_layer_the_browser_cannot_run_is_refused():
    image = keras.Input((28, 28, 1))
    model = keras.Model(image, keras.layers.AveragePooling2D(2)(image))
    with pytest.raises(ValueError, match="AveragePooling2D"):
        describe_model(model)
