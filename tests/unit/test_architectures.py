"""The five architectures match the article layer for layer; the 2-number pair matches its design."""

import itertools

import numpy as np
import pytest

from models.registry import ALL_VARIANTS, VARIANTS, get_variant


def dense_parameters(*sizes: int) -> int:
    """Weights plus biases of a chain of Dense layers with these widths."""
    return sum((a + 1) * b for a, b in itertools.pairwise(sizes))


def conv_parameters(*layers: tuple[int, int, int]) -> int:
    """(kernel side, channels in, channels out) per Conv2D layer."""
    return sum((k * k * c_in + 1) * c_out for k, c_in, c_out in layers)


EXPECTED_PARAMETERS = {
    "dense": (dense_parameters(784, 49), dense_parameters(49, 784)),
    "denoise": (dense_parameters(784, 49), dense_parameters(49, 784)),
    "deep": (dense_parameters(784, 147, 98, 49), dense_parameters(49, 98, 147, 784)),
    "sparse": (dense_parameters(784, 48, 32, 16), dense_parameters(16, 32, 48, 784)),
    "conv": (
        conv_parameters((7, 1, 128), (2, 128, 32), (7, 32, 1)),
        conv_parameters((7, 1, 32), (2, 32, 128), (7, 128, 1)),
    ),
    "ae2": (dense_parameters(784, 147, 98, 2), dense_parameters(2, 98, 147, 784)),
    # The VAE's encoder ends in a mean and a log-variance for each of its 2 numbers.
    "vae2": (dense_parameters(784, 147, 98, 4), dense_parameters(2, 98, 147, 784)),
    **{
        f"deep{size}": (dense_parameters(784, 147, 98, size), dense_parameters(size, 98, 147, 784))
        for size in (4, 8, 16, 32)
    },
}


@pytest.mark.parametrize("key", ALL_VARIANTS)
def test_parameter_counts_match_the_article(key, built):
    model = built(key)
    encoder_params, decoder_params = EXPECTED_PARAMETERS[key]
    assert model.encoder.count_params() == encoder_params
    assert model.decoder.count_params() == decoder_params
    assert model.autoencoder.count_params() == encoder_params + decoder_params


@pytest.mark.parametrize("key", ALL_VARIANTS)
def test_shapes_through_encoder_and_decoder(key, built):
    variant = get_variant(key)
    model = built(key)
    images = np.random.default_rng(0).random((3, 28, 28, 1), dtype=np.float32)
    codes = model.encoder(images).numpy()
    assert codes.shape == (3, *variant.plan.encoder_output_shape)
    codes = codes[:, : variant.code_size] if variant.plan.gaussian else codes  # a VAE's code: the means
    assert codes.shape == (3, *variant.code_shape)
    assert model.decoder(codes).numpy().shape == (3, 28, 28, 1)
    out = model.autoencoder(images).numpy()
    assert out.shape == (3, 28, 28, 1) and out.min() >= 0 and out.max() <= 1


def test_code_sizes():
    assert {key: v.code_size for key, v in VARIANTS.items()} == {
        "dense": 49,
        "deep": 49,
        "conv": 49,
        "denoise": 49,
        "sparse": 16,
    }


def test_layer_activations_follow_the_design(built):
    deep = built("deep")
    code_layer = deep.encoder.get_layer("code")
    assert code_layer.activation.__name__ == "linear"
    assert deep.decoder.get_layer("pixels").activation.__name__ == "sigmoid"
    sparse = built("sparse")
    assert float(sparse.encoder.get_layer("code").activity_regularizer.l1) == pytest.approx(1e-5)
    conv = built("conv")
    assert [layer.__class__.__name__ for layer in conv.encoder.layers[1:]] == [
        "Conv2D",
        "MaxPooling2D",
        "Conv2D",
        "MaxPooling2D",
        "Conv2D",
    ]


def test_sparse_penalty_is_part_of_the_loss(built):
    model = built("sparse").autoencoder
    images = np.random.default_rng(0).random((4, 28, 28, 1), dtype=np.float32)
    model(images)
    assert len(model.losses) == 1 and float(model.losses[0]) > 0


def test_unknown_variant_names_the_known_ones():
    with pytest.raises(ValueError, match="dense, deep, conv, denoise, sparse"):
        get_variant("resnet")


def test_the_vae_samples_while_training_decodes_its_mean_otherwise_and_adds_the_kl_loss(built):
    vae = built("vae2")
    images = np.random.default_rng(0).random((16, 28, 28, 1), dtype=np.float32)
    statistics = vae.encoder(images).numpy()
    mean, log_variance = statistics[:, :2], statistics[:, 2:]
    assert np.allclose(vae.autoencoder(images, training=False).numpy(), vae.decoder(mean).numpy(), atol=1e-6)
    assert not np.allclose(vae.autoencoder(images, training=True).numpy(), vae.decoder(mean).numpy(), atol=1e-4)
    expected = np.mean(-0.5 * np.sum(1 + log_variance - mean**2 - np.exp(log_variance), axis=-1)) / 784
    assert float(vae.autoencoder.losses[-1]) == pytest.approx(expected, rel=1e-4, abs=1e-7)
