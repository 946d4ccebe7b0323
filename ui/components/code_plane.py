"""The Generate page's live planes: each 2-number model's whole code space, decoded under the pointer.

A plane of 2-number codes is small enough to look at whole: the component draws every test
digit's code as a dot (coloured by digit, colour-blind-safe), the current digit as a star and the
walk as a line, and decodes whatever point the mouse, pen or finger is on, in the browser
(inference.js), beside the plane. Below each plane, a grid of codes decoded (the manifold). The
codes travel once as base64 float32 (80 KB a model), written as data URLs so that nothing mistakes
them for text; the weights once per session. Every word it
shows comes from here (`labels`), in the reader's language; a change of language relabels the planes
in place, their dots and pictures kept.
"""

from __future__ import annotations

import base64

import numpy as np
import streamlit as st

from i18n import _, current_language
from models.browser_export import float32_base64
from models.inference import TrainedVariant
from ui.components.assets import component_js, read_asset
from ui.components.browser_weights import browser_weights

COMPONENT_KEY = "code-planes"
# Paul Tol's "muted" scheme (made to stay distinct for colour-blind readers), with grey for the tenth.
DIGIT_COLOURS = (
    "#332288",
    "#88CCEE",
    "#44AA99",
    "#117733",
    "#999933",
    "#DDCC77",
    "#CC6677",
    "#882255",
    "#AA4499",
    "#777777",
)


def _data_url(base64_text: str) -> str:
    """Binary data as a data URL (the component decodes it): the payload, labelled as bytes, not words."""
    return "data:application/octet-stream;base64," + base64_text


_COMPONENT = st.components.v2.component(
    "autoencoder_lab.code_plane",
    html=read_asset("code_plane.html"),
    css=read_asset("code_plane.css"),
    js=component_js("code_plane"),
)


def plane_model(
    trained: TrainedVariant,
    codes: np.ndarray,
    labels: np.ndarray,
    plane_range: tuple[float, float, float, float],
    grid: tuple[np.ndarray, np.ndarray],
    walk_to: np.ndarray | None,
) -> dict:
    """One model's part of the component's data."""
    title = trained.variant.title
    columns, rows = len(grid[0]), len(grid[1])
    return {
        "key": trained.variant.key,
        "title": title,
        "ariaLabels": {  # the plane's and the manifold's, for screen readers
            "plane": _("{model}: the plane of codes; point anywhere to decode it").format(model=title),
            "manifold": _("{model}: digits decoded on a {columns} x {rows} grid over the plane").format(
                model=title, columns=columns, rows=rows
            ),
        },
        "weights": browser_weights(trained),
        "codes": _data_url(float32_base64(codes)),
        "labels": _data_url(base64.b64encode(np.asarray(labels, dtype=np.uint8).tobytes()).decode("ascii")),
        "range": [float(value) for value in plane_range],
        "grid": {"xs": grid[0].astype(float).tolist(), "ys": grid[1].astype(float).tolist()},
        "walkTo": None if walk_to is None else np.asarray(walk_to, dtype=float).ravel().tolist(),
    }


def code_planes(models: list[dict], digit: np.ndarray | None, size: int) -> None:
    """The planes side by side, `size` px each (they shrink to fit), with the current `digit` as a star."""
    _COMPONENT(
        key=COMPONENT_KEY,
        data={
            "models": models,
            "digit": None if digit is None else _data_url(float32_base64(np.asarray(digit).ravel())),
            "size": size,
            "colours": list(DIGIT_COLOURS),
            "language": current_language(),  # how the captions write numbers (0.50 / 0,50)
            "labels": {
                # Until the models arrive the planes say so; the HTML's "did not start" is for a browser
                # whose JavaScript never runs.
                "loading": _("Loading the planes' models…"),
                "decodedAt": _("decoded at ({x}, {y})"),  # {x} and {y} are filled in the browser
                "yourDigit": _("your digit ★, decoded"),
                "legend": _("Colours of the digits"),
            },
        },
    )
