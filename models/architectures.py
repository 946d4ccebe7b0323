"""Keras builders for the five autoencoders of the article.

Each builder returns an `Autoencoder`: an `encoder` (image -> code), a `decoder`
(code -> image) and the `autoencoder` that chains them. The layer lists follow the article
exactly; only the training recipe (see `models.registry`) may differ. `models.layer_plans`
lists the same layers for the NumPy inference the app serves with (a test keeps them equal).
"""

from __future__ import annotations

from typing import NamedTuple

import keras
from keras import layers

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
