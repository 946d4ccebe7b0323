"""Denoise: add the article's noise to the digit and compare what two autoencoders make of it."""

import streamlit as st

from digits.noise import ARTICLE_NOISE_MEAN, add_noise
from i18n import _, number
from models.inference import reconstruct
from models.metrics import binary_cross_entropy
from models.registry import VARIANTS
from ui import loaders
from ui.components.noise_slider import live_noise_slider
from ui.page_opening import variants_and_digit
from ui.page_table import DENOISE
from ui.pictures import digit_picture, picture_columns
from ui.slider_mode import LIVE, slider_mode
from ui.state import url_params
from ui.state.display import chart_for_display
from ui.state.keys import NOISE_FACTOR, NOISE_SEED, ZERO_MEAN_NOISE
from ui.state.remembered import remembered

COMPARED = loaders.NOISE_CURVE_VARIANTS
CURVE_FACTORS = loaders.NOISE_CURVE_FACTORS

st.title(_(DENOISE.heading))
st.markdown(
    _(
        "The denoising autoencoder has the same shape as the plain dense one, but it was trained on "
        "noisy digits against the clean originals, with the article's noise (μ = 0.5; Chollet's post, which "
        "the article follows, used zero-mean noise and a convolutional denoiser)."
    )
)

trained_variants, image = variants_and_digit(needed=COMPARED, missing=_("This page needs both models."))

st.session_state.setdefault(NOISE_SEED, 0)


def model_caption(key: str) -> str:
    """A compared model's caption: "Denoising AE"."""
    return _("{model} AE").format(model=VARIANTS[key].title)


@st.fragment
def noisy_comparison() -> None:
    # On a phone the options come after the slider and its four pictures (ui/pictures.py moves this
    # container down), so the denoiser's output is on the first screen.
    options = st.container(key="noise_options")
    with options:
        live = slider_mode() == LIVE
        # The live slider is drawn by its component below: no column for it here, so the button and the
        # toggle keep their whole labels (in big mode too).
        controls = st.columns([1, 2] if live else [3, 1, 2], vertical_alignment="bottom")
    if not live:
        with controls[0]:
            factor = remembered(st.slider, _("Noise factor (σ)"), 0.0, 1.0, step=0.05, key=NOISE_FACTOR)
    if controls[-2].button(_("New noise"), icon="🎲", key="new_noise"):
        st.session_state[NOISE_SEED] += 1
        url_params.write_to_url()  # a fragment rerun does not reach the entry script's own update
    with controls[-1]:
        zero_mean = remembered(st.toggle, _("Zero-mean noise (μ = 0, as in Chollet's post)"), key=ZERO_MEAN_NOISE)
    mean = 0.0 if zero_mean else ARTICLE_NOISE_MEAN

    if live:
        outputs = [(model_caption(key), trained_variants[key]) for key in COMPARED]
        factor = live_noise_slider(image, st.session_state[NOISE_SEED], mean, outputs)
    else:
        noisy = add_noise(image, factor, seed=st.session_state[NOISE_SEED], mean=mean)
        shown = [(_("clean"), image), (_("noisy"), noisy)]
        shown += [(model_caption(key), reconstruct(trained_variants[key], noisy)) for key in COMPARED]
        for index, (column, (caption, picture)) in enumerate(zip(picture_columns(len(shown)), shown, strict=True)):
            column.image(digit_picture(picture), caption=caption)
            if index:  # all but the clean digit itself
                bce = float(binary_cross_entropy(image[None], picture[None])[0])
                column.caption(_("BCE vs clean: {value}").format(value=number(bce, "0.0000")))

    with st.container(key="noise_explained"):  # on a phone, below the options (ui/pictures.py)
        # Two short lines, so that the formula fits a phone's width too.
        # The mean with the language's decimal mark ({,} keeps TeX from spacing a comma as punctuation).
        shown_mean = number(mean, "0.#").replace(",", "{,}")
        factor_name = _("noise factor")
        st.latex(
            rf"\begin{{gathered}}\tilde{{x}} = \operatorname{{clip}}(x + \varepsilon,\ 0,\ 1)\\"
            rf"\varepsilon \sim \mathcal{{N}}(\mu = {shown_mean},\ \sigma = \text{{{factor_name}}})\end{{gathered}}"
        )
        if not zero_mean:
            st.caption(_("A mean of 0.5 also brightens the whole picture, not only adds grain."))
        figure = loaders.noise_curve_figure(COMPARED, CURVE_FACTORS, factor, mean)
        if figure is None:
            st.info(_("The error curve needs MNIST's test set, which is not available here."))
            return
        st.plotly_chart(chart_for_display(figure), key="noise_curve")
        st.caption(
            _(
                "Why the plain model's error starts near 1.0 at σ = 0: the article's noise has mean 0.5, so even "
                'with no grain at all every pixel is brightened by 0.5 and the "noisy" digit is already grey. '
                "The plain model was never shown grey digits; the denoiser was trained on them. The dotted lines "
                "(or the toggle above) use zero-mean noise instead: there the plain model wins at low noise and "
                "the denoiser at high noise. Click a line's name to hide or show it."
            )
        )


noisy_comparison()
