"""What the AppTest page tests share: start the app on a page, read its pictures, a drawing as the pad keeps it."""

from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

from digits.preprocess import preprocess_digit
from digits.strokes import Stroke, rasterise_strokes
from ui.components.drawing_pad import DIGIT_KEY, STROKES_KEY
from ui.page_table import NAVIGATION

APP = str(Path(__file__).resolve().parents[2] / "app.py")
PAGES = [page.file for page in NAVIGATION]


def start(page: str | None = None, **query) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_page(page: str, state: dict | None = None, **query) -> AppTest:
    """`page` in a new session that has run Home first, with `state` in its session state and `query`
    in its address as the page's first run reads it (the lesson's step, a class's code)."""
    at = start()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def image_urls(at: AppTest) -> list[str]:
    """The address of every picture in the main area; it changes whenever a picture's pixels do."""
    return [url for element in at.main.get("image") for url in element.value]


def image_captions(at: AppTest) -> list[str]:
    return [caption for element in at.get("image") for caption in element.captions]


def drawn_one() -> dict:
    """What the drawing pad keeps in session state after a "1" was drawn (AppTest has no browser)."""
    strokes = [Stroke(np.array([[112.0, 40.0], [112.0, 180.0]]))]
    digit = preprocess_digit(rasterise_strokes(strokes))
    return {STROKES_KEY: [stroke.as_payload() for stroke in strokes], DIGIT_KEY: digit}
