"""A class: students send the digits they draw; the teacher's screen collects them.

    code, token = start_class(store)              # the teacher's session keeps `token`, secret
    student = join(store, code, "Ada")            # a student's session keeps `student`
    send(store, code, student, pixels, meant=7)   # the digit's index on the board
    board(store, code)                            # what every screen in the class shows
    hide(store, code, token, index)               # the teacher only: a wrong token is refused

Everything lives in a room of a `RoomStore` (in this process, or Redis for several servers),
so any server can answer any student. The teacher is whoever holds the token `start_class`
returned (the room keeps only its SHA-256); a student is whoever holds a student id from
`join` (random, never shown to others). Each refusal is a `ClassError` whose message the page
shows as it is, in the language of the session that asked (the refusal is raised during that
session's run; nothing in a room is text to translate). Ending a class deletes its room, digits
and all; a class with no activity for three hours expires with its room.
"""

from __future__ import annotations

import base64
import binascii
import functools
import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

import numpy as np

from i18n import _, ngettext
from rooms.store import RoomStore, is_room_code, new_room_code

KIND_FIELD, CLASS_KIND = "kind", "class"
TEACHER_FIELD = "teacher"  # the SHA-256 of the teacher's token
CLEARED_FIELD = "cleared_before"  # digits with a smaller index were cleared from the board
DIGITS, HIDDEN = "digits", "hidden"  # the room's lists
STUDENT_PREFIX, SEEN_PREFIX = "student:", "seen:"
CONNECTED_SECONDS = 20  # a student whose screen checked in this recently counts as connected
MAX_NAME_LENGTH = 24
# Where a class's routes answer: the board's version, which every screen polls (serve/class_route.py),
# and what the student page asks (serve/student_api.py).
CLASS_API_PATH = "/api/class"
DIGIT_SIDE = 28


@dataclass(frozen=True)
class ClassLimits:
    """What one class and one server accept; each refusal says which limit was reached."""

    digits_per_student_per_minute: int = 6
    students_per_class: int = 150  # a lecture hall
    joins_per_class_per_minute: int = 300  # a whole hall joining at once, twice: not a script filling the class
    digits_per_class: int = 1500
    classes_per_server: int = 50


@dataclass(frozen=True)
class SentDigit:
    index: int
    student: str  # the sender's id: the page compares it with its own, never shows it
    name: str
    meant: int | None
    pixels: np.ndarray  # (28, 28) float32 in [0, 1], as sent (to 1/255)


@dataclass(frozen=True)
class Board:
    digits: list[SentDigit]  # on the board now, oldest first (hidden and cleared ones left out)
    received: int  # every digit the class has sent, hidden and cleared ones included
    students: int  # who joined
    connected: int  # whose screen checked in within CONNECTED_SECONDS


class ClassError(Exception):
    """Why a class refused: the message is for the person on the page."""


class ClassGone(ClassError):
    """The refusal for a code that names no class (not a code, ended, or expired)."""


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _checked_code(store: RoomStore, code: str) -> dict[str, str]:
    """The class's fields, or a ClassError for a code that is not a class's or one that ended."""
    if not isinstance(code, str) or not is_room_code(code):
        raise ClassGone(
            _("That is not a class code: a class code is 10 letters and digits, as on the teacher's screen.")
        )
    fields = store.read_fields(code)
    if fields.get(KIND_FIELD) != CLASS_KIND:
        raise ClassGone(_("There is no class with this code: it has ended, or expired after 3 hours without activity."))
    return fields


def start_class(store: RoomStore, limits: ClassLimits = ClassLimits()) -> tuple[str, str]:
    """A new class's code and its teacher's secret token."""
    if store.count_rooms(KIND_FIELD, CLASS_KIND) >= limits.classes_per_server:
        raise ClassError(
            ngettext(
                "This server already runs {count} class, its limit: end a finished class or wait for one to expire.",
                "This server already runs {count} classes, its limit: end a finished class or wait for one to expire.",
                limits.classes_per_server,
            ).format(count=limits.classes_per_server)
        )
    code, token = new_room_code(), secrets.token_urlsafe(24)
    store.write(code, TEACHER_FIELD, _token_hash(token))
    store.write(code, KIND_FIELD, CLASS_KIND)  # last: a class is visible only once its teacher is set
    return code, token


def is_teacher(store: RoomStore, code: str, token: str | None) -> bool:
    if not token or not is_room_code(code):
        return False
    expected = store.read(code, TEACHER_FIELD)
    return expected is not None and hmac.compare_digest(expected, _token_hash(token))


