"""What a class's student page (serve/student_page.py) asks of the server, as JSON over HTTP.

    POST /api/class/<code>/students  {"student": an id kept from before, or none}
         → {"student": id}: the same id while it is one of the class's (a reload stays the same
           student), a new one otherwise
    POST /api/class/<code>/digits    {"student", "name", "meant": 0-9 or null, "pixels": 784 numbers}
         → {"index": the digit's place on the board}
    GET  /api/class/<code>/board?student=<id>  → {"version", "counts", "mine", "caption", "latest", ...}
    GET  /api/class/<code>/map.png?student=<id>&v=<version>  → the map, the student's digits as stars
    GET  /api/class/<code>/latest.png?v=<version>  → the latest digits, each beside its copy

Each answer is in the language of `lang=` in the query (English by default), refusals included:
400 {"error"} for what the request got wrong (an empty pad, a limit reached), 404 {"error",
"state": "gone"} when the class ended or never was, 503 {"error", "state": "unreachable"} when the
rooms' store is out of reach. Nothing is cached by the browser but the two pictures: each shows the
board as it is when asked, and `v`, the version the page last saw, makes a new address for each
version, so a picture is kept only until the board changes.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import i18n
from i18n import N_, _
from rooms import classroom
from rooms.board_cache import BOARDS
from rooms.classroom import MAX_NAME_LENGTH
from rooms.store import RoomStoreUnavailable
from serve.class_route import NEVER_CACHED, shared_store

MAX_BODY_BYTES = 64_000  # a digit's 784 numbers to 4 decimals are ~6 kB
MAP_MISSING = N_("The map needs the 2-number VAE and MNIST's test set.")
PICTURE_CACHING = "private, max-age=3600"  # the address names the board's version: a new one, a new picture


def _language(request: Request) -> str:
    return request.query_params.get(i18n.LANG_PARAM, i18n.DEFAULT_LANGUAGE)


async def _answer(request: Request, action: Callable[[], object]) -> Response:
    """Run `action` off the event loop in the request's language; refusals become their answers."""
    language = _language(request)

    def in_language():
        with i18n.speaking(language):
            try:
                return action()
            except RoomStoreUnavailable as error:
                message = _(
                    "The class cannot be reached right now: {error}. This screen tries again every few seconds."
                )
                answer = {"error": message.format(error=error), "state": "unreachable"}
                return JSONResponse(answer, 503, headers=NEVER_CACHED)
            except classroom.ClassGone as gone:
                return JSONResponse({"error": str(gone), "state": "gone"}, 404, headers=NEVER_CACHED)
            except classroom.ClassError as refusal:
                return JSONResponse({"error": str(refusal)}, 400, headers=NEVER_CACHED)

    answer = await run_in_threadpool(in_language)
    return answer if isinstance(answer, Response) else JSONResponse(answer, headers=NEVER_CACHED)


async def _body(request: Request) -> dict | None:
    """The request's JSON object, or None for a body the server cannot read: larger than
    MAX_BODY_BYTES (refused as it arrives, never held whole), not JSON, or not an object."""
    if int(request.headers.get("content-length") or 0) > MAX_BODY_BYTES:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_BODY_BYTES:
            return None
    try:
        fields = json.loads(body or b"{}")
    except ValueError:
        return None
    return fields if isinstance(fields, dict) else None


async def _posted(request: Request, action: Callable[[str, dict], object]) -> Response:
    """Answer a POST: `action(code, fields)` with the body's JSON object, or why it could not be read."""
    fields = await _body(request)
    if fields is None:
        with i18n.speaking(_language(request)):
            message = _("The page sent something the server could not read: reload the page.")
        return JSONResponse({"error": message}, 400, headers=NEVER_CACHED)
    return await _answer(request, lambda: action(request.path_params["code"], fields))


def _join_or_return(code: str, fields: dict) -> dict:
    """The student the page kept, while still one of the class's (a reload), else a new one."""
    store, known = shared_store(), fields.get("student")
    if classroom.is_student(store, code, known):
        classroom.check_in(store, code, known)
        return {"student": known}
    return {"student": classroom.join(store, code)}


def _rename_and_send(code: str, fields: dict) -> dict:
    """The name as typed now (cleaned to 24 characters by rename), then the digit: each refuses what
    is wrong (not a student of the class, not a digit, a limit) with its message."""
    store, student, name = shared_store(), fields.get("student"), fields.get("name")
    classroom.rename(store, code, student, name[: MAX_NAME_LENGTH * 4] if isinstance(name, str) else None)
    return {"index": classroom.send(store, code, student, fields.get("pixels"), fields.get("meant"))}


async def join(request: Request) -> Response:
    return await _posted(request, _join_or_return)


async def send(request: Request) -> Response:
    return await _posted(request, _rename_and_send)


def _current_board(code: str, student: str | None = None) -> tuple[str, classroom.Board]:
    """The board's version (checking `student` in) and the board as of it, shared by every page."""
    return BOARDS.current(shared_store(), code, checking_in=student)


def _mine(board: classroom.Board, student: str | None) -> set[int]:
    return {digit.index for digit in board.digits if student is not None and digit.student == student}


async def board(request: Request) -> Response:
    code, student = request.path_params["code"], request.query_params.get("student")

    def summary() -> dict:
        from ui.classroom import board_view  # Streamlit's caches: once its runtime runs

        version, shown = _current_board(code, student)
        mine = _mine(shown, student)
        return {
            "version": version,
            "counts": board_view.counts_line(shown).replace("**", ""),  # Markdown's bold: the page's text is plain
            "mine": len(mine),
            "caption": board_view.student_map_caption(mine=bool(mine)),
            "latest": board_view.latest_line(shown, mine) if shown.digits else None,
            "latestCaption": board_view.latest_caption(),
        }

    return await _answer(request, summary)


async def map_picture(request: Request) -> Response:
    code, student = request.path_params["code"], request.query_params.get("student")

    def picture() -> Response:
        from ui.classroom import board_view

        _version, shown = _current_board(code)
        png = board_view.student_map_png(code, shown, _mine(shown, student))
        if png is None:
            return JSONResponse({"error": _(MAP_MISSING)}, 404, headers=NEVER_CACHED)
        return Response(png, media_type="image/png", headers={"Cache-Control": PICTURE_CACHING})

    return await _answer(request, picture)


async def latest_picture(request: Request) -> Response:
    code = request.path_params["code"]

    def picture() -> Response:
        from ui.classroom import board_view

        _version, shown = _current_board(code)
        if not shown.digits:
            message = _("No digits yet: they appear here as the class sends them.")
            return JSONResponse({"error": message}, 404, headers=NEVER_CACHED)
        return Response(
            board_view.latest_png(code, shown), media_type="image/png", headers={"Cache-Control": PICTURE_CACHING}
        )

    return await _answer(request, picture)


def url(code: str, what: str) -> str:
    """Where the student page asks for `what` ("students", "digits", "board", "map.png") of class `code`."""
    return f"{classroom.CLASS_API_PATH}/{code}/{what}"


ROUTES = [
    Route(classroom.CLASS_API_PATH + "/{code}/students", join, methods=["POST"]),
    Route(classroom.CLASS_API_PATH + "/{code}/digits", send, methods=["POST"]),
    Route(classroom.CLASS_API_PATH + "/{code}/board", board, methods=["GET"]),
    Route(classroom.CLASS_API_PATH + "/{code}/map.png", map_picture, methods=["GET"]),
    Route(classroom.CLASS_API_PATH + "/{code}/latest.png", latest_picture, methods=["GET"]),
]
