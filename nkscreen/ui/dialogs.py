"""Every dialog the main window opens goes through one small function here, so tests can
replace it (pytest-qt's advice: dialogs behind ask helpers) and the wording lives in one place.

The dialog classes are reached through ``QtWidgets`` when a dialog opens: importing them by
name makes PySide build them and their enums at start-up, before any dialog is needed.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtWidgets
from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from nkscreen.core.protocol import Protocol
    from nkscreen.records.identity import UnlockedIdentity
    from nkscreen.records.model import Meaning


def documents_folder(name: str = "") -> str:
    """Where file dialogs start: the user's documents folder (never the folder the app was
    started from), with ``name`` as the suggested file name."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    if not folder:
        return name
    return str(Path(folder) / name) if name else folder


def ask_case_file(parent: QWidget) -> str:
    path, _filter = QtWidgets.QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Import case file"),
        documents_folder(),
        QCoreApplication.translate(
            "Dialogs",
            "Case files, FHIR or REDCap exports (*.json *.csv);;All files (*)",
        ),
    )
    return path


def show_error(parent: QWidget, title: str, text: str) -> None:
    QtWidgets.QMessageBox.warning(parent, title, text)


def show_about(parent: QWidget, text: str) -> None:
    QtWidgets.QMessageBox.about(
        parent, QCoreApplication.translate("Dialogs", "About nkscreen"), text
    )


def ask_restore_draft(parent: QWidget, text: str) -> bool:
    answer = QtWidgets.QMessageBox.question(
        parent, QCoreApplication.translate("Dialogs", "Restore unsaved work"), text
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def ask_close_anyway(parent: QWidget) -> bool:
    answer = QtWidgets.QMessageBox.warning(
        parent,
        QCoreApplication.translate("Dialogs", "Unsaved answers"),
        QCoreApplication.translate(
            "Dialogs", "The draft could not be written. Close anyway and lose the unsaved answers?"
        ),
        QtWidgets.QMessageBox.StandardButton.Discard | QtWidgets.QMessageBox.StandardButton.Cancel,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Discard


def ask_amendment_reason(parent: QWidget) -> str | None:
    text, ok = QtWidgets.QInputDialog.getMultiLineText(
        parent,
        QCoreApplication.translate("Dialogs", "Amend signed record"),
        QCoreApplication.translate(
            "Dialogs", "Reason for the amendment (kept in the audit trail):"
        ),
    )
    return text.strip() if ok and text.strip() else None


def ask_signature(
    parent: QWidget, identities: Path, trusted: Path, what: str = ""
) -> tuple[UnlockedIdentity, Meaning] | None:
    """Who signs and with what meaning; the passphrase is checked inside the dialog. ``what``:
    the screening and verdict being signed, shown at the top."""
    from nkscreen.ui.sign_dialog import SignDialog

    dialog = SignDialog(identities, trusted, parent, what)
    if dialog.exec() and dialog.unlocked is not None:
        return dialog.unlocked, dialog.meaning
    return None


def ask_sign_incomplete(parent: QWidget, missing: str) -> bool:
    answer = QtWidgets.QMessageBox.question(
        parent,
        QCoreApplication.translate("Dialogs", "Sign an incomplete screening?"),
        QCoreApplication.translate(
            "Dialogs",
            "The verdict is INCOMPLETE (missing: %s). Sign it as it is?",
        )
        % missing,
    )
    return answer == QtWidgets.QMessageBox.StandardButton.Yes


def ask_site_name(parent: QWidget) -> str | None:
    """The site's name, asked before the first signature (it is saved in Preferences)."""
    text, ok = QtWidgets.QInputDialog.getText(
        parent,
        QCoreApplication.translate("Dialogs", "Site name"),
        QCoreApplication.translate(
            "Dialogs",
            "The printout of a signed record names the site where it was made.\n"
            "Site name (saved in Preferences, asked once):",
        ),
    )
    return text.strip() if ok and text.strip() else None


def ask_record_file(parent: QWidget, folder: Path) -> str:
    path, _filter = QtWidgets.QFileDialog.getOpenFileName(
        parent,
        QCoreApplication.translate("Dialogs", "Open screening record"),
        str(folder),
        QCoreApplication.translate("Dialogs", "Screening records (*.json);;All files (*)"),
    )
    return path


def ask_passphrase(parent: QWidget, title: str, prompt: str) -> str | None:
    """A passphrase typed without echo; None if cancelled."""
    text, ok = QtWidgets.QInputDialog.getText(
        parent, title, prompt, QtWidgets.QLineEdit.EchoMode.Password
    )
    return text if ok else None


def ask_choice(parent: QWidget, title: str, prompt: str, items: list[str]) -> int | None:
    """The index of one of ``items`` picked from a list; None if cancelled."""
    text, ok = QtWidgets.QInputDialog.getItem(parent, title, prompt, items, 0, False)
    return items.index(text) if ok and text in items else None


def ask_protocol(
    parent: QWidget, protocols: Sequence[Protocol], current: int = 0
) -> Protocol | None:
    """The protocol of a new assessment, when several are installed; None if cancelled."""
    from nkscreen.ui.protocol_dialog import ProtocolDialog

    dialog = ProtocolDialog(protocols, current, parent)
    return dialog.chosen if dialog.exec() else None
