"""Home: what an autoencoder is, the current digit through every variant, and the five models."""

import streamlit as st

from i18n import N_, _, number
from models.inference import reconstruct
from models.metrics import entropy_floor
from models.registry import VARIANTS
from ui.input_panel import current_image
from ui.loaders import variants_in_use
from ui.page_table import CODE_EXPLORER, DENOISE, MODELS, RECONSTRUCT
from ui.pictures import digit_picture, picture_columns
from ui.source import source_credit

DENOISER_ON_CLEAN = N_("Trained only on noisy, brightened digits, it turns a clean one into a blob: see Denoise.")

st.title("Autoencoder Lab")
st.markdown(
    _("Five autoencoders squeeze your digit into a short code and rebuild it from the code alone.")
    + f" {source_credit()}"
)

trained_variants = variants_in_use()
image = current_image()
st.subheader(_("Your digit through each autoencoder"))
if image is None:
    st.info(_("Pick, draw or upload a digit in the sidebar to see it go through the models."))
else:
    columns = picture_columns(len(trained_variants) + 1)
    columns[0].image(digit_picture(image), caption=_("input"))
    for column, (key, trained) in zip(columns[1:], trained_variants.items(), strict=True):
        column.image(digit_picture(reconstruct(trained, image)), caption=VARIANTS[key].title)
        if trained.variant.is_denoising:  # its picture of a clean digit is a blob: say why beside it
            column.caption(_(DENOISER_ON_CLEAN))

st.markdown(
    _(
        """
An **autoencoder** is a neural network trained to copy its input to its output, through a
bottleneck. It has two halves:

- the **encoder** squeezes a 28×28 digit (784 numbers) into a short **code**, here 49 or 16 numbers;
- the **decoder** rebuilds the digit from the code alone.

If the code were as big as the picture, the network could learn to copy pixel by pixel and
would learn nothing. A **narrow code** forces it to keep only what matters most about digits:
strokes, loops, slant. (The sparse model adds a penalty on how much its code is used; at the
article's 1e-5 it is too weak to make the code sparse, as the Models page shows.)

That makes autoencoders useful for **pretraining** and **dimensionality reduction** (the code
is a compact description), for **denoising** (train on noisy input against the clean target),
and as a first step towards **generating** new images. But an autoencoder only knows the kind
of data it was trained on: these ones learned MNIST digits, so a face or a scribble comes back
as something digit-like. Try it in the sidebar.
"""
    )
)

st.subheader(_("The five models"))


# The table's columns: headers in the reader's language (the data's own names, so a test reads the English).
MODEL, INSIDE, EXPLORE, CODE_SIZE, TEST_BCE, PARAMETERS, EPOCHS, SHOWS = (
    N_("model"),
    N_("inside"),
    N_("explore"),
    N_("code size"),
    N_("test BCE"),
    N_("parameters"),
    N_("epochs"),
    N_("what it shows"),
)


def model_row(key: str) -> dict:
    """One line of the table: the registry's description and, when the weights loaded, their metadata."""
    variant = VARIANTS[key]
    metadata = trained_variants[key].metadata if key in trained_variants else {}
    bce = metadata.get("test", {}).get("bce")
    # The links come right after the name, so they are on screen without scrolling sideways.
    return {
        _(MODEL): variant.title,
        _(INSIDE): f"{MODELS.url_path}?variant={key}",
        _(EXPLORE): f"{CODE_EXPLORER.url_path}?variant={key}",
        _(CODE_SIZE): variant.code_size,
        # Written as the reader's language writes numbers (0,0773): a table's own format cannot.
        _(TEST_BCE): None if bce is None else number(bce, "0.0000"),
        _(PARAMETERS): metadata.get("parameters"),
        _(EPOCHS): metadata.get("epochs_run"),
        _(SHOWS): variant.description,
    }


rows = [model_row(key) for key in VARIANTS]
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        _(INSIDE): st.column_config.LinkColumn(display_text=_("layers & training")),
        _(EXPLORE): st.column_config.LinkColumn(display_text=_("code sliders")),
        _(SHOWS): st.column_config.TextColumn(width="large"),
    },
)
floor = (
    ""
    if image is None
    else " " + _("Your digit's floor is {value}.").format(value=number(float(entropy_floor(image[None])[0]), "0.0000"))
)
st.caption(
    _(
        "Test BCE: binary cross-entropy on the 10,000 MNIST test digits (the denoiser's on noisy copies); "
        "lower is better. It cannot reach 0: grey pixels cost something even when copied exactly, so each "
        "digit has its own floor, the BCE of the digit against itself (0.0581 on average over the test set, "
        "lower for thin, crisp digits)."
    )
    + floor
)
for column, (page, label) in zip(
    st.columns(4),
    [
        (RECONSTRUCT, N_("Compare reconstructions")),
        (DENOISE, N_("Remove noise")),
        (CODE_EXPLORER, N_("Play with the code")),
        (MODELS, N_("Look inside the models")),
    ],
    strict=True,
):
    column.page_link(page.file, label=_(label), icon=page.icon)
