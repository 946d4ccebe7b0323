"""The one list of autoencoder variants: what each is called, how it is built and trained.

Pages, the training CLI, tests and benchmarks loop over `VARIANTS`; nothing else names
the variants again. Importing this module imports no Keras: each variant names its Keras
builder in `models.architectures`, imported only when `build()` is called (training, tests),
and carries its layer plan, which is all that serving needs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from digits.noise import DEFAULT_NOISE_FACTOR
from models import layer_plans
from models.layer_plans import Plan

if TYPE_CHECKING:
    from models.architectures import Autoencoder


@dataclass(frozen=True)
class Recipe:
    """How a variant is trained. `noise_factor` is set only for the denoising variant."""

    epochs: int
    batch_size: int = 256
    learning_rate: float = 1e-3
    # "constant" is the article's plain Adam; "cosine" anneals to `learning_rate * final_lr_fraction`.
    schedule: str = "constant"
    final_lr_fraction: float = 0.02
    noise_factor: float | None = None

    def with_overrides(self, **changes) -> Recipe:
        """A copy with the given fields replaced; `None` values are ignored."""
        return replace(self, **{k: v for k, v in changes.items() if v is not None})


@dataclass(frozen=True)
class Variant:
    """One autoencoder of the series."""

    key: str
    title: str
    description: str
    builder_name: str  # the function in models/architectures.py (the Models page shows its source)
    builder_args: tuple
    plan: Plan
    article_recipe: Recipe
    recipe: Recipe
    # Pictures or sliders laid out one per code dimension: a 49-number code fills a 7x7 grid; the
    # sparse code's 16 take two rows of 8 pictures, or four columns of sliders.
    grid_columns: int = 7
    slider_columns: int = 7

    @property
    def code_shape(self) -> tuple[int, ...]:
        return self.plan.code_shape

    @property
    def code_size(self) -> int:
        return math.prod(self.code_shape)

    def build(self) -> Autoencoder:
        """The variant's Keras models, untrained."""
        from models import architectures  # TensorFlow: imported only by those who build models

        return getattr(architectures, self.builder_name)(*self.builder_args)

    @property
    def is_denoising(self) -> bool:
        return self.recipe.noise_factor is not None


VARIANTS: dict[str, Variant] = {
    v.key: v
    for v in (
        Variant(
            key="dense",
            title="Dense",
            description="One layer each way, 784 to 49 to 784: the simplest autoencoder here.",
            builder_name="build_dense",
            builder_args=("dense",),
            plan=layer_plans.dense_plan(),
            article_recipe=Recipe(epochs=50),
            recipe=Recipe(epochs=100, learning_rate=2e-3, schedule="cosine"),
        ),
        Variant(
            key="deep",
            title="Deep dense",
            description="Three layers each way (147-98-49) learn a richer 49-number code.",
            builder_name="build_deep_dense",
            builder_args=("deep",),
            plan=layer_plans.deep_dense_plan(),
            article_recipe=Recipe(epochs=100),
            recipe=Recipe(epochs=200, learning_rate=2e-3, schedule="cosine"),
        ),
        Variant(
            key="conv",
            title="Deep convolutional",
            description="Convolutions and pooling squeeze the digit into a 7x7 code image.",
            builder_name="build_conv",
            builder_args=("conv",),
            plan=layer_plans.conv_plan(),
            article_recipe=Recipe(epochs=64),
            recipe=Recipe(epochs=30, batch_size=64, learning_rate=1e-3, schedule="cosine"),
        ),
        Variant(
            key="denoise",
            title="Denoising",
            description="The dense shape trained to map noisy digits back to clean ones.",
            builder_name="build_dense",
            builder_args=("denoise",),
            plan=layer_plans.dense_plan(),
            article_recipe=Recipe(epochs=200, batch_size=16, noise_factor=DEFAULT_NOISE_FACTOR),
            recipe=Recipe(
                epochs=100, batch_size=64, learning_rate=1e-3, schedule="cosine", noise_factor=DEFAULT_NOISE_FACTOR
            ),
        ),
        Variant(
            key="sparse",
            title="Sparse",
            description="A 16-number code with an L1 penalty of 1e-5 on it, too weak to make the code sparse.",
            builder_name="build_sparse",
            builder_args=(),
            plan=layer_plans.deep_dense_plan((16 * 3, 16 * 2, 16)),
            article_recipe=Recipe(epochs=400),
            recipe=Recipe(epochs=700, learning_rate=2e-3, schedule="cosine"),
            grid_columns=8,
            slider_columns=4,
        ),
    )
}


def get_variant(key: str) -> Variant:
    """The variant called `key`, or a ValueError that lists the known keys."""
    try:
        return VARIANTS[key]
    except KeyError:
        raise ValueError(f"unknown variant {key!r}; choose one of {', '.join(VARIANTS)}") from None
