"""`/api/class/<code>/version`: the class's board version, for the screens in the class to poll.

A screen in a class asks every few seconds whether its board changed (ui/components/room_watch.js)
and reruns its page only when it did. Asking over plain HTTP, and not by a timed Streamlit
fragment, keeps a quiet class quiet: a fragment run redrew nothing yet cost a phone four times
slower than this machine ~120 ms of its main thread every three seconds (a stroke drawn then
stuttered), and the server a script run per screen. `?student=<id>` checks that student's
screen in (connected), as long as the id is one of the class's.

Answers: 200 {"version": "..."}; 404 {"version": null, "state": "gone"} for no such class (ended,
expired, or not a code); 503 {"version": null, "state": "unreachable"} when the rooms' store is
out of reach. Never cached.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from rooms import classroom
from rooms.store import RoomStoreUnavailable, is_room_code

NEVER_CACHED = {"Cache-Control": "no-store"}


def shared_store():
    """The sessions' own rooms (in this process, or the Redis they share): imported when first
    asked, once Streamlit's runtime (whose cache holds the store) is running."""
    from ui import loaders

    return loaders.room_store()


def _version(code: str, student: str | None) -> str:
    return classroom.version(shared_store(), code, checking_in=student)


async def class_version(request: Request) -> JSONResponse:
    code = request.path_params["code"]
    if not is_room_code(code):
        return JSONResponse({"version": None, "state": "gone"}, status_code=404, headers=NEVER_CACHED)
    try:
        # A Redis round trip, or the embedded store's lock: not on the event loop.
        version = await run_in_threadpool(_version, code, request.query_params.get("student"))
    except classroom.ClassError:
        return JSONResponse({"version": None, "state": "gone"}, status_code=404, headers=NEVER_CACHED)
    except RoomStoreUnavailable:
        return JSONResponse({"version": None, "state": "unreachable"}, status_code=503, headers=NEVER_CACHED)
    return JSONResponse({"version": version}, headers=NEVER_CACHED)


ROUTES = [Route(classroom.CLASS_API_PATH + "/{code}/version", class_version, methods=["GET"])]
