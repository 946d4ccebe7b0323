"""URL parameters are parsed strictly and fall back to defaults."""

from urllib.parse import quote

import numpy as np
import pytest

import i18n
from digits.digit_code import encode_digit
from ui.state.keys import (
    BIG_IMAGES,
    DRAWN_IMAGE,
    INPUT_SOURCE,
    LANGUAGE,
    MNIST_INDEX,
    NOISE_FACTOR,
    NOISE_SEED,
    PICK_LABEL,
    PICK_MODE,
    UPLOADED_IMAGE,
    VARIANT,
    ZERO_MEAN_NOISE,
)
from ui.state.url_params import read_params


def test_valid_parameters_are_read():
    values, notices = read_params(
        {
            "variant": "conv",
            "index": "12",
            "noise": "0.25",
            "seed": "9",
            "zero_mean": "1",
            "source": "draw",
            "pick": "label",
            "label": "3",
            "big": "1",
            "lang": "RU",
        }
    )
    assert values == {
        VARIANT: "conv",
        MNIST_INDEX: 12,
        NOISE_FACTOR: 0.25,
        NOISE_SEED: 9,
        ZERO_MEAN_NOISE: True,
        INPUT_SOURCE: "Draw",
        PICK_MODE: "label",
        PICK_LABEL: 3,
        BIG_IMAGES: True,
        LANGUAGE: "ru",
    }
    assert notices == []


def test_missing_parameters_take_defaults_silently():
    values, notices = read_params({})
    assert values == {
        VARIANT: "dense",
        MNIST_INDEX: 0,
        NOISE_FACTOR: 0.5,
        NOISE_SEED: 0,
        ZERO_MEAN_NOISE: False,
        INPUT_SOURCE: "MNIST",
        PICK_MODE: "index",
        PICK_LABEL: 0,
        BIG_IMAGES: False,
        LANGUAGE: "en",
    }
    assert notices == []


@pytest.mark.parametrize(
    "query",
    [
        {"index": "-1"},
        {"index": "1.5"},
        {"noise": "2"},
        {"noise": "inf"},
        {"variant": "DENSE"},
        {"seed": "x"},
        {"seed": "9" * 5000},
        {"zero_mean": "yes"},
        {"source": "camera"},
        {"pick": ""},
        {"label": "10"},
        {"big": "2"},
        {"digit": "!!"},
        {"digit": "abc"},
        {"digit": "A" * 3000},
        {"digit": "eJwDAAAAAAE"},
    ],
)
def test_invalid_parameters_fall_back_with_a_notice(query):
    values, notices = read_params(query)
    defaults, _ = read_params({})
    assert values == defaults
    assert len(notices) == 1 and next(iter(query)) in notices[0]


def test_a_very_long_value_is_shortened_in_the_notice():
    _, notices = read_params({"variant": "x" * 10_000})
    assert len(notices[0]) < 200


def test_a_digit_travels_in_a_short_parameter():
    digit = np.zeros((28, 28, 1), dtype=np.float32)
    digit[4:24, 12:16] = 1.0
    digit[4:24, 11] = 0.5
    text = encode_digit(digit)
    assert len(text) < 300 and text == quote(text, safe="")  # nothing to escape in a URL
    values, notices = read_params({"source": "Draw", "digit": text})
    assert notices == [] and np.abs(values[DRAWN_IMAGE] - digit).max() <= 1 / 30 + 1e-6
    values, _ = read_params({"source": "upload", "digit": text})
    assert UPLOADED_IMAGE in values


def test_a_russian_reader_reads_the_notices_in_russian(monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")  # as restore_from_url settles it first
    _, notices = read_params({"noise": "2", "digit": "abc"})
    assert notices == [
        "Параметр `noise=2` из ссылки пропущен (нужно число от 0 до 1); используется 0,5.",
        "Параметр `digit=abc` из ссылки пропущен (это не цифра из этого приложения); цифра из ссылки не взята.",
    ]
