"""The shared input panel: draw a digit, pick one from MNIST or upload a picture.

Whatever the source, the result is one MNIST-like 28x28 image kept in session state, so
every page works on the same digit. The panel always shows what the models see.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from digits.uploads import read_upload
from ui import loaders
from ui.components.drawing_pad import drawing_pad
from ui.pictures import digit_picture
from ui.state.keys import (
    DRAWN_IMAGE,
    INPUT_IMAGE,
    INPUT_LABEL,
    INPUT_SOURCE,
    MNIST_INDEX,
    PICK_LABEL,
    PICK_MODE,
    UPLOADED_IMAGE,
)
from ui.state.remembered import remembered

SOURCES = ("MNIST", "Draw", "Upload")


def current_image() -> np.ndarray | None:
    """The digit every page works on (28, 28, 1), or None when the chosen source has none yet."""
    return st.session_state.get(INPUT_IMAGE)


def _set_image(image: np.ndarray | None, label: str) -> None:
    st.session_state[INPUT_IMAGE] = image
    st.session_state[INPUT_LABEL] = label


def _pick_from_mnist() -> None:
    test = loaders.test_images()
    if test is None:
        st.info("MNIST is not available here, so picking is off; drawing and upload still work.")
        _set_image(None, "")
        return
    images, labels = test
    # Remembered, so that a look at the drawing canvas does not reset how a person was picking.
    mode = remembered(st.radio, "Pick by", ("index", "label", "random"), horizontal=True, key=PICK_MODE)
    if mode == "label":
        digit = remembered(st.selectbox, "Digit", range(10), key=PICK_LABEL)
        candidates = np.flatnonzero(labels == digit)
        index = st.session_state.get(MNIST_INDEX, 0)
        # A newly chosen label shows one of its digits at once (the next after the current index).
        if st.session_state.get("label_shown") != digit and labels[index] != digit:
            after = candidates[candidates > index]
            st.session_state[MNIST_INDEX] = int(after[0] if len(after) else candidates[0])
        st.session_state.label_shown = digit
        if st.button("Next of this digit", key="next_of_label"):
            after = candidates[candidates > st.session_state[MNIST_INDEX]]
            st.session_state[MNIST_INDEX] = int(after[0] if len(after) else candidates[0])
    elif mode == "random" and st.button("Random digit", key="random_digit"):
        st.session_state[MNIST_INDEX] = int(np.random.default_rng().integers(len(images)))
    remembered(st.number_input, "Test-set index", 0, len(images) - 1, step=1, key=MNIST_INDEX)
    index = st.session_state[MNIST_INDEX]
    _set_image(images[index], f"MNIST test #{index} (a {labels[index]})")


def _draw(pad_here: bool = True) -> None:
    if not pad_here:  # the page shows the pad itself (the lesson's first step): one pad at a time
        digit = st.session_state.get(DRAWN_IMAGE)
        st.caption("Draw on the pad beside the lesson's text.")
        _set_image(digit, "your drawing")
        return
    trained_variants, _ = loaders.load_shipped_variants()  # the pages say which variants are unavailable
    digit = drawing_pad(trained_variants)
    if digit is None:
        st.caption("Draw a digit in the box, white on black.")
        _set_image(None, "")
    else:
        _set_image(digit, "your drawing")


def _upload() -> None:
    # Streamlit forgets the uploader's file when another source is shown; the digit (or one from a
    # shared link) is kept under its own key, until a file shown in the uploader is removed by hand.
    was_shown = "upload" in st.session_state
    upload = st.file_uploader("PNG or JPEG, up to 5 MB", type=["png", "jpg", "jpeg"], key="upload")
    if upload is None:
        if was_shown and st.session_state.pop("upload_had_file", False):
            st.session_state.pop(UPLOADED_IMAGE, None)
        uploaded = st.session_state.get(UPLOADED_IMAGE)
        _set_image(uploaded, "" if uploaded is None else "the uploaded picture")
        return
    try:
        st.session_state[UPLOADED_IMAGE] = read_upload(upload.getvalue())
        st.session_state.upload_had_file = True
        _set_image(st.session_state[UPLOADED_IMAGE], f"your picture ({upload.name})")
    except ValueError as error:
        st.error(str(error).capitalize(), icon="🖼️")
        _set_image(None, "")


def render_input_panel(pad_here: bool = True) -> np.ndarray | None:
    """Draw the panel (in the sidebar) and return the current digit; without `pad_here` the page shows
    the drawing pad itself."""
    st.segmented_control("Input", SOURCES, key=INPUT_SOURCE, required=True)
    source = st.session_state[INPUT_SOURCE]
    if source == "Draw":
        _draw(pad_here)
    else:
        {"MNIST": _pick_from_mnist, "Upload": _upload}[source]()
    image = current_image()
    if image is not None:
        st.image(digit_picture(image, 112), caption=f"What the models see: {st.session_state[INPUT_LABEL]}")
    return image
