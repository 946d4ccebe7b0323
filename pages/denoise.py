"""Denoise: add the tutorial's noise to the digit and compare what two autoencoders make of it."""

import numpy as np
import plotly.graph_objects as go
import streamlit as st

from models.inference import reconstruct
from models.metrics import binary_cross_entropy
from models.noise import TUTORIAL_NOISE_MEAN, add_noise
from models.registry import VARIANTS
from ui import loaders, url_state
from ui.components.noise_slider import live_noise_slider
from ui.components.slider_mode import LIVE, slider_mode
from ui.input_panel import current_image
from ui.pictures import digit_picture
from ui.remembered import remembered

COMPARED = ("denoise", "dense")  # the same architecture, trained with and without noise
CURVE_FACTORS = tuple(round(f, 2) for f in np.linspace(0.0, 1.0, 11))

st.title("Denoise")
st.markdown(
    "The denoising autoencoder has the same shape as the plain dense one, but it was trained on "
    "noisy digits against the clean originals. The noise is the tutorial's:"
)
st.latex(r"\tilde{x} = \operatorname{clip}\big(x + \mathcal{N}(\mu = 0.5,\ \sigma = \text{noise factor}),\ 0,\ 1\big)")
st.caption("Its mean of 0.5 also brightens the whole picture, not only adds grain.")

models = loaders.trained_models()
image = current_image()
missing = [key for key in COMPARED if key not in models]
if image is None or missing:
    st.info("Pick, draw or upload a digit in the sidebar." if image is None else "This page needs both models.")
    st.stop()

st.session_state.setdefault("noise_seed", 0)


@st.fragment
def noisy_comparison() -> None:
    live = slider_mode() == LIVE
    controls = st.columns([3, 1, 2], vertical_alignment="bottom")
    if not live:
        with controls[0]:
            factor = remembered(st.slider, "Noise factor (σ)", 0.0, 1.0, step=0.05, key="noise_factor")
    if controls[1].button("New noise", icon="🎲"):
        st.session_state.noise_seed += 1
        url_state.write_to_url()  # a fragment rerun does not reach the entry script's own update
    zero_mean = controls[2].toggle("Zero-mean noise (μ = 0, not the tutorial's)", key="zero_mean_noise")
    mean = 0.0 if zero_mean else TUTORIAL_NOISE_MEAN

    if live:
        outputs = [(f"{VARIANTS[key].title} AE", models[key]) for key in COMPARED]
        factor = live_noise_slider(image, st.session_state.noise_seed, mean, outputs)
    else:
        noisy = add_noise(image, factor, seed=st.session_state.noise_seed, mean=mean)
        shown = [("clean", image), ("noisy", noisy)]
        shown += [(f"{VARIANTS[key].title} AE", reconstruct(models[key], noisy)) for key in COMPARED]
        for column, (caption, picture) in zip(st.columns(len(shown)), shown, strict=True):
            column.image(digit_picture(picture), caption=caption)
            if caption != "clean":
                column.caption(f"BCE vs clean: {binary_cross_entropy(image[None], picture[None])[0]:.4f}")

    curves = loaders.noise_curves(COMPARED, CURVE_FACTORS, mean)
    if not curves:
        st.info("The error curve needs MNIST's test set, which is not available here.")
        return
    figure = go.Figure(
        [go.Scatter(x=CURVE_FACTORS, y=curves[key], mode="lines+markers", name=VARIANTS[key].title) for key in curves]
    )
    figure.add_vline(x=factor, line_dash="dash", annotation_text=f"now: {factor:.2f}")
    figure.update_layout(
        title="Reconstruction error against noise, 200 test digits",
        xaxis_title="noise factor σ",
        yaxis_title="mean BCE vs clean digits",
        height=360,
        margin=dict(l=10, r=10, t=50, b=10),
    )
    st.plotly_chart(figure, key="noise_curve")


noisy_comparison()
