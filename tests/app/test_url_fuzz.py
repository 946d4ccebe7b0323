"""Fuzzed links: every query parameter gets hostile values; the app falls back to defaults with a notice.

Two layers: `read_params` (the parser) takes 5,000 generated queries, and the real app takes
25 generated links through AppTest, each in a new session: one script run of app.py per link
(the entry script that reads the link, draws the sidebar, shows the notices and rewrites the
address bar), with the page body left out.
"""

from __future__ import annotations

import random
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from digits.data import MNIST_TEST_SIZE
from i18n import LANGUAGES
from models.registry import VARIANTS
from ui.state.keys import MNIST_INDEX, PICK_MODE
from ui.state.url_params import MAX_SEED, PARAMS, SOURCES, read_params

APP = str(Path(__file__).resolve().parents[2] / "app.py")
# The parser takes the volume (5,000 queries, milliseconds); the app takes enough links, each a
# whole run of the entry script, for every parameter to arrive kept, refused and repeated.
APP_LINKS = 25
PARSER_QUERIES = 5000

HOSTILE = [
    # wrong types
    "",
    " ",
    "abc",
    "true",
    "null",
    "None",
    "[]",
    "{}",
    "0x10",
    "1e3",
    "1.5",
    "0.5.5",
    "--1",
    "+3",
    "1,5",
    # huge and negative numbers
    "-1",
    "-0.1",
    "-2147483648",
    "2147483648",
    "99999999999999999999",
    "1" * 39,
    "9" * 5000,
    "1e309",
    "-1e308",
    "inf",
    "-inf",
    "nan",
    "NaN",
    "Infinity",
    # unknown variants and near misses
    "DENSE",
    "Dense",
    "dense ",
    "vae",
    "dense\x00",
    "spärse",
    "conv;drop",
    "dense,conv",
    # path-like strings
    "../../etc/passwd",
    "/etc/passwd",
    "..\\..\\windows\\win.ini",
    "%2e%2e%2f",
    "file:///etc/passwd",
    "http://elsewhere.example/x.png",
    "~/.ssh/id_rsa",
    "C:\\Windows",
    # Markdown and HTML that a notice must not render
    "`x` [link](http://elsewhere.example)",
    "<script>alert(1)</script>",
    "![i](http://elsewhere.example/i.png)",
    "**bold**",
    "$x^2$",
    # other digits and forms that int() and float() would take
    "٣",
    "３",
    "1_000",
    "１２",
    "1\u200b",
    "🙂",
    "\n7",
    "\t0.3",
]
SWITCHES = ("0", "1")
PICK_MODES = ("index", "label", "random")
UNKNOWN_KEYS = ["page", "foo", "index[]", "utm_source", "__proto__", "Index", "noise "]


def valid_value(name: str, rng: random.Random) -> str:
    return {
        "variant": lambda: rng.choice(list(VARIANTS)),
        "index": lambda: str(rng.randrange(MNIST_TEST_SIZE)),
        "noise": lambda: f"{rng.randrange(101) / 100:g}",
        "seed": lambda: str(rng.randrange(MAX_SEED + 1)),
        "zero_mean": lambda: rng.choice(SWITCHES),
        "big": lambda: rng.choice(SWITCHES),
        "source": lambda: rng.choice([str.lower, str.upper, str])(rng.choice(SOURCES)),
        "pick": lambda: rng.choice(PICK_MODES),
        "label": lambda: str(rng.randrange(10)),
        # English only: a Russian link writes its notices in Russian (tests/app/test_url_state.py has one).
        "lang": lambda: rng.choice(["en", "EN", "En"]),
    }[name]()


def generated_query(rng: random.Random) -> dict[str, str | list[str]]:
    """A link's query: each parameter absent, valid, hostile or repeated; sometimes unknown keys too."""
    query: dict[str, str | list[str]] = {}
    for param in PARAMS:
        kind = rng.choice(["absent", "valid", "hostile", "hostile", "repeated"])
        if kind == "valid":
            query[param.name] = valid_value(param.name, rng)
        elif kind == "hostile":
            query[param.name] = rng.choice(HOSTILE)
        elif kind == "repeated":
            pool = [valid_value(param.name, rng), rng.choice(HOSTILE)]
            query[param.name] = [rng.choice(pool) for _ in range(rng.randint(2, 3))]
    if rng.random() < 0.3:
        query[rng.choice(UNKNOWN_KEYS)] = rng.choice(HOSTILE)
    return query


