"""The home view: start a new assessment, import a case, or reopen a recent one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from nkscreen.ui.markup import escape

if TYPE_CHECKING:
    from nkscreen.records.store import RecordStore
    from nkscreen.ui.records_browser import RecordsBrowser


class HomeView(QWidget):
    new_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("home_view")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 30, 40, 30)
        self.title = QLabel("<h1>nkscreen</h1>")
        self.title.setObjectName("home_title")
        self.title.setWordWrap(True)
        layout.addWidget(self.title)
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
        saved = QCoreApplication.translate("HomeView", "Saved assessments")
        layout.addWidget(QLabel(f"<b>{escape(saved)}</b>"))
        self.loading = QLabel(QCoreApplication.translate("HomeView", "Loading…"))
        layout.addWidget(self.loading, 1)
        self.browser: RecordsBrowser | None = None
        new.setFocus()

    def attach(self, protocol_title: str, store: RecordStore) -> None:
        """Second phase of start-up: the protocol's title and the records browser."""
        from nkscreen.ui.records_browser import RecordsBrowser

        self.title.setText(f"<h1>nkscreen</h1><p>{escape(protocol_title)}</p>")
        self.browser = RecordsBrowser(store, self)
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        layout.replaceWidget(self.loading, self.browser)
        self.loading.deleteLater()

    def refresh(self) -> None:
        if self.browser is not None:
            self.browser.refresh()
