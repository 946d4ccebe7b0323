"""Who this screen is in a class: its teacher, a student, or not in one yet.

On a session's first visit the address decides: `?join=<code>` makes a student of it (a bad
or unknown code is refused with a notice, never a traceback), and `?teacher=<token>` together
with the code takes a class back after a reload (the teacher's private link; it never goes
into the address bar the class sees). The room store's failures (a Redis that cannot be
reached) become one message the page shows, in this session's language; a store fault's message
is a `StoreFault`, so the page tells it from a refusal by its kind, never by its words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

import streamlit as st

from i18n import _
from rooms import classroom
from rooms.board_cache import BOARDS
from rooms.classroom import ClassError
from rooms.store import RoomStoreUnavailable, is_room_code
from ui import loaders
from ui.state import url_params
from ui.state.keys import CLASS_CODE, CLASS_LAST_SENT, CLASS_SENT, CLASS_STUDENT, CLASS_TOKEN

ARRIVED = "class_arrived"
JOIN_PARAM, TEACHER_PARAM = "join", "teacher"
Result = TypeVar("Result")


class StoreFault(str):
    """The message for a store out of reach for a moment (not a refusal: the screen keeps its place)."""


def attempt(action: Callable[[], Result]) -> tuple[Result | None, str | None]:
    """Run a class action: its result, or None and the message to show (a refusal or a store fault)."""
    try:
        return action(), None
    except ClassError as error:
        return None, str(error)
    except RoomStoreUnavailable as error:
        message = _("The class cannot be reached right now: {error}. This screen tries again every few seconds.")
        return None, StoreFault(message.format(error=error))


def _one(name: str) -> str | None:
    values = st.query_params.get_all(name)
    return values[0].strip() if len(values) == 1 else None


def arrive() -> list[str]:
    """On this session's first visit, take the class from the address; notices for what was refused."""
    if st.session_state.get(ARRIVED):
        return []
    st.session_state[ARRIVED] = True
    code, token = _one(JOIN_PARAM), _one(TEACHER_PARAM)
    if TEACHER_PARAM in st.query_params:
        del st.query_params[TEACHER_PARAM]  # off the address bar at once, whatever happens next
    if code is None:
        return [] if JOIN_PARAM not in st.query_params else [_("Ignored `join` in the link (given more than once).")]
    if not is_room_code(code):
        notice = _("Ignored `join={code}` in the link: a class code is 10 letters and digits.")
        return [notice.format(code=url_params.shown(code[:40]))]
    if token is not None:
        teacher, problem = attempt(lambda: classroom.is_teacher(loaders.room_store(), code, token))
        if teacher:
            become_teacher(code, token)
            return []
        if problem:
            return [problem]
        return [_("The teacher's link did not match this class: this screen joins it as a student."), *_join(code)]
    return _join(code)


def _join(code: str) -> list[str]:
    student, problem = attempt(lambda: classroom.join(loaders.room_store(), code))
    if problem:
        return [problem]
    st.session_state.update({CLASS_CODE: code, CLASS_STUDENT: student, CLASS_TOKEN: None, CLASS_SENT: []})
    return []


def become_teacher(code: str, token: str) -> None:
    st.session_state.update({CLASS_CODE: code, CLASS_TOKEN: token, CLASS_STUDENT: None, CLASS_SENT: []})


def leave() -> None:
    """This screen is in no class any more (the class ended, or the person left it)."""
    for key in (CLASS_CODE, CLASS_TOKEN, CLASS_STUDENT, CLASS_LAST_SENT):
        st.session_state[key] = None
    st.session_state[CLASS_SENT] = []


def code() -> str | None:
    return st.session_state.get(CLASS_CODE)


def token() -> str | None:
    return st.session_state.get(CLASS_TOKEN)


def student() -> str | None:
    return st.session_state.get(CLASS_STUDENT)


def on_a_student_screen() -> bool:
    """Whether this run is (or is about to become) a student's screen in a class: in one as a
    student, or arriving by a class link that is not the teacher's."""
    if token() or TEACHER_PARAM in st.query_params:
        return False
    return student() is not None or JOIN_PARAM in st.query_params


def fetch_board(code: str) -> tuple[str | None, classroom.Board | None, str | None]:
    """The board's version and the board as of it (a digit arriving after makes the watcher redraw),
    or the message saying why there is none (the class ended, the store is down)."""
    current, problem = attempt(lambda: BOARDS.current(loaders.room_store(), code))
    if problem:
        return None, None, problem
    version, board = current
    return version, board, None


def training_refusal() -> str | None:
    """While a class runs on these servers, only its teacher's screen may start training (a class
    watching one run, not thirty students each starting their own); None when this screen may."""
    running, problem = attempt(lambda: classroom.any_class_running(loaders.room_store()))
    if problem or not running:
        return None  # no class (or no store to ask): training works as without class mode
    teaching, _problem = attempt(lambda: classroom.is_teacher(loaders.room_store(), code() or "", token()))
    if teaching:
        return None
    return _(
        "A class is running on this server: only its teacher (the screen that started the class) can "
        "start training until the class ends."
    )


def class_is_gone(problem: str) -> bool:
    """Whether `problem` says the class ended (leave it), not that the store is out of reach for a
    moment (a Redis restart: stay, keep the teacher's token and the student's id, and retry)."""
    return not isinstance(problem, StoreFault)


def put_in_address() -> None:
    """A student's screen keeps the class in its address (a reload joins again); a teacher's
    shows none: the projected address bar must not hand out the teacher's role."""
    if code() and student():
        url_params.set_page_params({JOIN_PARAM: code()})