def _require_teacher(store: RoomStore, code: str, token: str | None) -> None:
    _checked_code(store, code)
    if not is_teacher(store, code, token):
        raise ClassError(_("Only the teacher who started this class can do that."))


def clean_name(name: str | None) -> str:
    """A nickname as the board shows it: letters, digits, spaces and - ' . only (nothing a page
    could read as Markdown or HTML on the projector), trimmed, at most 24 characters."""
    text = "".join(ch if ch.isalnum() or ch in " -'." else " " for ch in (name or ""))
    return " ".join(text.split())[:MAX_NAME_LENGTH]


def join(store: RoomStore, code: str, name: str | None = None, limits: ClassLimits = ClassLimits()) -> str:
    """A new student's id in the class (keep it in the student's session)."""
    fields = _checked_code(store, code)
    if store.count_in_window(code, "joins", 60) > limits.joins_per_class_per_minute:
        raise ClassError(_("Too many screens are joining this class right now: try again in a minute."))
    if sum(key.startswith(STUDENT_PREFIX) for key in fields) >= limits.students_per_class:
        raise ClassError(
            ngettext(
                "This class is full: it takes {count} student.",
                "This class is full: it takes {count} students.",
                limits.students_per_class,
            ).format(count=limits.students_per_class)
        )
    student = secrets.token_hex(8)
    store.write(code, STUDENT_PREFIX + student, clean_name(name))
    store.write(code, SEEN_PREFIX + student, f"{time.time():.0f}")
    return student


def rename(store: RoomStore, code: str, student: str, name: str | None) -> None:
    fields = _checked_code(store, code)
    if not isinstance(student, str) or STUDENT_PREFIX + student not in fields:
        raise ClassError(_("This screen is not in the class any more: open the class link again."))
    store.write(code, STUDENT_PREFIX + student, clean_name(name))


def is_student(store: RoomStore, code: str, student: object) -> bool:
    """Whether `student` is the id of one of the class's students (a ClassGone if there is no class)."""
    return isinstance(student, str) and STUDENT_PREFIX + student in _checked_code(store, code)


def check_in(store: RoomStore, code: str, student: str) -> None:
    """A student's screen is still open (counted as connected for CONNECTED_SECONDS)."""
    store.write(code, SEEN_PREFIX + student, f"{time.time():.0f}")


def encode_pixels(pixels: np.ndarray) -> str:
    """A digit's 784 pixels as 784 bytes (to 1/255) in base64: ~1,100 characters in the store."""
    return base64.b64encode(np.round(np.clip(pixels, 0, 1) * 255).astype(np.uint8).tobytes()).decode()


def checked_pixels(pixels) -> np.ndarray:
    """A digit as the class keeps it: 28x28 (or 784) finite values in [0, 1], not blank."""
    try:
        array = np.asarray(pixels, dtype=np.float32)
    except (TypeError, ValueError):
        raise ClassError(_("That is not a picture of a digit.")) from None
    if array.size != DIGIT_SIDE * DIGIT_SIDE:
        raise ClassError(
            ngettext(
                "A digit is {side}x{side} pixels; this one has {count} value.",
                "A digit is {side}x{side} pixels; this one has {count} values.",
                array.size,
            ).format(side=DIGIT_SIDE, count=array.size)
        )
    array = array.reshape(DIGIT_SIDE, DIGIT_SIDE)
    if not np.isfinite(array).all() or array.min() < 0 or array.max() > 1:
        raise ClassError(_("A digit's pixels are between 0 (black) and 1 (white); these are not."))
    if array.max() == 0:
        raise ClassError(_("The pad is empty: draw a digit first, then send it."))
    return array


def send(
    store: RoomStore,
    code: str,
    student: str,
    pixels,
    meant: int | None,
    limits: ClassLimits = ClassLimits(),
) -> int:
    """Put a student's digit on the board; its index."""
    fields = _checked_code(store, code)
    if not isinstance(student, str) or STUDENT_PREFIX + student not in fields:
        raise ClassError(_("This screen is not in the class any more: open the class link again."))
    if meant is not None and (isinstance(meant, bool) or not isinstance(meant, int) or not 0 <= meant <= 9):
        raise ClassError(_("The digit you meant is one of 0 to 9."))
    array = checked_pixels(pixels)
    if store.count_in_window(code, f"sent_{student}", 60) > limits.digits_per_student_per_minute:
        raise ClassError(
            ngettext(
                "You can send {count} digit a minute: wait a moment, then send again.",
                "You can send {count} digits a minute: wait a moment, then send again.",
                limits.digits_per_student_per_minute,
            ).format(count=limits.digits_per_student_per_minute)
        )
    item = json.dumps({"s": student, "m": meant, "p": encode_pixels(array)})
    index = store.append(code, DIGITS, item, limits.digits_per_class)
    if index is None:
        raise ClassError(
            ngettext(
                "The class has {count} digit, its limit: the teacher can clear the board.",
                "The class has {count} digits, its limit: the teacher can clear the board.",
                limits.digits_per_class,
            ).format(count=limits.digits_per_class)
        )
    check_in(store, code, student)
    return index


