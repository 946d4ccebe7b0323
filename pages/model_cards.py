"""Models: inside each autoencoder — its layers, the code that builds it, how its training went."""

import streamlit as st

from models.architecture_source import function_source
from models.layer_plans import IMAGE_SHAPE, layer_table
from models.registry import VARIANTS
from ui import loaders
from ui.charts import training_curves
from ui.generate import code_sizes, planes
from ui.sparsity import show_sparsity_section
from ui.state.display import chart_for_display
from ui.state.keys import VARIANT

st.title("Models")
trained_variants = loaders.variants_in_use()
keys = list(VARIANTS)
default = st.session_state.get(VARIANT, keys[0])
tabs = st.tabs([VARIANTS[key].title for key in keys], default=VARIANTS[default].title)
for key, tab in zip(keys, tabs, strict=True):
    variant = VARIANTS[key]
    with tab:
        st.markdown(f"{variant.description} Code: {variant.code_size} numbers, shaped {variant.code_shape}.")
        # Tables from the layer plans, which a unit test holds to the Keras models' own summaries.
        parts = (
            ("encoder", variant.plan.encoder, IMAGE_SHAPE, "image"),
            ("decoder", variant.plan.decoder, variant.code_shape, "code"),
        )
        for column, (part, layers, input_shape, input_name) in zip(st.columns(2), parts, strict=True):
            rows = layer_table(layers, input_shape, input_name)
            column.markdown(f"**{key}_{part}** — {sum(row['parameters'] for row in rows):,} parameters")
            column.dataframe(rows, hide_index=True)
        st.markdown("**The code that builds it** (from `models/architectures.py`)")
        st.code(function_source(variant.builder_name), language="python")
        with st.expander("How the layer lists become an encoder, a decoder and the autoencoder"):
            st.code(function_source("assemble"), language="python")
        if key == "sparse":
            show_sparsity_section()
        if key not in trained_variants:
            st.info("No trained weights are loaded for this model, so there is no training record to show.")
            continue
        metadata = trained_variants[key].metadata
        test = metadata["test"]
        metrics = st.columns(4)
        metrics[0].metric("test BCE", f"{test['bce']:.4f}")
        metrics[1].metric("test MSE", f"{test['mse']:.4f}")
        metrics[2].metric("epochs", metadata["epochs_run"])
        metrics[3].metric("training time", f"{metadata['training_seconds'] / 60:.0f} min")
        st.caption(f"Scored on {test['images']:,} {test['input']} test digits. Trained on {metadata['device']}.")
        st.plotly_chart(
            chart_for_display(training_curves(metadata["history"], metadata.get("best_epoch"))), key=f"curves-{key}"
        )
        recipe = metadata["recipe"]
        st.caption(
            f"Recipe: {recipe['epochs']} epochs, batch {recipe['batch_size']}, Adam at {recipe['learning_rate']} "
            f"({recipe['schedule']} schedule); the article trained it for {variant.article_recipe.epochs} epochs, "
            f"batch {variant.article_recipe.batch_size}."
        )

st.subheader("Beyond the article's five")
st.markdown(
    "The **Generate** page answers the article's last question with two models of a 2-number code, a plain "
    "autoencoder and a variational one (VAE), and asks how small a code can be with the deep dense shape "
    "at 2 to 49 numbers. Their scores, on the same 10,000 test digits and the same scale as above:"
)
extra = {**planes.load_plane_variants()[0], **{t.variant.key: t for t in code_sizes.load_code_size_family().values()}}
rows = [
    {
        "model": trained.variant.title,
        "code numbers": trained.variant.code_size,
        "test BCE": round(trained.metadata["test"]["bce"], 4),
        "KL": f"{trained.metadata['test_kl']:.2f}" if "test_kl" in trained.metadata else "—",
        "epochs": trained.metadata["epochs_run"],
        "training time": f"{trained.metadata['training_seconds'] / 60:.1f} min",
    }
    for trained in extra.values()
]
if rows:
    st.dataframe(rows, hide_index=True)
    st.caption(
        "KL (the VAE only): how far, on average, its test codes' bell curves are from the standard one, "
        "N(0, 1) on each axis, that it was trained towards; 0 would mean no information at all in the code."
    )
else:
    st.info("None of them is trained here: `python -m training --variant ae2` (and vae2, deep4 … deep32).")
