"""The Russian catalog against the code: every message a person can read has a translation, with
the same placeholders, and the language helpers write Russian as Russian is written."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

import i18n

ROOT = Path(__file__).resolve().parents[2]
PLACEHOLDER = re.compile(r"\{[A-Za-z_][\w.]*(?::[^{}]*)?\}")  # str.format fields; TeX {,} is none


def messages_in_the_code() -> dict[tuple[str, str | None], str]:
    """Every message `make translations` would extract (i18n/babel.cfg), as (msgid, context) -> where
    it is first; a plural message by its singular."""
    with (ROOT / "i18n" / "babel.cfg").open() as config:
        method_map, options_map = parse_mapping_cfg(config)
    found = {}
    for filename, lineno, message, _comments, context in extract_from_dir(str(ROOT), method_map, options_map):
        msgid = message[0] if isinstance(message, tuple) else message
        found.setdefault((msgid, context), f"{filename}:{lineno}")
    return found


@pytest.fixture(scope="module")
def russian():
    with i18n.catalog_path("ru").open("rb") as po_file:
        return read_po(po_file, locale="ru")


@pytest.fixture(scope="module")
def extracted():
    return messages_in_the_code()


def singular(entry) -> str:
    return entry.id[0] if isinstance(entry.id, tuple) else entry.id


def forms(entry) -> list[str]:
    return list(entry.string) if isinstance(entry.string, tuple) else [entry.string]


def test_every_message_of_the_code_has_a_russian_translation(russian, extracted):
    missing = []
    for (msgid, context), where in extracted.items():
        entry = russian.get(msgid, context=context)
        if entry is None or entry.fuzzy or not all(forms(entry)):
            missing.append(f"{where}: {msgid!r}")
    assert not missing, f"{len(missing)} messages without a translation (run `make translations`):\n" + "\n".join(
        missing[:40]
    )


def test_a_translation_keeps_the_placeholders_of_its_message(russian):
    wrong = []
    for entry in russian:
        if not entry.id:
            continue
        expected = set(PLACEHOLDER.findall(entry.id[-1] if isinstance(entry.id, tuple) else entry.id))
        for string in forms(entry):
            if string and set(PLACEHOLDER.findall(string)) != expected:
                wrong.append(f"{singular(entry)!r} -> {string!r}")
    assert not wrong, "\n".join(wrong)


def test_the_catalog_holds_nothing_the_code_no_longer_says(russian, extracted):
    stale = [singular(entry) for entry in russian if entry.id and (singular(entry), entry.context) not in extracted]
    assert not stale, stale


def test_russian_numbers_and_percentages_are_written_the_russian_way(monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "ru")
    assert i18n.number(0.0773, "0.0000") == "0,0773"
    assert i18n.percent(0.36) == "36\xa0%"
    assert i18n.percent(0.0084, decimals=1) == "0,8\xa0%"
    monkeypatch.setattr(i18n, "_language_source", lambda: "en")
    assert i18n.number(0.0773, "0.0000") == "0.0773"
    assert i18n.percent(0.36) == "36%"
    assert i18n.percent(0.0084, decimals=1) == "0.8%"


def test_an_unknown_language_reads_english(monkeypatch):
    monkeypatch.setattr(i18n, "_language_source", lambda: "xx")
    assert i18n.current_language() == "en"
    assert i18n._("Share this view") == "Share this view"


def test_speaking_a_language_holds_only_inside_and_only_in_its_own_thread():
    from concurrent.futures import ThreadPoolExecutor

    message = "Class code"
    with i18n.speaking("ru"):
        assert i18n._(message) == "Код класса"
        with ThreadPoolExecutor(1) as pool:  # another thread keeps its own language (the source's)
            assert pool.submit(i18n._, message).result() == message
        with i18n.speaking("xx"):
            assert i18n._(message) == message  # a language we do not have reads English
        assert i18n.current_language() == "ru"
    assert i18n._(message) == message


@pytest.mark.parametrize(
    "header, language",
    [
        ("ru-RU,ru;q=0.9,en;q=0.8", "ru"),
        ("uk, ru;q=0.9, en;q=0.5", "ru"),
        ("en;q=0.4, ru;q=0.7", "ru"),
        ("de-DE, en-GB;q=0.8", "en"),
        ("ru;q=0", "en"),  # q=0: not acceptable
        ("", "en"),
        (None, "en"),
        ("ru;q=abc, en", "en"),
    ],
)
def test_the_browser_s_preferred_language_follows_its_q_values(header, language):
    assert i18n.preferred_language(header) == language
