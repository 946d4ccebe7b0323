"""How small can a code be? The deep dense shape at codes of 2 to 49 numbers: their test error
against code size, and the current digit rebuilt at each size."""

from __future__ import annotations

import plotly.graph_objects as go
import streamlit as st

from models.inference import TrainedVariant, reconstruct
from models.registry import CODE_SIZE_KEYS
from ui import loaders


@st.cache_resource(show_spinner="Loading the code-size family…")
def load_code_size_family() -> dict[int, TrainedVariant]:
    """Each code size whose model loads, smallest first (a missing one is left out)."""
    trained, _ = loaders.load_each(CODE_SIZE_KEYS.values())
    return {size: trained[key] for size, key in CODE_SIZE_KEYS.items() if key in trained}


def error_chart(family: dict[int, TrainedVariant]) -> go.Figure:
    sizes = list(family)
    figure = go.Figure(
        go.Scatter(
            x=sizes,
            y=[family[size].metadata["test"]["bce"] for size in sizes],
            mode="lines+markers",
            hovertemplate="%{x} numbers: test BCE %{y:.4f}<extra></extra>",
        )
    )
    figure.update_layout(
        xaxis=dict(title="numbers in the code", type="log", tickvals=sizes, ticktext=[str(s) for s in sizes]),
        yaxis_title="test error (lower is better)",
        height=320,
        margin=dict(l=10, r=10, t=10, b=10),
        yaxis=dict(automargin=True),
    )
    return figure


def rebuilt_at_each_size(family: dict[int, TrainedVariant], image) -> list[tuple[str, object]]:
    """(caption, picture) of the digit rebuilt by each size's model."""
    return [(f"{size} numbers", reconstruct(trained, image)) for size, trained in family.items()]


def halving_costs(family: dict[int, TrainedVariant]) -> str:
    """What the largest and the smallest step down in code size cost in test error, as a sentence."""
    sizes = list(family)
    error = {size: family[size].metadata["test"]["bce"] for size in sizes}
    (small, smaller), (big, bigger) = (sizes[1], sizes[0]), (sizes[-2], sizes[-1])
    return (
        f"Fewer numbers keep less detail: the test error rises by {error[big] - error[bigger]:.3f} from "
        f"{bigger} to {big} numbers, and by {error[smaller] - error[small]:.3f} from {small} to {smaller}."
    )