@functools.lru_cache(maxsize=8192)
def _decoded(item: str) -> tuple[str, int | None, np.ndarray] | None:
    """A stored digit's sender, meaning and pixels, or None for an entry that is not one. Stored
    digits never change, and every screen reads the same ones: each is decoded once per process."""
    try:
        entry = json.loads(item)
        pixels = np.frombuffer(base64.b64decode(entry["p"], validate=True), dtype=np.uint8)
        meant = entry["m"]
        if pixels.size != DIGIT_SIDE * DIGIT_SIDE or not (meant is None or meant in range(10)):
            return None
        student = str(entry["s"])
    except (ValueError, KeyError, TypeError, binascii.Error):
        return None
    image = (pixels.astype(np.float32) / 255.0).reshape(DIGIT_SIDE, DIGIT_SIDE)
    image.flags.writeable = False  # shared by every board that shows it
    return student, meant, image


def _parsed(index: int, item: str, names: dict[str, str]) -> SentDigit | None:
    """One stored digit as the board shows it, or None for an entry that is not one (skipped, never
    shown broken)."""
    decoded = _decoded(item)
    if decoded is None:
        return None
    student, meant, image = decoded
    return SentDigit(index, student, names.get(student, ""), meant, image)


def board(store: RoomStore, code: str) -> Board:
    """What the class's screens show: its digits (not hidden or cleared), and who is there."""
    fields = _checked_code(store, code)
    start = int(fields.get(CLEARED_FIELD, "0"))
    hidden = {int(index) for index in store.items(code, HIDDEN) if index.isdigit()}
    items = store.items(code, DIGITS)
    names = {key[len(STUDENT_PREFIX) :]: value for key, value in fields.items() if key.startswith(STUDENT_PREFIX)}
    now = time.time()
    connected = sum(
        key.startswith(SEEN_PREFIX) and value.isdigit() and now - int(value) <= CONNECTED_SECONDS
        for key, value in fields.items()
    )
    digits = [
        digit
        for index, item in enumerate(items)
        if index >= start and index not in hidden and (digit := _parsed(index, item, names)) is not None
    ]
    return Board(digits, len(items), len(names), connected)


def version(store: RoomStore, code: str, checking_in: str | None = None) -> str:
    """Changes whenever the board would (a digit sent, hidden or cleared, a student joining): cheap
    enough to ask twice a second. Names and the connected count follow with the next change.
    `checking_in`: a student id whose screen is asking, checked in if it is one of this class's."""
    fields = _checked_code(store, code)
    if isinstance(checking_in, str) and STUDENT_PREFIX + checking_in in fields:
        check_in(store, code, checking_in)
    students = sum(key.startswith(STUDENT_PREFIX) for key in fields)
    return f"{fields.get(CLEARED_FIELD, '0')}/{store.length(code, HIDDEN)}/{store.length(code, DIGITS)}/{students}"


def version_url(code: str) -> str:
    """Where a screen in class `code` asks for its board's version (serve/class_route.py)."""
    return f"{CLASS_API_PATH}/{code}/version"


def hide(store: RoomStore, code: str, token: str | None, index: int, limits: ClassLimits = ClassLimits()) -> None:
    _require_teacher(store, code, token)
    if not isinstance(index, int) or not 0 <= index < store.length(code, DIGITS):
        raise ClassError(_("There is no such digit on the board."))
    if str(index) not in store.items(code, HIDDEN):  # hiding twice changes nothing
        store.append(code, HIDDEN, str(index), limit=limits.digits_per_class)


def clear(store: RoomStore, code: str, token: str | None) -> None:
    """Take every digit sent so far off the board (new ones appear as they come)."""
    _require_teacher(store, code, token)
    store.write(code, CLEARED_FIELD, str(store.length(code, DIGITS)))


def end(store: RoomStore, code: str, token: str | None) -> None:
    """End the class: its room, with every digit and name, is deleted at once."""
    _require_teacher(store, code, token)
    store.delete(code)


def any_class_running(store: RoomStore) -> bool:
    return store.count_rooms(KIND_FIELD, CLASS_KIND) > 0
