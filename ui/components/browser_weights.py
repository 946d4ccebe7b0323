"""Each variant's weights for the browser: a component's data names a file, never holds it.

A component passes `browser_weights(trained)` ({"id", "url"}) in its data; its JavaScript
hands it to `LiveComponent.weightsReady`, which fetches the file once per page
(`AutoencoderInference.fetchVariant`). The file (models/browser_export.py, float16, 0.1–0.5 MB)
is made once per process and served by serve/weight_route.py under a name that holds its
content's hash, so the browser keeps it across reruns, pages, tabs and visits, and a rerun's
message carries only a name. Should a fetch fail, live.js says so in the words of
`weights_missing_label`, which a component passes in its data as `labels.weights_missing`.
"""

from __future__ import annotations

import streamlit as st

from i18n import _
from models import browser_export
from models.inference import TrainedVariant


@st.cache_resource(show_spinner=False, max_entries=browser_export.MAX_FILES)
def _published(weights_id: str, _trained: TrainedVariant) -> str:
    # `weights_id` (key + the h5 file's sha256) is the cache key: new weights on disk, new file.
    return browser_export.publish(_trained)


def weights_id(trained: TrainedVariant) -> str:
    return f"{trained.variant.key}-{str(trained.metadata.get('sha256', 'unknown'))[:16]}"


def browser_weights(trained: TrainedVariant) -> dict:
    """{"id": the file's name, "url": where the browser fetches it}."""
    name = _published(weights_id(trained), trained)
    return {"id": name, "url": browser_export.url(name)}


def weights_missing_label() -> str:
    """What a live component shows while its weights fail to arrive (live.js puts the error for `{error}`)."""
    return _("The models' weights did not arrive ({error}); trying again…")
