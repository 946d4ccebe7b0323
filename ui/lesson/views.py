"""What each lesson step shows beside its text: the lesson file's `show` names one of `VIEWS`.

Every view works on the digit the class is looking at (the sidebar's, carried from step to step)
and reuses the app's live parts: the drawing pad, the painted conv code, the noise slider. A view
whose question hides the result draws nothing of it until Reveal is pressed. Pictures are drawn
large and sized on screen by the lesson's style (ui/lesson/screen.py), so a step fits one screen.
Every word a view shows is translated as it is drawn; keys and values stay English.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import streamlit as st

from digits.noise import ARTICLE_NOISE_MEAN
from i18n import _, ngettext, number
from jobs import runs, training_job
from lesson.plan import Question
from models import analysis
from models.inference import TrainedVariant, decode, encode, reconstruct
from models.metrics import binary_cross_entropy
from models.registry import VARIANTS
from ui import loaders, page_table
from ui.code_map import CURRENT_DIGIT_NAME, with_current_digit
from ui.components.code_sliders import live_code_sliders
from ui.components.drawing_pad import drawing_pad
from ui.components.noise_slider import live_noise_slider
from ui.pictures import code_picture, digit_picture, picture_grid
from ui.state.code import follow_input, keep_code, slider_range
from ui.state.keys import INPUT_LABEL, INPUT_SOURCE, NOISE_SEED
from ui.train import job_panel

PICTURE = 280  # pixels drawn; the lesson's style sets the size on screen
PAD = 240
FIRST_MODEL = "dense"  # the article's first autoencoder: the lesson's model wherever one is enough
RANDOM_SEED = "lesson_random_seed"
WALK_TO = "lesson_walk_to"


@dataclass(frozen=True)
class StepContext:
    trained: dict[str, TrainedVariant]
    image: np.ndarray | None  # the class's digit (28, 28, 1), or None before one is chosen
    question: Question | None
    revealed: bool

    @property
    def result_hidden(self) -> bool:
        return self.question is not None and self.question.hides_result and not self.revealed


def wide_picture(picture, name: str, caption: str) -> None:
    """A grid of digits as wide as the view (the lesson's style), not one digit's size. `name` keys
    its container (unique on the step, whatever language the caption is in)."""
    with st.container(key=f"lesson-wide-{name}"):
        st.image(picture, caption=caption)


def pictures(row: list[tuple[str, object]]) -> None:
    """Pictures side by side, each with its caption."""
    for column, (caption, picture) in zip(st.columns(len(row)), row, strict=True):
        column.image(picture, caption=caption)


def needs(ctx: StepContext, *keys: str) -> bool:
    """Whether the digit and the models this view needs are there; says what is missing if not."""
    if ctx.image is None:
        st.info(_("Choose a digit first: draw one on the first step, or pick one in the sidebar (›)."))
        return False
    missing = [VARIANTS[key].title for key in keys if key not in ctx.trained]
    if missing:
        st.warning(
            ngettext(
                "This step needs the {models} model, which did not load.",
                "This step needs the {models} models, which did not load.",
                len(missing),
            ).format(models=", ".join(missing))
        )
    return not missing


def _switch_source(source: str) -> None:
    st.session_state[INPUT_SOURCE] = source


def squeeze(ctx: StepContext) -> None:
    drawing = st.session_state.get(INPUT_SOURCE) == "Draw"
    if FIRST_MODEL not in ctx.trained:
        needs(ctx, FIRST_MODEL)
        return
    trained = ctx.trained[FIRST_MODEL]
    if drawing:
        pad, code_column, rebuilt_column = st.columns([5, 3, 3])
        with pad:
            drawing_pad({FIRST_MODEL: trained}, size=PAD)
        if ctx.image is not None:
            code = encode(trained, ctx.image).ravel()
            code_column.image(code_picture(code, 7, PICTURE), caption=_("its code: 49 numbers"))
            rebuilt_column.image(
                digit_picture(reconstruct(trained, ctx.image), PICTURE), caption=_("rebuilt from the code")
            )
        # Beside the pictures, not below the pad: the step stays one screen.
        code_column.button(_("Use an MNIST digit"), on_click=_switch_source, args=("MNIST",))
        return
    if not needs(ctx, FIRST_MODEL):
        return
    code = encode(trained, ctx.image).ravel()
    pictures(
        [
            (_("your digit: 784 numbers"), digit_picture(ctx.image, PICTURE)),
            (_("its code: 49 numbers"), code_picture(code, 7, PICTURE)),
            (_("rebuilt from the code"), digit_picture(reconstruct(trained, ctx.image), PICTURE)),
        ]
    )
    st.button(_("Draw my own digit"), icon="✏️", on_click=_switch_source, args=("Draw",))


def copy_errors(ctx: StepContext) -> dict[str, float]:
    """Each model's error (BCE) copying the class's digit, lower is better."""
    return {
        key: float(binary_cross_entropy(ctx.image[None], reconstruct(trained, ctx.image)[None])[0])
        for key, trained in ctx.trained.items()
    }


def worst_copy(ctx: StepContext) -> int | None:
    """The choice naming the model that copies this digit worst (the "five" step's answer)."""
    if ctx.image is None or not ctx.trained or ctx.question is None:
        return None
    errors = copy_errors(ctx)
    # The lesson file's choices are its own words (English in the shipped one), as is `english_title`.
    worst = VARIANTS[max(errors, key=errors.get)].english_title.lower()
    titles = [choice.lower() for choice in ctx.question.choices]
    return titles.index(worst) if worst in titles else None


def five(ctx: StepContext) -> None:
    if not needs(ctx):
        return
    if ctx.result_hidden:
        pictures([(_("your digit"), digit_picture(ctx.image, PICTURE))])
        st.caption(_("The five copies appear when you press Reveal."))
        return
    errors = copy_errors(ctx)
    worst = max(errors, key=errors.get)
    shown = [(_("your digit"), digit_picture(ctx.image, PICTURE))]
    for key, trained in ctx.trained.items():
        caption = _("{model}: {error} — worst") if key == worst else _("{model}: {error}")
        caption = caption.format(model=VARIANTS[key].title, error=number(errors[key], "0.000"))
        shown.append((caption, digit_picture(reconstruct(trained, ctx.image), PICTURE)))
    pictures(shown[:3])
    pictures(shown[3:])
    st.caption(_("The number is each copy's error (BCE): lower is better."))


def code(ctx: StepContext) -> None:
    if not needs(ctx, "conv"):
        return
    trained = ctx.trained["conv"]
    stats = loaders.code_statistics("conv")
    input_code = encode(trained, ctx.image).ravel()
    low, high = slider_range(stats, input_code)
    follow_input("conv", ctx.image, input_code, low, high)
    keep_code("conv", input_code, low, high)
    live_code_sliders(
        trained, low, high, trained.variant.slider_columns, sliders=False, size=PICTURE, decoded_caption=_("decoded")
    )


def noise(ctx: StepContext) -> None:
    if not needs(ctx, "denoise", "dense"):
        return
    st.session_state.setdefault(NOISE_SEED, 0)
    # The lesson's words for the two, as in its text and question.
    outputs = [(_("the denoiser"), ctx.trained["denoise"]), (_("the plain model"), ctx.trained["dense"])]
    live_noise_slider(ctx.image, st.session_state[NOISE_SEED], ARTICLE_NOISE_MEAN, outputs)


def dimensions(ctx: StepContext) -> None:
    stats = loaders.code_statistics("sparse")
    if "sparse" not in ctx.trained or stats is None:
        st.info(_("This step needs the sparse model and MNIST's test set."))
        return
    trained = ctx.trained["sparse"]
    sweep = decode(trained, analysis.one_dimension_at_max(stats).reshape(-1, *trained.variant.code_shape))
    wide_picture(
        picture_grid(sweep, per_row=8, cell=84), "sweep", _("number #0 to #15 of the code, each at its largest")
    )


def code_map(ctx: StepContext) -> None:
    figure = loaders.code_map_figure(FIRST_MODEL)
    if figure is None or not needs(ctx, FIRST_MODEL):
        if figure is None:
            st.info(_("The map needs MNIST's test set, which is not available here."))
        return
    input_code = encode(ctx.trained[FIRST_MODEL], ctx.image).ravel()
    marked = with_current_digit(figure, loaders.code_map(FIRST_MODEL), input_code)
    marked.update_layout(height=430, margin=dict(l=0, r=0, t=10, b=0))
    marked.update_traces(marker_size=34, selector=dict(name=_(CURRENT_DIGIT_NAME)))  # found from the back
    st.plotly_chart(marked, key="lesson_map", config={"displayModeBar": False})


def walk(ctx: StepContext) -> None:
    test = loaders.test_images()
    if test is None or not needs(ctx, FIRST_MODEL):
        if test is None:
            st.info(_("Walking needs MNIST's test set for the second digit, and it is not available here."))
        return
    images, labels = test
    trained = ctx.trained[FIRST_MODEL]
    first = st.session_state.get(INPUT_LABEL, "")
    default = next((d for d in (7, 1, 0) if f"(a {d})" not in first), 7)  # not the first digit's own label
    st.session_state.setdefault(WALK_TO, default)
    to_label = st.selectbox(_("Walk to a"), range(10), key=WALK_TO)
    other = images[int(np.flatnonzero(labels == to_label)[0])]
    shape = trained.variant.code_shape
    through_code = decode(
        trained, analysis.interpolate(encode(trained, ctx.image).reshape(shape), encode(trained, other), 8)
    )
    through_pixels = analysis.interpolate(ctx.image, other, 8)
    wide_picture(picture_grid(through_code, per_row=8, cell=84), "codes", _("mixing the codes, then decoding"))
    wide_picture(picture_grid(through_pixels, per_row=8, cell=84), "pixels", _("mixing the pixels"))


def _new_random_codes() -> None:
    st.session_state[RANDOM_SEED] = int(np.random.default_rng().integers(2**31))


def random_codes(ctx: StepContext) -> None:
    stats = loaders.code_statistics(FIRST_MODEL)
    if FIRST_MODEL not in ctx.trained or stats is None:
        st.info(_("This step needs the dense model and MNIST's test set."))
        return
    if ctx.result_hidden:
        st.caption(_("Eight random codes are decoded when you press Reveal."))
        return
    st.session_state.setdefault(RANDOM_SEED, 0)
    rng = np.random.default_rng(st.session_state[RANDOM_SEED])
    codes = np.stack([analysis.random_code(stats, rng) for _code in range(8)])
    decoded = decode(ctx.trained[FIRST_MODEL], codes)
    wide_picture(picture_grid(decoded, per_row=4, cell=112), "random", _("eight random codes, decoded"))
    st.button(_("Eight more"), icon="🎲", on_click=_new_random_codes)


def _start_quick_demo() -> None:
    try:
        training_job.start_job(job_panel.quick_demo_request(), job_panel.session_label())
    except training_job.JobBusy as busy:
        st.session_state["lesson_train_busy"] = str(busy)


def training_words(run: runs.Run, running: bool) -> str:
    """Where the run is, in a class's words."""
    progress = run.progress
    done, total = progress.get("epoch", 0), progress.get("epochs") or run.request.get("epochs", 1)
    if running and progress.get("phase") == "testing":
        return ngettext(
            "All {total} passes done: scoring the model on the test digits…",
            "All {total} passes done: scoring the model on the test digits…",
            total,
        ).format(total=total)
    if running and not done:
        return _("Starting…")
    if running:
        return ngettext(
            "Training: {done} of {total} passes over the digits done…",
            "Training: {done} of {total} passes over the digits done…",
            total,
        ).format(done=done, total=total)
    if run.status == "finished":
        return ngettext(
            "Finished: {done} pass over the digits.", "Finished: {done} passes over the digits.", done
        ).format(done=done)
    return ngettext("Stopped after {done} pass.", "Stopped after {done} passes.", done).format(done=done)


def _training_now() -> None:
    run, job = job_panel.run_to_show()
    if run is None:
        st.caption(_("Nothing trained yet: press Start."))
        return
    st.markdown(training_words(run, job is not None))
    digits, strip = run.digits(), run.strip()
    if digits is None:
        return
    wide_picture(picture_grid(digits / 255.0, per_row=8, cell=56), "digits", _("8 test digits"))
    if strip is None or len(strip) == 0:
        return
    # The first pass and the latest: the moment blobs become digits stays on screen.
    shown = sorted({0, len(strip) - 1})
    for epoch in shown:
        caption = _("copied after pass {number}").format(number=epoch + 1)
        wide_picture(picture_grid(strip[epoch] / 255.0, per_row=8, cell=56), f"pass-{epoch + 1}", caption)


def train(ctx: StepContext) -> None:
    if not training_job.training_enabled():
        st.info(_("Training is switched off on this server."))
        return
    running = training_job.current_job() is not None
    st.button(
        _("Start the quick demo (about a minute)"),
        type="primary",
        disabled=running,
        on_click=_start_quick_demo,
        help=_("The convolutional model, 3 epochs on 4,096 digits, from random weights."),
    )
    if busy := st.session_state.pop("lesson_train_busy", None):
        st.error(busy, icon="⏳")
    st.fragment(_training_now, run_every=1.0)()
    st.page_link(page_table.TRAIN.file, label=_("More on the Train page"), icon=page_table.TRAIN.icon)


def open_question(ctx: StepContext) -> None:
    st.page_link(page_table.GENERATE.file, label=_("The answer, live: Generate"), icon=page_table.GENERATE.icon)
    st.page_link(page_table.CODE_EXPLORER.file, label=_("Try random codes on the Code explorer"), icon="🎲")
    st.page_link(page_table.MODELS.file, label=_("How the five models are built"), icon=page_table.MODELS.icon)


VIEWS: dict[str, Callable[[StepContext], None]] = {
    "squeeze": squeeze,
    "five": five,
    "code": code,
    "noise": noise,
    "dimensions": dimensions,
    "map": code_map,
    "walk": walk,
    "random": random_codes,
    "train": train,
    "open": open_question,
}
# Views that draw the drawing pad in the page (the sidebar then leaves it out).
PAD_VIEWS = {"squeeze"}
# Views whose question's answer depends on the digit: they work it out.
COMPUTED_ANSWERS: dict[str, Callable[[StepContext], int | None]] = {"five": worst_copy}
