"""A lesson's room: the step its screens share (the projected lesson and the teacher's notes view).

The step lives in the room's field `ROOM_FIELD`, written by the screen that moved the lesson
(ui/lesson/progress.py) and read by the others, which ask for it over HTTP (serve/lesson_route.py).
"""

from __future__ import annotations

ROOM_FIELD = "lesson_step"
STEP_URL_PATH = "/api/lesson"


def step_url(room: str) -> str:
    """Where a lesson's screen asks which step room `room` is on."""
    return f"{STEP_URL_PATH}/{room}/step"
