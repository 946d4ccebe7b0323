"""models/browser_export.py: the arrays survive the trip to base64, and the layer lists follow the plans."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from models import layer_plans
from models.browser_export import describe_model, export_trained, float32_base64
from models.inference import load_variant


def test_float32_base64_round_trips_little_endian():
    array = np.arange(12, dtype=np.float64).reshape(3, 4) / 7
    decoded = np.frombuffer(base64.b64decode(float32_base64(array)), dtype="<f4").reshape(3, 4)
    np.testing.assert_array_equal(decoded, array.astype(np.float32))


def test_conv_export_lists_every_layer_the_browser_runs():
    exported = export_trained(load_variant("conv"))
    encoder, decoder = exported["encoder"], exported["decoder"]
    assert [layer["kind"] for layer in encoder["layers"]] == ["conv2d", "max_pooling2d"] * 2 + ["conv2d"]
    assert [layer["kind"] for layer in decoder["layers"]] == ["conv2d", "upsampling2d"] * 2 + ["conv2d"]
    assert encoder["output_shape"] == decoder["input_shape"] == [7, 7, 1]
    assert decoder["output_shape"] == [28, 28, 1]
    kernel = decoder["layers"][-1]["kernel"]
    assert isinstance(kernel, str) and len(base64.b64decode(kernel)) == 7 * 7 * 128 * 1 * 4


def test_dense_export_flattens_first_and_reshapes_last():
    exported = export_trained(load_variant("deep"))
    assert exported["encoder"]["layers"][0] == {"kind": "reshape", "target_shape": [784]}
    assert [layer.get("units") for layer in exported["encoder"]["layers"][1:]] == [147, 98, 49]
    assert exported["decoder"]["layers"][-1] == {"kind": "reshape", "target_shape": [28, 28, 1]}


def test_arrays_that_do_not_match_the_plan_are_refused():
    plan = layer_plans.dense_plan()
    kernel, bias = np.zeros((784, 49), np.float32), np.zeros(49, np.float32)
    with pytest.raises(ValueError, match="more weight arrays"):
        describe_model(plan.encoder, [[kernel, bias], [kernel, bias]], layer_plans.IMAGE_SHAPE)
    with pytest.raises(ValueError, match="fewer weight arrays"):
        describe_model(plan.encoder, [], layer_plans.IMAGE_SHAPE)
