"""Weights from a training run, tried in this session in place of a variant's shipped weights.

The Train page puts `{variant: run folder}` in session state; `ui.loaders.variants_in_use`
passes the loaded variants through `apply`, so every page uses the run's weights for that
variant, and `render_badge` (in the sidebar) shows which runs are in use with a way back.
Only this session is affected, and the shipped weights are never touched.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from i18n import _
from models.inference import TrainedVariant, load_variant
from models.registry import VARIANTS
from models.weights import WeightsError
from ui.state.keys import TRIED_RUNS

STATE_KEY = TRIED_RUNS


@st.cache_resource(show_spinner=False, max_entries=16)
def _load_run(folder: str, key: str) -> TrainedVariant:
    return load_variant(key, weights_dir=Path(folder))


def load_run(folder: str, key: str) -> TrainedVariant:
    """A run's weights, loaded the way the shipped ones are (checked against their sha256), once per
    server. The spinner is the cache's own, but worded here: a decorator's words are fixed at import,
    before anyone's language is known."""
    with st.spinner(_("Loading the run's weights…")):
        return _load_run(folder, key)


def tried() -> dict[str, str]:
    return st.session_state.setdefault(STATE_KEY, {})


def try_run(key: str, folder: Path) -> None:
    load_run(str(folder), key)  # fail here, on the Train page, rather than on every page
    tried()[key] = str(folder)


def forget(key: str) -> None:
    tried().pop(key, None)


def apply(trained_variants: dict[str, TrainedVariant]) -> dict[str, TrainedVariant]:
    """The loaded variants with this session's tried runs in place of their shipped weights."""
    if not tried():
        return trained_variants
    trained_variants = dict(trained_variants)
    for key, folder in list(tried().items()):
        try:
            trained_variants[key] = load_run(folder, key)
        except (WeightsError, OSError) as error:
            forget(key)  # deleted or damaged since: back to the shipped weights, and say so
            message = _("Went back to the shipped **{model}** weights: {error}")
            reason = error.translated() if isinstance(error, WeightsError) else str(error)
            st.warning(message.format(model=VARIANTS[key].title, error=reason), icon="⚠️")
    return trained_variants


def render_badge() -> None:
    """One badge per variant that uses a run's weights in this session, each with a way back."""
    for key, folder in list(tried().items()):
        badge = _("**{model}** uses your run `{run}`").format(model=VARIANTS[key].title, run=Path(folder).name)
        st.info(f"🧪 {badge}", icon=None)
        if st.button(_("Back to shipped weights"), key=f"untry-{key}", width="stretch"):
            forget(key)
            st.rerun()
