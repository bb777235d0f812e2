"""The records browser on the home view: every saved assessment with its verdict and the state
of its signatures, searchable and filterable; a damaged file is listed with its error.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import (
    QCollator,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
    Signal,
)
from PySide6.QtGui import QBrush, QColor, QKeyEvent, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core.status import WORDS_CONTEXT, plain
from nkscreen.records.meanings import NAMES
from nkscreen.records.state_words import state_words
from nkscreen.records.store import RecordStore, RecordSummary
from nkscreen.records.verification import VerificationState
from nkscreen.ui.i18n import (
    current_language,
    qt_locale,
    reason_text,
    reasons_text,
    said_text,
)
from nkscreen.ui.style import set_role

PATH_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


def _columns() -> list[str]:
    return [
        QCoreApplication.translate("RecordsBrowser", "Screening ID"),
        QCoreApplication.translate("RecordsBrowser", "Initials"),
        QCoreApplication.translate("RecordsBrowser", "Assessment date"),
        QCoreApplication.translate("RecordsBrowser", "Verdict"),
        QCoreApplication.translate("RecordsBrowser", "Record"),
        QCoreApplication.translate("RecordsBrowser", "Signed by"),
        QCoreApplication.translate("RecordsBrowser", "Signature"),
        QCoreApplication.translate("RecordsBrowser", "File"),
    ]


def meaning_words(meaning: str, language: str) -> str:
    """A signature's meaning as the browser lists it ("authorship", 作者); an id nkscreen
    does not know (a newer version's) as it is."""
    names = NAMES.get(language, NAMES["en"])
    return names[meaning].lower() if meaning in names else meaning


def _signature_text(summary: RecordSummary) -> tuple[str, str]:
    """Text and kind (for filtering and colour) of a row's signature state."""
    if summary.error is not None:
        return QCoreApplication.translate("RecordsBrowser", "UNREADABLE: %s") % said_text(
            summary.error
        ), "problem"
    verification = summary.verification
    state = verification.state if verification is not None else VerificationState.UNSIGNED
    text = QCoreApplication.translate(WORDS_CONTEXT, state_words(state).shown)
    if verification is None or state is VerificationState.UNSIGNED:
        return text, "draft"
    if state is VerificationState.VALID:
        return text, "signed"
    if state is VerificationState.BROKEN_CHAIN:
        chain_break = summary.standing.chain_break
        what = chain_break.describe() if chain_break else verification.reason
        return text % reason_text(what), "problem"
    if state is VerificationState.INVALID:
        return text % reason_text(verification.reason), "problem"
    return text, "problem"


class _Filter(QSortFilterProxyModel):
    """Search text in any column (a substring, Chinese included), and a kind (not signed /
    signed / problems); columns sort as people of the window's language expect (Chinese by
    pinyin: 李娜, 王伟, 张敏), with QCollator for its locale."""

    kind = ""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.collator = QCollator(qt_locale(current_language()))
        self.collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.collator.setNumericMode(True)  # v2 before v10

    def lessThan(  # noqa: N802 - Qt override
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        return self.collator.compare(str(left.data() or ""), str(right.data() or "")) < 0

    def filterAcceptsRow(self, row: int, parent: QModelIndex | QPersistentModelIndex) -> bool:  # noqa: N802 - Qt
        model = self.sourceModel()
        if self.kind and model.index(row, 0, parent).data(KIND_ROLE) != self.kind:
            return False
        return super().filterAcceptsRow(row, parent)


class _Table(QTableView):
    open_requested = Signal(QModelIndex)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and self.currentIndex().isValid():
            self.open_requested.emit(self.currentIndex())
            return
        super().keyPressEvent(event)


class RecordsBrowser(QWidget):
    open_requested = Signal(Path)

    def __init__(self, store: RecordStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("records_browser")
        self.store = store
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.search = QLineEdit()
        self.search.setObjectName("records_search")
        self.search.setPlaceholderText(
            QCoreApplication.translate(
                "RecordsBrowser", "Search screening ID, initials, verdict, signer…"
            )
        )
        self.search.setAccessibleName(
            QCoreApplication.translate("RecordsBrowser", "Search records")
        )
        self.search.setClearButtonEnabled(True)
        bar.addWidget(self.search, 1)
        self.filter = QComboBox()
        self.filter.setObjectName("records_filter")
        self.filter.setAccessibleName(QCoreApplication.translate("RecordsBrowser", "Show"))
        for text, kind in (
            (QCoreApplication.translate("RecordsBrowser", "All records"), ""),
            (QCoreApplication.translate("RecordsBrowser", "Not signed"), "draft"),
            (QCoreApplication.translate("RecordsBrowser", "Signed and valid"), "signed"),
            (QCoreApplication.translate("RecordsBrowser", "Problems"), "problem"),
        ):
            self.filter.addItem(text, kind)
        bar.addWidget(self.filter)
        layout.addLayout(bar)
        # A trusted signers list that cannot be relied on turns every signer untrusted, and a
        # records folder that cannot be listed leaves the table empty: say why, once, here
        # (never as a dialog at every start); damaged files are rows of their own.
        self.trust_warning = QLabel("")
        self.trust_warning.setObjectName("records_trust_warning")
        set_role(self.trust_warning, "error")
        self.trust_warning.setWordWrap(True)
        self.trust_warning.hide()
        layout.addWidget(self.trust_warning)
        self.model = QStandardItemModel(0, len(_columns()), self)
        self.model.setHorizontalHeaderLabels(_columns())
        self.proxy = _Filter(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.proxy.setFilterKeyColumn(-1)
        self.table = _Table(self)
        self.table.setObjectName("records_table")
        self.table.setModel(self.proxy)
        self.table.setSortingEnabled(True)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        # Several rows can be chosen (Ctrl/Shift+click) for File > Export.
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().hide()
        self.table.setAccessibleName(
            QCoreApplication.translate("RecordsBrowser", "Saved assessments")
        )
        self.table.doubleClicked.connect(self._open)
        self.table.open_requested.connect(self._open)
        layout.addWidget(self.table, 1)
        self.search.textChanged.connect(self._apply_filter)
        self.filter.currentIndexChanged.connect(self._apply_filter)
        self.summaries: list[RecordSummary] = []

    def refresh(self) -> None:
        self.summaries = self.store.list_records()
        problems = [said_text(self.store.listing_error)] if self.store.listing_error else []
        if self.store.trusted_error:
            problems.append(
                QCoreApplication.translate(
                    "RecordsBrowser", "%s Every signer is treated as untrusted."
                )
                % said_text(self.store.trusted_error)
            )
        self.trust_warning.setText("\n".join(problems))
        self.trust_warning.setVisible(bool(problems))
        self.model.setRowCount(0)
        for summary in self.summaries:
            self.model.appendRow(self._row(summary))
        self._apply_filter()

    def _row(self, s: RecordSummary) -> list[QStandardItem]:
        signature, kind = _signature_text(s)
        if s.error is not None:
            record = "—"
        else:
            record = (
                QCoreApplication.translate("RecordsBrowser", "signed")
                if s.signed
                else QCoreApplication.translate("RecordsBrowser", "draft")
            ) + f" v{s.version}"
            newer = s.standing.superseded
            if newer is not None:
                record = QCoreApplication.translate("RecordsBrowser", "%s, superseded by v%d") % (
                    record,
                    newer.version,
                )
        signers = ""
        if s.verification is not None:
            language = current_language()
            signers = "; ".join(
                f"{x.name} ({meaning_words(x.meaning, language)})" for x in s.verification.signers
            )
        texts = [
            s.screening_number or "—",
            s.initials,
            s.screening_date,
            QCoreApplication.translate(WORDS_CONTEXT, plain(s.verdict)) if s.verdict else "",
            record,
            signers,
            signature,
            s.file_name,
        ]
        items = [QStandardItem(t) for t in texts]
        for item in items:
            item.setData(str(s.path), PATH_ROLE)
            item.setData(kind, KIND_ROLE)
            item.setToolTip(said_text(s.error) if s.error else str(s.path))
        if s.verification is not None and s.verification.trust_problems:
            items[6].setToolTip(reasons_text(s.verification.trust_problems))
        if kind == "problem":
            items[6].setForeground(QBrush(QColor("#a30f0f")))
        if s.standing.superseded is not None:
            items[4].setForeground(QBrush(QColor("#7a5300")))
        return items

    def _apply_filter(self) -> None:
        self.proxy.kind = str(self.filter.currentData() or "")
        self.proxy.setFilterFixedString(self.search.text())
        self.proxy.invalidate()

    def visible_rows(self) -> list[str]:
        """File names of the rows shown (after search and filter), top to bottom."""
        return [str(self.proxy.index(row, 7).data()) for row in range(self.proxy.rowCount())]

    def selected_paths(self) -> list[Path]:
        """The files of the chosen rows, top to bottom (what File > Export exports)."""
        rows = sorted(self.table.selectionModel().selectedRows(), key=lambda i: i.row())
        return [Path(str(i.data(PATH_ROLE))) for i in rows if i.data(PATH_ROLE)]

    def _open(self, index: QModelIndex) -> None:
        path = index.data(PATH_ROLE)
        if path:
            self.open_requested.emit(Path(str(path)))
