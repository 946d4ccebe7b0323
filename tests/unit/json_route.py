"""Call one of the app's routes (serve/) without a server, in a unit test."""

from __future__ import annotations

import json

from starlette.requests import Request
from starlette.responses import Response

from tests.unit.event_loop import run_apart


def call(
    handler,
    path: str,
    path_params: dict[str, str],
    query: str = "",
    method: str = "GET",
    body: bytes = b"",
    headers: dict[str, str] | None = None,
) -> Response:
    """`handler`'s answer to `method` `path`?`query` with `body` and `headers`."""
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

    return run_apart(handler(Request(scope, receive)))


def get(handler, path: str, path_params: dict[str, str], query: str = "") -> tuple[int, dict, str]:
    """`handler`'s answer to GET `path`?`query`: its status, its JSON and its Cache-Control."""
    response = call(handler, path, path_params, query)
    return response.status_code, json.loads(response.body), response.headers["cache-control"]


def post(handler, path: str, path_params: dict[str, str], fields, query: str = "") -> tuple[int, dict]:
    """`handler`'s answer to POST `path`?`query` with `fields` as JSON (bytes go as they are)."""
    body = fields if isinstance(fields, bytes) else json.dumps(fields).encode()
    response = call(handler, path, path_params, query, method="POST", body=body)
    return response.status_code, json.loads(response.body)
