"""A class opened in Streamlit starts the five models' downloads with the page, not after it.

The class link itself opens the student page (serve/student_page.py), whose HTML preloads the
weights. This header serves a class opened in Streamlit's own student screen (`/class?join=...`,
as a code typed on the Class page does): a phone opening it fetched the weights only once the
drawing pad had mounted, ~10 s after the link was opened on a phone four times slower than this
machine, while its network sat idle through Streamlit's start-up. That answer (Streamlit's index
page) carries a `Link: <...>; rel=preload; as=fetch; crossorigin` header for each of the five
weight files, so the browser downloads them early and the pad's `fetch` finds them there (the same
URL, mode and credentials). At low priority: Streamlit's own scripts, which the page cannot start
without, go first on a slow network (one run each on the slow phone of benchmarks/network.py: pad
ready 16.6 s with the weights at full priority, 15.4 s at low, 16.0 s without the header). The
names are the ones the warm-up published (serve/warm_up.py): before it has run, or without it,
the answer carries no header and the pad fetches as before.
"""

from __future__ import annotations

from urllib.parse import parse_qs

from starlette.datastructures import MutableHeaders

from ui.page_table import CLASS

_link: str | None = None


def remember(urls: list[str]) -> None:
    """The weight files a class link's pad will fetch (their URLs), to announce from now on."""
    global _link
    _link = ", ".join(f"<{url}>; rel=preload; as=fetch; crossorigin; fetchpriority=low" for url in urls) or None


def announces(scope) -> bool:
    """Whether this request opens a student's class link (whose screen draws the pad; the teacher's
    own link, with its token, does not)."""
    if scope["type"] != "http" or scope.get("method") != "GET" or scope.get("path") != CLASS.path:
        return False
    query = parse_qs(scope.get("query_string", b"").decode("latin-1"))
    return "join" in query and "teacher" not in query


class PreloadWeights:
    """ASGI middleware: a class link's answer gets the weights' Link header."""

    def __init__(self, app) -> None:
        self.app = app

    async def __call__(self, scope, receive, send) -> None:
        link = _link
        if link is None or not announces(scope):
            await self.app(scope, receive, send)
            return

        async def with_link(message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])  # ASGI lets a response start without any
                MutableHeaders(scope=message).append("Link", link)
            await send(message)

        await self.app(scope, receive, with_link)
