"""The source of the Keras builders in `models/architectures.py`, read without importing Keras.

The Models page shows the code that builds each model. `inspect.getsource` would need the
module imported, and with it TensorFlow (about a gigabyte per server process), so this
module parses the file with `ast` instead and cuts each function out of the text.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ARCHITECTURES_FILE = Path(__file__).resolve().with_name("architectures.py")


@functools.cache
def _functions() -> dict[str, str]:
    text = ARCHITECTURES_FILE.read_text()
    return {
        node.name: ast.get_source_segment(text, node)
        for node in ast.parse(text).body
        if isinstance(node, ast.FunctionDef)
    }


def function_source(name: str) -> str:
    """The text of the top-level function `name` in models/architectures.py, from `def` to its end."""
    try:
        return _functions()[name]
    except KeyError:
        raise LookupError(f"models/architectures.py has no function {name!r}") from None
