"""A status badge: icon + word + colour (never colour alone) with the status as a Qt property.

Tests and screen readers read the ``status`` property and the text; sighted users get a colour
that matches. The property drives the style sheet, so one style serves every badge.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel, QWidget


def status_words() -> dict[str, str]:
    return {
        "met": "✓ " + QCoreApplication.translate("Status", "Met"),
        "not_met": "✗ " + QCoreApplication.translate("Status", "Not met"),
        "absent": "✓ " + QCoreApplication.translate("Status", "Absent"),
        "present": "✗ " + QCoreApplication.translate("Status", "Present"),
        "unknown": "? " + QCoreApplication.translate("Status", "Unknown"),
        "eligible": "✓ " + QCoreApplication.translate("Status", "ELIGIBLE"),
        "not_eligible": "✗ " + QCoreApplication.translate("Status", "NOT ELIGIBLE"),
        "incomplete": "… " + QCoreApplication.translate("Status", "INCOMPLETE"),
        "": "",
    }


GOOD = ("met", "absent", "eligible")
BAD = ("not_met", "present", "not_eligible")


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
        self.setText(status_words().get(status, status))
        self.setAccessibleName(self.text())
        self.style().unpolish(self)
        self.style().polish(self)
