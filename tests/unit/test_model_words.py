"""What models/ says to a reader (variant titles and descriptions, weight faults) in the reader's language.

models/ marks its words and never asks for a language itself: a variant's `title` is translated
when read, so the pages that show `variant.title` need nothing more; `title_en` and `str()` of a
fault stay English for files, logs and the CLI.
"""

from __future__ import annotations

import pytest

import i18n
from models.registry import ALL_VARIANTS, CODE_SIZE_VARIANTS, VARIANTS
from models.weights import WeightsError, read_arrays


@pytest.fixture
def russian(monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")


def test_titles_are_english_outside_a_session():
    assert [variant.title for variant in VARIANTS.values()] == [
        "Dense",
        "Deep dense",
        "Deep convolutional",
        "Denoising",
        "Sparse",
    ]
    assert CODE_SIZE_VARIANTS["deep8"].title == "Deep dense, 8-number code"
    assert CODE_SIZE_VARIANTS["deep8"].description == "Deep dense narrowed to a 8-number code (147-98-8)."


def test_titles_and_descriptions_follow_the_readers_language(russian):
    assert VARIANTS["conv"].title == "Глубокий свёрточный"
    assert CODE_SIZE_VARIANTS["deep32"].title == "Глубокий полносвязный, код из 32 чисел"
    for variant in ALL_VARIANTS.values():
        assert variant.title != variant.english_title, variant.key
        assert variant.description != variant.description_en.format(code_size=variant.code_size), variant.key
    assert VARIANTS["conv"].english_title == "Deep convolutional"


def test_a_weight_fault_is_english_as_text_and_translated_when_shown(russian, tmp_path):
    with pytest.raises(WeightsError) as caught:
        read_arrays("deep", tmp_path)
    assert str(caught.value).startswith("no weights at deep.weights.h5; train them with")
    assert caught.value.translated().startswith("нет весов deep.weights.h5")
    assert "`python -m training --variant deep`" in caught.value.translated()
