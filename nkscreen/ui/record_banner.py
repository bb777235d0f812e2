"""The record banner above the wizard: what the open record is (signed, superseded, amended,
broken) in a few lines, with links to the other versions and its list of changes.

A long list of changes would push the questions off a 768-pixel screen, so past a few lines it
starts folded behind "Show changes" and, unfolded, scrolls within a bounded height.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QResizeEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QScrollArea,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nkscreen.ui.markup import escape
from nkscreen.ui.style import BANNER, repolish

QWIDGETSIZE_MAX = 16777215
#: Up to this many lines of changes are shown unfolded when the record opens.
UNFOLDED_LINES = 4
#: Unfolded, the list scrolls past this many lines.
MAX_VISIBLE_LINES = 8


def _rich_label(name: str) -> QLabel:
    label = QLabel("")
    label.setObjectName(name)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setWordWrap(True)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
    label.setOpenExternalLinks(False)
    return label


class RecordBanner(QFrame):
    """Head text (``record_banner``), and the changes (``record_changes``) behind a toggle."""

    #: The href of a link the user followed (e.g. "version:<file name>").
    link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("record_banner_box")
        self.setStyleSheet(BANNER)  # its labels and scroll area too
        # never taller than its lines: the questions below get every spare pixel
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.label = _rich_label("record_banner")
        self.label.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.label.linkActivated.connect(self.link_activated)
        layout.addWidget(self.label)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        self.toggle = QToolButton(self)
        self.toggle.setObjectName("record_changes_toggle")
        self.toggle.setCheckable(True)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._fold)
        row.addWidget(self.toggle)
        row.addStretch(1)
        layout.addLayout(row)
        self.changes = _rich_label("record_changes")
        self.changes.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        self.changes_scroll = QScrollArea(self)
        self.changes_scroll.setObjectName("record_changes_scroll")
        self.changes_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.changes_scroll.setWidgetResizable(True)
        self.changes_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.changes_scroll.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.changes_scroll.setWidget(self.changes)
        self._clear_viewport = True  # see show_state
        self.changes.setAutoFillBackground(False)
        layout.addWidget(self.changes_scroll)
        self._count = 0
        self.hide()

    def show_state(
        self,
        html_text: str,
        state: str,
        changes: Sequence[tuple[str, Sequence[str]]] = (),
    ) -> None:
        """Show ``html_text`` styled for ``state``, and below it the ``changes``: sections of
        (heading, lines) in plain text."""
        self.label.setText(html_text)
        for widget in (self, self.label, self.changes):
            if (widget.property("banner") or "") == state:  # no state yet: "" (no style)
                continue
            widget.setProperty("banner", state)
            repolish(widget)
        self._count = sum(len(lines) for _, lines in changes)
        if self._count and self._clear_viewport:
            # When there are changes to show, not at start-up: the first viewport() call from
            # Python makes some forty Qt enums (milliseconds) before a new screening opens.
            self.changes_scroll.viewport().setAutoFillBackground(False)
            self._clear_viewport = False
        self.changes.setText(
            "<br>".join(
                f"<b>{escape(heading)}</b><br>" + "<br>".join(f"• {escape(line)}" for line in lines)
                for heading, lines in changes
            )
        )
        self.toggle.setVisible(self._count > 0)
        self.toggle.blockSignals(True)
        self.toggle.setChecked(0 < self._count <= UNFOLDED_LINES)
        self.toggle.blockSignals(False)
        self._fold(self.toggle.isChecked())
        self.setVisible(bool(html_text))

    def _fold(self, unfolded: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if unfolded else Qt.ArrowType.RightArrow)
        self.toggle.setText(
            QCoreApplication.translate("RecordBanner", "Hide changes")
            if unfolded
            else QCoreApplication.translate("RecordBanner", "Show changes (%d)") % self._count
        )
        self.changes_scroll.setVisible(unfolded and self._count > 0)
        self._fit()

    def _fit(self) -> None:
        """The head text takes exactly the height of its lines at the banner's width (a word
        wrapped label's own minimum is computed for a narrow column, which leaves blank bands
        around the text); the changes take theirs, up to MAX_VISIBLE_LINES lines. Only once
        the banner is on screen: before that its width is not the one it will have."""
        if not self.isVisible():
            return
        margins = self._layout.contentsMargins()
        width = max(self.width() - margins.left() - margins.right(), 100)
        self.label.setMinimumHeight(0)  # a label's heightForWidth honours its own minimum
        self.label.setMaximumHeight(QWIDGETSIZE_MAX)
        height = self.label.heightForWidth(width)
        if height > 0:  # -1 while there is no text
            self.label.setFixedHeight(height)
        viewport = self.changes_scroll.viewport().width() or width
        needed = self.changes.heightForWidth(max(viewport, 100))
        line = self.changes.fontMetrics().lineSpacing()
        self.changes_scroll.setFixedHeight(max(line, min(needed, line * MAX_VISIBLE_LINES)))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        super().resizeEvent(event)
        self._fit()

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        self._fit()


__all__ = ["RecordBanner"]
