"""A word-wrapped label that lays its text out once per width, not at every question.

Qt's layouts ask a wrapped label its height for a width again and again while a page settles
(measured on the first wizard page: 42 questions at 7 widths for each help line), and a QLabel
lays its whole text out anew for each one; that was a twelfth of the start-up's work. The
answer depends only on the width, the text and how the label is styled: it is kept per width
until the text changes or any style, font or other change reaches the label (``changeEvent``).
Margins, indent and text format are set before it is first laid out and never changed after.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent
from PySide6.QtWidgets import QLabel, QWidget

#: Heights remembered per label: a page settles through a handful of widths.
_KEPT = 16


class WrappedLabel(QLabel):
    """A QLabel with word wrap on whose heights for a width are remembered."""

    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(text, parent)
        #: Height by (text, width): a new text is simply another key.
        self._heights: dict[tuple[str, int], int] = {}
        self.setWordWrap(True)

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        key = (self.text(), width)
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) >= _KEPT:
                self._heights.clear()
            height = self._heights[key] = super().heightForWidth(width)
        return height

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        self._heights.clear()  # a font, style sheet or style of its own or inherited
        super().changeEvent(event)


__all__ = ["WrappedLabel"]
