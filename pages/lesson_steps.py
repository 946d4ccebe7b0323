"""Lesson: the source article's story as a 45-minute lesson, one step a screen, predict then reveal.

The steps are data (lesson/autoencoders.toml). →, PageDown and Space go on, ← and PageUp go back
(a presentation clicker's keys), the step is in the address, and `notes=1` opens the teacher's
view of the same lesson, which follows the projected one (ui/lesson/progress.py).
"""

import streamlit as st

from i18n import _
from ui import loaders
from ui.components.lesson_keys import lesson_keys
from ui.input_panel import current_image
from ui.lesson import progress, screen
from ui.lesson.views import COMPUTED_ANSWERS, VIEWS, StepContext
from ui.state.keys import LESSON_NOTES

lesson, problem = progress.lesson_or_problem()
if lesson is None:
    st.title(_("Lesson"))
    st.error(_("The lesson cannot be shown: {problem}").format(problem=problem), icon="📄")
    st.stop()

for notice in progress.arrive(lesson):
    st.info(notice, icon="🔗")
progress.catch_up(lesson)
screen.apply_lesson_style()


def move(by: int) -> None:
    progress.move(by, lesson)


number = progress.step_number()
step = lesson.steps[number - 1]
notes_view = bool(st.session_state.get(LESSON_NOTES))
with st.container(key="lesson"):
    lesson_keys(number, len(lesson.steps), lambda target: progress.go_to(target, lesson))
    screen.top_bar(lesson, number, move, progress.notes_link(), notes_view)
    context = StepContext(
        trained=loaders.variants_in_use(),
        image=current_image(),
        question=step.question,
        revealed=screen.is_revealed(step),
    )
    answer = step.question.answer if step.question else None
    if step.show in COMPUTED_ANSWERS:
        answer = COMPUTED_ANSWERS[step.show](context)
    text, view = st.columns([5, 6], gap="large")
    with text:
        screen.text_column(step, answer, notes_view)
    with view, st.container(key="lesson-view"):
        VIEWS[step.show](context)
progress.put_in_address()
progress.follow_room()
