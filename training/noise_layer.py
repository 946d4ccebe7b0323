"""The article's noise as a Keras layer, for training the denoising variant.

It draws fresh noise, `clip(x + N(mean, noise_factor), 0, 1)`, for every training batch and
passes inputs through unchanged otherwise. `digits.noise.add_noise` is the NumPy version.
"""

from __future__ import annotations

import keras
from keras import layers, ops

from digits.noise import ARTICLE_NOISE_MEAN, DEFAULT_NOISE_FACTOR


@keras.saving.register_keras_serializable(package="autoencoder_lab")
class ArticleNoise(layers.Layer):
    """Adds the article's noise while training and passes inputs through unchanged otherwise."""

    def __init__(self, noise_factor=DEFAULT_NOISE_FACTOR, mean=ARTICLE_NOISE_MEAN, seed=None, **kwargs):
        super().__init__(**kwargs)
        self.noise_factor = float(noise_factor)
        self.mean = float(mean)
        self.seed = seed
        self.seed_generator = keras.random.SeedGenerator(seed)

    def call(self, inputs, training=False):
        if not training:
            return inputs
        noise = keras.random.normal(
            ops.shape(inputs), mean=self.mean, stddev=self.noise_factor, seed=self.seed_generator
        )
        return ops.clip(inputs + noise, 0.0, 1.0)

    def compute_output_shape(self, input_shape):
        return input_shape

    def get_config(self):
        return {**super().get_config(), "noise_factor": self.noise_factor, "mean": self.mean, "seed": self.seed}
