"""The side panel's criterion names wrapped over as many lines as they need, never cut off.

An item view wraps text only when asked (``setWordWrap``) and even then sizes each row for
one line, so a long name ("E4 Hypersensitivity to murine proteins, antibodies or cytokines")
is clipped at any width. :class:`WrappingDelegate` gives each row the height its name needs
at the column's width, and :func:`wrap_navigator` lets the names' column take the panel's
width (the status column keeps its own) and lays the rows out again when that width changes.
"""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeWidget,
    QVBoxLayout,
    QWidget,
)

#: The status column's width: the widest badge ("✓ Absent", "✗ PRESENT") with its padding.
STATUS_WIDTH = 104
#: Room the view's item takes around its text: the style's text margin (focus frame margin
#: + 1) on each side, and a pixel to spare.
_PADDING = 8


class WrappingDelegate(QStyledItemDelegate):
    """Row heights for wrapped text in the first column of a tree."""

    def __init__(self, tree: QTreeWidget) -> None:
        super().__init__(tree)
        self.tree = tree

    def sizeHint(  # noqa: N802 - Qt override
        self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> QSize:
        base = super().sizeHint(option, index)
        if index.column() != 0:
            return base
        depth = 0
        parent = index.parent()
        while parent.isValid():
            depth += 1
            parent = parent.parent()
        if self.tree.rootIsDecorated():
            depth += 1
        width = self.tree.columnWidth(0) - self.tree.indentation() * depth - _PADDING
        text = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        bounds = option.fontMetrics.boundingRect(
            QRect(0, 0, max(width, 40), 100_000), Qt.TextFlag.TextWordWrap, text
        )
        return QSize(base.width(), max(base.height(), bounds.height() + 6))


def wrap_navigator(tree: QTreeWidget) -> None:
    """Wrap ``tree``'s first column and let it fill the panel beside a fixed status column."""
    tree.setWordWrap(True)
    tree.setUniformRowHeights(False)
    tree.setTextElideMode(Qt.TextElideMode.ElideNone)
    tree.setItemDelegate(WrappingDelegate(tree))
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
    header.resizeSection(1, STATUS_WIDTH)
    header.sectionResized.connect(lambda *_: tree.scheduleDelayedItemsLayout())


def centred(badge: QWidget) -> QWidget:
    """``badge`` in a holder that keeps it one line high in the middle of a taller row (an
    index widget is stretched to its row, and a maximum height would cap the row instead)."""
    holder = QWidget()
    layout = QVBoxLayout(holder)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(badge, 0, Qt.AlignmentFlag.AlignVCenter)
    return holder


__all__ = ["STATUS_WIDTH", "WrappingDelegate", "centred", "wrap_navigator"]
