"""Reading a click on the code map: every shape a browser may send names the right row, or none."""

import numpy as np
import pytest

from ui.code_map import clicked_row

LABELS = np.array([7, 2, 1, 0, 4, 1, 4, 9, 5, 9])


@pytest.mark.parametrize(
    "point",
    [
        # What Chromium sent through Streamlit 1.67 for a click (customdata given as a list).
        {"curve_number": 4, "point_number": 1, "point_index": 1, "x": 1.0, "y": 2.0, "customdata": [6]},
        {"customdata": 6},  # a scalar
        {"customdata": {"0": 6}},  # a typed array, serialised as a dictionary
        {"customdata": (6, "extra")},
        {"curve_number": 4, "point_index": 1},  # no customdata: the second 4 is row 6
        {"curveNumber": 4, "pointIndex": 1},
    ],
)
def test_every_shape_of_a_click_names_its_row(point):
    assert clicked_row([point], LABELS) == 6


@pytest.mark.parametrize(
    "points",
    [
        [],
        None,
        "x",
        [None],
        [{}],
        [{"customdata": []}],
        [{"customdata": {}}],
        [{"customdata": [None]}],
        [{"customdata": ["abc"]}],
        [{"customdata": [2.5]}],
        [{"customdata": [10]}],  # past the end
        [{"customdata": [-1]}],
        [{"customdata": [float("nan")]}],
        [{"curve_number": 10, "point_index": 0}],  # the marker for the current digit
        [{"curve_number": 4, "point_index": 5}],  # only two 4s
        [{"curve_number": "4", "point_index": True}],
    ],
)
def test_a_selection_that_names_no_row_gives_none(points):
    assert clicked_row(points, LABELS) is None
