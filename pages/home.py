"""Home: what an autoencoder is, the current digit through every variant, and the five models."""

import streamlit as st

from models.inference import reconstruct
from models.metrics import entropy_floor
from models.registry import VARIANTS
from ui.input_panel import current_image
from ui.loaders import variants_in_use
from ui.page_table import CODE_EXPLORER, DENOISE, MODELS, RECONSTRUCT
from ui.pictures import digit_picture, picture_columns
from ui.source import SOURCE_CREDIT

DENOISER_ON_CLEAN = "Trained only on noisy, brightened digits, it turns a clean one into a blob: see Denoise."

st.title("Autoencoder Lab")
st.markdown(
    f"Five autoencoders squeeze your digit into a short code and rebuild it from the code alone. {SOURCE_CREDIT}"
)

trained_variants = variants_in_use()
image = current_image()
st.subheader("Your digit through each autoencoder")
if image is None:
    st.info("Pick, draw or upload a digit in the sidebar to see it go through the models.")
else:
    columns = picture_columns(len(trained_variants) + 1)
    columns[0].image(digit_picture(image), caption="input")
    for column, (key, trained) in zip(columns[1:], trained_variants.items(), strict=True):
        column.image(digit_picture(reconstruct(trained, image)), caption=VARIANTS[key].title)
        if trained.variant.is_denoising:  # its picture of a clean digit is a blob: say why beside it
            column.caption(DENOISER_ON_CLEAN)

st.markdown(
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

st.subheader("The five models")


def model_row(key: str) -> dict:
    """One line of the table: the registry's description and, when the weights loaded, their metadata."""
    variant = VARIANTS[key]
    metadata = trained_variants[key].metadata if key in trained_variants else {}
    # The links come right after the name, so they are on screen without scrolling sideways.
    return {
        "model": variant.title,
        "inside": f"{MODELS.url_path}?variant={key}",
        "explore": f"{CODE_EXPLORER.url_path}?variant={key}",
        "code size": variant.code_size,
        "test BCE": metadata.get("test", {}).get("bce"),
        "parameters": metadata.get("parameters"),
        "epochs": metadata.get("epochs_run"),
        "what it shows": variant.description,
    }


rows = [model_row(key) for key in VARIANTS]
st.dataframe(
    rows,
    hide_index=True,
    column_config={
        "test BCE": st.column_config.NumberColumn(format="%.4f"),
        "inside": st.column_config.LinkColumn(display_text="layers & training"),
        "explore": st.column_config.LinkColumn(display_text="code sliders"),
        "what it shows": st.column_config.TextColumn(width="large"),
    },
)
floor = "" if image is None else f" Your digit's floor is {float(entropy_floor(image[None])[0]):.4f}."
st.caption(
    "Test BCE: binary cross-entropy on the 10,000 MNIST test digits (the denoiser's on noisy copies); "
    "lower is better. It cannot reach 0: grey pixels cost something even when copied exactly, so each "
    "digit has its own floor, the BCE of the digit against itself (0.0581 on average over the test set, "
    f"lower for thin, crisp digits).{floor}"
)
for column, (page, label) in zip(
    st.columns(4),
    [
        (RECONSTRUCT, "Compare reconstructions"),
        (DENOISE, "Remove noise"),
        (CODE_EXPLORER, "Play with the code"),
        (MODELS, "Look inside the models"),
    ],
    strict=True,
):
    column.page_link(page.file, label=label, icon=page.icon)
