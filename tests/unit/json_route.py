"""Call one of the app's routes (serve/) without a server, in a unit test."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response

from tests.unit.event_loop import run_apart


def request_for(
    path: str,
    path_params: dict[str, str],
    query: str = "",
    method: str = "GET",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> Request:
    """A Starlette request for `method` `path`?`query` with `body` and `headers`, as a server makes it."""
    scope = {
        "type": "http",
        "method": method,
        "path": path,
        "query_string": query.encode(),
        "headers": [(name.lower().encode(), value.encode()) for name, value in (headers or {}).items()],
        "path_params": path_params,
    }

    async def receive():
        return {"type": "http.request", "body": body, "more_body": False}

    return Request(scope, receive)


def call(handler, path: str, path_params: dict[str, str], query: str = "", method: str = "GET",
         body: bytes = b"", headers: dict[str, str] | None = None) -> Response:  # fmt: skip
    """`handler`'s answer to `method` `path`?`query` with `body` and `headers`."""
    return run_apart(handler(request_for(path, path_params, query, method, body, headers)))


async def call_async(handler, path: str, path_params: dict[str, str], query: str, fields) -> Response:
    """`handler`'s answer to POST `path`?`query` with `fields` as JSON, awaited (to run many at once)."""
    return await handler(request_for(path, path_params, query, "POST", json.dumps(fields).encode()))


def get(handler, path: str, path_params: dict[str, str], query: str = "") -> tuple[int, dict, str]:
    """`handler`'s answer to GET `path`?`query`: its status, its JSON and its Cache-Control."""
    response = call(handler, path, path_params, query)
    return response.status_code, json.loads(response.body), response.headers["cache-control"]


def post(handler, path: str, path_params: dict[str, str], fields, query: str = "") -> tuple[int, dict]:
    """`handler`'s answer to POST `path`?`query` with `fields` as JSON (bytes go as they are)."""
    body = fields if isinstance(fields, bytes) else json.dumps(fields).encode()
    response = call(handler, path, path_params, query, method="POST", body=body)
    return response.status_code, json.loads(response.body)
