"""Turning arrays into what the pages show: upscaled digits, error maps, code heatmaps; and the page styles."""

from __future__ import annotations

import numpy as np
import streamlit as st
from PIL import Image

from i18n import N_, _
from models.registry import Variant
from ui.state.display import CODE_COLOURS, ERROR_COLOURS, GRID_CELL, display_size, is_big, per_row

# Page-wide styles. Big mode (projectors) sets the page's root size 1.5 times larger, so every text
# the page sizes in rem (headings, labels, captions, code, widgets) grows by the same 1.5 and keeps its
# place below the headings; pictures are twice as large (BIG). Never on a phone, whatever a shared link
# says: a phone keeps its own layout. On a phone (640 px and narrower) pictures in columns go two to a
# row and fill them; the Code explorer's decoded picture comes before its sliders; Reconstruct puts
# each reconstruction beside the input (a column only phones show), then the code and the error map;
# Denoise's options come after its slider and pictures. The sidebar closer takes no room.
BASE_STYLE = """<style>
.st-key-sidebar-closer, .st-key-map_sprite, .st-key-map-hover, .st-key-room-watch { display: none; }
@media (min-width: 641px) {
  [data-testid="stColumn"]:has([class*="st-key-phone_only_"]) { display: none; }
}
@media (max-width: 640px) {
  [data-testid="stColumn"]:has(.st-key-decoded_output) { order: -1; }
  [data-testid="stColumn"]:has([data-testid="stImage"]) { min-width: calc(50% - 0.5rem); }
  [data-testid="stColumn"] [data-testid="stFullScreenFrame"] > div,
  [data-testid="stColumn"] [data-testid="stImage"],
  [data-testid="stColumn"] [data-testid="stImageContainer"],
  [data-testid="stColumn"] [data-testid="stImage"] img { width: 100%; image-rendering: pixelated; }
  [data-testid="stColumn"]:has([class*="st-key-phone_first_"], [class*="st-key-phone_only_"]) { order: 1; }
  [data-testid="stColumn"]:has([class*="st-key-phone_second_"]) { order: 2; }
  [data-testid="stColumn"]:has([data-testid="stMetric"]) { order: 3; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-noise_options) { order: 1; }
  [data-testid="stLayoutWrapper"]:has(> .st-key-noise_explained) { order: 2; }
}
</style>"""
BIG_STYLE = """<style>
@media (min-width: 641px) {
  html { font-size: 150% !important; }
  /* Page names wrap rather than end in "…": Russian ones are long, and big mode makes them longer. */
  [data-testid="stSidebarNavLink"] * { white-space: normal; overflow: visible; text-overflow: clip; }
  [data-testid="stMainBlockContainer"] { padding: 1.5rem 1rem; max-width: none; }
}
</style>"""


def apply_page_style() -> None:
    """The styles above, for this run (big mode's only while it is on)."""
    st.html(BASE_STYLE + (BIG_STYLE if is_big() else ""))


def picture_columns(count: int) -> list:
    """`count` columns for pictures, wrapped onto two or more rows in big mode so each can be twice as wide."""
    width = per_row(count)
    columns = []
    for start in range(0, count, width):
        columns += st.columns(width)[: count - start]
    return columns


def digit_picture(image: np.ndarray, size: int | None = None) -> Image.Image:
    """A 28x28 float image in [0, 1] as a sharp (nearest-neighbour) greyscale picture."""
    pixels = (np.clip(np.asarray(image).reshape(28, 28), 0.0, 1.0) * 255).round().astype(np.uint8)
    size = size or display_size()
    return Image.fromarray(pixels, mode="L").resize((size, size), Image.Resampling.NEAREST)


