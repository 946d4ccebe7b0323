"""models/browser_export.py: the weight file's layout and names, what float16
costs the pictures, and the files a server answers with."""

from __future__ import annotations

import base64

import numpy as np
import pytest

from models import browser_export, layer_plans
from models.browser_export import (
    SMALL_ARRAY,
    as_received,
    describe_model,
    export_trained,
    float32_base64,
    read_weight_file,
    received_variant,
    weight_file,
    weight_file_name,
)
from models.inference import TrainedVariant, load_variant, reconstruct
from models.registry import PLANE_VARIANTS, VARIANTS


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
    assert decoder["layers"][-1]["kernel"].shape == (7, 7, 128, 1)


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


def test_the_weight_file_holds_the_description_and_every_array_as_float16():
    trained = load_variant("conv")
    exported = export_trained(trained)
    content = weight_file(exported)
    assert content[:4] == b"AEW1"
    assert (8 + int.from_bytes(content[4:8], "little")) % 4 == 0  # the float32 section is aligned
    arrays = [array for pair in (*trained.encoder_arrays, *trained.decoder_arrays) for array in pair]
    small, large = (
        sum(a.size for a in arrays if a.size < SMALL_ARRAY),
        sum(a.size for a in arrays if a.size >= SMALL_ARRAY),
    )
    assert small and large  # both sections are used
    assert len(content) - 8 - int.from_bytes(content[4:8], "little") == 4 * small + 2 * large
    read = read_weight_file(content)
    assert read["key"] == "conv" and read["code_shape"] == [7, 7, 1] and read["float32_count"] == small
    for model in ("encoder", "decoder"):
        for written, came_back in zip(exported[model]["layers"], read[model]["layers"], strict=True):
            assert written.keys() == came_back.keys()
            for name in ("kernel", "bias"):
                if name in written:
                    np.testing.assert_array_equal(came_back[name], as_received(written[name]).ravel())


def test_a_weight_that_float16_cannot_hold_is_refused():
    exported = export_trained(load_variant("conv"))
    kernel = exported["decoder"]["layers"][-1]["kernel"].copy()  # 6,272 numbers: float16
    kernel.flat[0] = 1e6
    exported["decoder"]["layers"][-1]["kernel"] = kernel
    with pytest.raises(ValueError, match="float16"):
        weight_file(exported)


def test_the_name_changes_with_the_weights_and_only_then():
    trained = load_variant("dense")
    content = weight_file(export_trained(trained))
    name = weight_file_name("dense", content)
    assert name == weight_file_name("dense", weight_file(export_trained(load_variant("dense"))))
    nudged = [[kernel, bias + np.float32(0.01)] for kernel, bias in trained.decoder_arrays]
    other = TrainedVariant(trained.variant, trained.encoder_arrays, nudged, trained.metadata)
    assert weight_file_name("dense", weight_file(export_trained(other))) != name
    assert browser_export.NAME.fullmatch(name)


@pytest.mark.parametrize("key", [*VARIANTS, *PLANE_VARIANTS])
def test_float16_weights_keep_every_picture_within_two_grey_levels(key, mnist):
    """The issue's bound: the browser's pictures stay within 2/255 of float32's on the parity digits."""
    digits = mnist.x_test[:200]
    trained = load_variant(key)
    difference = np.abs(reconstruct(trained, digits) - reconstruct(received_variant(trained), digits)).max()
    assert 0 < difference <= 2 / 255, f"{key}: {difference * 255:.2f}/255"


def test_the_server_finds_a_published_file_a_shipped_one_it_has_not_made_yet_and_nothing_else():
    trained = load_variant("sparse")
    name = browser_export.publish(trained)
    assert browser_export.find(name) == weight_file(export_trained(trained))
    unpublished = weight_file_name("conv", weight_file(export_trained(load_variant("conv"))))
    assert read_weight_file(browser_export.find(unpublished))["key"] == "conv"
    for strange in ("conv-0123456789abcdef.bin", "nope-0123456789abcdef.bin", "../weights/conv.weights.h5", ""):
        assert browser_export.find(strange) is None
