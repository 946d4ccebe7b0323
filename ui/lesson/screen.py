"""The frame of a lesson step: the style that fits a step on one screen, the top bar, the text column.

One screen a step at 1280x720 and at 1920x1080: the page's header room shrinks, and everything is
sized from the window's width, so a step looks the same on both: the page's root size (which
every label, button, chart and component is measured in) is 16 px at 1280 and 24 px at 1920,
whatever Big images says, the lesson's text 1.5 times that (24 px at 1280), and pictures follow
the window's height. The text sits beside what the step shows. Phones keep Streamlit's own
stacking: text, then result.

The step's texts are translated here, as they are shown, in the reader's language (the lesson file
keeps them in English; lesson/translation.py puts them in the catalog). A choice is translated only
where it is shown: the radio's value, what Reveal keeps, and what the five step's answer is
compared with stay the file's own words.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from i18n import _
from lesson.plan import Lesson, Question, Step

REVEALED = "lesson_revealed"  # the ids of the steps whose answer has been revealed
PICKED = "lesson_picked"  # step id -> the choice picked before Reveal (or None)
LESSON_STYLE = """<style>
html:has(.st-key-lesson) { font-size: clamp(16px, 1.25vw, 28px) !important; }
.stMainBlockContainer:has(.st-key-lesson) { padding-top: 3.9rem; padding-bottom: 0.5rem; }
.st-key-lesson { --lesson-text: 1.5rem; gap: 0.4rem; }
.st-key-lesson-bar h1 { line-height: 1.6; }
.st-key-lesson-keys { display: none; }
.st-key-lesson h1 { font-size: calc(var(--lesson-text) * 0.8); padding: 0; margin: 0; }
.st-key-lesson h2 { font-size: calc(var(--lesson-text) * 1.35); padding: 0 0 0.3rem; }
.st-key-lesson [data-testid="stMarkdownContainer"] p,
.st-key-lesson [data-testid="stMarkdownContainer"] li,
.st-key-lesson [data-testid="stWidgetLabel"] p,
.st-key-lesson [data-testid="stRadio"] label p,
.st-key-lesson button p { font-size: var(--lesson-text); line-height: 1.35; }
.st-key-lesson [data-testid="stCaptionContainer"],
.st-key-lesson [data-testid="stImageCaption"],
.st-key-lesson [data-testid="stCaptionContainer"] p { font-size: calc(var(--lesson-text) * 0.75); }
/* Captions that wrap (Russian model names are longer) keep two rows of pictures on the screen. */
.st-key-lesson-view { gap: 0.5rem; }
.st-key-lesson-view [data-testid="stImageCaption"] { line-height: 1.15; }
.st-key-lesson-view [data-testid="stImage"] img {
  width: clamp(96px, 30vh, 320px) !important; max-width: 100%; height: auto; image-rendering: pixelated;
}
.st-key-lesson-view [class*="st-key-lesson-wide"] [data-testid="stImage"] img {
  width: 100% !important; max-height: 34vh; object-fit: contain;
}
.st-key-lesson-notes { background: #fff8e1; border-radius: 0.5rem; padding: 0.6rem 0.9rem; }
.st-key-lesson-progress [data-testid="stProgress"] > div > div { height: 0.3rem; }
@media (max-width: 640px) {
  html:has(.st-key-lesson) { font-size: 16px !important; }
  .st-key-lesson { --lesson-text: 18px; }
  /* The top bar two to a row (title and counter, Back and Next), not five rows. */
  .st-key-lesson-bar [data-testid="stColumn"] { min-width: calc(50% - 0.5rem) !important; flex: 1 1 40% !important; }
  .st-key-lesson-view [data-testid="stImage"] img { width: min(100%, 44vw) !important; }
}
</style>"""


def apply_lesson_style() -> None:
    st.html(LESSON_STYLE)


def top_bar(lesson: Lesson, number: int, move: Callable[[int], None], notes_link: str, notes_view: bool) -> None:
    """The title, the step counter, Back and Next, the link to the notes view, and a thin progress bar."""
    with st.container(key="lesson-bar"):
        _bar(lesson, number, move, notes_link, notes_view)
    with st.container(key="lesson-progress"):
        st.progress(number / len(lesson.steps))


def _bar(lesson: Lesson, number: int, move: Callable[[int], None], notes_link: str, notes_view: bool) -> None:
    title, counter, back, forward, notes = st.columns([3, 3, 2, 2, 3], vertical_alignment="center")
    title.title(_("Lesson"))
    counter.markdown(_("**Step {number} of {count}**").format(number=number, count=len(lesson.steps)))
    back.button(_("← Back"), on_click=move, args=(-1,), disabled=number == 1, width="stretch")
    forward.button(
        _("Next →"),
        on_click=move,
        args=(1,),
        disabled=number == len(lesson.steps),
        type="primary",
        width="stretch",
    )
    if notes_view:
        notes.markdown(_("**Teacher's notes view**"))
    else:
        # Opened on the teacher's laptop, it follows this screen's step (and moves it).
        notes.markdown(_("[Teacher notes ↗]({link})").format(link=notes_link))


def _reveal(step_id: str) -> None:
    st.session_state.setdefault(REVEALED, set()).add(step_id)
    # The choices make way for the answer; what the class picked is kept beyond the radio's life.
    st.session_state.setdefault(PICKED, {})[step_id] = st.session_state.get(f"lesson_choice_{step_id}")


def is_revealed(step: Step) -> bool:
    return step.id in st.session_state.get(REVEALED, set())


def question(step: Step, answer: int | None, show_answer: bool) -> None:
    """Predict, then reveal: the choices, then (after Reveal, or on the notes view) the answer and why,
    in the choices' place, so that the step still fits its screen."""
    asked: Question = step.question
    key = f"lesson_choice_{step.id}"
    if not (is_revealed(step) or show_answer):
        st.radio(_(asked.prompt), asked.choices, index=None, key=key, format_func=_)
        st.button(_("Reveal"), icon="💡", on_click=_reveal, args=(step.id,))
        return
    picked = st.session_state.get(PICKED, {}).get(step.id)
    st.markdown(f"**{_(asked.prompt)}**")
    why = _(asked.why)
    if answer is None:
        st.info(why, icon="💡")
        return
    right = asked.choices[answer]
    if picked is None:
        verdict = f"**{_(right)}**"
    elif picked == right:
        verdict = _("**{answer}** — as you said.").format(answer=_(right))
    else:
        verdict = _("**{answer}** (you said: {picked}).").format(answer=_(right), picked=_(picked))
    st.success(f"{verdict}\n\n{why}", icon="💡")


def text_column(step: Step, answer: int | None, notes_view: bool) -> None:
    st.header(_(step.title), anchor=False)
    st.markdown(_(step.text))
    if step.question is not None:
        question(step, answer, show_answer=notes_view)
    if notes_view:
        with st.container(key="lesson-notes"):
            st.markdown(_("**For the teacher.** {notes}").format(notes=_(step.notes)))
