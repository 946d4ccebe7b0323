"""Messages about a digit that a person reads (an upload refused, a drawing unreadable), in either language.

The reason is found here, outside any session, so it cannot be translated yet. A `Readable` is
the English text itself (a `str`: logs, tests and `str(error)` read it as before) that also keeps
its message and values, so the page that shows it writes it in the reader's language:

    error = ReadableError(N_("that picture is {width}×{height} pixels"), width=4000, height=3000)
    str(error)                # "that picture is 4000×3000 pixels"
    error.text.translated()   # the same in the session's language (i18n._)
"""

from __future__ import annotations

from i18n import _


class Readable(str):
    """English text that can also be written in the reader's language (`translated`)."""

    message: str
    values: dict

    def __new__(cls, message: str, **values) -> Readable:
        text = super().__new__(cls, message.format(**values))
        text.message, text.values = message, values
        return text

    def __reduce__(self):  # pickled (session state may be) as what it is, not as a plain str
        return _rebuild, (self.message, self.values)

    def translated(self) -> str:
        """The text in the current language; values that are Readable themselves are translated too."""
        values = {name: translated(value) for name, value in self.values.items()}
        return _(self.message).format(**values)


def _rebuild(message: str, values: dict) -> Readable:
    return Readable(message, **values)


def translated(text: object) -> str:
    """`text` in the reader's language when it is a Readable, else as it is."""
    return text.translated() if isinstance(text, Readable) else str(text)


def sentence(text: str) -> str:
    """A reason ("that file is not a PNG…") as a sentence of its own: the first letter a capital.
    (str.capitalize would lower every other letter: "png", "mnist".)"""
    return text[:1].upper() + text[1:]


class ReadableError(ValueError):
    """A ValueError whose message is a Readable: `str(error)` in English, `error.text.translated()` shown."""

    def __init__(self, message: str, **values) -> None:
        self.text = Readable(message, **values)
        super().__init__(self.text)
