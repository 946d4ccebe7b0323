"""URL parameters are parsed strictly and fall back to defaults."""

import pytest

from ui.url_state import read_params


def test_valid_parameters_are_read():
    values, notices = read_params({"variant": "conv", "index": "12", "noise": "0.25", "seed": "9"})
    assert values == {"variant": "conv", "mnist_index": 12, "noise_factor": 0.25, "noise_seed": 9}
    assert notices == []


def test_missing_parameters_take_defaults_silently():
    values, notices = read_params({})
    assert values == {"variant": "dense", "mnist_index": 0, "noise_factor": 0.5, "noise_seed": 0}
    assert notices == []


@pytest.mark.parametrize(
    "query", [{"index": "-1"}, {"index": "1.5"}, {"noise": "2"}, {"noise": "inf"}, {"variant": "DENSE"}, {"seed": "x"}]
)
def test_invalid_parameters_fall_back_with_a_notice(query):
    values, notices = read_params(query)
    defaults, _ = read_params({})
    assert values == defaults
    assert len(notices) == 1 and next(iter(query)) in notices[0]


def test_a_very_long_value_is_shortened_in_the_notice():
    _, notices = read_params({"variant": "x" * 10_000})
    assert len(notices[0]) < 200
