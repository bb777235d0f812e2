"""What a comment or a screen-failure reason may hold (Qt-free, no pydantic).

Apart from the record models so that the window's comment boxes can check what is typed
without loading them at start-up (see nkscreen.records.notes for the record format).
"""

from __future__ import annotations

from typing import Final

from nkscreen.records import texts_notes as _texts  # noqa: F401  (registers the sentences)
from nkscreen.sentences import Sentence

#: The longest comment on a criterion, and the longest screen-failure reason (characters):
#: a few sentences, which still print under a row of the summary page.
MAX_NOTE_CHARS: Final = 500


def note_fault(text: str) -> tuple[str, int] | None:
    """What is wrong with ``text`` as a comment or a reason, or None: ``("too_long", its
    length)``, or ``("control", the character's code)`` for a control character (anything
    below a space but a line break, DEL, C1 controls, the direction overrides that make printed
    text read other than it is stored, and a lone surrogate, which is no character at all)."""
    if len(text) > MAX_NOTE_CHARS:
        return ("too_long", len(text))
    for char in text:
        code = ord(char)
        if char == "\n":
            continue
        if (
            code < 0x20
            or 0x7F <= code < 0xA0
            or 0x202A <= code <= 0x202E
            or 0x2066 <= code <= 0x2069
            or 0xD800 <= code <= 0xDFFF
        ):
            return ("control", code)
    return None


def note_problem(text: str) -> str | None:
    """:func:`note_fault` as a phrase for a sentence ("it holds a control character ...")."""
    fault = note_fault(text)
    if fault is None:
        return None
    kind, number = fault
    if kind == "too_long":
        return Sentence("note.too_long", count=number, limit=MAX_NOTE_CHARS)
    return Sentence("note.control", code=f"U+{number:04X}")


__all__ = ["MAX_NOTE_CHARS", "note_fault", "note_problem"]
