"""AppTest checks for the classroom fixes: what the pages say follows what they show."""

import pytest

from tests.app.test_pages import start
from ui.likeness import explanation, share_copied_worse, verdict


def latex_bodies(at) -> str:
    return " ".join(element.value for element in at.latex)


def test_the_zero_mean_toggle_changes_the_formula():
    at = start("pages/denoise.py")
    assert r"\mu = 0.5" in latex_bodies(at)
    at.toggle(key="widget-zero_mean_noise").set_value(True).run()
    assert not at.exception
    assert r"\mu = 0," in latex_bodies(at) and r"\mu = 0.5" not in latex_bodies(at)


def test_the_noise_chart_shows_both_noise_means_and_explains_the_brightening():
    at = start("pages/denoise.py")
    spec = at.get("plotly_chart")[0].proto.spec
    assert "zero-mean noise, \\u03bc = 0" in spec or "zero-mean noise, μ = 0" in spec
    assert "tutorial noise" in spec
    captions = " ".join(c.value for c in at.caption)
    assert "starts near 1.0" in captions and "zero-mean" in captions


@pytest.mark.parametrize("value", ["1", "0"])
def test_the_zero_mean_toggle_is_in_the_link(value):
    at = start("pages/denoise.py", zero_mean=value)
    assert at.toggle(key="widget-zero_mean_noise").value is (value == "1")
    assert at.query_params["zero_mean"] == value


@pytest.mark.parametrize(
    ("share", "words"),
    [(76, "looks like MNIST"), (50, "looks like MNIST"), (25, "looks like MNIST"), (22, "unusual for MNIST"),
     (5, "unusual for MNIST"), (4.9, "not like what they learned"), (0, "not like what they learned")],
)
def test_the_meter_words_follow_its_number(share, words):
    assert words in verdict(share)
    assert f"{share:.0f}% of MNIST's test digits are copied worse" in explanation(share)


def test_the_meter_number_is_the_share_copied_worse():
    assert share_copied_worse([10.0, 30.0, 40.0]) == 70.0


def test_the_meter_on_the_page_says_what_its_number_is():
    at = start("pages/reconstruct.py")
    meter = at.get("progress")[0]
    caption = next(c.value for c in at.caption if "are copied worse than this one" in c.value)
    share = int(meter.proto.text.split("%")[0])
    assert caption.startswith(f"{share}% of MNIST's test digits")
    assert verdict(share) in caption
