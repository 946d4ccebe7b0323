"""Code explorer: move the code's numbers and watch the decoder draw; walk between digits; map the codes."""

import numpy as np
import streamlit as st

from i18n import N_, _
from models import analysis
from models.inference import decode, encode
from models.registry import VARIANTS
from ui import loaders
from ui.code_map import clicked_row, with_current_digit
from ui.components.code_sliders import live_code_sliders
from ui.components.map_hover import hover_pictures
from ui.page_opening import variants_and_digit
from ui.pictures import digit_picture, picture_grid, show_code
from ui.slider_mode import LIVE, slider_grid, slider_mode
from ui.state.code import (
    WALK_TO_LABEL,
    current_code,
    follow_first_label,
    follow_input,
    keep_code,
    random_code_shown,
    set_code,
    slider_range,
)
from ui.state.display import chart_for_display, is_big, per_row
from ui.state.keys import INPUT_SOURCE, MNIST_INDEX, VARIANT
from ui.state.remembered import remembered

WHY_A_BLOB = N_(
    "Why a blob? A random code takes each number from a different test digit. Such a mix lies off the thin "
    "region (the manifold) where real digits' codes sit, and the decoder, which only learned that region, "
    "draws a blob. Can we generate digits from codes at will? The article leaves that question to its next "
    "part: variational autoencoders make the whole code space decodable."
)

st.title(_("Code explorer"))
trained_variants, image = variants_and_digit(
    _("Pick, draw or upload a digit in the sidebar: the sliders start at its code."), needs_any=True
)

if st.session_state.get(VARIANT) not in trained_variants:
    st.session_state[VARIANT] = next(iter(trained_variants))
# The titles in this run's language, looked up now: whoever formats the options later (AppTest does,
# outside the run) gets the language the page was drawn in.
titles = {variant_key: VARIANTS[variant_key].title for variant_key in trained_variants}
key = remembered(st.selectbox, _("Autoencoder"), list(trained_variants), format_func=titles.get, key=VARIANT)
trained, stats = trained_variants[key], loaders.code_statistics(key)
input_code = encode(trained, image).ravel()
low, high = slider_range(stats, input_code)
shape = trained.variant.code_shape

follow_input(key, image, input_code, low, high)


@st.fragment
def explorer() -> None:
    buttons = st.columns(3)
    buttons[0].button(_("Back to the input's code"), on_click=set_code, args=(key, input_code, low, high))
    if stats is not None:
        buttons[1].button(_("Mean code"), on_click=set_code, args=(key, stats.mean, low, high))
        rng = np.random.default_rng()
        buttons[2].button(
            _("Random code"), on_click=lambda: set_code(key, analysis.random_code(stats, rng), low, high, random=True)
        )
    columns = trained.variant.slider_columns
    keep_code(key, input_code, low, high)
    if slider_mode() == LIVE:
        live_code_sliders(trained, low, high, columns)
        answer_why_a_blob()
        return
    sliders, output = st.columns([3, 2] if is_big() else [3, 1])
    with sliders:
        code = slider_grid(key, low, high, columns=columns)
    with output, st.container(key="decoded_output"):  # the key lets a phone show it first (ui.pictures)
        decoded = digit_picture(decode(trained, code.reshape(shape)))
        st.image(decoded, caption=_("decoded from the sliders"), width=decoded.width)
        show_code(code, trained.variant, caption=_("the code: blue −, white 0, red +"))
    answer_why_a_blob()


def answer_why_a_blob() -> None:
    """After "Random code", the answer to what the class just saw, below the picture it explains."""
    if random_code_shown():
        st.info(_(WHY_A_BLOB), icon="💡")


explorer()

if stats is not None:
    st.subheader(_("One dimension at a time"))
    st.caption(
        _(
            "The article's experiment for the sparse autoencoder: start from the mean code and set one "
            "dimension to its largest test-set value. Each picture shows what that dimension adds."
        )
    )
    sweep = decode(trained, analysis.one_dimension_at_max(stats).reshape(-1, *shape))
    across = per_row(trained.variant.grid_columns)
    st.image(
        picture_grid(sweep, across),
        caption=_("dimensions #0 to #{last}, {across} to a row").format(last=len(sweep) - 1, across=across),
    )

st.subheader(_("Walk from your digit to another"))
test = loaders.test_images()
if test is None:
    st.info(_("Walking needs MNIST's test set for the second digit, and it is not available here."))
else:
    images, labels = test
    picked = st.session_state.get(INPUT_SOURCE) == "MNIST" and st.session_state.get(MNIST_INDEX) is not None
    first_label = int(labels[st.session_state[MNIST_INDEX]]) if picked else None
    present = sorted({int(label) for label in labels})
    follow_first_label(first_label, present)
    choice, second = st.columns([3, 1], vertical_alignment="center")
    to_label = choice.selectbox(
        _("Second digit: walk to a"), present, key=WALK_TO_LABEL, help=_("its first test digit")
    )
    other_index = int(np.flatnonzero(labels == to_label)[0])
    other = images[other_index]
    second.image(
        digit_picture(other), caption=_("a {digit} (MNIST test #{index})").format(digit=to_label, index=other_index)
    )
    through_code = decode(trained, analysis.interpolate(input_code.reshape(shape), encode(trained, other), 8))
    through_pixels = analysis.interpolate(image, other, 8)
    for label, row in ((_("in code space"), through_code), (_("in pixel space"), through_pixels)):
        st.image(picture_grid(row, per_row=per_row(len(row))), caption=label)

st.subheader(_("Map of 2,000 test codes"))
figure = loaders.code_map_figure(key)
if figure is None:
    st.info(_("The map needs MNIST's test set, which is not available here."))
else:

    def load_clicked_point() -> None:
        row = clicked_row(st.session_state["code_map"].selection.points, stats.labels)
        if row is not None:
            set_code(key, stats.codes[row], low, high)

    st.caption(
        _(
            "Each dot is one test digit's code, flattened onto the two directions in which the codes vary most "
            "(a projection: the other directions are set to their average); the ★ is your digit. Hover over a "
            "dot to see its digit, or anywhere else to see what the decoder draws there; click a dot: its code "
            "is decoded beside the map, and the sliders above follow."
        )
    )
    marked = with_current_digit(figure, loaders.code_map(key), input_code)
    chart, beside = st.columns([3, 1], vertical_alignment="center")
    with chart:
        st.plotly_chart(
            chart_for_display(marked), key="code_map", on_select=load_clicked_point, selection_mode="points"
        )
        hover_pictures("code_map", loaders.code_map_sprite(), trained, loaders.code_map(key))
    # The code the sliders hold: after a click, the clicked digit's (what the decoder makes of it).
    from_sliders = digit_picture(decode(trained, current_code(key, trained.variant.code_size).reshape(shape)))
    beside.image(
        from_sliders,
        width=from_sliders.width,  # its own size (twice as large in big mode), not the column's
        caption=_("decoded from the sliders' code"),
    )
