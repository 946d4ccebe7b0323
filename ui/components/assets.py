"""The text of the components' HTML, CSS and JavaScript files, read once from this folder.

A v2 component's JavaScript is one inline ES module, so it cannot import a file of its own:
`component_js` puts the shared modules (inference.js: the models, `AutoencoderInference`,
after its WebAssembly kernels, kernels_wasm.js and kernels.js; live.js: what every component
repeats, `LiveComponent`) in front of a component's JavaScript, which then calls both
directly. No Streamlit import here, so tests can read the same text.
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


# The models in the browser: the compiled kernels, their runtime, then inference.js, which uses them.
INFERENCE_JS = ("kernels_wasm.js", "kernels.js", "inference.js")
SHARED_JS = (*INFERENCE_JS, "live.js")


def inference_js() -> str:
    """The text a page needs for `AutoencoderInference` (tests and benchmarks add it as a <script>)."""
    return "\n".join(read_asset(file) for file in INFERENCE_JS)


def component_js(name: str, helpers: tuple[str, ...] = ()) -> str:
    """The shared modules, then `helpers` (files the component needs), then `<name>.js`: one ES module."""
    return "\n".join(read_asset(file) for file in (*SHARED_JS, *helpers, f"{name}.js"))
