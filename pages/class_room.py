"""Class: students send the digits they draw; the teacher's screen collects them on one map.

`?join=<code>` (the class link and its QR code) makes a student's screen; the screen that
pressed Start is the teacher's. The rules live in rooms/classroom.py, the screens in ui/classroom/.
"""

import streamlit as st

from i18n import _
from ui import loaders
from ui.classroom import board_view, membership, student, teacher

st.title(_("Class"))
loaders.variants_in_use()  # one line for each model that cannot load, as on every page
for notice in membership.arrive():
    st.info(notice, icon="🔗")

code = membership.code()
if code is None:
    st.caption(_("Students draw on their phones; every digit lands on the teacher's screen, on one map."))
    start, join = st.columns(2, gap="large")
    with start:
        st.subheader(_("Teaching?"))
        teacher.start_button()
    with join:
        st.subheader(_("Joining a class?"))
        student.join_link()
    st.stop()

version, board, problem = membership.fetch_board(code)
if problem and not membership.class_is_gone(problem):
    st.warning(problem, icon="📡")  # the store is out of reach: keep this screen's place, and retry
    board_view.watch(code, version, student=not membership.token(), unreachable=True)
    st.stop()
if problem:
    membership.leave()
    st.warning(problem, icon="🔚")
    if st.button(_("Back to the start"), key="class_back"):
        st.rerun()
    st.stop()

if membership.token():
    teacher.screen(code, membership.token(), board)
else:
    student.screen(code, membership.student())
    board_view.show_student_board(board, board_view.mine())
membership.put_in_address()
board_view.warm_up()  # after the screen is drawn: the invitation shows while this runs once per server
board_view.watch(code, version, student=not membership.token())
