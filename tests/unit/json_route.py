"""Call one of the app's JSON routes (serve/) as a GET, without a server, in a unit test."""

from __future__ import annotations

import json

from starlette.requests import Request

from tests.unit.event_loop import run_apart


def get(handler, path: str, path_params: dict[str, str], query: str = "") -> tuple[int, dict, str]:
    """`handler`'s answer to GET `path`?`query`: its status, its JSON and its Cache-Control."""
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "query_string": query.encode(),
        "headers": [],
        "path_params": path_params,
    }
    response = run_apart(handler(Request(scope)))
    return response.status_code, json.loads(response.body), response.headers["cache-control"]
