"""The amber ring around the field or button that has the keyboard focus.

A clinician moving through the wizard with Tab must see at a glance where typing goes. One
ring follows the focus: a frame drawn over the focused widget's own edge, as a child on top of
it, masked to its border and transparent to the mouse, so nothing moves or resizes when the
focus does and nothing under it is hidden. A focus rule in every widget's style sheet would do
the same at the price of styling every widget (see nkscreen.ui.style).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QRegion
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from shiboken6 import isValid

from nkscreen.ui.style import FOCUS_COLOUR

#: The widgets that get the ring: where typing or a key press acts.
RINGED = (QAbstractButton, QLineEdit, QComboBox, QPlainTextEdit, QTextEdit, QAbstractSpinBox)
WIDTH = 2


class FocusRing(QWidget):
    """A 2-pixel amber frame on the edge of the widget it is put on."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("focus_ring")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self._target: QWidget | None = None

    def follow(self, target: QWidget | None) -> None:
        """Around ``target`` from now on; hidden when None."""
        if self._target is not None and isValid(self._target):
            self._target.removeEventFilter(self)
        self._target = target
        if target is None:
            self.hide()
            return
        self.setParent(target)
        target.installEventFilter(self)
        self._fit()
        self.show()
        self.raise_()

    def _fit(self) -> None:
        if self._target is None:
            return
        area = self._target.rect()
        self.setGeometry(area)
        inner = area.adjusted(WIDTH, WIDTH, -WIDTH, -WIDTH)
        self.setMask(QRegion(area).subtracted(QRegion(inner)))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._target and event.type() == QEvent.Type.Resize:
            self._fit()
        return False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        # (not fillRect: choosing among its overloads makes QGradient's 180 enum members, a
        # millisecond of start-up)
        painter = QPainter(self)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(FOCUS_COLOUR))
        painter.drawRect(self.rect())
        painter.end()


_ring: FocusRing | None = None


def ring_around(widget: QWidget | None) -> None:
    """Put the ring around ``widget`` if typing or a key press acts on it; else hide it."""
    global _ring
    target = widget if isinstance(widget, RINGED) else None
    if _ring is None or not isValid(_ring):  # none yet, or closed with the widget it was on
        _ring = None
        if target is None:
            return
        _ring = FocusRing()
    _ring.follow(target)


def ring() -> FocusRing | None:
    """The ring, if the focus has been on a ringed widget (tests look at it)."""
    return _ring if _ring is not None and isValid(_ring) else None


__all__ = ["RINGED", "WIDTH", "FocusRing", "ring", "ring_around"]
