"""Generate: the article's last question, answered live with a 2-number autoencoder beside a 2-number VAE."""

import numpy as np
import streamlit as st

from i18n import N_, _, ngettext
from models.inference import encode
from models.registry import PLANE_VARIANTS
from ui import loaders
from ui.components.code_plane import code_planes, plane_model
from ui.generate import code_sizes, planes
from ui.input_panel import current_image
from ui.pictures import digit_picture, picture_columns, picture_grid
from ui.state.display import chart_for_display, is_big
from ui.state.keys import INPUT_SOURCE, MNIST_INDEX

SAMPLE_SEED = "generate_sample_seed"
WALK_TO = "generate_walk_to"
WHY_BLOBS = N_(
    "Why can the plain model give odd shapes? The plain autoencoder was only asked to copy digits, so it put "
    "their codes wherever it liked: clumps with empty space between them, and nothing tells its decoder "
    "what to draw in the gaps. A random code can land in a gap (about 1 in 10 did, over 256 tries), and "
    "there the decoder draws something no digit looks like. The VAE was trained to keep every digit's "
    "code near the centre, spread like a bell curve (N(0, 1) on each axis), and to decode the points "
    "around each code too, so its plane has almost no gaps (under 1 in 100 codes landed in one): any "
    "point near the centre decodes to a digit. The price is blur: it draws the average of nearby digits. "
    "That is the answer to the article's last question."
)

st.title(_("Generate"))
st.markdown(
    _(
        "The article ends by asking: *can we generate digits from codes at will?* Here are two autoencoders "
        "with codes of just **2 numbers**, so each code is a point on a plane: a plain one (the deep dense "
        "shape, narrowed to 2) and a **variational autoencoder** (VAE) of the same sizes. Point anywhere on "
        "either plane (or touch it) to see what its decoder draws there. Your digit is the ★."
    )
)

trained, errors = planes.load_plane_variants()
for key, message in errors.items():
    unavailable = _("**{model}** is unavailable: {reason}").format(model=PLANE_VARIANTS[key].title, reason=message)
    st.warning(unavailable, icon="⚠️")
if len(trained) < 2:
    st.info(_("This page needs both 2-number models: `python -m training --variant ae2` and `--variant vae2`."))
    st.stop()
test = loaders.test_images()
if test is None:
    st.info(_("The planes need MNIST's test set, which is not available here."))
    st.stop()
images, labels = test
image = current_image()

# The walk goes to another digit than the first: its label is known when it was picked from MNIST.
picked = st.session_state.get(INPUT_SOURCE) == "MNIST" and st.session_state.get(MNIST_INDEX) is not None
first_label = int(labels[st.session_state[MNIST_INDEX]]) if picked else None
default_to = next(d for d in (7, 1, 0) if d != first_label)
st.session_state.setdefault(WALK_TO, default_to)
# The walk's end is chosen below the planes, beside its pictures; the planes draw its line from the
# choice this run starts with.
to_label = st.session_state[WALK_TO]
other = images[int(np.flatnonzero(labels == to_label)[0])]

models, codes_of = [], {}
for key, model in trained.items():
    codes, code_labels = planes.test_codes(key)
    codes_of[key] = codes
    walk_to = None if image is None else encode(model, other)
    models.append(
        plane_model(
            model,
            codes,
            code_labels,
            planes.plane_range(codes, model.variant.plan.gaussian),
            planes.manifold_grid(key, codes),
            walk_to,
        )
    )
code_planes(models, image, size=420 if is_big() else 360)
st.caption(
    _(
        "Each dot is one of the 10,000 test digits' codes, coloured by its digit; the axes are the two code "
        "numbers themselves (no projection). Under each plane, a 12 × 12 grid of points decoded: for the VAE "
        "spread like the bell curve it was trained towards, for the plain model across the area its codes "
        "cover. The dashed line is the walk chosen below."
    )
)

if image is not None:
    st.subheader(_("A walk between two digits"))
    st.columns([1, 2])[0].selectbox(
        _("Walk from your digit to a"),
        range(10),
        key=WALK_TO,
        help=_("The first digit with that label in MNIST's test set. The dashed line on each plane is this walk."),
    )
    for model in trained.values():
        row = planes.walk(model, image, other)
        st.image(picture_grid(row, per_row=len(row)), caption=model.variant.title)

st.subheader(_("Sample at random"))
st.markdown(
    _(
        "Draw 16 codes at random and decode them: for the VAE from N(0, 1), what it was trained towards; for "
        "the plain model from a bell curve with the mean and spread of its own test codes, the fairest guess."
    )
)
if st.button(_("Sample 16 codes for each"), icon="🎲"):
    st.session_state[SAMPLE_SEED] = int(np.random.default_rng().integers(2**31))
if SAMPLE_SEED in st.session_state:
    columns = st.columns(2)
    for column, (key, model) in zip(columns, trained.items(), strict=True):
        drawn, in_holes = planes.random_samples(model, codes_of[key], st.session_state[SAMPLE_SEED])
        column.image(
            planes.framed_grid(drawn, in_holes, per_row=4),
            caption=ngettext(
                "{model}: {count} of {total} codes landed in a gap (framed red)",
                "{model}: {count} of {total} codes landed in a gap (framed red)",
                int(in_holes.sum()),
            ).format(model=model.variant.title, count=int(in_holes.sum()), total=len(drawn)),
        )
    st.info(_(WHY_BLOBS), icon="💡")

st.subheader(_("How small can a code be?"))
family = code_sizes.load_code_size_family()
if len(family) < 2:
    st.info(_("The code-size family is not trained here: `python -m training --variant deep4` (and 8, 16, 32)."))
else:
    sizes = ", ".join(str(size) for size in family)
    st.markdown(
        _("The deep dense shape with codes of {sizes} numbers.").format(sizes=sizes)
        + " "
        + code_sizes.halving_costs(family)
    )
    chart, pictures = st.columns([2, 3])
    chart.plotly_chart(chart_for_display(code_sizes.error_chart(family)), key="code_size_chart")
    chart.caption(
        _(
            "Test error on 10,000 digits. Sizes 2 to 32 share one recipe (60 epochs); the 49-number model is "
            "the shipped deep dense one, trained longer (200 epochs)."
        )
    )
    with pictures:
        if image is None:
            st.info(_("Pick, draw or upload a digit in the sidebar to see it at each size."))
        else:
            shown = [(_("your digit"), image), *code_sizes.rebuilt_at_each_size(family, image)]
            for column, (caption, picture) in zip(picture_columns(len(shown)), shown, strict=True):
                column.image(digit_picture(picture), caption=caption)
