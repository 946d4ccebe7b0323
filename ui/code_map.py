"""The Code explorer's clickable map of test codes: the figure, and which test digit a click chose.

The figure is pure Plotly (cached by `ui.loaders`, shared by every session, so it holds data and no
words); `with_current_digit` adds, for each run, the marker for the digit the page is working on and
the titles in the reader's language, and `clicked_row` reads a click the way the browser really
reports it, whatever shape the point arrives in.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.express as px
import plotly.graph_objects as go

from i18n import N_, _, number_separators, percent
from models.analysis import CodeStatistics, Projection

# Ten well-separated colours made for categories (D3's "category10"): 3, 5, 7 and 9 stay distinct.
DIGIT_COLOURS = px.colors.qualitative.D3
CURRENT_DIGIT_NAME = N_("your digit")


def code_map_figure(stats: CodeStatistics, projection: Projection) -> go.Figure:
    """The test codes on their first two principal axes, coloured by digit; each point knows its row.
    No titles: `with_current_digit` adds them in the reader's language."""
    points = projection.to_map(stats.codes)
    figure = go.Figure()
    for digit in range(10):
        rows = np.flatnonzero(stats.labels == digit)
        figure.add_trace(
            go.Scattergl(
                x=points[rows, 0].tolist(),
                y=points[rows, 1].tolist(),
                # Plain lists, not NumPy arrays: Plotly would send arrays as typed arrays, which
                # reach Python as {"0": row} dictionaries instead of [row] lists.
                customdata=[[int(row)] for row in rows],
                mode="markers",
                name=str(digit),
                marker=dict(size=5, opacity=0.75, color=DIGIT_COLOURS[digit]),
                # A click selects one point; the others keep their colour (Plotly fades them by default).
                selected=dict(marker=dict(size=12, opacity=1.0)),
                unselected=dict(marker=dict(opacity=0.75)),
                # The hover shows the digit's picture instead (ui/components/map_hover.py): Plotly's own
                # label would peek out behind it. "none" still sends the hover events; "skip" would not.
                hoverinfo="none",
            )
        )
    figure.update_layout(
        height=520,
        margin=dict(l=10, r=10, t=30, b=10),
    )
    return figure


def with_current_digit(figure: go.Figure, projection: Projection, code: np.ndarray) -> go.Figure:
    """A copy of the map with a marker where the current digit's code lies, titled in the reader's language."""
    x, y = projection.to_map(np.asarray(code).reshape(1, -1))[0]
    marked = go.Figure(figure)
    explained = projection.explained
    marked.update_layout(
        xaxis_title=_("PC 1 ({share})").format(share=percent(explained[0])),
        yaxis_title=_("PC 2 ({share})").format(share=percent(explained[1])),
        legend_title_text=_("digit"),
        separators=number_separators(),
    )
    marked.add_trace(
        go.Scatter(
            x=[float(x)],
            y=[float(y)],
            mode="markers",
            name=_(CURRENT_DIGIT_NAME),
            marker=dict(symbol="star", size=20, color="#000", line=dict(color="#fff", width=2)),
            hovertemplate=_(CURRENT_DIGIT_NAME) + "<extra></extra>",
        )
    )
    return marked


def _first(value: Any) -> Any:
    """The first item of a list, tuple or typed array (sent as {"0": ...}), or the value itself."""
    if isinstance(value, list | tuple):
        return value[0] if value else None
    if isinstance(value, Mapping):
        return value.get("0", value.get(0))
    return value


def _as_row(value: Any, size: int) -> int | None:
    try:
        row = int(value)
    except (TypeError, ValueError, OverflowError):
        return None
    return row if 0 <= row < size and row == value else None


def _point_number(point: Mapping, *names: str) -> int | None:
    for name in names:
        value = point.get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
            return value
    return None


def clicked_row(points: Any, labels: np.ndarray) -> int | None:
    """The test-set row of the first clicked point, or None when the selection names none.

    Each point carries its row as `customdata` (a list, a scalar, or a typed array that arrives
    as a dictionary). Without it, the trace (one per digit, in order) and the point's index in
    that trace name the row. The marker for the current digit (the last trace) names no row.
    """
    if not isinstance(points, list | tuple) or not points or not isinstance(points[0], Mapping):
        return None
    point = points[0]
    if "customdata" in point:
        return _as_row(_first(point["customdata"]), len(labels))
    curve = _point_number(point, "curve_number", "curveNumber")
    index = _point_number(point, "point_index", "pointIndex", "point_number", "pointNumber")
    if curve is None or index is None or curve > 9:
        return None
    rows = np.flatnonzero(np.asarray(labels) == curve)
    return int(rows[index]) if index < len(rows) else None
