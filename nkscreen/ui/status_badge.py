"""A status badge: icon + word + colour (never colour alone) with the status as a Qt property.

Tests and screen readers read the ``status`` property and the text; sighted users get a colour
that matches. The property drives the style sheet, so one style serves every badge.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget

from nkscreen.core.status import WORDS_CONTEXT, words


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
        # The style sheet picks the colour by the property: a badge already shown is styled
        # again; one not shown yet is styled when it first is (touching its QStyle from Python
        # costs ten milliseconds the first time, a tenth of the start-up budget).
        if self.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
            self.style().unpolish(self)
            self.style().polish(self)
