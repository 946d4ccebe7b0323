"""Read the lesson file and check every step, with a message that names the broken step and field.

    from lesson.plan import load_lesson
    lesson = load_lesson(views={"squeeze", "noise", ...})  # the views the page can draw

The file is TOML (Python reads it without a dependency, and a teacher can edit it in any text
editor). A step that cannot be shown raises `LessonError` before the class sees anything; its
message is in the language of whoever loads the lesson (a teacher reads it on the page).

The texts stay as the file writes them (English in the shipped lesson): the page translates each
where it shows it, through the catalog that lesson/translation.py fills from this file.
"""

from __future__ import annotations

import tomllib
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from i18n import _

LESSON_FILE = Path(__file__).resolve().parent / "autoencoders.toml"
STEP_FIELDS = {"id", "title", "show", "text", "notes", "question"}
QUESTION_FIELDS = {"prompt", "choices", "answer", "why", "hides_result"}


class LessonError(ValueError):
    """The lesson file cannot be used; the message says where and why."""


@dataclass(frozen=True)
class Question:
    """Predict, then reveal: the class picks a choice before the answer (and maybe the result) shows."""

    prompt: str
    choices: tuple[str, ...]
    why: str  # the explanation shown with the answer
    answer: int | None = None  # the right choice's index; None when the step's view works it out
    hides_result: bool = False  # the step's result stays hidden until Reveal too


@dataclass(frozen=True)
class Step:
    id: str  # short and stable: tests and links may name it
    title: str
    show: str  # which view the page draws beside the text (ui/lesson/views.py)
    text: str  # Markdown, a few short sentences for the back of a room
    notes: str  # for the teacher only: what to say and ask, the expected answer, a misconception
    question: Question | None = None


@dataclass(frozen=True)
class Lesson:
    title: str
    steps: tuple[Step, ...]


def _text(table: dict, field: str, where: str) -> str:
    value = table.get(field)
    if not isinstance(value, str) or not value.strip():
        raise LessonError(_("{where}: `{field}` must be some text").format(where=where, field=field))
    return value.strip()


def _question(table: Any, where: str) -> Question:
    where = _("{where}, question").format(where=where)
    if not isinstance(table, dict):
        raise LessonError(_("{where}: must be a table ([steps.question])").format(where=where))
    unknown = set(table) - QUESTION_FIELDS
    if unknown:
        raise LessonError(_unknown_field(where, unknown, QUESTION_FIELDS))
    choices = table.get("choices")
    if not isinstance(choices, list) or len(choices) < 2 or not all(isinstance(c, str) and c.strip() for c in choices):
        raise LessonError(_("{where}: `choices` must list at least two answers as text").format(where=where))
    answer = table.get("answer")
    if answer is not None and (
        isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= len(choices)
    ):
        raise LessonError(
            _("{where}: `answer` must be the number of a choice, 1 to {count}").format(where=where, count=len(choices))
        )
    hides_result = table.get("hides_result", False)
    if not isinstance(hides_result, bool):
        raise LessonError(_("{where}: `hides_result` must be true or false").format(where=where))
    return Question(
        prompt=_text(table, "prompt", where),
        choices=tuple(c.strip() for c in choices),
        why=_text(table, "why", where),
        answer=None if answer is None else answer - 1,
        hides_result=hides_result,
    )


def _unknown_field(where: str, unknown: set[str], known: set[str]) -> str:
    return _("{where}: unknown field `{field}` (known: {known})").format(
        where=where, field=sorted(unknown)[0], known=", ".join(sorted(known))
    )


def _where(number: int, step_id: str | None = None) -> str:
    """How an error names a step: its number, and its id once the file gives one."""
    if step_id is None:
        return _("Step {number}").format(number=number)
    return _("Step {number} ({id})").format(number=number, id=step_id)


def _step(table: Any, number: int, views: Collection[str] | None) -> Step:
    where = _where(number)
    if not isinstance(table, dict):
        raise LessonError(_("{where}: must be a table ([[steps]])").format(where=where))
    if isinstance(table.get("id"), str):
        where = _where(number, table["id"])
    unknown = set(table) - STEP_FIELDS
    if unknown:
        raise LessonError(_unknown_field(where, unknown, STEP_FIELDS))
    show = _text(table, "show", where)
    if views is not None and show not in views:
        raise LessonError(
            _('{where}: `show = "{show}"` is not a view; choose one of {views}').format(
                where=where, show=show, views=", ".join(sorted(views))
            )
        )
    question = table.get("question")
    return Step(
        id=_text(table, "id", where),
        title=_text(table, "title", where),
        show=show,
        text=_text(table, "text", where),
        notes=_text(table, "notes", where),
        question=None if question is None else _question(question, where),
    )


def parse_lesson(text: str, views: Collection[str] | None) -> Lesson:
    """The lesson in `text` (TOML), every step checked against the `views` the page can draw (None:
    any view, for a reader of the words alone such as lesson/translation.py)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise LessonError(_("The lesson file is not valid TOML: {error}").format(error=error)) from error
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise LessonError(_("The lesson has no steps: add [[steps]] tables"))
    parsed = tuple(_step(table, number, views) for number, table in enumerate(steps, start=1))
    seen: set[str] = set()
    for number, step in enumerate(parsed, start=1):
        if step.id in seen:
            raise LessonError(_("{where}: another step already has this id").format(where=_where(number, step.id)))
        seen.add(step.id)
    title = data.get("title", "Lesson")
    if not isinstance(title, str):
        raise LessonError(_("The lesson's `title` must be text"))
    return Lesson(title=title, steps=parsed)


def load_lesson(views: Collection[str], path: Path = LESSON_FILE) -> Lesson:
    """The lesson in the file at `path`; LessonError when it cannot be read or a step is broken."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise LessonError(
            _("The lesson file {name} cannot be read: {error}").format(name=path.name, error=error)
        ) from error
    return parse_lesson(text, views)
