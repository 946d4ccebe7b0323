"""AppTest checks for the classroom fixes: what the pages say follows what they show."""

import numpy as np
import pytest

from digits.digit_code import encode_digit
from tests.app.helpers import drawn_one, image_captions, start
from ui.likeness import explanation, likeness_score, meter_label, meter_score, row_text, verdict
from ui.page_table import DENOISE, MODELS, RECONSTRUCT
from ui.state.keys import (
    BIG_IMAGES,
    INPUT_IMAGE,
    INPUT_LABEL,
    INPUT_SOURCE,
    PICK_LABEL,
    PICK_MODE,
    SHARE_VIEW,
    ZERO_MEAN_NOISE,
)
from ui.state.remembered import widget_key


def latex_bodies(at) -> str:
    return " ".join(element.value for element in at.latex)


def test_the_zero_mean_toggle_changes_the_formula():
    at = start(DENOISE.file)
    assert r"\mu = 0.5" in latex_bodies(at)
    at.toggle(key=widget_key(ZERO_MEAN_NOISE)).set_value(True).run()
    assert not at.exception
    assert r"\mu = 0," in latex_bodies(at) and r"\mu = 0.5" not in latex_bodies(at)


def test_the_noise_chart_shows_both_noise_means_and_explains_the_brightening():
    at = start(DENOISE.file)
    spec = at.get("plotly_chart")[0].proto.spec
    assert "zero-mean noise, \\u03bc = 0" in spec or "zero-mean noise, μ = 0" in spec
    assert "article's noise" in spec
    captions = " ".join(c.value for c in at.caption)
    assert "starts near 1.0" in captions and "zero-mean" in captions


@pytest.mark.parametrize("value", ["1", "0"])
def test_the_zero_mean_toggle_is_in_the_link(value):
    at = start(DENOISE.file, zero_mean=value)
    assert at.toggle(key=widget_key(ZERO_MEAN_NOISE)).value is (value == "1")
    assert at.query_params["zero_mean"] == value


@pytest.mark.parametrize(
    ("share", "words"),
    [
        (76, "looks like MNIST"),
        (50, "looks like MNIST"),
        (25, "looks like MNIST"),
        (22, "unusual for MNIST"),
        (5, "unusual for MNIST"),
        (4.9, "not like what they learned"),
        (0, "not like what they learned"),
    ],
)
def test_the_meter_words_follow_its_number(share, words):
    assert words in verdict(share)
    assert f"of every 100 MNIST test digits, {share:.0f} are copied worse than yours" in explanation(share)
    assert meter_label(share) == f"MNIST-like: {share:.0f} of 100"


def test_rows_and_meter_share_one_scale_where_higher_is_more_mnist_like():
    # A model that copies 10% of test digits better than this one scores 90: the same number and words
    # on its row as the meter would show for it alone.
    assert likeness_score(10.0) == 90.0
    assert row_text(90.0).startswith("MNIST-like: **90** of 100")
    assert meter_score([10.0, 30.0, 40.0]) == 70.0  # the middle of 90, 70 and 60
    assert meter_score([60.0, 70.0, 90.0]) < meter_score([10.0, 30.0, 40.0])  # copied worse: less MNIST-like


def test_the_meter_on_the_page_says_what_its_number_is():
    at = start(RECONSTRUCT.file)
    meter = at.get("progress")[0]
    caption = next(c.value for c in at.caption if "are copied worse than yours" in c.value)
    score = int(meter.proto.text.removeprefix("MNIST-like: ").split(" ")[0])
    assert caption.startswith(f"Score {score} of 100: of every 100 MNIST test digits, {score} are copied worse")
    assert verdict(score) in caption
    rows = [c.value for c in at.caption if c.value.startswith("MNIST-like: **")]
    row_scores = sorted(int(row.split("**")[1]) for row in rows)
    assert len(rows) == 5 and row_scores[2] == score  # the meter is the middle row's score


def sidebar_caption(at) -> str:
    return " ".join(caption for element in at.sidebar.get("image") for caption in element.captions)


def test_choosing_a_label_shows_a_digit_of_that_label_at_once():
    at = start(RECONSTRUCT.file)
    at.radio(key=widget_key(PICK_MODE)).set_value("label").run()
    assert "(a 0)" in at.session_state[INPUT_LABEL], "label mode starts at the label 0, so it shows a 0"
    # AppTest drops the sidebar's elements from its tree after a rerun (the browser keeps them),
    # so the label is chosen through session state, as the remembered selectbox would.
    at.session_state[PICK_LABEL] = 3
    at.run()
    assert not at.exception
    assert "(a 3)" in at.session_state[INPUT_LABEL]


def test_a_drawing_survives_a_look_at_mnist():
    at = start(RECONSTRUCT.file)
    for key, value in drawn_one().items():  # what the pad keeps after a stroke (AppTest has no browser)
        at.session_state[key] = value
    at.segmented_control(key=INPUT_SOURCE).set_value("Draw").run()
    assert at.session_state[INPUT_LABEL] == "your drawing"
    drawn = at.session_state[INPUT_IMAGE].copy()
    at.session_state[INPUT_SOURCE] = "MNIST"
    at.run()
    assert "MNIST test" in at.session_state[INPUT_LABEL]
    at.session_state[INPUT_SOURCE] = "Draw"
    at.run()
    assert not at.exception
    assert at.session_state[INPUT_LABEL] == "your drawing"
    np.testing.assert_array_equal(at.session_state[INPUT_IMAGE], drawn)


def test_a_drawn_digit_travels_in_the_link_and_comes_back():
    digit = np.zeros((28, 28, 1), dtype=np.float32)
    digit[5:23, 13:15] = 1.0
    at = start(RECONSTRUCT.file, source="Draw", digit=encode_digit(digit), zero_mean="1", big="1")
    assert not at.exception and not any("Ignored" in i.value for i in at.info)
    assert at.session_state[INPUT_LABEL] == "your drawing"
    np.testing.assert_allclose(at.session_state[INPUT_IMAGE], digit, atol=1 / 30 + 1e-6)
    assert at.query_params["digit"] == encode_digit(digit) and at.query_params["source"] == "Draw"
    assert at.session_state[BIG_IMAGES] is True and at.session_state[ZERO_MEAN_NOISE] is True


def test_the_share_dialog_shows_a_link_and_a_qr_code():
    at = start(DENOISE.file, index="42", noise="0.3")
    at.button(key=SHARE_VIEW).click().run()
    assert not at.exception
    link = next(code.value for code in at.code if "index=42" in code.value)
    assert f"{DENOISE.path}?" in link and "noise=0.3" in link
    assert any("QR code" in caption for caption in image_captions(at))


def test_the_models_page_shows_how_sparse_the_sparse_code_is():
    at = start(MODELS.file)
    text = " ".join(m.value for m in at.markdown)
    assert "Is the sparse code sparse?" in text and "exactly 0" in text and "1e-2" in text
    assert any("code value" in chart.proto.spec for chart in at.get("plotly_chart"))
