"""A status badge: icon + word + colour (never colour alone) with the status as a Qt property.

Tests and screen readers read the ``status`` property and the text; sighted users get a colour
that matches. The badge's own style sheet gives the colour (nkscreen.ui.style.badge_sheet).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from nkscreen.core.status import WORDS_CONTEXT, words
from nkscreen.ui.style import badge_sheet


def badge_text(status: str) -> str:
    """ "✗ Not met": the symbol and the status's badge word, translated."""
    found = words(status)
    if found is None:
        return status
    return f"{found.symbol} {QCoreApplication.translate(WORDS_CONTEXT, found.badge)}"


class StatusBadge(QLabel):
    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.set_status("unknown")

    def set_status(self, status: str) -> None:
        if self.property("status") == status:
            return
        self.setProperty("status", status)
        self.setText(badge_text(status))
        self.setAccessibleName(self.text())
        self.setStyleSheet(badge_sheet(status))
