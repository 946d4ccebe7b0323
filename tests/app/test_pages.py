"""AppTest checks of every page: it runs, and each main control changes what is shown."""

import pytest

from tests.app.helpers import PAGES, drawn_one, image_captions, image_urls, start
from ui.page_table import CODE_EXPLORER, DENOISE, HOME, RECONSTRUCT
from ui.state.code import slider_key
from ui.state.keys import INPUT_SOURCE, LIVE_SLIDERS, MNIST_INDEX, NOISE_FACTOR, NOISE_SEED, PICK_MODE
from ui.state.remembered import widget_key

pytestmark = pytest.mark.needs_mnist  # the app picks MNIST digits by default


@pytest.mark.parametrize("page", PAGES)
def test_page_runs_without_errors_or_warnings(page):
    at = start(page)
    assert not at.error and not at.warning, [*at.error, *at.warning]
    assert at.title, "every page has a title"


def test_home_lists_all_five_models():
    at = start()
    table = at.dataframe[0].value
    assert len(table) == 5 and table["test BCE"].notna().all()


def test_picking_another_digit_changes_the_codes():
    at = start(RECONSTRUCT.file)
    before = image_urls(at)
    at.number_input(key=widget_key(MNIST_INDEX)).set_value(7).run()
    after = image_urls(at)
    assert len(after) == len(before) and after != before
    assert "worse than" in " ".join(c.value for c in at.caption)


def use_server_sliders(at):
    """The live sliders run in a browser, which AppTest has not: switch to the server's."""
    at.toggle(key=widget_key(LIVE_SLIDERS)).set_value(False).run()
    assert not at.exception


def test_code_explorer_starts_with_live_sliders_and_says_so():
    at = start(CODE_EXPLORER.file)
    assert at.toggle(key=widget_key(LIVE_SLIDERS)).value is True
    assert any("Mode: **live**" in c.value for c in at.caption)
    use_server_sliders(at)
    assert any("Mode: **server sliders**" in c.value for c in at.caption)
    assert len(at.slider) >= 49


def test_code_slider_changes_the_decoded_image():
    at = start(CODE_EXPLORER.file)
    use_server_sliders(at)
    decoded_before = image_urls(at)
    slider = at.slider(key=slider_key("dense", 0))
    slider.set_value(round(slider.max, 2)).run()
    assert not at.exception
    assert image_urls(at) != decoded_before


def test_a_code_set_on_the_server_sliders_outlives_a_visit_to_another_page():
    at = start(CODE_EXPLORER.file)
    use_server_sliders(at)
    slider = at.slider(key=slider_key("dense", 0))
    top = round(slider.max, 2)
    slider.set_value(top).run()
    at.switch_page(HOME.file).run()
    at.switch_page(CODE_EXPLORER.file).run()
    assert at.slider(key=slider_key("dense", 0)).value == top, "the code went back to the input's"


def test_mean_code_button_moves_the_sliders():
    at = start(CODE_EXPLORER.file)
    use_server_sliders(at)
    before = [at.slider(key=slider_key("dense", i)).value for i in range(49)]
    next(button for button in at.button if button.label == "Mean code").click().run()
    assert [at.slider(key=slider_key("dense", i)).value for i in range(49)] != before


def test_noise_slider_changes_the_noisy_image():
    at = start(DENOISE.file)
    use_server_sliders(at)
    before = image_urls(at)
    at.slider(key=widget_key(NOISE_FACTOR)).set_value(0.9).run()
    after = image_urls(at)
    assert after[0] == before[0]  # the clean digit stays
    assert after[1] != before[1]  # the noisy one changes


def test_a_drawing_is_reconstructed():
    at = start(RECONSTRUCT.file)
    mnist_urls = image_urls(at)
    for key, value in drawn_one().items():
        at.session_state[key] = value
    at.segmented_control(key=INPUT_SOURCE).set_value("Draw").run()
    assert not at.exception
    assert any("your drawing" in caption for caption in image_captions(at))
    assert image_urls(at) != mnist_urls


def test_the_drawing_survives_a_look_at_mnist():
    at = start(RECONSTRUCT.file)
    for key, value in drawn_one().items():
        at.session_state[key] = value
    # AppTest drops the sidebar's elements from its tree after a rerun (the browser keeps
    # them), so the source changes go through session state, as the control would.
    for source in ("Draw", "MNIST", "Draw"):
        at.session_state[INPUT_SOURCE] = source
        at.run()
    assert not at.exception
    assert any("your drawing" in caption for caption in image_captions(at))


def test_the_way_of_picking_survives_a_look_at_the_canvas():
    at = start()
    at.radio(key=widget_key(PICK_MODE)).set_value("label").run()
    for source in ("Draw", "MNIST"):
        at.session_state[INPUT_SOURCE] = source
        at.run()
    assert not at.exception
    assert at.session_state[PICK_MODE] == "label"


def test_an_empty_drawing_asks_for_a_digit():
    at = start(RECONSTRUCT.file)
    at.segmented_control(key=INPUT_SOURCE).set_value("Draw").run()
    assert not at.exception
    assert any("Pick, draw or upload" in i.value for i in at.info)


def test_query_parameters_set_the_state_and_round_trip():
    at = start(DENOISE.file, index="42", noise="0.3", seed="5", variant="sparse")
    use_server_sliders(at)
    assert at.slider(key=widget_key(NOISE_FACTOR)).value == pytest.approx(0.3)
    assert at.session_state[MNIST_INDEX] == 42 and at.session_state[NOISE_SEED] == 5
    assert at.query_params["index"] == "42" and at.query_params["variant"] == "sparse"
    at.slider(key=widget_key(NOISE_FACTOR)).set_value(0.7).run()
    assert at.query_params["noise"] == "0.7"


@pytest.mark.parametrize(
    ("name", "value"), [("index", "abc"), ("index", "99999"), ("noise", "nan"), ("variant", "<script>"), ("seed", "-3")]
)
def test_invalid_query_parameters_fall_back_with_a_notice(name, value):
    at = start(**{name: value})
    assert any(f"Ignored `{name}=" in i.value for i in at.info)
    assert at.session_state[MNIST_INDEX] == 0 or name != "index"
    assert not at.error


@pytest.mark.parametrize("via", ["a look at Draw with nothing drawn", "another page"])
def test_the_live_sliders_stay_on_when_the_switch_is_drawn_again(via):
    """A widget missing from a run is new to the browser, which would show its default (off)."""
    at = start(DENOISE.file)
    if via == "another page":
        at.switch_page(CODE_EXPLORER.file).run()
    else:
        at.segmented_control(key=INPUT_SOURCE).set_value("Draw").run()  # no drawing: the page stops early
        for key, value in drawn_one().items():
            at.session_state[key] = value
        at.run()
    live = at.toggle(key=widget_key(LIVE_SLIDERS))
    assert live.value is True
    assert live.proto.set_value, "the browser mounts the switch afresh and must be told it is on"
