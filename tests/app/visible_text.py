"""Every piece of text a page shows, as AppTest sees it, and how much of it is in Russian.

Read from the element tree's protobufs, so nothing is missed because a test forgot an element
kind: markdown, titles, captions, alerts, widget labels, help and options, tab and expander
labels, chart titles and axes (Plotly's JSON), table headers and cells, and the data the custom
components receive (their labels). The language tests (tests/app/test_languages.py) use it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from google.protobuf.message import Message
from streamlit.testing.v1 import AppTest

# A token of letters, digits and underscores: only the all-letter ones are words (MaxPooling2D,
# encoder_wide and 28 are names or numbers a translation keeps).
TOKEN = re.compile(r"\w+")
CYRILLIC = re.compile(r"[а-яё]", re.IGNORECASE)
# Names, abbreviations and units that stay as they are in Russian text (the article writes them so).
NAMES = set(
    """
    Autoencoder Lab Keras TensorFlow MNIST PCA VAE ReLU Adam BCE KL Habr Chollet Plotly NumPy QR
    URL Redis GPU CPU ms px kB MB dense deep conv denoise sparse ae vae sigmoid relu linear Conv2D
    MaxPooling2D UpSampling2D Dense Flatten Reshape Tol Streamlit Python Docker PgUp PgDn
    PageUp PageDown Space Enter Esc Tab Shift Ctrl Alt GitHub Francois François keras io
    Автоэнкодеры Часть Введение lang ru en kl mse tf np nan inf None InputLayer
    """.lower().split()
)
# Protobuf fields that hold what a person reads (labels, bodies, help, options...).
TEXT_FIELDS = {
    "body",
    "label",
    "help",
    "placeholder",
    "caption",
    "options",
    "text",
    "title",
    "value",
    "default_text",
    "display_value",
    "format_func",
    "captions",
}
SKIPPED_MESSAGES = {"ImageList", "Image", "Imgs"}  # pixels and media URLs, no words


def _strings(message: Message) -> Iterator[str]:
    """Every string field of a protobuf message worth reading, recursively."""
    if type(message).__name__ in SKIPPED_MESSAGES:
        return
    for field, value in message.ListFields():
        values = list(value) if isinstance(value, (list, tuple)) or hasattr(value, "extend") else [value]
        if field.message_type is not None:
            for item in values:
                if isinstance(item, Message):
                    yield from _strings(item)
        elif field.type == field.TYPE_STRING:
            if field.name in TEXT_FIELDS:
                yield from values
            elif field.name in {"spec", "json", "data_json", "data"}:
                for text in values:
                    yield from _json_strings(text)


# Keys of a figure's or component's JSON that hold settings, identifiers or packed numbers, no words.
SETTINGS = {
    "colorscale",
    "font",
    "mode",
    "type",
    "template",
    "bdata",
    "dtype",
    "xref",
    "yref",
    "xanchor",
    "yanchor",
    "dash",
    "barmode",
    "orientation",
    "page",
    "url",
    "key",
    "id",
    "language",
    "lang",
    "color",
    "bgcolor",
    "bordercolor",
    "fillcolor",
    "symbol",
    "hoverinfo",
    "hovermode",
    "dragmode",
    "textposition",
    "fill",
    "anchor",
    "side",
    "scaleanchor",
    "constrain",
}


def _json_strings(text: str) -> Iterator[str]:
    """The strings of a JSON document (a Plotly figure, a component's data), keys aside."""
    try:
        document = json.loads(text)
    except (ValueError, TypeError):
        return
    stack = [document]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            if not item.startswith(("data:", "http", "/", "#", "rgb")):
                yield item
        elif isinstance(item, dict):
            # Plotly's own settings (colours, modes, fonts) are no text; its titles and labels are.
            stack.extend(v for k, v in item.items() if k not in SETTINGS)
        elif isinstance(item, list):
            stack.extend(item)


def visible_text(at: AppTest) -> list[str]:
    """The texts of every element on the page (main area and sidebar)."""
    texts = []
    for node in _nodes(at._tree):
        if type(node).__name__ == "Dataframe":  # an Arrow table: its headers and text cells
            table = node.value
            texts.extend(str(name) for name in table.columns)
            texts.extend(str(cell) for column in table.columns for cell in table[column] if isinstance(cell, str))
            continue
        proto = getattr(node, "proto", None)
        if isinstance(proto, Message):
            texts.extend(text for text in _strings(proto) if text.strip())
    return texts


def _nodes(node) -> Iterator:
    yield node
    children = getattr(node, "children", None)
    if isinstance(children, dict):
        for child in children.values():
            yield from _nodes(child)


def words(texts: list[str]) -> list[str]:
    """The words of `texts` a translation must change: names, abbreviations and units left out."""
    found = []
    for text in texts:
        # Links, code, formulas, placeholders, markup and style sheets are not words a reader reads.
        text = re.sub(
            r"<style>.*?</style>|\$[^$]+\$|\\[A-Za-z]+|\S+\.bin\b|https?://\S+|\S+\?\S+=\S*|`[^`]*`|\{[^}]*\}|<[^>]+>",
            " ",
            text,
            flags=re.DOTALL,
        )
        found.extend(
            word for word in TOKEN.findall(text) if len(word) > 1 and word.isalpha() and word.lower() not in NAMES
        )
    return found


def cyrillic_share(texts: list[str]) -> float:
    """The share of words written in Cyrillic (1.0 for a page with no words)."""
    found = words(texts)
    return sum(bool(CYRILLIC.search(word)) for word in found) / len(found) if found else 1.0


def english_words(texts: list[str]) -> list[str]:
    return [word for word in words(texts) if not CYRILLIC.search(word)]
