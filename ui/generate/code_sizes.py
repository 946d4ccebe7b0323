"""How small can a code be? The deep dense shape at codes of 2 to 49 numbers: their test error
against code size, and the current digit rebuilt at each size."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from i18n import N_, _, ngettext, number, number_separators
from models.inference import TrainedVariant, reconstruct
from models.registry import CODE_SIZE_KEYS
from ui import loaders


def load_code_size_family() -> dict[int, TrainedVariant]:
    """Each code size whose model loads, smallest first (a missing one is left out)."""
    return loaders.spinning(N_("Loading the code-size family…"), _load_code_size_family)


@st.cache_resource(show_spinner=False)
def _load_code_size_family() -> dict[int, TrainedVariant]:
    trained, _errors = loaders.load_each(CODE_SIZE_KEYS.values())
    return {size: trained[key] for size, key in CODE_SIZE_KEYS.items() if key in trained}


def error_chart(family: dict[int, TrainedVariant]) -> go.Figure:
    sizes = list(family)
    figure = go.Figure(
        go.Scatter(
            x=sizes,
            y=[family[size].metadata["test"]["bce"] for size in sizes],
            mode="lines+markers",
            # Plotly's own placeholders (%{x}), filled in the browser; `separators` writes 0,0773 in Russian.
            hovertemplate=_("%{x} numbers: test BCE %{y:.4f}") + "<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis=dict(title=_("numbers in the code"), type="log", tickvals=sizes, ticktext=[str(s) for s in sizes]),
        yaxis_title=_("test error (lower is better)"),
        separators=number_separators(),
        height=320,
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(automargin=True),
    )
    return figure


def rebuilt_at_each_size(family: dict[int, TrainedVariant], image) -> list[tuple[str, object]]:
    """(caption, picture) of the digit rebuilt by each size's model."""
    return [
        (ngettext("{count} number", "{count} numbers", size).format(count=size), reconstruct(trained, image))
        for size, trained in family.items()
    ]


def halving_costs(family: dict[int, TrainedVariant]) -> str:
    """What the largest and the smallest step down in code size cost in test error, as a sentence."""
    sizes = list(family)
    error = {size: family[size].metadata["test"]["bce"] for size in sizes}
    (small, smaller), (big, bigger) = (sizes[1], sizes[0]), (sizes[-2], sizes[-1])
    return _(
        "Fewer numbers keep less detail: the test error rises by {first_rise} from {bigger} to {big} numbers, "
        "and by {last_rise} from {small} to {smaller}."
    ).format(
        first_rise=number(error[big] - error[bigger], "0.000"),
        bigger=bigger,
        big=big,
        last_rise=number(error[smaller] - error[small], "0.000"),
        small=small,
        smaller=smaller,
    )
