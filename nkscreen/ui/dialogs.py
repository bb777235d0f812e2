"""Every dialog the main window opens goes through one small function here, so tests can
replace it (pytest-qt's advice: dialogs behind ask helpers) and the wording lives in one place.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget


def ask_case_file(parent: QWidget) -> str:
    path, _filter = QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Import case file"),
        "",
        QCoreApplication.translate("Dialogs", "Case files (*.json);;All files (*)"),
    )
    return path


def show_error(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


def show_about(parent: QWidget, text: str) -> None:
    QMessageBox.about(parent, QCoreApplication.translate("Dialogs", "About nkscreen"), text)
