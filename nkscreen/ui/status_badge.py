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

STYLE = """
QLabel[status] { border-radius: 4px; padding: 1px 6px; font-weight: 600; }
QLabel[status="met"], QLabel[status="absent"], QLabel[status="eligible"] {
    background: #dff3e0; color: #11561a; border: 1px solid #7cbf83; }
QLabel[status="not_met"], QLabel[status="present"], QLabel[status="not_eligible"] {
    background: #fbe0df; color: #8a1111; border: 1px solid #e08a86; }
QLabel[status="unknown"], QLabel[status="incomplete"] {
    background: #fff4d6; color: #6b4b00; border: 1px solid #d9b85c; }
QLabel[role="error"] { color: #a30f0f; }
QLabel[role="warning"] { color: #7a5300; }
QLabel[role="help"] { color: #555555; }
QLabel[role="verbatim"] { background: #f4f6f9; border-left: 4px solid #8aa1c1;
    padding: 6px 8px; color: #222222; }
QLabel[role="derived"] { font-weight: 600; }
QLabel[banner] { padding: 6px 10px; border-radius: 4px; }
QLabel[banner="valid"] { background: #dff3e0; border: 1px solid #7cbf83; color: #11561a; }
QLabel[banner="untrusted"], QLabel[banner="draft"], QLabel[banner="amending"] {
    background: #fff4d6; border: 1px solid #d9b85c; color: #4d3600; }
QLabel[banner="invalid"] { background: #fbe0df; border: 2px solid #c0392b; color: #8a1111; }
QPushButton:checked { background: #2f5d8a; color: #ffffff; font-weight: 600;
    border: 1px solid #1f3f60; border-radius: 3px; padding: 3px 10px; }
QPushButton:focus { border: 2px solid #e0a100; }
QLineEdit:focus, QComboBox:focus, QCheckBox:focus { border: 2px solid #e0a100; }
"""


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
