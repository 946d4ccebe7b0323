"""A class link's answer starts the five models' downloads (serve/preload.py)."""

from __future__ import annotations

import pytest

from serve import preload
from tests.unit.event_loop import run_apart

WEIGHTS = ["/api/weights/dense-0123456789abcdef.bin", "/api/weights/conv-fedcba9876543210.bin"]


async def page(scope, receive, send) -> None:
    """Stands in for Streamlit's index page."""
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/html")]})
    await send({"type": "http.response.body", "body": b"<html></html>"})


def headers_for(path: str, query: str = "", method: str = "GET") -> dict[str, str]:
    sent = []

    async def send(message) -> None:
        sent.append(message)

    async def receive():
        return {"type": "http.request"}

    scope = {"type": "http", "method": method, "path": path, "query_string": query.encode(), "headers": []}
    run_apart(preload.PreloadWeights(page)(scope, receive, send))
    assert sent[-1]["body"] == b"<html></html>"  # the page itself goes through untouched
    return {name.decode().lower(): value.decode() for name, value in sent[0]["headers"]}


@pytest.fixture
def remembered():
    preload.remember(WEIGHTS)
    yield
    preload.remember([])


def test_a_class_link_announces_each_weight_file_as_a_fetch_preload(remembered):
    link = headers_for("/class", "join=abcdefghjk")["link"]
    assert link.split(", ") == [f"<{url}>; rel=preload; as=fetch; crossorigin; fetchpriority=low" for url in WEIGHTS]


@pytest.mark.parametrize(
    "path, query, method",
    [
        ("/class", "", "GET"),
        ("/", "join=abcdefghjk", "GET"),
        ("/reconstruct", "", "GET"),
        ("/class", "join=abcdefghjk", "HEAD"),
        ("/class", "join=abcdefghjk&teacher=secret", "GET"),  # the teacher's screen draws no pad
        ("/class", "rejoin=abcdefghjk", "GET"),
    ],
)
def test_other_pages_and_requests_announce_nothing(remembered, path, query, method):
    assert "link" not in headers_for(path, query, method)


def test_before_the_warm_up_named_the_files_nothing_is_announced():
    preload.remember([])
    assert "link" not in headers_for("/class", "join=abcdefghjk")
