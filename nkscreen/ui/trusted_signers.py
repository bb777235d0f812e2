"""The site's trusted signers, managed in Preferences: whose signatures count as valid here.

A colleague's key arrives as a public-key file (``nkscreen identity export USER_ID``, or
*Export my public key* below); its fingerprint is shown so it can be checked with its owner.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkscreen.records.atomic import atomic_write
from nkscreen.records.identity import (
    IdentityError,
    add_trusted,
    format_fingerprint,
    list_identities,
    load_trusted,
    read_public_key_file,
    remove_trusted,
)
from nkscreen.records.model import dumps_document
from nkscreen.ui import dialogs


class TrustedSignersBox(QGroupBox):
    def __init__(self, trusted_path: Path, identities: Path, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("TrustedSigners", "Trusted signers at this site"), parent
        )
        self.setObjectName("trusted_signers")
        self.trusted_path = trusted_path
        self.identities = identities
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("trusted_table")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("TrustedSigners", "Name"),
                QCoreApplication.translate("TrustedSigners", "User ID"),
                QCoreApplication.translate("TrustedSigners", "Role"),
                QCoreApplication.translate("TrustedSigners", "Key fingerprint"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMaximumHeight(140)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        for name, text, slot in (
            (
                "trusted_add",
                QCoreApplication.translate("TrustedSigners", "Add from public-key file…"),
                self.add_from_file,
            ),
            (
                "trusted_remove",
                QCoreApplication.translate("TrustedSigners", "Remove selected"),
                self.remove_selected,
            ),
            (
                "trusted_export",
                QCoreApplication.translate("TrustedSigners", "Export my public key…"),
                self.export_mine,
            ),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    def reload(self) -> None:
        try:
            signers = load_trusted(self.trusted_path).signers
        except IdentityError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("TrustedSigners", "Trusted signers"), str(exc)
            )
            signers = []
        self.table.setRowCount(0)
        for signer in signers:
            r = self.table.rowCount()
            self.table.insertRow(r)
            values = [signer.name, signer.user_id, signer.role, signer.key_fingerprint]
            for c, value in enumerate(values):
                text = format_fingerprint(value) if c == 3 else value
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, signer.key_fingerprint)
                self.table.setItem(r, c, item)

    def add_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("TrustedSigners", "Public key of the signer"),
            "",
            QCoreApplication.translate("TrustedSigners", "Public keys (*.json)"),
        )
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> bool:
        try:
            signer = read_public_key_file(path)
            add_trusted(self.trusted_path, signer)
        except (IdentityError, OSError) as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("TrustedSigners", "Not added"), str(exc)
            )
            return False
        self.reload()
        return True

    def remove_selected(self) -> None:
        rows = {i.row() for i in self.table.selectedIndexes()}
        for r in rows:
            item = self.table.item(r, 0)
            if item is not None:
                try:
                    remove_trusted(self.trusted_path, str(item.data(Qt.ItemDataRole.UserRole)))
                except (IdentityError, OSError) as exc:
                    dialogs.show_error(
                        self, QCoreApplication.translate("TrustedSigners", "Not removed"), str(exc)
                    )
        self.reload()

    def export_mine(self) -> None:
        identities = list_identities(self.identities)
        if not identities:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "No identity"),
                QCoreApplication.translate(
                    "TrustedSigners", "There is no signing identity on this computer."
                ),
            )
            return
        identity = identities[0]
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("TrustedSigners", "Export public key"),
            f"{identity.user_id}.public.json",
            "JSON (*.json)",
        )
        if not path:
            return
        data = dumps_document(identity.public.as_trusted().model_dump())
        try:
            atomic_write(Path(path), data)
        except OSError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("TrustedSigners", "Not exported"), str(exc)
            )
