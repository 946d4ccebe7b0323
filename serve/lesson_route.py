"""`/api/lesson/<room>/step`: the step a lesson's room is on, for its screens to poll.

The projected lesson and its teacher's notes view share a room (ui/lesson/progress.py); each
screen asks here, a few times a second, and reruns its page only when the room's step is not the
one it shows (ui/components/room_watch.js). Answers: 200 {"version": "<step>"} (null for a room
no screen has written yet); 503 {"version": null, "state": "unreachable"} when the rooms' store is
out of reach. Never cached.
"""

from __future__ import annotations

from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from rooms.lesson_room import ROOM_FIELD, STEP_URL_PATH
from rooms.store import RoomStoreUnavailable, is_room_code
from serve.class_route import NEVER_CACHED, shared_store


def _step(room: str) -> str | None:
    return shared_store().read(room, ROOM_FIELD)


async def lesson_step(request: Request) -> JSONResponse:
    room = request.path_params["room"]
    if not is_room_code(room):
        return JSONResponse({"version": None}, headers=NEVER_CACHED)
    try:
        step = await run_in_threadpool(_step, room)  # a Redis round trip: not on the event loop
    except RoomStoreUnavailable:
        return JSONResponse({"version": None, "state": "unreachable"}, status_code=503, headers=NEVER_CACHED)
    return JSONResponse({"version": step}, headers=NEVER_CACHED)


ROUTES = [Route(STEP_URL_PATH + "/{room}/step", lesson_step, methods=["GET"])]
