"""The lesson's words in the catalog: a Babel extractor that reads every text a lesson step shows.

i18n/babel.cfg registers it (`lesson = lesson.translation:extract_lesson`, run for lesson/*.toml),
so `make translations` puts each step's title, text, question, choices, answer's explanation and
teacher's notes into the same catalog as the app's own words, each with a comment naming the step
and the field. The page translates them where it shows them (`_(step.title)`), in the reader's
language. A school's own lesson (AUTOENCODER_LAB_LESSON) has no entries in the catalog, so its
texts show as the school wrote them, in every language: that is right, a school writes the lesson
in the language it teaches in.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import IO, Any

from lesson.plan import Step, parse_lesson


def step_messages(step: Step) -> Iterator[tuple[str, str]]:
    """(field, text) for every text of `step` that the Lesson page shows, in the order it shows them."""
    yield "title", step.title
    yield "text", step.text
    if step.question is not None:
        yield "question prompt", step.question.prompt
        for number, choice in enumerate(step.question.choices, start=1):
            yield f"question choice {number}", choice
        yield "question why (shown with the answer)", step.question.why
    yield "notes (the teacher's only)", step.notes


def _line_of(message: str, lines: list[str], start: int) -> int:
    """The line (from 1) where `message` begins in the file, searched from `start`; `start` itself
    where the file writes it differently (escapes), so the step's own line stands for it."""
    first = message.splitlines()[0]
    for index in range(start, len(lines)):
        if first in lines[index]:
            return index + 1
    return start + 1


def _step_lines(lines: list[str], step_id: str) -> int:
    """The index of the line that gives the step its id (the search for its texts starts there)."""
    given = re.compile(rf"""^\s*id\s*=\s*["']{re.escape(step_id)}["']""")
    return next((index for index, line in enumerate(lines) if given.match(line)), 0)


def extract_lesson(
    fileobj: IO[bytes], keywords: Any, comment_tags: Any, options: dict
) -> Iterator[tuple[int, str | None, str, list[str]]]:
    """Babel's extractor interface: (line, function, message, comments) for each text of each step.

    A lesson file that cannot be read as a lesson is an error here too: a catalog silently missing
    a step's words would show them in English to a Russian class."""
    text = fileobj.read().decode(options.get("encoding", "utf-8"))
    lines = text.splitlines()
    lesson = parse_lesson(text, views=None)
    for number, step in enumerate(lesson.steps, start=1):
        start = _step_lines(lines, step.id)
        for field, message in step_messages(step):
            comment = f"Lesson step {number} ({step.id}), {field}."
            yield _line_of(message, lines, start), None, message, [comment]