def picture_grid(images: np.ndarray, per_row: int, cell: int | None = None, gap: int | None = None) -> Image.Image:
    """Many 28x28 digits tiled into one picture, row by row (one image element, not dozens)."""
    scale = 2 if is_big() else 1
    cell, gap = cell or GRID_CELL * scale, gap or 4 * scale
    rows = -(-len(images) // per_row)
    pitch = cell + gap
    grid = Image.new("L", (per_row * pitch - gap, rows * pitch - gap), color=255)
    for index, image in enumerate(images):
        row, column = divmod(index, per_row)
        grid.paste(digit_picture(image, cell), (column * pitch, row * pitch))
    return grid


def coloured_picture(values: np.ndarray, table: np.ndarray, size: int | None = None) -> Image.Image:
    """Values already scaled to [0, 1] painted with a colour table, upscaled sharply."""
    indices = (np.clip(values, 0.0, 1.0) * 255).round().astype(np.uint8)
    size = size or display_size()
    return Image.fromarray(table[indices], mode="RGB").resize((size, size), Image.Resampling.NEAREST)


def error_picture(target: np.ndarray, output: np.ndarray) -> Image.Image:
    """Per-pixel absolute error: black where the copy is exact, bright where it is wrong."""
    return coloured_picture(np.abs(np.asarray(target) - np.asarray(output)).reshape(28, 28), ERROR_COLOURS)


def code_picture(code: np.ndarray, columns: int, size: int | None = None) -> Image.Image:
    """A code of columns x columns numbers (49: 7x7) as a heatmap, scaled by its largest magnitude (white is 0)."""
    values = np.asarray(code, dtype=np.float32).reshape(columns, columns)
    peak = float(np.abs(values).max()) or 1.0
    return coloured_picture(0.5 + 0.5 * values / peak, CODE_COLOURS, size)


def code_bars(code: np.ndarray, size: int | None = None) -> Image.Image:
    """A short code (the sparse variant's 16 numbers) as bars up (positive) or down from a midline.

    Drawn as a picture rather than a chart: a Plotly figure cost 29 ms a rerun to build,
    a third of the Reconstruct page's time, for 16 bars.
    """
    values = np.asarray(code, dtype=np.float32).ravel()
    size = size or display_size()
    bar, gap = divmod(size, len(values))
    peak = float(np.abs(values).max()) or 1.0
    heights = np.round(values / peak * (size // 2 - 2)).astype(int)
    canvas = np.full((size, size, 3), 255, dtype=np.uint8)
    middle = size // 2
    canvas[middle, :] = (160, 160, 160)
    for index, height in enumerate(heights):
        left = gap // 2 + index * bar + 1
        rows = slice(middle - height, middle) if height > 0 else slice(middle + 1, middle + 1 - height)
        canvas[rows, left : left + bar - 2] = CODE_COLOURS[255 if height > 0 else 0]
    return Image.fromarray(canvas, mode="RGB")


def colour_legend(table: np.ndarray, width: int | None = None, height: int | None = None) -> Image.Image:
    """A horizontal strip of a colour table, left (0) to right (1), to explain a coloured map."""
    width, height = width or display_size() * 8 // 5, height or display_size() // 10
    ramp = np.linspace(0, 255, width).round().astype(np.uint8)
    return Image.fromarray(np.repeat(table[ramp][np.newaxis], height, axis=0), mode="RGB")


CODE_LEGEND = N_("code colours: blue −, white 0, red + (scaled to the code's largest value)")
ERROR_LEGEND = N_("error colours: black = copied exactly … yellow = off by 1 (a whole pixel)")


def show_colour_legends(code: bool = True, error: bool = True) -> None:
    """The colour keys of the code heatmaps/bars and of the error maps, side by side."""
    shown = [(CODE_COLOURS, CODE_LEGEND)] * code + [(ERROR_COLOURS, ERROR_LEGEND)] * error
    for column, (table, caption) in zip(st.columns(len(shown)), shown, strict=True):
        column.image(colour_legend(table), caption=_(caption))


def show_code(code: np.ndarray, variant: Variant, caption: str | None = None) -> None:
    """A code as a heatmap when it fills the variant's square grid (49 numbers, 7x7), else as bars;
    `caption` already in the reader's language (else "code" in it)."""
    columns = variant.grid_columns
    picture = code_picture(code, columns) if np.asarray(code).size == columns**2 else code_bars(code)
    st.image(picture, caption=_("code") if caption is None else caption)
