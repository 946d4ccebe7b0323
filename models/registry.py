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
from i18n import N_, _
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
    """One autoencoder of the series.

    `title_en` and `description_en` are the English messages (marked with `N_`, and a template with
    `{code_size}` where one recipe makes several sizes); `title` and `description` are what a reader
    sees: the message in the current language, filled in. Display code just uses `variant.title`.
    """

    key: str
    title_en: str
    description_en: str
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
    def title(self) -> str:
        """The variant's name in the reader's language (English outside a session)."""
        return self._filled(_(self.title_en))

    @property
    def description(self) -> str:
        """One sentence on what the variant is, in the reader's language."""
        return self._filled(_(self.description_en))

    @property
    def english_title(self) -> str:
        """The name in English whatever the session's language: for logs, files and exceptions."""
        return self._filled(self.title_en)

    def _filled(self, message: str) -> str:
        return message.format(code_size=self.code_size)

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
            title_en=N_("Dense"),
            description_en=N_("One layer each way, 784 to 49 to 784: the simplest autoencoder here."),
            builder_name="build_dense",
            builder_args=("dense",),
            plan=layer_plans.dense_plan(),
            article_recipe=Recipe(epochs=50),
            recipe=Recipe(epochs=100, learning_rate=2e-3, schedule="cosine"),
        ),
        Variant(
            key="deep",
            title_en=N_("Deep dense"),
            description_en=N_("Three layers each way (147-98-49) learn a richer 49-number code."),
            builder_name="build_deep_dense",
            builder_args=("deep",),
            plan=layer_plans.deep_dense_plan(),
            article_recipe=Recipe(epochs=100),
            recipe=Recipe(epochs=200, learning_rate=2e-3, schedule="cosine"),
        ),
        Variant(
            key="conv",
            title_en=N_("Deep convolutional"),
            description_en=N_("Convolutions and pooling squeeze the digit into a 7x7 code image."),
            builder_name="build_conv",
            builder_args=("conv",),
            plan=layer_plans.conv_plan(),
            article_recipe=Recipe(epochs=64),
            recipe=Recipe(epochs=30, batch_size=64, learning_rate=1e-3, schedule="cosine"),
        ),
        Variant(
            key="denoise",
            title_en=N_("Denoising"),
            description_en=N_("The dense shape trained to map noisy digits back to clean ones."),
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
            title_en=N_("Sparse"),
            description_en=N_("A 16-number code with an L1 penalty of 1e-5 on it, too weak to make the code sparse."),
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


# Two numbers of code, so that the whole code space is a plane a class can look at: a plain
# autoencoder (deep dense narrowed to 2) beside a variational one of the same sizes. They answer
# the article's last question (can we generate digits from codes at will?) on the Generate page;
# the pages about the article's five do not show them.
PLANE_VARIANTS: dict[str, Variant] = {
    v.key: v
    for v in (
        Variant(
            key="ae2",
            title_en=N_("2-number autoencoder"),
            description_en=N_("Deep dense narrowed to a 2-number code (147-98-2): its codes make a plane."),
            builder_name="build_deep_dense",
            builder_args=("ae2", (147, 98, 2)),
            plan=layer_plans.deep_dense_plan((147, 98, 2)),
            article_recipe=Recipe(epochs=100),
            recipe=Recipe(epochs=60, learning_rate=2e-3, schedule="cosine"),
            grid_columns=2,
            slider_columns=2,
        ),
        Variant(
            key="vae2",
            title_en=N_("2-number VAE"),
            description_en=N_(
                "The same sizes as a variational autoencoder: a mean and a spread per code number, "
                "pulled towards N(0, 1) so that the whole plane decodes to digits."
            ),
            builder_name="build_vae",
            builder_args=("vae2", (147, 98, 2)),
            plan=layer_plans.gaussian_dense_plan((147, 98, 2)),
            article_recipe=Recipe(epochs=100),
            recipe=Recipe(epochs=60, learning_rate=2e-3, schedule="cosine"),
            grid_columns=2,
            slider_columns=2,
        ),
    )
}
# How small can a code be? The deep dense shape at smaller codes, one recipe for all (the 2-number
# one is `ae2`, the 49-number one the shipped `deep`): what each halving of the bottleneck costs.
CODE_SIZES = (2, 4, 8, 16, 32, 49)
CODE_SIZE_VARIANTS: dict[str, Variant] = {
    f"deep{size}": Variant(
        key=f"deep{size}",
        # One message for every size: the title and description are filled in with the code size.
        title_en=N_("Deep dense, {code_size}-number code"),
        description_en=N_("Deep dense narrowed to a {code_size}-number code (147-98-{code_size})."),
        builder_name="build_deep_dense",
        builder_args=(f"deep{size}", (147, 98, size)),
        plan=layer_plans.deep_dense_plan((147, 98, size)),
        article_recipe=Recipe(epochs=100),
        recipe=PLANE_VARIANTS["ae2"].recipe,
        grid_columns=8,
        slider_columns=4,
    )
    for size in (4, 8, 16, 32)
}
# Each code size's model, smallest first.
CODE_SIZE_KEYS = {2: "ae2", **{int(key[4:]): key for key in CODE_SIZE_VARIANTS}, 49: "deep"}
# Every variant that has weights: the training CLI, the weight files, the parity tests.
ALL_VARIANTS: dict[str, Variant] = {**VARIANTS, **PLANE_VARIANTS, **CODE_SIZE_VARIANTS}


def get_variant(key: str) -> Variant:
    """The variant called `key`, or a ValueError that lists the known keys."""
    try:
        return ALL_VARIANTS[key]
    except KeyError:
        raise ValueError(f"unknown variant {key!r}; choose one of {', '.join(ALL_VARIANTS)}") from None
