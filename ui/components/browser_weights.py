"""Each variant's weights for the browser, sent once per session whichever component needs them.

A component passes `browser_weights(key)` in its data; its JavaScript hands it to
`AutoencoderInference.variantFrom`. The first time in a session the dict carries the export
(models/browser_export.py, 0.26–1.4 MB); afterwards only its id, since the page keeps loaded
variants across reruns and components. Should a page ever miss them (a rerun that never
reached the browser), the component reports the id with `setTriggerValue("missing_weights", id)`
and its mount passes `on_missing_weights_change=resend_missing_weights(key_of_component)`.
"""

from __future__ import annotations

import streamlit as st

from models.browser_export import export_trained
from models.inference import TrainedVariant

_SENT = "browser_weights_sent"


@st.cache_resource(show_spinner=False)
def _exported(key: str, weights_id: str, _trained: TrainedVariant) -> dict:
    # `weights_id` (key + sha256) is the cache key: new weights on disk mean a new export.
    return export_trained(_trained)


def weights_id(trained: TrainedVariant) -> str:
    return f"{trained.variant.key}-{str(trained.metadata.get('sha256', 'unknown'))[:16]}"


def browser_weights(trained: TrainedVariant) -> dict:
    """{"id", "exported"}: the export the first time this session, then {"id", "exported": None}."""
    identifier = weights_id(trained)
    sent: set[str] = st.session_state.setdefault(_SENT, set())
    if identifier in sent:
        return {"id": identifier, "exported": None}
    sent.add(identifier)
    return {"id": identifier, "exported": _exported(trained.variant.key, identifier, trained)}


def resend_missing_weights(component_key: str):
    """A callback for `on_missing_weights_change`: the page lacks a variant, so send it again."""

    def resend() -> None:
        result = st.session_state.get(component_key)
        missing = getattr(result, "missing_weights", None) if result is not None else None
        if isinstance(missing, str):
            st.session_state.setdefault(_SENT, set()).discard(missing)

    return resend
