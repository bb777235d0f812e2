"""New screening: which protocol, when more than one is installed.

A list the keyboard drives alone: arrows move, Enter starts, Escape cancels; each line names
the trial, its short title and the version of its protocol file.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QListWidget, QVBoxLayout, QWidget

from nkscreen.core.protocol import Protocol
from nkscreen.ui.i18n import protocol_texts_or_english


class ProtocolDialog(QDialog):
    def __init__(
        self, protocols: Sequence[Protocol], current: int = 0, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("protocol_dialog")
        self.setWindowTitle(QCoreApplication.translate("ProtocolDialog", "New assessment"))
        self.protocols = list(protocols)
        layout = QVBoxLayout(self)
        prompt = QLabel(
            QCoreApplication.translate("ProtocolDialog", "Screen the patient for which trial?")
        )
        layout.addWidget(prompt)
        self.choices = QListWidget(self)
        self.choices.setObjectName("protocol_choices")
        self.choices.setAccessibleName(QCoreApplication.translate("ProtocolDialog", "Trials"))
        for p in self.protocols:
            title = protocol_texts_or_english(p)[0].protocol_text("short_title")
            self.choices.addItem(f"{p.id} · {title}\n{p.version}")
        self.choices.setCurrentRow(max(0, min(current, len(self.protocols) - 1)))
        self.choices.itemActivated.connect(lambda _item: self.accept())
        prompt.setBuddy(self.choices)
        layout.addWidget(self.choices)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(560, 300)
        self.choices.setFocus()

    @property
    def chosen(self) -> Protocol | None:
        row = self.choices.currentRow()
        return self.protocols[row] if 0 <= row < len(self.protocols) else None
