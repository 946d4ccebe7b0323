"""Which step the lesson shows, and the room that keeps a projector and a notes view on the same one.

On a session's first visit, the address decides (`?step=4`, `room=…`, `notes=1`), each value
checked, a bad one ignored with a notice. Every lesson has a room (a new one unless the address
names one): moving the step writes it there, and a fragment reads it every 0.4 s, so a second
screen opened with the same room (the teacher's notes view) follows within a second, and the
projector follows a step taken on the notes view.
"""

from __future__ import annotations

import os
from functools import cache
from pathlib import Path

import streamlit as st

from i18n import _
from lesson.plan import LESSON_FILE, Lesson, LessonError, load_lesson
from rooms.lesson_room import ROOM_FIELD, step_url
from rooms.store import RoomStoreUnavailable, is_room_code, new_room_code
from ui import loaders
from ui.components.room_watch import room_watch
from ui.lesson.views import PAD_VIEWS, VIEWS
from ui.page_table import LESSON
from ui.state import url_params
from ui.state.keys import LESSON_NOTES, LESSON_ROOM, LESSON_STEP

ARRIVED = "lesson_arrived"
SEEN_IN_ROOM = "lesson_room_step_seen"  # the room's step as this session last read or wrote it
FOLLOW_SECONDS = 0.4  # a second screen follows within a second: poll, then a rerun (~0.3 s)


# A school's own version of the lesson, in place of the one shipped (lesson/autoencoders.toml).
LESSON_FILE_ENV = "AUTOENCODER_LAB_LESSON"


@cache
def _lesson_at(path: Path) -> Lesson:
    return load_lesson(VIEWS, path)


def the_lesson() -> Lesson:
    """The lesson file, read and checked once per process (LessonError says what is wrong)."""
    return _lesson_at(Path(os.environ.get(LESSON_FILE_ENV) or LESSON_FILE))


def lesson_or_problem() -> tuple[Lesson | None, str | None]:
    try:
        return the_lesson(), None
    except LessonError as error:
        return None, str(error)


def step_number() -> int:
    return st.session_state.get(LESSON_STEP, 1)


def _one_value(name: str) -> str | None:
    values = list(dict.fromkeys(st.query_params.get_all(name)))
    if not values:
        return None
    if len(values) > 1:
        raise ValueError(name)  # the same name twice, with different values
    return values[0].strip()


def _refused(name: str, text: str, count: int) -> str:
    """The notice for a value the link gives that cannot be used: one whole sentence per name."""
    value = url_params.shown(text)
    if name == "step":
        return _("Ignored `step={value}` in the link (must be a step from 1 to {count}).").format(
            value=value, count=count
        )
    if name == "room":
        return _("Ignored `room={value}` in the link (must be a lesson's room code).").format(value=value)
    return _("Ignored `notes={value}` in the link (must be 0 or 1).").format(value=value)


def _read_address(count: int) -> tuple[int | None, str | None, bool, list[str]]:
    """The step, room and notes switch a link carries (None where absent or refused), and notices."""
    notices = []
    checks = {
        "step": lambda text: int(text) if text.isascii() and text.isdigit() and 1 <= int(text) <= count else None,
        "room": lambda text: text if is_room_code(text) else None,
        "notes": lambda text: {"0": False, "1": True}.get(text),
    }
    found = {}
    for name, check in checks.items():
        try:
            text = _one_value(name)
        except ValueError:
            notices.append(_("Ignored `{name}` in the link (given more than once).").format(name=name))
            continue
        if text is None:
            continue
        value = check(text) if len(text) <= url_params.MAX_VALUE_LENGTH else None
        if value is None:
            notices.append(_refused(name, text, count))
        else:
            found[name] = value
    step, room, notes = found.get("step"), found.get("room"), found.get("notes", False)
    return step, room, notes, notices


def arrive(lesson: Lesson) -> list[str]:
    """On this session's first visit to the lesson, take its step, room and view from the address."""
    if st.session_state.get(ARRIVED):
        return []
    st.session_state[ARRIVED] = True
    step, room, notes, notices = _read_address(len(lesson.steps))
    st.session_state[LESSON_NOTES] = notes
    st.session_state[LESSON_ROOM] = room or new_room_code()
    in_room = _room_read(st.session_state[LESSON_ROOM])
    if in_room is not None and in_room.isdigit() and 1 <= int(in_room) <= len(lesson.steps):
        # A room in use: this screen joins the step it is on (the projector opened first).
        st.session_state[LESSON_STEP] = int(in_room)
        st.session_state[SEEN_IN_ROOM] = in_room
    else:
        go_to(step or st.session_state.get(LESSON_STEP, 1), lesson)
    return notices


def _room_read(room: str) -> str | None:
    """The room's step, or None when the store cannot be reached (the lesson goes on without it)."""
    try:
        return loaders.room_store().read(room, ROOM_FIELD)
    except RoomStoreUnavailable:
        return None


def go_to(number: int, lesson: Lesson) -> None:
    """Show step `number` (kept within the lesson) here and on every screen in the room."""
    number = min(max(number, 1), len(lesson.steps))
    st.session_state[LESSON_STEP] = number
    st.session_state[SEEN_IN_ROOM] = str(number)
    room = st.session_state.get(LESSON_ROOM)
    if room:
        try:
            loaders.room_store().write(room, ROOM_FIELD, str(number))
        except RoomStoreUnavailable as error:
            st.toast(_("The notes view cannot follow this step: {error}.").format(error=error), icon="📡")


def move(by: int, lesson: Lesson) -> None:
    go_to(step_number() + by, lesson)


def put_in_address() -> None:
    """The step in the address (a link or QR code opens it); the room and notes view only in this one."""
    private = {"room": st.session_state[LESSON_ROOM]}
    if st.session_state.get(LESSON_NOTES):
        private["notes"] = "1"
    url_params.set_page_params({"step": str(step_number())}, private)


def notes_link() -> str:
    """The relative address of this lesson's notes view (same room, same step)."""
    return f"?step={step_number()}&room={st.session_state[LESSON_ROOM]}&notes=1"


def catch_up(lesson: Lesson) -> None:
    """Before the page draws: if another screen moved the lesson, show its step here."""
    room = st.session_state.get(LESSON_ROOM)
    value = _room_read(room) if room else None
    if value is None or value == st.session_state.get(SEEN_IN_ROOM):
        return
    st.session_state[SEEN_IN_ROOM] = value
    if value.isdigit() and 1 <= int(value) <= len(lesson.steps):
        st.session_state[LESSON_STEP] = int(value)


def follow_room() -> None:
    """Have the browser ask for the room's step every 0.4 s and rerun the page when another screen
    moved the lesson (catch_up then shows its step)."""
    room = st.session_state[LESSON_ROOM]
    room_watch(step_url(room), st.session_state.get(SEEN_IN_ROOM), FOLLOW_SECONDS)


def shows_the_pad(url_path: str) -> bool:
    """Whether the page about to run is the lesson on a step that draws the pad itself."""
    if url_path != LESSON.url_path:
        return False
    lesson, _problem = lesson_or_problem()
    return lesson is not None and lesson.steps[min(step_number(), len(lesson.steps)) - 1].show in PAD_VIEWS
