"""The side panel: criterion names wrapped over as many lines as they need, never cut off, and
each criterion's status drawn as a badge.

An item view wraps text only when asked (``setWordWrap``) and even then sizes each row for
one line, so a long name ("E4 Hypersensitivity to murine proteins, antibodies or cytokines")
is clipped at any width. :class:`WrappingDelegate` gives each row the height its name needs
at the column's width, and :func:`wrap_navigator` lets the names' column take the panel's
width (the status column keeps its own) and lays the rows out again when that width changes.

The status column shows each row's status (:data:`STATUS_ROLE`) as the badges do: its words,
bold, in its colours, drawn by the view itself; thirty badge widgets, each with its own style
sheet, were a thirtieth of the start-up's work.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QTreeWidgetItem,
)

from nkscreen.ui.status_badge import badge_text
from nkscreen.ui.style import badge_colours

#: The status column's width: the widest badge ("✓ Absent", "✗ PRESENT") with its padding.
STATUS_WIDTH = 104
#: The item data role holding a row's status id ("met", "unknown", ...).
STATUS_ROLE = Qt.ItemDataRole.UserRole + 7
#: Room the view's item takes around its text: the style's text margin (focus frame margin
#: + 1) on each side, and a pixel to spare.
_PADDING = 8
#: Row sizes a delegate remembers (a protocol's rows at a few widths).
_KEPT_SIZES = 2000


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text in the first column of a tree.

    A row's height is remembered for its text at a width in a font: the view asks again and
    again while the panel settles (three times a row at start-up, two text layouts each)."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree
        self._sizes: dict[tuple[str, int, str], QSize] = {}

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        if index.column() != 0:
            return super().sizeHint(option, index)
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        if self.tree.rootIsDecorated():
            depth += 1
        width = self.tree.columnWidth(0) - self.tree.indentation() * depth - _PADDING
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        key = (text, width, option.font.key())
        size = self._sizes.get(key)
        if size is None:
            if len(self._sizes) > _KEPT_SIZES:
                self._sizes.clear()
            base = super().sizeHint(option, index)
            bounds = option.fontMetrics.boundingRect(
                QRect(0, 0, max(width, 40), 100_000), Qt.TextFlag.TextWordWrap, text
            )
            size = self._sizes[key] = QSize(base.width(), max(base.height(), bounds.height() + 6))
        return QSize(size)


def wrap_navigator(tree: QTreeWidget) -> None:
    """Wrap ``tree``'s first column and let it fill the panel beside a fixed status column."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    # The list is longer than the panel: with its scroll bar always there, the rows are
    # measured at one width (a scroll bar that comes once they are measured narrows the
    # column and every row is wrapped and measured again).
    tree.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(WrappingDelegate(tree))
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(1, STATUS_WIDTH)
    header.sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())


def status_cell(item: QTreeWidgetItem, bold: QFont) -> None:
    """Make ``item``'s status column a badge: bold words, centred (the colours follow)."""
    item.setFont(1, bold)
    item.setTextAlignment(1, Qt.AlignmentFlag.AlignCenter)


def show_status(item: QTreeWidgetItem, status: str) -> None:
    """Show ``status`` in ``item``'s status column: its words, in its badge's colours."""
    if item.data(1, STATUS_ROLE) != status:
        item.setData(1, STATUS_ROLE, status)
        item.setText(1, badge_text(status))
        colours = badge_colours(status)
        if colours is not None:
            item.setBackground(1, QColor(colours[0]))
            item.setForeground(1, QColor(colours[1]))


def row_status(item: QTreeWidgetItem) -> str | None:
    """The status ``item``'s status column shows."""
    status = item.data(1, STATUS_ROLE)
    return status if isinstance(status, str) else None


__all__ = [
    "STATUS_ROLE",
    "STATUS_WIDTH",
    "WrappingDelegate",
    "row_status",
    "show_status",
    "status_cell",
    "wrap_navigator",
]
