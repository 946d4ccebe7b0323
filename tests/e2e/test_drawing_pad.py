"""The drawing pad in Chromium: the browser's preprocessing and models agree with the server's,
reconstructions follow the pen, and no stroke is lost to clear, undo or touch.

    MNIST_NPZ=../shared/data/mnist.npz .venv/bin/python -m pytest tests/e2e/test_drawing_pad.py -v
"""

from __future__ import annotations

import numpy as np
import pytest
from playwright.sync_api import expect

from digits.preprocess import preprocess_digit
from digits.strokes import parse_strokes, rasterise_strokes
from harness.browser import ACTION_TIMEOUT_MS, VIEWPORT, wait_for_rerun
from harness.drawing import PAD, Pen, as_digit, finger, frames, open_drawing_pad, pad_button, pad_state, replay, sidebar
from harness.stroke_sets import stroke_sets
from models.inference import decode, encode, load_variant
from models.metrics import binary_cross_entropy
from models.registry import VARIANTS

pytestmark = pytest.mark.e2e
expect.set_options(timeout=60_000)

PARITY_TOLERANCE = 0.02  # max abs difference per pixel, browser against server
RECEIVED = "What the models see: your drawing"
ROUNDS_AFTER_CLEAR = 3  # the sidebar's caption once the server has the digit


def server_digit(strokes: list[dict]) -> np.ndarray:
    """The server's digit for the very strokes the browser recorded."""
    return preprocess_digit(rasterise_strokes(parse_strokes(strokes)))


def bce(target: np.ndarray, reconstruction: np.ndarray) -> float:
    return float(binary_cross_entropy(target[np.newaxis], np.asarray(reconstruction).reshape(1, 28, 28, 1))[0])


def ranking(errors: dict[str, float]) -> list[str]:
    return sorted(errors, key=errors.get)


@pytest.fixture(scope="module")
def trained(app):
    """The variants the server could load, loaded here too, for the server's side of parity."""
    return {key: load_variant(key) for key, variant in VARIANTS.items() if variant.title in app.trained_titles}


# Drawn by the pointer in the real pad: one set from each placement, the erased 8 among them. The
# JavaScript's preprocessing of all thirty sets is held to Python's in test_inference_parity.py.
PAD_SETS = ("1, upright", "8, upright", "3, slanted", "9, slanted", "5, small in a corner")


def test_stroke_sets_drawn_on_the_pad_give_the_servers_digit_and_ranking(app, page, trained):
    open_drawing_pad(page, app.url, len(trained))
    worst, rankings_differ = 0.0, []
    sets = stroke_sets()
    for name in PAD_SETS:
        strokes = sets[name]
        pad_button(page, "Clear").click()
        replay(page, strokes)
        state = pad_state(page)
        assert len(state["strokes"]) == len(strokes), f"{name}: the pad recorded {len(state['strokes'])} strokes"
        assert state["digit"] is not None, f"{name}: the browser found no digit"
        browser, server = as_digit(state["digit"]), server_digit(state["strokes"])
        difference = float(np.abs(browser - server).max())
        assert difference <= PARITY_TOLERANCE, f"{name}: browser and server digits differ by {difference:.4f}"
        worst = max(worst, difference)
        browser_bce = {r["variant"]: bce(browser, r["pixels"]) for r in state["reconstructions"]}
        server_bce = {key: bce(server, decode(model, encode(model, server))) for key, model in trained.items()}
        if ranking(browser_bce) != ranking(server_bce):
            rankings_differ.append((name, browser_bce, server_bce))
    assert not rankings_differ, f"the five variants ranked differently by BCE: {rankings_differ}"
    print(f"largest browser-server difference over {len(PAD_SETS)} stroke sets: {worst:.2e}")


