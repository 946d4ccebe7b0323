"""The opening the digit pages share: load the variants, take the current digit, stop when there is none."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import streamlit as st

from i18n import N_, _
from models.inference import TrainedVariant
from ui import loaders
from ui.input_panel import current_image

NO_DIGIT = N_("Pick, draw or upload a digit in the sidebar.")


def variants_and_digit(
    no_digit: str | None = None,
    *,
    needs_any: bool = False,
    needed: Sequence[str] = (),
    missing: str = "",
) -> tuple[dict[str, TrainedVariant], np.ndarray]:
    """The loaded variants (a warning for each that failed) and the current digit (28, 28, 1).

    Stops the page, after saying why, when there is no digit (`no_digit`) or a variant in
    `needed` did not load (`missing`); with `needs_any`, stops quietly when none loaded at all
    (the warnings already say why). Both texts come already in the reader's language (`_`);
    without `no_digit`, NO_DIGIT is said.
    """
    trained_variants = loaders.variants_in_use()
    if needs_any and not trained_variants:
        st.stop()
    image = current_image()
    if image is None:
        st.info(_(NO_DIGIT) if no_digit is None else no_digit)
        st.stop()
    if any(key not in trained_variants for key in needed):
        st.info(missing)
        st.stop()
    return trained_variants, image
