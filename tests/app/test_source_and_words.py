"""What the pages say is true of their source and of the numbers beside it.

The five models are the Russian article's (Habr, 2017), its author's reading of Chollet's post:
both are credited with links, and nothing calls the article's sizes "Chollet's tutorial". The
sparse model is described as what it measurably is. The denoiser's blob on Home and the random
code's blob on the Code explorer are explained where the blob is, the latter only once it is seen.
"""

import json

import pytest

from tests.app.helpers import PAGES, image_captions, start
from ui.page_table import CODE_EXPLORER, HOME, MODELS
from ui.source import ARTICLE_TITLE, ARTICLE_URL, CHOLLET_URL

pytestmark = pytest.mark.needs_mnist


def page_text(at) -> str:
    """Every sentence of the page's main area that a reader sees, the tables' cells included."""
    parts = [
        element.value for kind in ("title", "subheader", "markdown", "caption", "info") for element in at.get(kind)
    ]
    parts += [str(cell) for table in at.get("arrow_data_frame") for cell in table.value.to_numpy().ravel()]
    return "\n".join(str(part) for part in parts)


def test_home_credits_the_article_and_chollets_post_with_links():
    text = page_text(start(HOME.file))
    assert f"[«{ARTICLE_TITLE}»]({ARTICLE_URL})" in text
    assert f"]({CHOLLET_URL})" in text
    assert "Habr, 2017" in text and "blog.keras.io, 2016" in text
    assert "32-number code" in text  # Chollet's sizes are named as his, not as these models'


def test_no_page_calls_the_source_a_tutorial():
    at = start()
    for page in PAGES:  # one session through every page: the pages' own tests start each afresh
        text = page_text(at.switch_page(page).run())
        assert "tutorial" not in text.lower(), (
            page,
            [line for line in text.splitlines() if "tutorial" in line.lower()],
        )


def test_the_sparse_model_is_described_as_what_it_measurably_is():
    home = page_text(start(HOME.file))
    assert "kept sparse" not in home
    assert "1e-5" in home and "too weak to make the code sparse" in home
    assert "too weak, at 1e-5," in page_text(start(MODELS.file))  # every tab is in the page


def test_home_says_why_the_denoiser_turns_a_clean_digit_into_a_blob():
    at = start(HOME.file)
    assert any("turns a clean one into a blob" in caption.value for caption in at.caption)


def test_why_a_random_code_is_a_blob_comes_after_the_press():
    at = start(CODE_EXPLORER.file)
    assert "Why a blob?" not in page_text(at), "the answer came before the question"
    next(button for button in at.button if button.label == "Random code").click().run()
    assert "Why a blob?" in page_text(at)
    next(button for button in at.button if button.label == "Mean code").click().run()
    assert "Why a blob?" not in page_text(at), "the answer outlived the random code"


def test_the_walk_goes_to_a_digit_of_another_label_shown_beside_it():
    at = start(CODE_EXPLORER.file, index="0")  # MNIST test #0 is a 7
    chooser = at.selectbox(key="walk_to_label")
    assert chooser.value == 8, "the second digit should not have the first one's label"
    assert any(caption.startswith("a 8 (MNIST test #") for caption in image_captions(at))
    chooser.set_value(3).run()
    assert any(caption.startswith("a 3 (MNIST test #") for caption in image_captions(at))


def test_the_code_map_keeps_its_colours_after_a_click_and_decodes_beside_the_map():
    at = start(CODE_EXPLORER.file)
    spec = json.loads(next(chart for chart in at.get("plotly_chart") if "code_map" in chart.proto.id).proto.spec)
    digits = [trace for trace in spec["data"] if trace.get("name", "").isdigit()]
    assert len(digits) == 10
    for trace in digits:  # a click selects a point; the other dots keep the colour they had
        assert trace["unselected"]["marker"]["opacity"] == trace["marker"]["opacity"]
    before = [
        url for image in at.get("image") if "decoded from the sliders' code" in image.captions for url in image.value
    ]
    next(button for button in at.button if button.label == "Mean code").click().run()
    after = [
        url for image in at.get("image") if "decoded from the sliders' code" in image.captions for url in image.value
    ]
    assert before and after and before != after, "the picture beside the map should follow the sliders' code"