def test_reconstructions_follow_the_pen_before_the_stroke_ends(app, page, trained):
    open_drawing_pad(page, app.url, len(trained))
    pen = Pen(page)
    four = stroke_sets()["4, upright"]  # two strokes
    previous = None
    for stroke in four:
        points = stroke["points"]
        pen.down(points[0])
        for point in points[1 : len(points) // 2]:
            pen.move(point)
        before = frames(page)
        pen.move(points[len(points) // 2])
        expect(page.locator(PAD)).not_to_have_attribute("data-frames", str(before))  # a frame was drawn
        mid_stroke = pad_state(page)  # the pen is still down
        assert mid_stroke["seenBrightness"] > 200, "what the models see should show the stroke so far"
        for reconstruction in mid_stroke["reconstructions"]:
            assert reconstruction["brightness"] > 60, f"{reconstruction['variant']} shows nothing mid-stroke"
        pixels = [r["pixels"] for r in mid_stroke["reconstructions"]]
        assert pixels != previous, "the reconstructions should change as the second stroke is drawn"
        previous = pixels
        for point in points[len(points) // 2 + 1 :]:
            pen.move(point)
        pen.up()
    expect(sidebar(page).get_by_text(RECEIVED)).to_be_visible()


def test_a_stroke_right_after_clear_is_never_lost(app, page, trained):
    open_drawing_pad(page, app.url, len(trained))
    pen = Pen(page)
    sets = stroke_sets()
    # Every fourth point: short strokes keep the rounds quick on a busy machine. The strokes live in
    # the browser and Python never resets them, so no timing can lose one; three rounds check that.
    first, second = sets["1, upright"][0]["points"][::4], sets["7, slanted"][0]["points"][::4]
    lost = []
    for attempt in range(ROUNDS_AFTER_CLEAR):
        pen.stroke(first)
        pad_button(page, "Clear").click()
        pen.stroke(second)  # at once: the server is still answering the clear
        if len(pad_state(page)["strokes"]) != 1:
            lost.append(attempt)
        wait_for_rerun(page)
        if len(pad_state(page)["strokes"]) != 1:  # and after the server's reruns, still there
            lost.append(attempt)
        pad_button(page, "Clear").click()
    assert not lost, f"strokes lost after clear in attempts {lost} of {ROUNDS_AFTER_CLEAR}"
    pen.stroke(second)
    expect(sidebar(page).get_by_text(RECEIVED)).to_be_visible()


# How far the surface's grey pixels are from the pad's ink (0 to 255): the surface is repainted only
# where the pen went, and must still show exactly the ink.
SURFACE_MISMATCH_JS = """(pad) => {
    const view = pad.drawingPad, surface = pad.querySelector("canvas.surface");
    const pixels = surface.getContext("2d").getImageData(0, 0, surface.width, surface.height).data;
    let worst = 0;
    for (let i = 0; i < view.ink.length; i++) {
        worst = Math.max(worst, Math.abs(pixels[4 * i] - Math.round(view.ink[i] * 255)));
    }
    return worst;
}"""


def surface_mismatch(page) -> int:
    return page.locator(PAD).evaluate(SURFACE_MISMATCH_JS)


def test_undo_removes_the_last_stroke(app, page, trained):
    open_drawing_pad(page, app.url, len(trained))
    pen = Pen(page)
    four = stroke_sets()["4, upright"]
    pen.draw(four[:1])
    second = four[1]["points"]
    pen.down(second[0])
    for point in second[1:]:
        pen.move(point)
    page.wait_for_function("(pad) => pad.drawingPad.painter.dirty === null", arg=page.locator(PAD).element_handle())
    assert surface_mismatch(page) == 0, "mid-stroke, the surface should show the ink painted so far"
    pen.up()
    both = pad_state(page)
    assert surface_mismatch(page) == 0
    pad_button(page, "Undo").click()
    assert surface_mismatch(page) == 0, "after undo the surface should show the first stroke only"
    after = pad_state(page)
    assert len(after["strokes"]) == 1 and after["strokes"][0] == both["strokes"][0]
    one_stroke = server_digit(after["strokes"])
    assert np.abs(as_digit(after["digit"]) - one_stroke).max() <= PARITY_TOLERANCE
    assert np.abs(as_digit(both["digit"]) - one_stroke).max() > 0.5, "the undone stroke should be gone"
    pad_button(page, "Undo").click()
    assert pad_state(page)["digit"] is None
    expect(sidebar(page).get_by_text("Draw a digit in the box")).to_be_visible()


def test_drawing_with_a_finger_works(app, browser, trained):
    context = browser.new_context(viewport=VIEWPORT, has_touch=True)
    context.set_default_timeout(ACTION_TIMEOUT_MS)
    try:
        page = context.new_page()
        open_drawing_pad(page, app.url, len(trained))
        pen = Pen(page)
        points = [pen.at(p) for p in stroke_sets()["7, upright"][0]["points"]]
        page.locator(PAD).evaluate(
            "(root) => { root.touchTypes = []; root.querySelector('.surface')"
            ".addEventListener('pointerdown', (e) => root.touchTypes.push(e.pointerType)); }"
        )
        finger(page, points)
        assert page.locator(PAD).evaluate("(root) => root.touchTypes") == ["touch"]
        state = pad_state(page)
        assert len(state["strokes"]) == 1 and len(state["strokes"][0]["points"]) > len(points) // 2
        assert np.abs(as_digit(state["digit"]) - server_digit(state["strokes"])).max() <= PARITY_TOLERANCE
        expect(sidebar(page).get_by_text(RECEIVED)).to_be_visible()
    finally:
        context.close()


MALFORMED = {
    "strokes not a list": "{strokes: 'x', digit: null}",
    "a digit of NaN": "{strokes: [], digit: new Array(784).fill(NaN)}",
    "a short digit": "{strokes: [], digit: [2, 3]}",
}


def test_a_malformed_message_is_no_drawing_with_a_message(app, page, trained):
    open_drawing_pad(page, app.url, len(trained))
    for name, message in MALFORMED.items():
        Pen(page).draw(stroke_sets()["1, upright"])
        expect(sidebar(page).get_by_text(RECEIVED), name).to_be_visible()
        page.locator(PAD).evaluate(f"(root) => root.drawingPad.setStateValue('drawing', {message})")
        expect(sidebar(page).get_by_text("The drawing could not be read"), name).to_be_visible()
        expect(sidebar(page).get_by_text("Draw a digit in the box"), name).to_be_visible()
        wait_for_rerun(page)
        assert page.get_by_test_id("stException").count() == 0, name
        pad_button(page, "Clear").click()
