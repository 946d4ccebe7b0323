"""The class's map as a student's phone gets it: a small picture with the digits where their codes are."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image, ImageColor

from ui.classroom import map_picture
from ui.components.code_plane import DIGIT_COLOURS


def plane() -> map_picture.MapPicture:
    return map_picture.MapPicture(np.random.default_rng(0).normal(size=(2000, 2)))


def colour_at(image: Image.Image, point: tuple[float, float]) -> tuple[int, int, int]:
    return image.convert("RGB").getpixel(tuple(round(value) for value in point))


def test_codes_land_where_the_axes_say_and_far_ones_stay_on_the_picture():
    drawn = plane()
    centre = drawn.pixel(0.0, 0.0)
    right, up = drawn.pixel(1.0, 0.0), drawn.pixel(0.0, 1.0)
    assert right[0] > centre[0] and right[1] == centre[1]  # x to the right
    assert up[1] < centre[1] and up[0] == centre[0]  # y up
    for far in ((1e6, 0.0), (0.0, -1e6), (np.inf, -np.inf)):
        u, v = drawn.pixel(*far)
        assert map_picture.MARGIN <= u <= map_picture.WIDTH - map_picture.MARGIN
        assert map_picture.MARGIN <= v <= map_picture.HEIGHT - map_picture.MARGIN


def test_each_digit_takes_its_meant_colour_and_an_unsaid_one_is_black():
    drawn = plane()
    image = drawn.plane()
    digits = [(-1.5, -1.5, 3), (1.5, 1.5, None)]
    drawn.add_digits(image, digits, DIGIT_COLOURS, star=False, labelled=True)
    assert colour_at(image, drawn.pixel(-1.5, -1.5)) == ImageColor.getrgb(DIGIT_COLOURS[3])
    assert colour_at(image, drawn.pixel(1.5, 1.5)) == ImageColor.getrgb(map_picture.UNSAID_COLOUR)


def test_a_star_is_bigger_than_a_circle_and_both_survive_the_small_png():
    drawn = plane()
    image = drawn.plane()
    drawn.add_digits(image, [(-1.0, 0.0, 7)], DIGIT_COLOURS, star=False, labelled=False)
    drawn.add_digits(image, [(1.0, 0.0, 7)], DIGIT_COLOURS, star=True, labelled=False)
    data = map_picture.png(image)
    assert len(data) < 40_000  # a phone on school Wi-Fi fetches this on every change of the board
    decoded = Image.open(io.BytesIO(data)).convert("RGB")
    seven = np.all(np.asarray(decoded) == ImageColor.getrgb(DIGIT_COLOURS[7]), axis=-1)
    left, right = seven[:, : map_picture.WIDTH // 2].sum(), seven[:, map_picture.WIDTH // 2 :].sum()
    assert left > 100 and right > left  # the star (this screen's own digit) covers more than a circle


def test_a_class_digit_beyond_the_test_digits_widens_the_plane_instead_of_sitting_on_its_edge():
    background = np.random.default_rng(0).normal(size=(2000, 2))
    far = (10.0, 0.0)
    alone, with_class = map_picture.MapPicture(background), map_picture.MapPicture(background, np.array([far]))
    assert alone.pixel(*far)[0] == map_picture.WIDTH - map_picture.MARGIN  # held at the edge
    assert with_class.pixel(*far)[0] < map_picture.WIDTH - map_picture.MARGIN - 10
    assert with_class.pixel(9.0, 0.0)[0] < with_class.pixel(*far)[0]  # and still in order
