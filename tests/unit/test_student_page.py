"""serve/student_page.py: the class link's page, in the reader's language, and what it says of a bad code."""

from __future__ import annotations

import gzip
import json
import re

import pytest

from rooms import classroom
from rooms.store import MemoryRoomStore, RoomStoreUnavailable
from serve import student_page
from serve.weight_route import FOREVER
from tests.unit.json_route import call

PAGE_DATA = re.compile(r'<script type="application/json" id="page-data">(.*?)</script>', re.S)


@pytest.fixture
def store(monkeypatch) -> MemoryRoomStore:
    rooms = MemoryRoomStore()
    monkeypatch.setattr(student_page, "shared_store", lambda: rooms)
    return rooms


def open_page(code: str, query: str = "", headers: dict[str, str] | None = None):
    path = f"{student_page.PATH}/{code}"
    return call(student_page.class_page, path, {"code": code}, query, headers=headers)


def test_the_page_of_a_class_holds_the_pad_the_form_and_what_its_script_needs(store):
    code, _token = classroom.start_class(store)
    page = open_page(code, "lang=en")
    text = page.body.decode()
    assert page.status_code == 200 and page.headers["cache-control"] == "no-store"
    assert f"You are in class <strong>{code}</strong>." in text and '<html lang="en">' in text
    assert 'class="drawing-pad"' in text and 'name="meant" value="9"' in text and ">📨 Send<" in text
    data = json.loads(PAGE_DATA.search(text).group(1))
    assert data["code"] == code and data["urls"]["digits"] == f"/api/class/{code}/digits"
    assert [model["key"] for model in data["models"]] == ["dense", "deep", "conv", "denoise", "sparse"]
    # The five weight files start downloading with the page, and the script is named by its content.
    for model in data["models"]:
        assert f'<link rel="preload" href="{model["weights"]["url"]}" as="fetch" crossorigin>' in text
    assert f'<script type="module" src="{student_page.script_url()}"></script>' in text
    assert len(gzip.compress(page.body)) < 6_000  # what a phone waits for, compressed, before its script


@pytest.mark.parametrize(
    "query, headers",
    [
        ("lang=ru", {}),
        ("", {"Accept-Language": "ru-RU,ru;q=0.9,en;q=0.8"}),
        ("", {"Accept-Language": "uk, ru;q=0.9, en;q=0.5"}),  # the first of ours by preference
        ("lang=xx", {"Accept-Language": "ru"}),
    ],
)
def test_the_page_speaks_russian_when_the_link_or_the_browser_says_so(store, query, headers):
    code, _token = classroom.start_class(store)
    text = open_page(code, query, headers).body.decode()
    assert '<html lang="ru">' in text and f"Вы в классе <strong>{code}</strong>." in text
    data = json.loads(PAGE_DATA.search(text).group(1))
    assert data["words"]["sent"].startswith("Отправлено") and data["labels"]["pen_title"] != "Pen"
    assert data["lang"] == "ru"


def test_an_english_browser_without_lang_reads_english(store):
    code, _token = classroom.start_class(store)
    assert '<html lang="en">' in open_page(code, "", {"Accept-Language": "de-DE,en;q=0.5"}).body.decode()


@pytest.mark.parametrize(
    "code, words",
    [
        ("abcdefghjk", "There is no class with this code"),
        ("short", "A class code is 10 letters and digits"),
        ("<script>alert(1)</script>", "A class code is 10 letters and digits"),
    ],
)
def test_a_code_that_names_no_class_says_why_and_offers_the_field(store, code, words):
    page = open_page(code)
    text = page.body.decode()
    assert page.status_code == 404 and words in text
    assert '<form class="join" action="/join" method="get">' in text


def test_a_store_out_of_reach_says_so_on_the_page(monkeypatch):
    def unreachable():
        raise RoomStoreUnavailable("Redis at 127.0.0.1:1 refused the connection")

    monkeypatch.setattr(student_page, "shared_store", unreachable)
    page = open_page("abcdefghjk")
    assert page.status_code == 503 and "Reload this page in a moment" in page.body.decode()


def test_a_typed_code_goes_on_to_its_page_in_the_same_language():
    answer = call(student_page.typed_code, student_page.PATH, {}, "code=+ABCDEFGHJK+&lang=ru")
    assert answer.status_code == 303 and answer.headers["location"] == "/join/abcdefghjk?lang=ru"
    mistyped = call(student_page.typed_code, student_page.PATH, {}, "code=a/b c&lang=ru")
    assert mistyped.headers["location"] == "/join/a%2Fb%20c?lang=ru"  # its page says why, in Russian
    form = call(student_page.typed_code, student_page.PATH, {}, "lang=ru")
    assert form.status_code == 200 and "Введите код с экрана учителя." in form.body.decode()


def test_the_script_is_kept_for_good_under_its_content_s_name():
    name, content = student_page.script()
    answer = call(student_page.asset, f"{student_page.ASSETS_PATH}/{name}", {"name": name})
    assert answer.status_code == 200 and answer.body == content and answer.headers["cache-control"] == FOREVER
    assert b"class DrawingPad" in content and b"function mountPad" in content
    wrong = call(student_page.asset, f"{student_page.ASSETS_PATH}/student-0.js", {"name": "student-0.js"})
    assert wrong.status_code == 404


def test_a_path_with_a_slash_is_no_class_either():
    page = call(student_page.not_a_class, f"{student_page.PATH}/a/b", {"rest": "a/b"}, "lang=ru")
    assert page.status_code == 404 and "Код класса — это 10 букв и цифр" in page.body.decode()
    assert "&#34;" not in page.body.decode()  # the page's own CSS is not escaped
