"""Models: inside each autoencoder — its layers, the code that builds it, how its training went."""

import re

import streamlit as st

from i18n import _, ngettext, number
from models.architecture_source import function_source
from models.layer_plans import IMAGE_SHAPE, layer_table
from models.registry import VARIANTS
from ui import loaders
from ui.charts import training_curves
from ui.generate import code_sizes, planes
from ui.model_cards.glossary import glossary_markdown
from ui.model_cards.sparsity import show_sparsity_section
from ui.page_table import MODELS
from ui.state.display import chart_for_display
from ui.state.keys import VARIANT

# How models/evaluation.py describes the denoiser's test input in the weights' JSON (English data).
NOISY_INPUT = re.compile(r"noisy \(factor (?P<factor>[\d.]+), seed (?P<seed>\d+)\)")


def minutes(seconds: float, pattern: str = "0") -> str:
    return _("{minutes} min").format(minutes=number(seconds / 60, pattern))


def shown_layer_table(rows: list[dict]) -> list[dict]:
    """The layer plan's rows with headers in the reader's language (names and types are Keras's)."""
    headers = {"layer": _("layer"), "type": _("type"), "output shape": _("output shape"), "parameters": _("parameters")}
    return [{headers[name]: value for name, value in row.items()} for row in rows]


def scored_on(test: dict, device: str) -> str:
    """Which test digits the scores are of, and where the model was trained."""
    count, noisy = test["images"], NOISY_INPUT.fullmatch(test["input"])
    if test["input"] == "clean":
        text = ngettext(
            "Scored on {count} clean test digit. Trained on {device}.",
            "Scored on {count} clean test digits. Trained on {device}.",
            count,
        )
    elif noisy:
        text = ngettext(
            "Scored on {count} noisy test digit (noise factor {factor}, seed {seed}). Trained on {device}.",
            "Scored on {count} noisy test digits (noise factor {factor}, seed {seed}). Trained on {device}.",
            count,
        )
    else:  # a description this page does not know: shown as the file says it
        text = ngettext(
            "Scored on {count} {input} test digit. Trained on {device}.",
            "Scored on {count} {input} test digits. Trained on {device}.",
            count,
        )
    found = noisy.groupdict() if noisy else {}
    return text.format(
        count=number(count),
        input=test["input"],
        factor=number(float(found.get("factor", 0))),
        seed=found.get("seed", ""),
        device=device,
    )


st.title(_(MODELS.heading))
trained_variants = loaders.variants_in_use()
keys = list(VARIANTS)
default = st.session_state.get(VARIANT, keys[0])
tabs = st.tabs([VARIANTS[key].title for key in keys], default=VARIANTS[default].title)
for key, tab in zip(keys, tabs, strict=True):
    variant = VARIANTS[key]
    with tab:
        st.markdown(
            ngettext(
                "{description} Code: {count} number, shaped {shape}.",
                "{description} Code: {count} numbers, shaped {shape}.",
                variant.code_size,
            ).format(description=variant.description, count=variant.code_size, shape=variant.code_shape)
        )
        # Tables from the layer plans, which a unit test holds to the Keras models' own summaries.
        parts = (
            ("encoder", variant.plan.encoder, IMAGE_SHAPE, "image"),
            ("decoder", variant.plan.decoder, variant.code_shape, "code"),
        )
        for column, (part, layers, input_shape, input_name) in zip(st.columns(2), parts, strict=True):
            rows = layer_table(layers, input_shape, input_name)
            count = sum(row["parameters"] for row in rows)
            column.markdown(
                ngettext("`{model}` — {count} parameter", "`{model}` — {count} parameters", count).format(
                    model=f"{key}_{part}", count=number(count)
                )
            )
            column.dataframe(shown_layer_table(rows), hide_index=True)
        st.caption(
            _(
                "Each table is what Keras's summary says of the model: the layers are named as in the code "
                "below, and `None` in a shape stands for the batch, any number of images at once."
            )
        )
        st.markdown(_("**The code that builds it** (from `models/architectures.py`)"))
        st.code(function_source(variant.builder_name), language="python")
        with st.expander(_("How the layer lists become an encoder, a decoder and the autoencoder")):
            st.code(function_source("assemble"), language="python")
        if key == "sparse":
            show_sparsity_section()
        if key not in trained_variants:
            st.info(_("No trained weights are loaded for this model, so there is no training record to show."))
            continue
        metadata = trained_variants[key].metadata
        test = metadata["test"]
        metrics = st.columns(4)
        metrics[0].metric(_("test BCE"), number(test["bce"], "0.0000"))
        metrics[1].metric(_("test MSE"), number(test["mse"], "0.0000"))
        metrics[2].metric(_("epochs"), metadata["epochs_run"])
        metrics[3].metric(_("training time"), minutes(metadata["training_seconds"]))
        st.caption(scored_on(test, metadata["device"]))
        st.plotly_chart(
            chart_for_display(training_curves(metadata["history"], metadata.get("best_epoch"))), key=f"curves-{key}"
        )
        recipe = metadata["recipe"]
        st.caption(
            _(
                "Recipe: {epochs} epochs, batch {batch}, Adam at {rate} ({schedule} schedule); "
                "the article trained it for {article_epochs} epochs, batch {article_batch}."
            ).format(
                epochs=recipe["epochs"],
                batch=recipe["batch_size"],
                rate=number(recipe["learning_rate"], "0.#####"),
                schedule={"constant": _("constant"), "cosine": _("cosine")}.get(recipe["schedule"], recipe["schedule"]),
                article_epochs=variant.article_recipe.epochs,
                article_batch=variant.article_recipe.batch_size,
            )
        )

st.subheader(_("Beyond the article's five"))
st.markdown(
    _(
        "The **Generate** page answers the article's last question with two models of a 2-number code, a plain "
        "autoencoder and a variational one (VAE), and asks how small a code can be with the deep dense shape "
        "at 2 to 49 numbers. Their scores, on the same 10,000 test digits and the same scale as above:"
    )
)
extra = {**planes.load_plane_variants()[0], **{t.variant.key: t for t in code_sizes.load_code_size_family().values()}}
rows = [
    {
        _("model"): trained.variant.title,
        _("code numbers"): trained.variant.code_size,
        _("test BCE"): round(trained.metadata["test"]["bce"], 4),
        "KL": number(trained.metadata["test_kl"], "0.00") if "test_kl" in trained.metadata else "—",
        _("epochs"): trained.metadata["epochs_run"],
        _("training time"): minutes(trained.metadata["training_seconds"], "0.0"),
    }
    for trained in extra.values()
]
if rows:
    st.dataframe(rows, hide_index=True)
    st.caption(
        _(
            "KL (the VAE only): how far, on average, its test codes' bell curves are from the standard one, "
            "N(0, 1) on each axis, that it was trained towards; 0 would mean no information at all in the code."
        )
    )
else:
    st.info(_("None of them is trained here: `python -m training --variant ae2` (and vae2, deep4 … deep32)."))

st.subheader(_("Glossary"))
st.caption(_("The key terms in English and in Russian, as the source article uses them."))
st.markdown(glossary_markdown())
