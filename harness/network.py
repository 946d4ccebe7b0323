"""What a browser tab receives, counted through the DevTools protocol's Network events: HTTP bytes
by kind (the models' weight files, Streamlit's frontend, media, the rest) as they came over the wire,
responses the browser's cache answered instead, and the websocket's bytes and largest message.

For benchmarks/network.py and the tests that hold the weight files to "downloaded once".
"""

from __future__ import annotations

import base64
from collections import defaultdict
from urllib.parse import urlparse

from models import browser_export

# True once no weight file is on its way (inference.js keeps those in flight in this map).
WEIGHTS_SETTLED_JS = "() => (globalThis.__autoencoderVariantsLoading?.size ?? 0) === 0"


def kind_of(url: str) -> str:
    path = urlparse(url).path
    if path.startswith(browser_export.URL_PATH + "/"):
        return "weights"
    if path.startswith("/static/"):
        return "frontend"
    if path.startswith("/media/"):
        return "media"
    return "other"


class Traffic:
    """Bytes a tab receives, from the DevTools protocol's Network events."""

    def __init__(self, page) -> None:
        self.urls: dict[str, str] = {}
        self.cached: set[str] = set()
        self.wire: dict[str, int] = defaultdict(int)  # kind -> bytes over the network
        self.from_cache: dict[str, int] = defaultdict(int)  # kind -> responses served by the cache
        self.headers: dict[str, dict[str, str]] = {}  # url -> the response's headers, lower-case names
        self.socket_bytes = 0
        self.largest_message = 0
        self.session = page.context.new_cdp_session(page)
        self.session.on("Network.requestWillBeSent", self._request)
        self.session.on("Network.requestServedFromCache", lambda event: self.cached.add(event["requestId"]))
        self.session.on("Network.responseReceived", self._response)
        self.session.on("Network.loadingFinished", self._finished)
        self.session.on("Network.webSocketFrameReceived", self._frame)
        self.session.send("Network.enable")

    def _request(self, event) -> None:
        self.urls[event["requestId"]] = event["request"]["url"]

    def _response(self, event) -> None:
        response = event["response"]
        self.headers[response["url"]] = {name.lower(): value for name, value in response["headers"].items()}
        if response.get("fromDiskCache") or response.get("fromPrefetchCache"):
            self.cached.add(event["requestId"])

    def _finished(self, event) -> None:
        url = self.urls.get(event["requestId"])
        if url is None or url.startswith("data:"):
            return
        if event["requestId"] in self.cached:
            self.from_cache[kind_of(url)] += 1
        else:
            self.wire[kind_of(url)] += int(event["encodedDataLength"])

    def _frame(self, event) -> None:
        response = event["response"]
        payload = response["payloadData"]
        size = len(base64.b64decode(payload)) if response.get("opcode") == 2 else len(payload.encode())
        self.socket_bytes += size
        self.largest_message = max(self.largest_message, size)
