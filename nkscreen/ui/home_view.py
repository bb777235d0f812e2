"""The home view: start a new assessment, import a case, or reopen a recent one."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from nkscreen.records.store import RecordStore
from nkscreen.ui.records_browser import RecordsBrowser


class HomeView(QWidget):
    new_requested = Signal()
    import_requested = Signal()

    def __init__(
        self, protocol_title: str, store: RecordStore, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("home_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        title = QLabel(f"<h1>nkscreen</h1><p>{protocol_title}</p>")
        title.setWordWrap(True)
        layout.addWidget(title)
        new = QPushButton(QCoreApplication.translate("HomeView", "New assessment (Ctrl+N)"))
        new.setObjectName("home_new")
        new.setMinimumHeight(44)
        new.clicked.connect(self.new_requested)
        layout.addWidget(new)
        imported = QPushButton(QCoreApplication.translate("HomeView", "Import case file… (Ctrl+I)"))
        imported.setObjectName("home_import")
        imported.setMinimumHeight(36)
        imported.clicked.connect(self.import_requested)
        layout.addWidget(imported)
        layout.addSpacing(16)
        layout.addWidget(
            QLabel(f"<b>{QCoreApplication.translate('HomeView', 'Saved assessments')}</b>")
        )
        self.browser = RecordsBrowser(store, self)
        layout.addWidget(self.browser, 1)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        new.setFocus()

    def refresh(self) -> None:
        self.browser.refresh()
