"""`/api/weights/<name>`: a variant's weight file, for the browser to keep.

The name holds the content's hash (models/browser_export.py), so the answer never changes: it
is marked immutable for a year, and a second visit, tab or session in the same browser
downloads no weights at all. Streamlit's own middleware gzips it on the way out.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from models import browser_export

FOREVER = "public, max-age=31536000, immutable"


async def weight_file(request: Request) -> Response:
    # Making a file not yet published reads an h5 file: not on the event loop.
    content = await run_in_threadpool(browser_export.find, request.path_params["name"])
    if content is None:
        return PlainTextResponse("No such weight file.", status_code=404, headers={"Cache-Control": "no-store"})
    return Response(content, media_type="application/octet-stream", headers={"Cache-Control": FOREVER})


ROUTES = [Route(browser_export.URL_PATH + "/{name}", weight_file, methods=["GET"])]
