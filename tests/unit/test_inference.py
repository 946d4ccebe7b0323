"""The NumPy path the app serves with gives what the Keras models give, and follows their layers."""

import re

import keras
import numpy as np
import pytest

from models import layer_plans as plans
from models.inference import (
    TrainedVariant,
    decode,
    encode,
    encode_distribution,
    keras_arrays,
    load_variant,
    reconstruct,
)
from models.numpy_models import CHUNK_SIZE, numpy_function
from models.registry import ALL_VARIANTS, PLANE_VARIANTS, VARIANTS, get_variant
from tests.float32 import assert_float32_close

PARITY_DIGITS = 200


def plan_of(model: keras.Model) -> tuple:
    """A Keras model's layers as a layer plan, refusing anything the NumPy path does not run."""
    layers = []
    for layer in model.layers:
        name = None if re.fullmatch(rf"{plans.SNAKE_CASE.get(_kind(layer), '')}(_\d+)?", layer.name) else layer.name
        if isinstance(layer, keras.layers.InputLayer):
            continue
        if isinstance(layer, keras.layers.Flatten):
            layers.append(plans.Flatten())
        elif isinstance(layer, keras.layers.Reshape):
            layers.append(plans.Reshape(tuple(layer.target_shape)))
        elif isinstance(layer, keras.layers.Dense):
            layers.append(plans.Dense(layer.units, keras.activations.serialize(layer.activation), name))
        elif isinstance(layer, keras.layers.Conv2D):
            assert layer.padding == "same" and tuple(layer.strides) == (1, 1) and layer.use_bias
            assert tuple(layer.dilation_rate) == (1, 1) and layer.groups == 1
            rows, cols = layer.kernel_size
            assert rows == cols
            layers.append(plans.Conv2D(layer.filters, rows, keras.activations.serialize(layer.activation), name))
        elif isinstance(layer, keras.layers.MaxPooling2D):
            assert layer.padding == "valid" and tuple(layer.strides) == tuple(layer.pool_size)
            layers.append(plans.MaxPooling2D(layer.pool_size[0]))
        elif isinstance(layer, keras.layers.UpSampling2D):
            assert layer.interpolation == "nearest" and layer.size[0] == layer.size[1]
            layers.append(plans.UpSampling2D(layer.size[0]))
        else:
            raise AssertionError(f"no NumPy form for {layer.__class__.__name__}")
    return tuple(layers)


def _kind(layer: keras.layers.Layer) -> type | None:
    return next((kind for kind, name in plans.KERAS_CLASS.items() if layer.__class__.__name__ == name), None)


@pytest.fixture(params=list(ALL_VARIANTS))
def variant_and_models(request, built):
    return get_variant(request.param), built(request.param)


def codes_from(variant, encoder_output: np.ndarray) -> np.ndarray:
    """The codes in a Keras encoder's output: all of it, or a VAE's means (its first half)."""
    return encoder_output[:, : variant.code_size] if variant.plan.gaussian else encoder_output


def test_every_plan_lists_its_builders_layers(variant_and_models):
    variant, models = variant_and_models
    assert plan_of(models.encoder) == variant.plan.encoder
    assert plan_of(models.decoder) == variant.plan.decoder
    assert tuple(models.encoder.output_shape[1:]) == variant.plan.encoder_output_shape


def test_layer_tables_match_keras(variant_and_models):
    """The Models page's tables, made without Keras, say what Keras's own model summary says."""
    variant, models = variant_and_models
    for layers, part, input_shape in (
        (variant.plan.encoder, models.encoder, plans.IMAGE_SHAPE),
        (variant.plan.decoder, models.decoder, variant.code_shape),
    ):
        table = plans.layer_table(layers, input_shape, part.layers[0].name)
        expected = [(layer.__class__.__name__, str(layer.output.shape), layer.count_params()) for layer in part.layers]
        assert [(row["type"], row["output shape"], row["parameters"]) for row in table] == expected
        assert sum(row["parameters"] for row in table) == part.count_params()


def test_untrained_numpy_twin_equals_keras(variant_and_models):
    variant, models = variant_and_models
    untrained = TrainedVariant.from_keras(variant, models)
    images = np.random.default_rng(1).random((8, 28, 28, 1), dtype=np.float32)
    assert_float32_close(encode(untrained, images), codes_from(variant, models.encoder(images).numpy()))
    codes = np.random.default_rng(2).normal(size=(8, *variant.code_shape)).astype(np.float32)
    assert_float32_close(decode(untrained, codes), models.decoder(codes).numpy())


