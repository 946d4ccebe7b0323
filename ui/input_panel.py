"""The shared input panel: draw a digit, pick one from MNIST or upload a picture.

Whatever the source, the result is one MNIST-like 28x28 image kept in session state, so
every page works on the same digit. The panel always shows what the models see.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from digits.messages import sentence
from digits.uploads import UploadError, read_upload
from i18n import N_, _
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

SOURCES = ("MNIST", "Draw", "Upload")  # values (state, URL): shown through SOURCE_NAMES
SOURCE_NAMES = {"MNIST": N_("MNIST"), "Draw": N_("Draw"), "Upload": N_("Upload")}
PICK_MODES = {"index": N_("index"), "label": N_("label"), "random": N_("random")}
CAPTION = "input_caption"  # the preview's caption, written in the reader's language on every run


def shown_names(names: dict[str, str]) -> dict[str, str]:
    """Option values -> their names in the reader's language, translated now, during the run (a test
    may call a widget's format_func later, outside any session)."""
    return {value: _(name) for value, name in names.items()}


def current_image() -> np.ndarray | None:
    """The digit every page works on (28, 28, 1), or None when the chosen source has none yet."""
    return st.session_state.get(INPUT_IMAGE)


def _set_image(image: np.ndarray | None, label: str, shown: str = "") -> None:
    """Keep the digit and its label (English: data other pages and tests read); `shown` is the label
    as the preview names it, in the reader's language."""
    st.session_state[INPUT_IMAGE] = image
    st.session_state[INPUT_LABEL] = label
    st.session_state[CAPTION] = shown


def _pick_from_mnist() -> None:
    test = loaders.test_images()
    if test is None:
        st.info(_("MNIST is not available here, so picking is off; drawing and upload still work."))
        _set_image(None, "")
        return
    images, labels = test
    # Remembered, so that a look at the drawing canvas does not reset how a person was picking.
    mode = remembered(
        st.radio,
        _("Pick by"),
        tuple(PICK_MODES),
        format_func=shown_names(PICK_MODES).get,
        horizontal=True,
        key=PICK_MODE,
    )
    if mode == "label":
        digit = remembered(st.selectbox, _("Digit"), range(10), key=PICK_LABEL)
        candidates = np.flatnonzero(labels == digit)
        index = st.session_state.get(MNIST_INDEX, 0)
        # A newly chosen label shows one of its digits at once (the next after the current index).
        if st.session_state.get("label_shown") != digit and labels[index] != digit:
            after = candidates[candidates > index]
            st.session_state[MNIST_INDEX] = int(after[0] if len(after) else candidates[0])
        st.session_state.label_shown = digit
        if st.button(_("Next of this digit"), key="next_of_label"):
            after = candidates[candidates > st.session_state[MNIST_INDEX]]
            st.session_state[MNIST_INDEX] = int(after[0] if len(after) else candidates[0])
    elif mode == "random" and st.button(_("Random digit"), key="random_digit"):
        st.session_state[MNIST_INDEX] = int(np.random.default_rng().integers(len(images)))
    remembered(st.number_input, _("Test-set index"), 0, len(images) - 1, step=1, key=MNIST_INDEX)
    index = st.session_state[MNIST_INDEX]
    shown = _("MNIST test #{index} (a {label})").format(index=index, label=labels[index])
    _set_image(images[index], f"MNIST test #{index} (a {labels[index]})", shown)


def _draw(pad_here: bool = True) -> None:
    if not pad_here:  # the page shows the pad itself (the lesson's first step): one pad at a time
        digit = st.session_state.get(DRAWN_IMAGE)
        st.caption(_("Draw on the pad beside the lesson's text."))
        _set_image(digit, "your drawing", _("your drawing"))
        return
    trained_variants, _errors = loaders.load_shipped_variants()  # the pages say which variants are unavailable
    digit = drawing_pad(trained_variants)
    if digit is None:
        st.caption(_("Draw a digit in the box, white on black."))
        _set_image(None, "")
    else:
        _set_image(digit, "your drawing", _("your drawing"))


def _upload() -> None:
    # Streamlit forgets the uploader's file when another source is shown; the digit (or one from a
    # shared link) is kept under its own key, until a file shown in the uploader is removed by hand.
    was_shown = "upload" in st.session_state
    upload = st.file_uploader(_("PNG or JPEG, up to 5 MB"), type=["png", "jpg", "jpeg"], key="upload")
    if upload is None:
        if was_shown and st.session_state.pop("upload_had_file", False):
            st.session_state.pop(UPLOADED_IMAGE, None)
        uploaded = st.session_state.get(UPLOADED_IMAGE)
        _set_image(uploaded, "" if uploaded is None else "the uploaded picture", _("the uploaded picture"))
        return
    try:
        st.session_state[UPLOADED_IMAGE] = read_upload(upload.getvalue())
        st.session_state.upload_had_file = True
        shown = _("your picture ({name})").format(name=upload.name)
        _set_image(st.session_state[UPLOADED_IMAGE], f"your picture ({upload.name})", shown)
    except ValueError as error:  # an UploadError says why in the reader's language
        reason = error.text.translated() if isinstance(error, UploadError) else str(error)
        st.error(sentence(reason), icon="🖼️")
        _set_image(None, "")


def render_input_panel(pad_here: bool = True) -> np.ndarray | None:
    """Draw the panel (in the sidebar) and return the current digit; without `pad_here` the page shows
    the drawing pad itself."""
    st.segmented_control(
        _("Input"), SOURCES, format_func=shown_names(SOURCE_NAMES).get, key=INPUT_SOURCE, required=True
    )
    source = st.session_state[INPUT_SOURCE]
    if source == "Draw":
        _draw(pad_here)
    else:
        {"MNIST": _pick_from_mnist, "Upload": _upload}[source]()
    image = current_image()
    if image is not None:
        caption = _("What the models see: {label}").format(label=st.session_state.get(CAPTION, ""))
        st.image(digit_picture(image, 112), caption=caption)
    return image
