"""The fast encode/decode path gives what the Keras models give."""

import numpy as np
import pytest

from models.inference import TrainedVariant, decode, encode, numpy_dense_chain, reconstruct
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


def test_dense_variants_use_numpy_and_conv_uses_a_graph():
    for key in VARIANTS:
        runs_in_numpy = untrained(key).decode_batch.__qualname__.startswith(numpy_dense_chain.__name__)
        assert runs_in_numpy == (key != "conv"), key