@pytest.mark.parametrize("key", ALL_VARIANTS)
def test_shipped_weights_in_numpy_equal_keras_on_test_digits(key, mnist, shipped):
    """Parity on 200 MNIST test digits: the h5 file read by h5py against the same file in Keras
    (for the VAE, its means and log-variances too)."""
    images = mnist.x_test[:PARITY_DIGITS]
    models, trained = shipped(key), load_variant(key)
    keras_output = models.encoder(images).numpy()
    keras_codes = codes_from(trained.variant, keras_output)
    assert_float32_close(encode(trained, images), keras_codes)
    assert_float32_close(decode(trained, keras_codes), models.decoder(keras_codes).numpy())
    if trained.variant.plan.gaussian:
        mean, log_variance = encode_distribution(trained, images)
        assert_float32_close(np.concatenate([mean, log_variance], axis=-1), keras_output)


# Each architecture once: the code-size family is deep dense at other sizes.
@pytest.mark.parametrize("key", [*VARIANTS, *PLANE_VARIANTS])
def test_the_parity_tolerance_catches_one_weight_off_by_a_thousandth(key, mnist, shipped):
    """One bias off by 1e-3, in the code layer and in the output layer: each parity check above fails."""
    images = mnist.x_test[:PARITY_DIGITS]
    models, trained = shipped(key), load_variant(key)
    keras_codes = codes_from(trained.variant, models.encoder(images).numpy())
    outputs = models.decoder(keras_codes).numpy().reshape(len(images), -1)
    # The unit the change shows in: the code unit most active on these digits, the pixel most often
    # grey (a sigmoid's slope is largest there); the conv layers have one bias for every position.
    code_unit = int(keras_codes.reshape(len(images), -1).max(axis=0).argmax())
    grey_pixel = int((outputs * (1 - outputs)).max(axis=0).argmax())
    code_bias = [[array.copy() for array in layer] for layer in trained.encoder_arrays]
    code_bias[-1][1][code_unit % code_bias[-1][1].size] += 1e-3
    output_bias = [[array.copy() for array in layer] for layer in trained.decoder_arrays]
    output_bias[-1][1][grey_pixel % output_bias[-1][1].size] += 1e-3
    wrong = TrainedVariant(trained.variant, code_bias, output_bias, trained.metadata)
    with pytest.raises(AssertionError, match="largest difference"):
        assert_float32_close(encode(wrong, images), keras_codes)
    with pytest.raises(AssertionError, match="largest difference"):
        assert_float32_close(decode(wrong, keras_codes).reshape(outputs.shape), outputs)


def test_single_items_and_batches(variant_and_models):
    variant, models = variant_and_models
    untrained = TrainedVariant.from_keras(variant, models)
    image = np.random.default_rng(3).random((28, 28), dtype=np.float32)
    code = encode(untrained, image)
    assert code.shape == variant.code_shape
    assert decode(untrained, code).shape == (28, 28, 1)
    assert reconstruct(untrained, np.stack([image] * 2)).shape == (2, 28, 28, 1)
    np.testing.assert_allclose(decode(untrained, code), decode(untrained, code[np.newaxis])[0], atol=1e-6)
    with pytest.raises(ValueError, match="expected shape"):
        decode(untrained, np.zeros(7, np.float32))


def test_large_batches_run_in_chunks_with_the_same_result(built):
    variant = get_variant("conv")
    untrained = TrainedVariant.from_keras(variant, built("conv"))
    images = np.random.default_rng(5).random((CHUNK_SIZE * 2 + 3, 28, 28, 1), dtype=np.float32)
    whole = encode(untrained, images)
    np.testing.assert_allclose(whole[-3:], encode(untrained, images[-3:]), atol=1e-6)


@pytest.mark.parametrize("kernel", [2, 3, 7])
@pytest.mark.parametrize("upsampling", [1, 2])
@pytest.mark.parametrize("pooling", [1, 2])
@pytest.mark.parametrize("channels, filters", [(1, 8), (8, 1), (4, 4)])
def test_numpy_convolutions_equal_keras(kernel, upsampling, pooling, channels, filters):
    """Both ways of convolving (patches, shifted taps), with a folded upsampling and a pooling."""
    inputs = keras.Input((6, 8, channels))
    hidden = keras.layers.UpSampling2D(upsampling)(inputs) if upsampling > 1 else inputs
    hidden = keras.layers.Conv2D(
        filters, kernel, padding="same", activation="sigmoid", bias_initializer="random_normal"
    )(hidden)
    outputs = keras.layers.MaxPooling2D(pooling)(hidden) if pooling > 1 else hidden
    model = keras.Model(inputs, outputs)
    run = numpy_function(plan_of(model), keras_arrays(model.layers), (6, 8, channels))
    images = np.random.default_rng(4).normal(size=(3, 6, 8, channels)).astype(np.float32)
    assert_float32_close(run(images), model(images).numpy())


def test_layers_without_a_numpy_form_are_refused():
    inputs = keras.Input((8, 8, 1))
    with pytest.raises(AssertionError, match="no NumPy form"):
        plan_of(keras.Model(inputs, keras.layers.AveragePooling2D(2)(inputs)))
