"""The training pipeline that the CLI (`training.cli`) and `benchmarks/train.py` share.

The seed, the `tf.data` input pipeline, the model that `fit` trains (with the noise layer for
the denoising variant) and its compilation (Adam on the recipe's learning-rate schedule,
binary cross-entropy, several steps per graph call). Imports TensorFlow; importing it changes
no settings: entry points that want oneDNN's CPU kernels set `TF_ENABLE_ONEDNN_OPTS` before
they import it (see `training.cli`).
"""

from __future__ import annotations

import keras
import numpy as np
import tensorflow as tf

from models.architectures import IMAGE_SHAPE, Autoencoder
from models.registry import Recipe, Variant
from training.noise_layer import ArticleNoise

SEED = 42


def make_dataset(inputs: np.ndarray, targets: np.ndarray, batch_size: int, shuffle: bool) -> tf.data.Dataset:
    """A cached, shuffled, batched and prefetched pipeline of (input, target) pairs."""
    same = inputs is targets  # an autoencoder's target is its input: keep one copy in memory
    dataset = tf.data.Dataset.from_tensor_slices(inputs if same else (inputs, targets)).cache()
    if shuffle:
        dataset = dataset.shuffle(len(inputs), seed=SEED, reshuffle_each_iteration=True)
    dataset = dataset.batch(batch_size)
    if same:
        dataset = dataset.map(lambda batch: (batch, batch), num_parallel_calls=tf.data.AUTOTUNE)
    return dataset.prefetch(tf.data.AUTOTUNE)


def learning_rate(recipe: Recipe, steps_per_epoch: int):
    if recipe.schedule == "constant":
        return recipe.learning_rate
    if recipe.schedule == "cosine":
        return keras.optimizers.schedules.CosineDecay(
            recipe.learning_rate, decay_steps=recipe.epochs * steps_per_epoch, alpha=recipe.final_lr_fraction
        )
    raise ValueError(f"unknown learning-rate schedule {recipe.schedule!r}")


# Batches run per call into the compiled graph. The dense models' steps take about a
# millisecond, so Keras's per-step Python work was a large part of an epoch: 16,384 digits
# trained 1.7x faster with 16 or 64 steps per call than with 1. The arithmetic is unchanged.
STEPS_PER_EXECUTION = 32


def compile_trainer(
    trainer: keras.Model, recipe: Recipe, steps_per_epoch: int, jit_compile="auto", steps_per_execution=None
) -> None:
    """Adam on the recipe's schedule, binary cross-entropy, several steps per graph call."""
    trainer.compile(
        optimizer=keras.optimizers.Adam(learning_rate(recipe, steps_per_epoch)),
        loss="binary_crossentropy",
        steps_per_execution=steps_per_execution or STEPS_PER_EXECUTION,
        jit_compile=jit_compile,
    )


def training_model(variant: Variant, model: Autoencoder, recipe: Recipe) -> keras.Model:
    """The model `fit` trains: the autoencoder, behind a noise layer for the denoising variant."""
    if recipe.noise_factor is None:
        return model.autoencoder
    image = keras.Input(shape=IMAGE_SHAPE, name="image")
    noisy = ArticleNoise(recipe.noise_factor, seed=SEED, name="training_noise")(image)
    return keras.Model(image, model.autoencoder(noisy), name=f"{variant.key}_training")
