"""A picture beside the pointer on the Code explorer's map: on a dot, that digit; elsewhere, the
point's code decoded.

Plotly's hover label holds text alone, so this invisible component listens to the chart in the
browser. On a dot (`plotly_hover`) it draws that test digit, taken from a sprite: every digit of
the map in one grid picture, shown by a hidden `st.image`, so the browser fetches it once over
HTTP (Streamlit names the file by its content) and no rerun sends it again; each dot carries its
row of the sprite as `customdata` (ui/code_map.py). Anywhere else on the plane, the map being a
projection (PCA) of the codes, the point (x, y) stands for the code mean + x·axis1 + y·axis2,
which the decoder draws in the browser (inference.js) as the pointer moves. The pictures' captions
come from here (`labels`), in the reader's language.
"""

from __future__ import annotations

import io

import numpy as np
import streamlit as st
from PIL import Image

from i18n import _, current_language
from models.analysis import Projection
from models.inference import TrainedVariant
from ui.components.assets import component_js
from ui.components.browser_weights import browser_weights

COMPONENT_KEY = "map-hover"
SPRITE_KEY = "map_sprite"  # the hidden picture's container (its CSS class is st-key-map_sprite)
SPRITE_COLUMNS = 50
CELL = 28
HOVER_SIZE = 112  # the picture beside the pointer, in CSS pixels

_COMPONENT = st.components.v2.component(
    "autoencoder_lab.map_hover",
    html='<div class="map-hover"></div>',
    js=component_js("map_hover"),
)


def digit_sprite(images: np.ndarray, columns: int = SPRITE_COLUMNS) -> bytes:
    """The digits (N, 28, 28[, 1], values 0–1) as one grey PNG, `columns` to a row, row i at
    (i % columns, i // columns)."""
    pixels = np.clip(np.asarray(images, dtype=np.float32).reshape(-1, CELL, CELL) * 255.0 + 0.5, 0, 255)
    rows = -(-len(pixels) // columns)
    sheet = np.zeros((rows * CELL, columns * CELL), dtype=np.uint8)
    for index, digit in enumerate(pixels.astype(np.uint8)):
        top, left = (index // columns) * CELL, (index % columns) * CELL
        sheet[top : top + CELL, left : left + CELL] = digit
    buffer = io.BytesIO()
    Image.fromarray(sheet, mode="L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def hover_pictures(chart_key: str, sprite: bytes, trained: TrainedVariant, projection: Projection) -> None:
    """On the chart keyed `chart_key` (its dots' customdata: sprite rows), the hovered digit's picture,
    and off the dots, `trained`'s decoding of the point's code through `projection`."""
    with st.container(key=SPRITE_KEY):  # hidden by ui/pictures.py: the browser only needs the file
        st.image(sprite, output_format="PNG")
    _COMPONENT(
        key=COMPONENT_KEY,
        data={
            "chart": chart_key,
            "sprite": SPRITE_KEY,
            "columns": SPRITE_COLUMNS,
            "cell": CELL,
            "size": HOVER_SIZE,
            "weights": browser_weights(trained),
            "mean": projection.mean.astype(float).tolist(),
            "axes": projection.axes.astype(float).tolist(),
            "language": current_language(),  # how the captions write numbers (0.5 / 0,5)
            # {digit}, {row}, {x} and {y} are filled in the browser.
            "labels": {
                "dot": _("a {digit}, test #{row}"),
                "row": _("test #{row}"),
                "decodedAt": _("decoded at ({x}, {y})"),
            },
        },
    )
