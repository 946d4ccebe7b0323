"""The class's map as one picture, for a student's screen.

A student's map only shows (the teacher's is the clickable Plotly chart), so a phone gets a PNG
instead of a chart: Plotly's script is the heaviest thing a page can load, and on a phone four
times slower than this machine it held the drawing pad back by about ten seconds (measured with
benchmarks/network.py's slow phone). The picture says the same: MNIST's test digits faint behind,
the class's digits coloured (and numbered) by the digit each sender meant, this screen's own as
stars. Pillow draws it in a few milliseconds; the layer without stars is shared by every student.
"""

from __future__ import annotations

import functools
import io

import numpy as np
from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 720, 600  # drawn at about twice the size a phone shows it: sharp on its screen
MARGIN = 36  # room for the numbers above the points at the plane's edge
BACKGROUND_DOT = 3
DIGIT_RADIUS = 11
STAR_RADIUS = 20
LABEL_PX = 26
UNSAID_COLOUR = "#000000"  # a digit whose sender did not say which it is
FAINT = (214, 214, 214)  # the test digits: the chart's grey at a third of its strength, on white
FRAME = (190, 190, 190)


@functools.cache
def _font() -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    return ImageFont.load_default(size=LABEL_PX)


def _bounds(background: np.ndarray, digits: np.ndarray) -> tuple[float, float, float, float]:
    """The plane's extent, square in code units: where nearly all the test digits lie, stretched to
    every digit of the class (none is held at the edge), a little wider."""
    low, high = np.percentile(background, [0.5, 99.5], axis=0)
    if len(digits):
        low, high = np.minimum(low, digits.min(axis=0)), np.maximum(high, digits.max(axis=0))
    centre, half = (low + high) / 2, float(np.max(high - low)) / 2 * 1.08
    return centre[0] - half, centre[0] + half, centre[1] - half, centre[1] + half


class MapPicture:
    """Places codes on the picture: x to the right, y up, points outside the extent held at its edge.
    `digits`: the class's codes, (n, 2), which the extent takes in."""

    def __init__(self, background: np.ndarray, digits: np.ndarray | None = None) -> None:
        self.background = np.asarray(background, dtype=np.float64)
        placed = np.empty((0, 2)) if digits is None else np.asarray(digits, dtype=np.float64).reshape(-1, 2)
        self.x_low, self.x_high, self.y_low, self.y_high = _bounds(self.background, placed)

    def pixel(self, x: float, y: float) -> tuple[float, float]:
        u = (x - self.x_low) / (self.x_high - self.x_low)
        v = (y - self.y_low) / (self.y_high - self.y_low)
        u, v = min(max(u, 0.0), 1.0), min(max(v, 0.0), 1.0)
        return MARGIN + u * (WIDTH - 2 * MARGIN), HEIGHT - MARGIN - v * (HEIGHT - 2 * MARGIN)

    def plane(self) -> Image.Image:
        """The frame, the axes through code 0 and the test digits."""
        image = Image.new("RGB", (WIDTH, HEIGHT), "white")
        draw = ImageDraw.Draw(image)
        draw.rectangle((0, 0, WIDTH - 1, HEIGHT - 1), outline=FRAME, width=2)
        left, bottom = self.pixel(0.0, 0.0)
        draw.line((left, MARGIN / 2, left, HEIGHT - MARGIN / 2), fill=(235, 235, 235), width=2)
        draw.line((MARGIN / 2, bottom, WIDTH - MARGIN / 2, bottom), fill=(235, 235, 235), width=2)
        for x, y in self.background:
            u, v = self.pixel(x, y)
            draw.ellipse((u - BACKGROUND_DOT, v - BACKGROUND_DOT, u + BACKGROUND_DOT, v + BACKGROUND_DOT), fill=FAINT)
        return image

    def add_digits(self, image: Image.Image, digits, colours, star: bool, labelled: bool) -> None:
        """Draw digits, each (x, y, meant or None), on `image`: circles, or stars for this screen's own."""
        draw = ImageDraw.Draw(image)
        for x, y, meant in digits:
            u, v = self.pixel(x, y)
            colour = UNSAID_COLOUR if meant is None else colours[meant]
            radius = STAR_RADIUS if star else DIGIT_RADIUS
            if star:
                _star(draw, u, v, radius, colour)
            else:
                draw.ellipse((u - radius, v - radius, u + radius, v + radius), fill=colour, outline="white", width=2)
            if labelled:
                text = "?" if meant is None else str(meant)
                draw.text((u, v - radius - 2), text, fill=colour, font=_font(), anchor="mb", stroke_width=3,
                          stroke_fill="white")  # fmt: skip


def _star(draw: ImageDraw.ImageDraw, u: float, v: float, radius: float, colour: str) -> None:
    """A five-pointed star around (u, v), its points `radius` out and its inner corners at 0.45 of it."""
    angles = np.pi / 2 + np.arange(10) * np.pi / 5
    reach = np.where(np.arange(10) % 2 == 0, radius, radius * 0.45)
    corners = [(u + r * np.cos(a), v - r * np.sin(a)) for a, r in zip(angles, reach, strict=True)]
    draw.polygon(corners, fill=colour, outline="white", width=2)


def png(image: Image.Image) -> bytes:
    """The picture as a PNG of few colours: small on a school's Wi-Fi (tens of kB)."""
    buffer = io.BytesIO()
    # Octree quantising is the fast one (17 ms here, against 44 for median cut and 184 with `optimize`).
    image.quantize(colors=64, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE).save(buffer, format="PNG")
    return buffer.getvalue()
