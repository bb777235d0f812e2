"""One input widget per field type, each built from the protocol's field definition.

Every editor exposes the same small interface (``raw_value``, ``set_raw_value``, ``changed``,
``focus_target``) so the wizard never needs to know which kind it holds. The editable widget
carries the field id as its objectName (a contract for tests and automation): number, text and
date fields are QLineEdits.

An editor keeps a value it cannot show (an imported ``"maybe"`` for a yes/no question) as an
*unshown raw value*, returned to the engine until the user chooses, so the engine reports it
beside the field instead of the value being silently dropped.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCalendarWidget,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core.protocol import FieldDef
from nkscreen.core.units import entry_units
from nkscreen.ui.icons import calendar_icon
from nkscreen.ui.style import CHOSEN

if TYPE_CHECKING:
    from nkscreen.core.localized_texts import LocalizedTexts

_UNSET = object()


def _text_of(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return json.dumps(value)
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, default=str)


class FieldEditor(QObject):
    """The common interface; ``widget`` is what goes into the page layout. ``texts``: the
    protocol's words in the window's language (None: the protocol file's English)."""

    changed = Signal()

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(parent)
        self.field = field
        self.texts = texts
        self.widget: QWidget = QWidget(parent)

    def label(self) -> str:
        """The field's label as the window shows it."""
        return self.texts.field_label(self.field.id) if self.texts else self.field.label

    def choice_text(self, value: object, english: str) -> str:
        """A choice's label as the window shows it (``english``: the protocol file's)."""
        if self.texts is None:
            return english
        return self.texts.choice_label(self.field.id, value) or english

    def raw_value(self) -> object:
        raise NotImplementedError

    def set_raw_value(self, value: object) -> None:
        raise NotImplementedError

    def focus_target(self) -> QWidget:
        return self.widget

    def describe(self, label: str, help_text: str) -> None:
        target = self.focus_target()
        target.setAccessibleName(label)
        target.setAccessibleDescription(help_text)
        target.setToolTip(help_text)


class _TextBacked(FieldEditor):
    """An editor whose answer is the text of ``self.edit``, exactly as typed."""

    edit: QLineEdit

    def raw_value(self) -> object:
        text = self.edit.text().strip()
        return text or None

    def set_raw_value(self, value: object) -> None:
        self.edit.setText(_text_of(value))


class LineEditor(_TextBacked):
    """Text, numbers and whole numbers: the value exactly as typed (the core parses it)."""

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        self.edit = QLineEdit(parent)
        self.edit.setObjectName(field.id)
        self.edit.setClearButtonEnabled(False)
        if field.type in ("number", "integer"):
            self.edit.setMaximumWidth(110)
            self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        else:
            self.edit.setMaximumWidth(260)
        self.edit.textChanged.connect(self.changed)
        self.widget = self.edit


class DateEditor(_TextBacked):
    """ISO date typed or picked from a calendar; exposures also offer *Never* and *Ongoing*."""

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        box = QWidget(parent)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(box)
        self.edit.setObjectName(field.id)
        self.edit.setPlaceholderText(self.tr("YYYY-MM-DD"))
        self.edit.setMaximumWidth(120)
        self.edit.textChanged.connect(self.changed)
        layout.addWidget(self.edit)
        pick = QToolButton(box)
        pick.setIcon(calendar_icon())
        pick.setText("…")
        pick.setObjectName(f"{field.id}__calendar")
        pick.setToolTip(self.tr("Pick the date from a calendar"))
        pick.setAccessibleName(self.tr("Calendar for %s") % self.label())
        pick.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # keyboard users type the date
        pick.clicked.connect(self._open_calendar)
        layout.addWidget(pick)
        if field.type == "exposure_date":
            for value, text, tip in (
                ("none", self.tr("Never"), self.tr("Never given (or not in the look-back)")),
                ("ongoing", self.tr("Ongoing"), self.tr("Still being given")),
            ):
                button = QPushButton(text, box)
                button.setObjectName(f"{field.id}__{value}")
                button.setToolTip(tip)
                button.clicked.connect(lambda _=False, v=value: self.edit.setText(v))
                layout.addWidget(button)
        layout.addStretch(1)
        self.widget = box
        self._calendar: QCalendarWidget | None = None

    def focus_target(self) -> QWidget:
        return self.edit

    def _open_calendar(self) -> None:
        calendar = QCalendarWidget()
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setGridVisible(True)
        current = QDate.fromString(self.edit.text().strip(), Qt.DateFormat.ISODate)
        if current.isValid():
            calendar.setSelectedDate(current)

        def chosen(day: QDate) -> None:
            self.edit.setText(day.toString(Qt.DateFormat.ISODate))
            calendar.close()
            self.edit.setFocus()

        calendar.activated.connect(chosen)
        calendar.clicked.connect(chosen)
        calendar.move(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        calendar.show()
        self._calendar = calendar


class ChoiceButtons(FieldEditor):
    """Yes/no and short choices as a row of toggle buttons: one click, visible at a glance.

    A chosen answer is never cleared by a second click or Space (a slip of the finger must
    not silently erase it): "Clear answer" beside the choices does that. Keyboard: Tab to a
    button, Space or Enter selects it; Enter on the button already chosen goes on (the page's
    Enter: next page).
    """

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        box = QWidget(parent)
        box.setObjectName(field.id)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        options: list[tuple[object, str]]
        if field.type == "yes_no":
            options = [("yes", self.tr("Yes")), ("no", self.tr("No"))]
        else:
            options = [(c.value, self.choice_text(c.value, c.label)) for c in field.choices]
        self.buttons: dict[object, QPushButton] = {}
        for value, text in options:
            button = QPushButton(text, box)
            button.setCheckable(True)
            button.setStyleSheet(CHOSEN)
            button.setObjectName(f"{field.id}__{value}")
            button.setAccessibleName(f"{self.label()}: {text}")
            # Wide enough for its text in bold with the chosen style's padding: a chosen
            # "Postmenopausal" must never read "ostmenopaus".
            bold = QFont(button.font())
            bold.setBold(True)
            button.setMinimumWidth(max(64, QFontMetrics(bold).horizontalAdvance(text) + 32))
            button.clicked.connect(lambda checked, v=value: self._clicked(v, checked))
            button.installEventFilter(self)
            layout.addWidget(button)
            self.buttons[value] = button
        clear = self.tr("Clear answer")
        self.clear_button = QPushButton(clear, box)
        self.clear_button.setObjectName(f"{field.id}__clear")
        self.clear_button.setAccessibleName(f"{self.label()}: {clear}")
        self.clear_button.setFlat(True)
        self.clear_button.setEnabled(False)  # out of the tab order while there is nothing to clear
        self.clear_button.clicked.connect(self._clear)
        layout.addWidget(self.clear_button)
        layout.addStretch(1)
        self.widget = box
        self._value: object = None
        self._unshown: object = _UNSET

    def focus_target(self) -> QWidget:
        return next(iter(self.buttons.values()))

    def describe(self, label: str, help_text: str) -> None:
        self.widget.setAccessibleName(label)
        self.widget.setAccessibleDescription(help_text)
        for button in self.buttons.values():
            button.setToolTip(help_text)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Enter on a choice not yet chosen chooses it (and stays on the page)."""
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and event.modifiers() == Qt.KeyboardModifier.NoModifier
            and isinstance(watched, QPushButton)
            and not watched.isChecked()
            and watched.isEnabled()
            and watched.isVisible()
        ):
            watched.click()
            return True
        return super().eventFilter(watched, event)

    def _clicked(self, value: object, checked: bool) -> None:
        if not checked and value == self._value and self._unshown is _UNSET:
            self.buttons[value].setChecked(True)  # chosen stays chosen: "Clear answer" clears
            return
        self._unshown = _UNSET
        self._set(value if checked else None)
        self.changed.emit()

    def _clear(self) -> None:
        focus_back = self.clear_button.hasFocus()
        self._unshown = _UNSET
        self._set(None)
        self.changed.emit()
        if focus_back:
            self.focus_target().setFocus()

    def _set(self, value: object) -> None:
        self._value = value
        for option, button in self.buttons.items():
            button.setChecked(option == value)
        self.clear_button.setEnabled(value is not None or self._unshown is not _UNSET)

    def raw_value(self) -> object:
        return self._value if self._unshown is _UNSET else self._unshown

    def set_raw_value(self, value: object) -> None:
        if value is None or value in self.buttons:
            self._unshown = _UNSET
            self._set(value)
        else:
            self._unshown = value
            self._set(None)
        self.changed.emit()


class UnitCombo(FieldEditor):
    """A unit selector that sits beside the value it qualifies."""

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        self.combo = QComboBox(parent)
        self.combo.setObjectName(field.id)
        self.combo.addItem(self.tr("unit?"), None)
        for choice in field.choices:
            self.combo.addItem(self.choice_text(choice.value, choice.label), choice.value)
        self.combo.currentIndexChanged.connect(self._index_changed)
        self.widget = self.combo
        self._unshown: object = _UNSET

    def _index_changed(self) -> None:
        self._unshown = _UNSET
        self.changed.emit()

    def raw_value(self) -> object:
        if self._unshown is not _UNSET:
            return self._unshown
        return self.combo.currentData()

    def set_raw_value(self, value: object) -> None:
        index = self.combo.findData(value) if value is not None else 0
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(max(index, 0))
        self.combo.blockSignals(False)
        self._unshown = value if index < 0 else _UNSET
        self.changed.emit()


class AgentListEditor(FieldEditor):
    """Systemic anti-tumour agents: name, last dose (date or ongoing), half-life in hours.

    "None in the window" must be said explicitly: an empty table alone is *unanswered*.
    """

    COLUMNS = ("agent", "last_dose", "half_life_hours")

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        box = QWidget(parent)
        box.setObjectName(field.id)
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.none_box = QCheckBox(self.tr("None given"), box)
        self.none_box.setObjectName(f"{field.id}__none")
        self.none_box.toggled.connect(self._none_toggled)
        layout.addWidget(self.none_box)
        self.table = QTableWidget(0, 3, box)
        self.table.setObjectName(f"{field.id}__table")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Agent"), self.tr("Last dose (date or ongoing)"), self.tr("Half-life (h)")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.setMaximumHeight(130)
        self.table.setMinimumWidth(560)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        layout.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton(self.tr("Add agent"), box)
        add.setObjectName(f"{field.id}__add")
        add.clicked.connect(self.add_row)
        remove = QPushButton(self.tr("Remove selected"), box)
        remove.setObjectName(f"{field.id}__remove")
        remove.clicked.connect(self._remove_selected)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout.addLayout(row)
        self.widget = box
        self._unshown: object = _UNSET

    def focus_target(self) -> QWidget:
        return self.none_box

    def _none_toggled(self, checked: bool) -> None:
        self._unshown = _UNSET
        if checked:
            self.table.setRowCount(0)
        self.table.setEnabled(not checked)
        self.changed.emit()

    def add_row(self, values: tuple[str, str, str] | bool = False) -> None:
        self.none_box.setChecked(False)
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = values if isinstance(values, tuple) else ("", "", "")
        for column, text in enumerate(texts):
            self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.blockSignals(False)
        self._unshown = _UNSET
        self.changed.emit()
        if not isinstance(values, tuple):
            self.table.setCurrentCell(row, 0)
            first = self.table.item(row, 0)
            if first is not None:
                self.table.editItem(first)

    def _remove_selected(self) -> None:
        for row in sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True):
            self.table.removeRow(row)
        self.changed.emit()

    def raw_value(self) -> object:
        if self._unshown is not _UNSET:
            return self._unshown
        if self.none_box.isChecked():
            return []
        rows: list[dict[str, Any]] = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, c) for c in range(3)]
            texts = [c.text().strip() if c is not None else "" for c in cells]
            if not any(texts):
                continue
            item: dict[str, Any] = {"agent": texts[0], "last_dose": texts[1]}
            if texts[2]:
                item["half_life_hours"] = texts[2]
            rows.append(item)
        return rows or None

    def set_raw_value(self, value: object) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        self.table.blockSignals(False)
        self._unshown = _UNSET
        items = value if isinstance(value, list) else None
        if value is None:
            self.none_box.setChecked(False)
        elif items is not None and not items:
            self.none_box.setChecked(True)
        elif items is not None and all(
            isinstance(i, dict) and set(i) <= set(self.COLUMNS) for i in items
        ):
            self.none_box.setChecked(False)
            for item in items:
                cells = tuple(_text_of(item.get(c)) for c in self.COLUMNS)
                self.add_row((cells[0], cells[1], cells[2]))
        else:  # not a list of agents: kept as is, so the engine reports it at the field
            self.none_box.setChecked(False)
            self._unshown = value
        self.changed.emit()


def make_editor(
    field: FieldDef,
    parent: QWidget,
    unit_field_ids: set[str],
    texts: LocalizedTexts | None = None,
) -> FieldEditor:
    """The editor for ``field``; ``texts``: the protocol's words in the window's language."""
    if field.type == "agent_list":
        return AgentListEditor(field, parent, texts)
    if field.type in ("date", "exposure_date"):
        return DateEditor(field, parent, texts)
    if field.type == "choice" and field.id in unit_field_ids:
        return UnitCombo(field, parent, texts)
    if field.type in ("yes_no", "choice"):
        return ChoiceButtons(field, parent, texts)
    if entry_units(field):  # typed in one of several units, kept in the field's own
        from nkscreen.ui.unit_entry import UnitEntryEditor

        return UnitEntryEditor(field, parent, texts)
    return LineEditor(field, parent, texts)
