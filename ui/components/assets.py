"""The text of the components' HTML, CSS and JavaScript files, read once from this folder.

A v2 component's JavaScript is one inline ES module, so it cannot import a file of its own:
`component_js` puts the shared inference module (inference.js) in front of a component's
JavaScript, which then calls `AutoencoderInference` directly. No Streamlit import here, so
tests can read the same text.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

COMPONENTS_DIR = Path(__file__).resolve().parent
INFERENCE_JS_PATH = COMPONENTS_DIR / "inference.js"


@cache
def read_asset(name: str) -> str:
    """The text of `name` (e.g. "code_sliders.css") in ui/components/."""
    return (COMPONENTS_DIR / name).read_text(encoding="utf-8")


def component_js(name: str) -> str:
    """inference.js followed by `<name>.js`: the JavaScript of a component that runs the models."""
    return read_asset("inference.js") + "\n" + read_asset(f"{name}.js")