def expected(query: dict[str, str | list[str]]) -> tuple[dict[str, object], set[str]]:
    """What a link should give, decided independently of the parser: valid values kept, the rest flagged."""
    values, flagged = {}, set()
    for param in PARAMS:
        values[param.state_key] = param.default
        given = query.get(param.name)
        if given is None:
            continue
        distinct = set(given) if isinstance(given, list) else {given}
        text = next(iter(distinct)).strip() if len(distinct) == 1 else None
        if text is not None and is_valid(param.name, text):
            values[param.state_key] = KEPT_AS.get(param.name, int)(text)
        else:
            flagged.add(param.name)
    return values, flagged


# How a valid value is kept, where not as a whole number.
KEPT_AS = {
    "variant": str,
    "noise": lambda text: round(float(text), 2),
    "zero_mean": lambda text: text == "1",
    "big": lambda text: text == "1",
    "source": lambda text: next(source for source in SOURCES if source.lower() == text.lower()),
    "pick": str.lower,
    "lang": str.lower,
}


def is_valid(name: str, text: str) -> bool:
    if name == "variant":
        return text in VARIANTS
    if name in ("zero_mean", "big"):
        return text in SWITCHES
    if name == "source":
        return text.lower() in {source.lower() for source in SOURCES}
    if name == "pick":
        return text.lower() in PICK_MODES
    if name == "lang":
        return text.lower() in LANGUAGES
    if not text.isascii() or not text.replace(".", "", 1).isdigit():
        return False
    number = float(text)
    limits = {"index": number < MNIST_TEST_SIZE, "seed": number <= MAX_SEED, "noise": number <= 1, "label": number <= 9}
    return limits[name] and (name == "noise" or "." not in text)


def generated_queries(count: int, seed: int) -> list[dict[str, str | list[str]]]:
    rng = random.Random(seed)
    return [generated_query(rng) for _ in range(count)]


def test_the_generator_covers_every_kind_of_value():
    queries = generated_queries(APP_LINKS, seed=8)
    for param in PARAMS:
        given = [q[param.name] for q in queries if param.name in q]
        assert any(isinstance(v, list) for v in given) and any(v in HOSTILE for v in given if isinstance(v, str))
        flags = [param.name in expected(q)[1] for q in queries if param.name in q]
        assert any(flags) and not all(flags), f"{param.name}: both kept and refused values"
    assert any(set(q) - {p.name for p in PARAMS} for q in queries), "unknown keys too"


def test_read_params_survives_every_generated_query():
    for query in generated_queries(PARSER_QUERIES, seed=1):
        values, notices = read_params(query)
        want, flagged = expected(query)
        assert values == want, query
        assert len(notices) == len(flagged), (query, notices)
        for name, notice in zip(sorted(flagged), sorted(notices), strict=True):
            assert notice.startswith(f"Ignored `{name}=") and notice.count("`") == 2, notice
            assert len(notice) < 200 and "](" not in notice and "<" not in notice


def in_link(value: object) -> str:
    """How a value is written in the address bar: switches as 0 and 1."""
    return str(int(value)) if isinstance(value, bool) else str(value)


def run_links(queries: list[dict[str, str | list[str]]]) -> int:
    """Open each link in the app, each in a new AppTest session as a new visitor would; return how many."""
    for number, query in enumerate(queries):
        # A fresh session per link: deleting what the previous link restored cannot work once some
        # of those keys belong to sidebar widgets (the input source, big images).
        at = AppTest.from_file(APP, default_timeout=180)
        at.query_params.update(query)
        at.run()
        want, flagged = expected(query)
        context = f"link {number}: {query}"
        if want[PICK_MODE] != "index":  # picking by label or at random chooses the test index itself
            del want[MNIST_INDEX]
        assert not at.exception, (context, [e.value for e in at.exception])
        assert not at.error, (context, [e.value for e in at.error])
        assert {key: at.session_state[key] for key in want} == want, context
        shown = sorted(info.value.split("=")[0] for info in at.info if info.value.startswith("Ignored `"))
        assert shown == [f"Ignored `{name}" for name in sorted(flagged)], context
        # The address bar is rewritten to the values in use, one per key.
        assert {param.name: at.query_params[param.name] for param in PARAMS} == {
            param.name: in_link(want.get(param.state_key, at.session_state[param.state_key])) for param in PARAMS
        }, context
    return len(queries)


def no_page(pages, **options) -> SimpleNamespace:
    """Stands in for st.navigation: app.py runs in full (link, sidebar, notices, address bar), no page body."""
    return SimpleNamespace(run=lambda: None, url_path="")


@pytest.mark.needs_mnist
def test_the_app_survives_generated_links():
    # The pages only ever see values read_params has checked (their own tests cover them), so
    # the page body is left out here; without it and without Streamlit's garbage collection
    # after every run, each link takes one script run of a few hundred milliseconds.
    with mock.patch.object(st, "navigation", no_page), patch_config_options({"runner.postScriptGC": False}):
        assert run_links(generated_queries(APP_LINKS, seed=8)) >= APP_LINKS
