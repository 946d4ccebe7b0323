"""Plotly charts the pages show: error against noise, how sparse each model's code is, training curves.

Pure builders (arrays in, figure out), so the pages stay short and a test can check a chart.
Their titles, axes and legends are in the current language (i18n): whoever caches a figure keys
the cache by the language too.
"""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from i18n import N_, _, ngettext, number, pgettext
from models.registry import VARIANTS

# Texts are marked here and translated as a figure is built: a cached figure must be cached per language.
MEAN_STYLES = {0.5: ("solid", N_("article's noise, μ = 0.5")), 0.0: ("dot", N_("zero-mean noise, μ = 0"))}
VARIANT_COLOURS = {"denoise": "#1f77b4", "dense": "#ff7f0e", "deep": "#2ca02c", "sparse": "#d62728"}


def noise_curve_figure(
    curves: dict[float, dict[str, list[float]]], factors: tuple[float, ...], factor: float, shown_mean: float
) -> go.Figure:
    """Mean BCE against noise factor: one line per model and noise mean, the shown mean drawn boldly.

    Both families are on the chart (a click on the legend hides either), so the comparison
    between the article's brightening noise and zero-mean noise is always in view.
    """
    figure = go.Figure()
    for mean, by_variant in curves.items():
        dash, label = MEAN_STYLES.get(mean, ("dash", None))
        label = _(label) if label else f"μ = {number(mean)}"
        for key, values in by_variant.items():
            figure.add_trace(
                go.Scatter(
                    x=list(factors),
                    y=values,
                    mode="lines+markers",
                    name=_("{model}, {noise}").format(model=VARIANTS[key].title, noise=label),
                    legendgroup=str(mean),
                    line=dict(dash=dash, color=VARIANT_COLOURS.get(key), width=3 if mean == shown_mean else 1.5),
                    opacity=1.0 if mean == shown_mean else 0.55,
                )
            )
    figure.add_vline(
        x=factor, line_dash="dash", annotation_text=_("now: {factor}").format(factor=number(factor, "0.00"))
    )
    figure.update_layout(
        title=_("Reconstruction error against noise, 200 test digits"),
        xaxis_title=_("noise factor σ"),
        yaxis_title=_("mean BCE vs clean digits"),
        height=400,
        margin=dict(l=10, r=10, t=50, b=10),
        legend=dict(orientation="h", yanchor="top", y=-0.2, x=0),
    )
    return figure


# Bins of |code value| / the digit's largest |code value|: [0, 0.01), [0.01, 0.1), then tenths.
SPARSITY_EDGES = np.array([0.0, 0.01, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0 + 1e-9])


def relative_code_values(codes: np.ndarray) -> np.ndarray:
    """Each code value's magnitude as a share of its own digit's largest magnitude, flattened."""
    magnitudes = np.abs(np.asarray(codes, dtype=np.float64).reshape(len(codes), -1))
    peaks = magnitudes.max(axis=1, keepdims=True)
    return (magnitudes / np.where(peaks > 0, peaks, 1.0)).ravel()


def sparsity_shares(codes: np.ndarray) -> np.ndarray:
    """Share (0..1) of all code values in each bin of SPARSITY_EDGES."""
    counts, _ = np.histogram(relative_code_values(codes), bins=SPARSITY_EDGES)
    return counts / counts.sum()


def sparsity_figure(codes_by_variant: dict[str, np.ndarray]) -> go.Figure:
    """Side-by-side bars: how the code values of each model spread between 0 and the digit's peak."""
    edges = SPARSITY_EDGES
    labels = [f"< {number(0.01, '0.00')}", f"{number(0.01, '0.00')}–{number(0.1, '0.0')}"] + [
        f"{number(edges[i], '0.0')}–{number(min(edges[i + 1], 1.0), '0.0')}" for i in range(2, len(edges) - 1)
    ]
    figure = go.Figure(
        [
            go.Bar(
                x=labels,
                y=sparsity_shares(codes) * 100,
                name=_code_size_name(key, np.asarray(codes).reshape(len(codes), -1).shape[1]),
                marker_color=VARIANT_COLOURS.get(key),
            )
            for key, codes in codes_by_variant.items()
        ]
    )
    figure.update_layout(
        barmode="group",
        xaxis_title=_("|code value| ÷ the largest |value| in the same digit's code"),
        yaxis_title=_("% of all code values"),
        height=360,
        margin=dict(l=10, r=10, t=30, b=10),
        legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
    )
    return figure


def _code_size_name(key: str, count: int) -> str:
    return ngettext("{model} ({count} number)", "{model} ({count} numbers)", count).format(
        model=VARIANTS[key].title, count=count
    )


def training_curves(history: dict, best_epoch: int | None) -> go.Figure:
    """Loss and validation loss per epoch, with the kept epoch marked (the Models page)."""
    epochs = list(range(1, len(history["loss"]) + 1))
    # Keras's names for the two curves, as the legend shows them.
    names = {"loss": pgettext("training curve", "loss"), "val_loss": pgettext("training curve", "val_loss")}
    figure = go.Figure(
        [go.Scatter(x=epochs, y=history[name], mode="lines", name=names[name]) for name in ("loss", "val_loss")]
    )
    if best_epoch:
        figure.add_vline(
            x=best_epoch, line_dash="dot", annotation_text=_("kept: epoch {epoch}").format(epoch=best_epoch)
        )
    figure.update_layout(
        xaxis_title=_("epoch"), yaxis_title=_("binary cross-entropy"), height=320, margin=dict(l=10, r=10, t=10, b=10)
    )
    return figure
