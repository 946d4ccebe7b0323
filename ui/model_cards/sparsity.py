"""The Models page's "Is the sparse code sparse?" section: a chart of code values and the honest words.

The shipped figures are measured live on the 2,000 statistics digits; the stronger-penalty
figures come from `python -m scripts.sparse_penalty` (a short training run, quoted below).
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from i18n import N_, _, number, percent
from ui import loaders
from ui.charts import relative_code_values, sparsity_figure
from ui.state.display import chart_for_display

# Measured once with `python -m scripts.sparse_penalty --epochs 15 --train 20000` (and `--penalties 0.01 0.1`):
# the same short run for each penalty, scored on the 2,000 statistics digits.
STRONGER_PENALTY_RUN = N_("""
What a stronger penalty does, from a short training run of the same architecture for each penalty
(15 epochs on 20,000 digits, so the errors are higher than the shipped model's; `python -m scripts.sparse_penalty`):

| L1 penalty | values under ⅒ of the digit's largest | numbers in use per digit (of 16) | test BCE |
|---|---|---|---|
| none | 15% | 13.6 | 0.133 |
| 1e-5 (the article's) | 18% | 13.2 | 0.130 |
| 1e-4 | 19% | 13.0 | 0.128 |
| 1e-3 | 24% | 12.2 | 0.142 |
| 1e-2 | 82% | 2.9 | 0.206 |
| 1e-1 | 31% | 11.0 | 0.255 |

Up to 1e-3 the penalty hardly changes the code. At 1e-2 it is truly sparse, about three numbers
on per digit, and the price is blurrier copies. At 1e-1 the penalty outweighs the copying and
the model copies badly. Still no value is exactly 0: a linear code layer only gets close.
""")


def _share_below(codes: np.ndarray, fraction: float) -> float:
    return float((relative_code_values(codes) < fraction).mean())


def show_sparsity_section() -> None:
    st.markdown(_("**Is the sparse code sparse?**"))
    stats = {key: loaders.code_statistics(key) for key in ("sparse", "deep")}
    if any(value is None for value in stats.values()):
        st.info(_("This comparison needs MNIST's test set and both models, which are not available here."))
        return
    codes = {key: value.codes for key, value in stats.items()}
    st.plotly_chart(chart_for_display(sparsity_figure(codes)), key="sparsity")
    sparse, deep = codes["sparse"], codes["deep"]
    st.markdown(
        _(
            "On {count} test digits, **{zeros}** of the sparse code's values are exactly 0 "
            "and **{small}** are under a tenth of their digit's largest value; for the deep "
            "dense model (49 numbers, no penalty) that share is **{deep}**. So what the "
            "article calls the sparse model is a short code (16 numbers) with an L1 penalty too weak, at 1e-5, "
            "to make it sparse: it is no sparser than the deep dense code. Sparse would mean a few numbers on "
            "and the rest off; the code layer is linear, so nothing pushes a value to exactly 0, and at 1e-5 the "
            "penalty is small next to the reconstruction error."
        ).format(
            count=number(len(sparse)),
            zeros=percent((sparse == 0).mean()),
            small=percent(_share_below(sparse, 0.1)),
            deep=percent(_share_below(deep, 0.1)),
        )
    )
    if STRONGER_PENALTY_RUN:
        st.markdown(_(STRONGER_PENALTY_RUN))
