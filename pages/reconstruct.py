"""Reconstruct: the current digit through all five autoencoders, side by side, with their errors."""

import numpy as np
import streamlit as st

from i18n import _, ngettext, number
from models.inference import decode, encode
from models.metrics import binary_cross_entropy, entropy_floor, mean_squared_error
from models.registry import VARIANTS
from ui import loaders
from ui.likeness import explanation, likeness_score, meter_label, meter_score, row_text, verdict
from ui.page_opening import variants_and_digit
from ui.page_table import RECONSTRUCT
from ui.pictures import digit_picture, error_picture, show_code, show_colour_legends
from ui.state.display import is_big

st.title(_(RECONSTRUCT.heading))
st.caption(_("Each autoencoder encodes your digit into its code, then decodes the code back into a digit."))

trained_variants, image = variants_and_digit()

COLUMN_WIDTHS = [1.3, 1, 1, 1, 1, 1.4]  # model, code, reconstruction, input (phones only), error map, errors
percentiles = []
floor = float(entropy_floor(image[np.newaxis])[0])
for key, trained in trained_variants.items():
    code = encode(trained, image)
    output = decode(trained, code)
    bce = float(binary_cross_entropy(image[np.newaxis], output[np.newaxis])[0])
    mse = float(mean_squared_error(image[np.newaxis], output[np.newaxis])[0])
    stats = loaders.code_statistics(key)
    if is_big():  # words and numbers on a line, then the pictures, each twice as large
        words, numbers = st.columns(2)
        row = [words, *st.columns(4), numbers]
    else:
        row = st.columns(COLUMN_WIDTHS, vertical_alignment="center")
    size = trained.variant.code_size
    code_size = ngettext("{count}-number code", "{count}-number code", size).format(count=size)
    row[0].markdown(f"**{VARIANTS[key].title}**  \n{code_size}")
    if trained.variant.is_denoising:
        row[0].caption(_("Trained on noisy, brightened digits, so a clean one is unfamiliar: see Denoise."))
    # Keyed containers let a phone put the reconstruction beside the input first (ui/pictures.py);
    # a wide screen hides the input, which the sidebar shows.
    with row[1], st.container(key=f"phone_second_{key}_code"):
        show_code(code, trained.variant, caption=_("its code"))  # the row's first cell names the model
    row[2].container(key=f"phone_first_{key}_output").image(digit_picture(output), caption=_("reconstruction"))
    row[3].container(key=f"phone_only_{key}_input").image(digit_picture(image), caption=_("input"))
    row[4].container(key=f"phone_second_{key}_error").image(error_picture(image, output), caption=_("|input − output|"))
    with row[5]:
        floor_help = _("this digit's floor (a perfect copy): {value}").format(value=number(floor, "0.0000"))
        # Russian names the measure in words: Latin "BCE" reads as the Russian word «ВСЕ» ("all").
        st.metric(_("BCE"), number(bce, "0.0000"), help=floor_help)
        st.caption(_("MSE {value}").format(value=number(mse, "0.0000")))
        if stats is not None:
            percentile = stats.percentile_of_error(bce)  # % of test digits this model copies better
            percentiles.append(percentile)
            st.caption(row_text(likeness_score(percentile)))

# The colour keys and the BCE floor come after the rows, so a phone shows a reconstruction first.
show_colour_legends()
st.caption(
    _(
        "BCE cannot reach 0: even a perfect copy of this digit scores {value}, its own floor "
        "(the BCE of the digit against itself; grey pixels cost something even when copied exactly)."
    ).format(value=number(floor, "0.0000"))
)

st.subheader(_("How MNIST-like is this?"))
if not percentiles:
    st.info(_("This meter compares your digit with MNIST's test set, which is not available here."))
else:
    score = meter_score(percentiles)
    st.progress(round(score), text=meter_label(score))
    st.caption(f"{explanation(score)} {verdict(score)}")
