"""A student's side of a class in Streamlit: a nickname (optional), the live pad, the digit meant, Send.

(The class link opens the student page served without Streamlit, serve/student_page.py; this screen
is a class opened at `/class?join=<code>`, as links did before.)

The pad is the same live component as everywhere (the five reconstructions follow the pen);
Send puts the digit on the class's board, and the map and gallery below show where it landed
among the others'. Every refusal (an empty pad, a limit reached, a class that ended) is a message.
"""

from __future__ import annotations

import hashlib
import time
from urllib.parse import urlencode

import numpy as np
import streamlit as st

import i18n
from i18n import N_, _
from rooms import classroom
from rooms.classroom import MAX_NAME_LENGTH
from ui import loaders
from ui.classroom import membership
from ui.components.drawing_pad import BIG_PAD_SIZE, DIGIT_KEY, PAD_SIZE, drawing_pad
from ui.page_table import STUDENT_PAGE_PATH
from ui.state.display import is_big
from ui.state.keys import CLASS_LAST_SENT, CLASS_MEANT, CLASS_NAME, CLASS_SENT

# What the last Send did: (kind, message, the drawing it was about), the message kept in English
# when it is the page's own (translated when shown) or a refusal as the class store's call said it.
# Shown while the pad holds that drawing, through every rerun (the board's changes rerun the page).
SENT_NOTICE = "class_sent_notice"
# The same digit sent again this soon is one press heard twice (a double tap, a message delivered
# twice), not a second digit; later (after the teacher cleared the board, say) it goes again.
DOUBLE_SEND_SECONDS = 10.0
# What Send says, on this screen and on the student page (serve/student_page.py); translated where shown.
EMPTY_PAD = N_("The pad is empty: draw a digit first, then send it.")
SENT_ALREADY = N_("This digit is on the board already: draw another to send again.")
SENT = N_("Sent: your digit is on the class's board (★ on the map).")


def join_link() -> None:
    """For a student who came without the link: the student page's field for the code on the board
    (the same light page the class link opens, not this Streamlit screen)."""
    st.markdown(_("Type the code on the teacher's screen on the class page for phones."))
    st.link_button(
        _("Join with the code"),
        f"{STUDENT_PAGE_PATH}?{urlencode({i18n.LANG_PARAM: i18n.current_language()})}",
        icon="🙋",
        type="primary",
    )


def _drawing_key(digit: np.ndarray | None) -> str | None:
    """Which drawing the pad holds (None for an empty pad)."""
    return None if digit is None else hashlib.sha256(np.asarray(digit, dtype=np.float32).tobytes()).hexdigest()


def _notify(kind: str, message: str, digit: np.ndarray | None) -> None:
    """Say `message` under Send for as long as the pad holds `digit` (the drawing it is about)."""
    st.session_state[SENT_NOTICE] = (kind, message, _drawing_key(digit))


def _rename(code: str, student: str) -> None:
    name = st.session_state.get(CLASS_NAME)
    _done, problem = membership.attempt(lambda: classroom.rename(loaders.room_store(), code, student, name))
    if problem:
        _notify("error", problem, st.session_state.get(DIGIT_KEY))


def _fingerprint(code: str, digit: np.ndarray, meant: int | None) -> str:
    """What makes one Send differ from the last: the class, the drawing and the digit meant."""
    return f"{code}/{_drawing_key(digit)}/{meant!r}"


def _sent_already(code: str, digit: np.ndarray | None, meant: int | None) -> bool:
    last = st.session_state.get(CLASS_LAST_SENT)
    return (
        digit is not None
        and last is not None
        and last[0] == _fingerprint(code, digit, meant)
        and time.monotonic() - last[1] < DOUBLE_SEND_SECONDS
    )


def _send(code: str, student: str, digit: np.ndarray | None) -> None:
    # The pad's latest digit: a Send pressed right after a stroke can arrive in the same rerun as
    # the stroke, after the page last drew (and bound `digit` to) the one before.
    digit = st.session_state.get(DIGIT_KEY, digit)
    meant = st.session_state.get(CLASS_MEANT)
    if digit is None:
        _notify("error", EMPTY_PAD, digit)
        return
    # A double tap on a phone, or a press the server hears twice, puts the digit on the board once.
    if _sent_already(code, digit, meant):
        _notify("info", SENT_ALREADY, digit)
        return
    name = st.session_state.get(CLASS_NAME)

    def rename_and_send() -> int:  # the name as typed now, even if its field never lost the focus
        store = loaders.room_store()
        classroom.rename(store, code, student, name)
        return classroom.send(store, code, student, digit, meant)  # send checks the digit's shape

    index, problem = membership.attempt(rename_and_send)
    if problem:
        _notify("error", problem, digit)
        return
    st.session_state[CLASS_SENT] = [*(st.session_state.get(CLASS_SENT) or []), index]
    st.session_state[CLASS_LAST_SENT] = (_fingerprint(code, digit, meant), time.monotonic())
    _notify("success", SENT, digit)


def screen(code: str, student: str) -> None:
    st.markdown(
        _("You are in class **`{code}`**. Draw a digit, say which one you meant, and send it.").format(code=code)
    )
    pad, form = st.columns([1, 1] if is_big() else [1, 2], gap="large")
    with pad:
        trained, _problems = loaders.load_shipped_variants()
        digit = drawing_pad(trained, size=BIG_PAD_SIZE if is_big() else PAD_SIZE)
    with form:
        st.text_input(
            _("Your first name or a nickname (optional)"),
            key=CLASS_NAME,
            max_chars=MAX_NAME_LENGTH,
            on_change=_rename,
            args=(code, student),
        )
        # Radio buttons wrap onto a second line on a phone; a segmented control runs off its edge.
        st.radio(_("The digit I meant"), list(range(10)), index=None, horizontal=True, key=CLASS_MEANT)
        st.button(
            _("Send"),
            key="class_send",
            type="primary",
            icon="📨",
            on_click=_send,
            args=(code, student, digit),
            disabled=digit is None,  # until the pad's first stroke has reached the server
            help=_("Draw a digit on the pad first.") if digit is None else None,
        )
        kind, message, about = st.session_state.get(SENT_NOTICE) or (None, None, None)
        if about != _drawing_key(st.session_state.get(DIGIT_KEY, digit)):
            kind = None  # a new drawing since: the notice was about the one before
        if kind == "error":
            st.error(_(message), icon="🚫")
        elif kind == "success":
            st.success(_(message), icon="📨")
        elif kind == "info":
            st.info(_(message), icon="📌")
