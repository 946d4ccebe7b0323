"""Keras builders for the five autoencoders of the article, and for the 2-number pair that answers
its last question (a plain autoencoder and a variational one, `build_vae`).

Each builder returns an `Autoencoder`: an `encoder` (image -> code), a `decoder`
(code -> image) and the `autoencoder` that chains them. The layer lists follow the article
exactly; only the training recipe (see `models.registry`) may differ. `models.layer_plans`
lists the same layers for the NumPy inference the app serves with (a test keeps them equal).
"""

from __future__ import annotations

from typing import NamedTuple

import keras
from keras import layers, ops

from models.layer_plans import IMAGE_SHAPE, PIXELS


class Autoencoder(NamedTuple):
    """The three Keras models of one variant; they share their layers."""

    encoder: keras.Model
    decoder: keras.Model
    autoencoder: keras.Model


def assemble(name: str, encoder_layers: list, decoder_layers: list) -> Autoencoder:
    """Chain layer lists into an encoder, a decoder and the autoencoder built from both.

    The decoder's input takes the shape of the encoder's output, so no builder states its code shape.
    """
    image = keras.Input(shape=IMAGE_SHAPE, name="image")
    code = image
    for layer in encoder_layers:
        code = layer(code)
    encoder = keras.Model(image, code, name=f"{name}_encoder")

    code_input = keras.Input(shape=encoder.output_shape[1:], name="code")
    reconstruction = code_input
    for layer in decoder_layers:
        reconstruction = layer(reconstruction)
    decoder = keras.Model(code_input, reconstruction, name=f"{name}_decoder")

    autoencoder = keras.Model(image, decoder(encoder(image)), name=f"{name}_autoencoder")
    return Autoencoder(encoder, decoder, autoencoder)


def build_dense(name: str = "dense") -> Autoencoder:
    """Undercomplete dense autoencoder: 784 pixels squeezed through 49 ReLU units."""
    return assemble(
        name,
        encoder_layers=[layers.Flatten(), layers.Dense(49, activation="relu", name="code")],
        decoder_layers=[
            layers.Dense(PIXELS, activation="sigmoid", name="pixels"),
            layers.Reshape(IMAGE_SHAPE),
        ],
    )


def build_deep_dense(
    name: str = "deep", units: tuple[int, int, int] = (147, 98, 49), code_regularizer=None
) -> Autoencoder:
    """Deep dense autoencoder: three encoder layers narrowing to a linear code, mirrored back.

    The sparse variant reuses this builder with narrower layers and an L1 penalty on the code.
    """
    wide, middle, code_size = units
    return assemble(
        name,
        encoder_layers=[
            layers.Flatten(),
            layers.Dense(wide, activation="relu", name="encoder_wide"),
            layers.Dense(middle, activation="relu", name="encoder_middle"),
            # A linear code lets the code take any real value, as in the article.
            layers.Dense(code_size, activation="linear", activity_regularizer=code_regularizer, name="code"),
        ],
        decoder_layers=[
            layers.Dense(middle, activation="relu", name="decoder_middle"),
            layers.Dense(wide, activation="relu", name="decoder_wide"),
            layers.Dense(PIXELS, activation="sigmoid", name="pixels"),
            layers.Reshape(IMAGE_SHAPE),
        ],
    )


def build_sparse(name: str = "sparse") -> Autoencoder:
    """Sparse autoencoder: the deep shape at 48-32-16 units, with an L1 activity penalty on the code."""
    return build_deep_dense(name, units=(16 * 3, 16 * 2, 16), code_regularizer=keras.regularizers.L1(1e-5))


def build_conv(name: str = "conv") -> Autoencoder:
    """Deep convolutional autoencoder whose code is a 7x7 single-channel image."""
    return assemble(
        name,
        encoder_layers=[
            layers.Conv2D(128, 7, activation="relu", padding="same"),
            layers.MaxPooling2D(2),
            layers.Conv2D(32, 2, activation="relu", padding="same"),
            layers.MaxPooling2D(2),
            # A small positive bias keeps this single ReLU channel alive: from Keras's zero bias it
            # died within 25 steps in our runs (every code 0), leaving a decoder that draws a blur.
            layers.Conv2D(
                1, 7, activation="relu", padding="same", bias_initializer=keras.initializers.Constant(0.1), name="code"
            ),
        ],
        decoder_layers=[
            layers.Conv2D(32, 7, activation="relu", padding="same"),
            layers.UpSampling2D(2),
            layers.Conv2D(128, 2, activation="relu", padding="same"),
            layers.UpSampling2D(2),
            layers.Conv2D(1, 7, activation="sigmoid", padding="same", name="pixels"),
        ],
    )


class GaussianCode(layers.Layer):
    """A variational autoencoder's code: from each number's mean and log-variance (the means
    first), a sample `mean + exp(log_variance / 2) * noise` while training, the mean otherwise.

    It also adds the KL divergence from N(0, I), summed over the code and divided by the 784
    pixels, to the model's loss: with Keras's binary cross-entropy (a mean over the pixels) the
    total is the usual VAE loss, BCE summed over the pixels plus KL, over 784.
    """

    def __init__(self, seed: int | None = None, **kwargs):
        super().__init__(**kwargs)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, statistics, training=None):
        mean, log_variance = ops.split(statistics, 2, axis=-1)
        divergence = -0.5 * ops.sum(1.0 + log_variance - ops.square(mean) - ops.exp(log_variance), axis=-1)
        self.add_loss(ops.mean(divergence) / PIXELS)
        if not training:
            return mean
        noise = keras.random.normal(ops.shape(mean), seed=self.seed_generator)
        return mean + ops.exp(0.5 * log_variance) * noise

    def compute_output_shape(self, input_shape):
        return (*input_shape[:-1], input_shape[-1] // 2)

    def get_config(self):
        return {**super().get_config(), "seed": self.seed}


def build_vae(name: str = "vae2", units: tuple[int, int, int] = (147, 98, 2)) -> Autoencoder:
    """A variational autoencoder of the deep dense shape: the encoder gives a mean and a
    log-variance for each of the code's `units[-1]` numbers; the decoder is deep dense's.

    `autoencoder` samples the code while training (with the KL loss) and decodes the mean otherwise.
    """
    wide, middle, code_size = units
    image = keras.Input(shape=IMAGE_SHAPE, name="image")
    statistics = image
    for layer in (
        layers.Flatten(),
        layers.Dense(wide, activation="relu", name="encoder_wide"),
        layers.Dense(middle, activation="relu", name="encoder_middle"),
        layers.Dense(2 * code_size, activation="linear", name="code_mean_and_log_variance"),
    ):
        statistics = layer(statistics)
    encoder = keras.Model(image, statistics, name=f"{name}_encoder")

    code_input = keras.Input(shape=(code_size,), name="code")
    reconstruction = code_input
    for layer in (
        layers.Dense(middle, activation="relu", name="decoder_middle"),
        layers.Dense(wide, activation="relu", name="decoder_wide"),
        layers.Dense(PIXELS, activation="sigmoid", name="pixels"),
        layers.Reshape(IMAGE_SHAPE),
    ):
        reconstruction = layer(reconstruction)
    decoder = keras.Model(code_input, reconstruction, name=f"{name}_decoder")

    code = GaussianCode(seed=42, name="gaussian_code")(encoder(image))
    autoencoder = keras.Model(image, decoder(code), name=f"{name}_autoencoder")
    return Autoencoder(encoder, decoder, autoencoder)
