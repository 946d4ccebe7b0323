"""The fast encode/decode path gives what the Keras models give."""

import keras
import numpy as np
import pytest

from models.inference import TrainedVariant, decode, encode, reconstruct
from models.numpy_models import numpy_conv_chain, numpy_function
from models.registry import VARIANTS, get_variant


def untrained(key: str) -> TrainedVariant:
    variant = get_variant(key)
    return TrainedVariant(variant, variant.build(), metadata={})


@pytest.fixture(scope="module", params=list(VARIANTS))
def trained(request) -> TrainedVariant:
    return untrained(request.param)


def test_fast_path_equals_keras(trained):
    images = np.random.default_rng(1).random((8, 28, 28, 1), dtype=np.float32)
    keras_codes = trained.models.encoder(images).numpy()
    np.testing.assert_allclose(encode(trained, images), keras_codes, atol=1e-5)
    codes = np.random.default_rng(2).normal(size=(8, *trained.variant.code_shape)).astype(np.float32)
    np.testing.assert_allclose(decode(trained, codes), trained.models.decoder(codes).numpy(), atol=1e-5)


def test_single_items_and_batches(trained):
    image = np.random.default_rng(3).random((28, 28), dtype=np.float32)
    code = encode(trained, image)
    assert code.shape == trained.variant.code_shape
    assert decode(trained, code).shape == (28, 28, 1)
    assert reconstruct(trained, np.stack([image] * 2)).shape == (2, 28, 28, 1)
    np.testing.assert_allclose(decode(trained, code), decode(trained, code[np.newaxis])[0], atol=1e-6)


def test_wrong_code_shape_is_refused(trained):
    with pytest.raises(ValueError, match="expected shape"):
        decode(trained, np.zeros(7, np.float32))


def runs_in_numpy(function) -> bool:
    return function.__module__ == "models.numpy_models"


def test_every_decoder_runs_in_numpy_and_only_the_conv_encoder_in_a_graph():
    for key in VARIANTS:
        trained = untrained(key)
        assert runs_in_numpy(trained.decode_batch), key
        assert runs_in_numpy(trained.encode_batch) == (key != "conv"), key


@pytest.mark.parametrize("padding_kernel", [2, 3, 7])
@pytest.mark.parametrize("upsampling", [1, 2])
@pytest.mark.parametrize("channels, filters", [(1, 8), (8, 1), (4, 4)])
def test_numpy_convolutions_equal_keras(padding_kernel, upsampling, channels, filters):
    """Both ways of convolving (patches, shifted taps), with and without a folded upsampling."""
    inputs = keras.Input((5, 6, channels))
    hidden = keras.layers.UpSampling2D(upsampling)(inputs) if upsampling > 1 else inputs
    outputs = keras.layers.Conv2D(filters, padding_kernel, padding="same", activation="sigmoid",
                                  bias_initializer="random_normal")(hidden)
    model = keras.Model(inputs, outputs)
    images = np.random.default_rng(4).normal(size=(3, 5, 6, channels)).astype(np.float32)
    np.testing.assert_allclose(numpy_conv_chain(model)(images), model(images).numpy(), atol=1e-5)


@pytest.mark.parametrize("layer", [keras.layers.MaxPooling2D(2), keras.layers.Conv2D(2, 3, padding="valid"),
                                   keras.layers.Conv2D(2, 3, strides=2, padding="same")])
def test_unsupported_layers_fall_back_to_a_graph(layer):
    inputs = keras.Input((8, 8, 1))
    assert numpy_function(keras.Model(inputs, layer(inputs))) is None
