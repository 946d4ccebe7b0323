"""The teacher's side of a class: start one, invite the students, and run the board.

The invitation is a code, a link and a QR code of the link (the students' address, as the share
dialog builds it: `AUTOENCODER_LAB_PUBLIC_URL` when set), in the teacher's language (`lang=`: every
screen that opens it reads what the projector shows; a student's own switch can still change it).
The teacher's own link, which takes the
class back after a reload, sits folded away: it is the only place the secret token appears.
"""

from __future__ import annotations

import os
from urllib.parse import urlencode

import streamlit as st

import i18n
from i18n import _
from rooms import classroom
from rooms.classroom import Board
from ui import loaders
from ui.classroom import board_view, membership
from ui.page_table import CLASS, STUDENT_PAGE_PATH
from ui.share import PUBLIC_URL_ENV, link_origin, loopback_notice, qr_picture
from ui.state.display import is_big


def class_link(code: str, token: str | None = None) -> str:
    """The address students open to join: the student page, served without Streamlit (serve/
    student_page.py), which a phone opens in a fraction of the time. With `token`: the teacher's
    private one, which opens this page and takes the class back."""
    origin = link_origin(st.context.url, os.environ.get(PUBLIC_URL_ENV))
    if not token:
        return f"{origin}{STUDENT_PAGE_PATH}/{code}?{urlencode({i18n.LANG_PARAM: i18n.current_language()})}"
    query = {membership.JOIN_PARAM: code, i18n.LANG_PARAM: i18n.current_language(), membership.TEACHER_PARAM: token}
    return f"{origin}{CLASS.path}?{urlencode(query)}"


# Set when this screen ended its class: the start screen says so once (ending shows no class to say it on).
ENDED_NOTICE = "class_ended_notice"


def start_button() -> None:
    if st.session_state.pop(ENDED_NOTICE, False):
        st.success(_("The class has ended: its digits and names are deleted."), icon="🛑")
    st.markdown(_("Start a class, then show its QR code: students join on their phones and send the digits they draw."))
    if st.button(_("Start a class"), key="class_start", type="primary", icon="🧑‍🏫"):
        started, problem = membership.attempt(lambda: classroom.start_class(loaders.room_store()))
        if problem:
            st.error(problem, icon="🚫")
            return
        membership.become_teacher(*started)
        st.rerun()


def invitation(code: str, large: bool) -> None:
    """The code, the link and its QR code: large while the board is empty, folded beside it after."""
    link = class_link(code)
    if large:
        words, picture = st.columns([3, 2])
        with words:
            st.markdown("### " + _("Join with the code **`{code}`**").format(code=code))
            st.markdown(_("Scan the QR code, or open this link:"))
            st.code(link, language=None, wrap_lines=True)
            if notice := loopback_notice(link):
                st.warning(notice, icon="📡")
        picture.image(qr_picture(link, size=480 if is_big() else 320), caption=_("QR code of the class link"))
        return
    line, more = st.columns([5, 1], vertical_alignment="center")
    line.markdown(_("Join with the code **`{code}`** at `{link}`").format(code=code, link=link))
    with more.popover(_("QR code"), icon="📱"):
        st.image(qr_picture(link, size=480), caption=_("QR code of the class link"))


def controls(code: str, token: str) -> None:
    # Top-aligned: the teacher's link, opened, is tall, and centred buttons would slide off a 720-pixel screen.
    clear, end, private = st.columns([1, 1, 2], vertical_alignment="top")
    if clear.button(_("Clear the board"), key="class_clear", icon="🧽"):
        _done, problem = membership.attempt(lambda: classroom.clear(loaders.room_store(), code, token))
        st.error(problem) if problem else st.rerun()
    with end.popover(_("End the class"), icon="🛑"):
        st.markdown(_("Ending deletes every digit and name of this class at once. Students see that it ended."))
        if st.button(_("End and delete"), key="class_end", type="primary"):
            _done, problem = membership.attempt(lambda: classroom.end(loaders.room_store(), code, token))
            if problem:
                st.error(problem)
            else:
                membership.leave()
                st.session_state[ENDED_NOTICE] = True  # said on the start screen the page reruns into
                st.rerun()
    with private.expander(_("Your teacher's link (keep it off the projector)")):
        st.caption(
            _("Opening it takes this class back, with Hide, Clear and End, after a reload or on another device.")
        )
        st.code(class_link(code, token), language=None, wrap_lines=True)


def screen(code: str, token: str, board: Board) -> None:
    """The projected screen: invitation, counts, the map beside the gallery, and the controls."""
    invitation(code, large=not board.digits)
    st.markdown(board_view.counts_line(board))
    if board.digits:
        plane, gallery = st.columns([2, 3], gap="large")
        with plane:
            board_view.show_map(board, mine=set(), clickable=True)
        with gallery:
            board_view.show_gallery(board, teacher_token=token)
    controls(code, token)
