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
rooms' store is out of reach. Nothing here is cached by the browser except a map, whose address
holds the board's version.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

import i18n
from i18n import _
from rooms import classroom
from rooms.classroom import MAX_NAME_LENGTH
from rooms.store import RoomStoreUnavailable
from serve.class_route import NEVER_CACHED, shared_store

MAX_BODY_BYTES = 64_000  # a digit's 784 numbers to 4 decimals are ~6 kB
MAP_CACHING = "private, max-age=3600"  # the address names the board's version: a new version, a new map


class BadRequest(Exception):
    """What the request itself got wrong; the message is for the person on the page."""


def _language(request: Request) -> str:
    return request.query_params.get("lang", i18n.DEFAULT_LANGUAGE)


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
            except (classroom.ClassError, BadRequest) as refusal:
                return JSONResponse({"error": str(refusal)}, 400, headers=NEVER_CACHED)

    answer = await run_in_threadpool(in_language)
    return answer if isinstance(answer, Response) else JSONResponse(answer, headers=NEVER_CACHED)


async def _body(request: Request) -> dict:
    """The request's JSON object, or a BadRequest (its words translated when raised in a language)."""
    body = await request.body()
    if len(body) > MAX_BODY_BYTES:
        raise BadRequest("too large")
    try:
        fields = json.loads(body or b"{}")
    except ValueError:
        raise BadRequest("not JSON") from None
    if not isinstance(fields, dict):
        raise BadRequest("not a JSON object")
    return fields


async def _read(request: Request) -> dict | Response:
    try:
        return await _body(request)
    except BadRequest as problem:
        with i18n.speaking(_language(request)):
            message = _("The page sent something the server could not read ({problem}): reload it.")
            return JSONResponse({"error": message.format(problem=problem)}, 400, headers=NEVER_CACHED)


async def join(request: Request) -> Response:
    fields = await _read(request)
    if isinstance(fields, Response):
        return fields
    code, known = request.path_params["code"], fields.get("student")

    def join_or_return() -> dict:
        store = shared_store()
        if classroom.is_student(store, code, known):
            classroom.check_in(store, code, known)
            return {"student": known}
        return {"student": classroom.join(store, code)}

    return await _answer(request, join_or_return)


def _meant(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadRequest(_("The digit you meant is one of 0 to 9."))
    return value


async def send(request: Request) -> Response:
    fields = await _read(request)
    if isinstance(fields, Response):
        return fields
    code, student = request.path_params["code"], fields.get("student")

    def rename_and_send() -> dict:
        name = fields.get("name")
        name = name[: MAX_NAME_LENGTH * 4] if isinstance(name, str) else None  # cleaned to 24 by rename
        meant = _meant(fields.get("meant"))
        store = shared_store()
        if not isinstance(student, str) or not classroom.is_student(store, code, student):
            raise classroom.ClassError(_("This screen is not in the class any more: open the class link again."))
        classroom.rename(store, code, student, name)
        return {"index": classroom.send(store, code, student, fields.get("pixels"), meant)}

    return await _answer(request, rename_and_send)


@functools.lru_cache(maxsize=256)
def _board_at(code: str, version: str) -> classroom.Board:
    """The board as of `version`, read from the store once per version and server, however many
    students' pages ask (a name typed since may lag until the next change, as on every screen)."""
    return classroom.board(shared_store(), code)


def _current_board(code: str, student: str | None = None) -> tuple[str, classroom.Board]:
    """The board's version (checking `student` in) and the board as of it."""
    version = classroom.version(shared_store(), code, checking_in=student)
    return version, _board_at(code, version)


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
            message = _("The map needs the 2-number VAE and MNIST's test set.")
            return JSONResponse({"error": message}, 404, headers=NEVER_CACHED)
        return Response(png, media_type="image/png", headers={"Cache-Control": MAP_CACHING})

    return await _answer(request, picture)


async def latest_picture(request: Request) -> Response:
    code = request.path_params["code"]

    def picture() -> Response:
        from ui.classroom import board_view

        _version, shown = _current_board(code)
        if not shown.digits:
            return JSONResponse({"error": _("No digits yet: they appear here as the class sends them.")}, 404)
        return Response(
            board_view.latest_png(code, shown), media_type="image/png", headers={"Cache-Control": MAP_CACHING}
        )

    return await _answer(request, picture)


def url(code: str, what: str) -> str:
    """Where the student page asks for `what` ("students", "digits", "board", "map.png") of class `code`."""
    return f"{classroom.VERSION_URL_PATH}/{code}/{what}"


ROUTES = [
    Route(classroom.VERSION_URL_PATH + "/{code}/students", join, methods=["POST"]),
    Route(classroom.VERSION_URL_PATH + "/{code}/digits", send, methods=["POST"]),
    Route(classroom.VERSION_URL_PATH + "/{code}/board", board, methods=["GET"]),
    Route(classroom.VERSION_URL_PATH + "/{code}/map.png", map_picture, methods=["GET"]),
    Route(classroom.VERSION_URL_PATH + "/{code}/latest.png", latest_picture, methods=["GET"]),
]
