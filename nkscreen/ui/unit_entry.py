"""A number that may be typed in another unit than the protocol keeps it in (a weight in lb).

The protocol says which units a field offers (``unit_factors`` beside a fixed ``unit``, see
:mod:`nkscreen.core.units`); this editor shows them in a menu beside the value. The answer it
gives the engine is always in the field's own unit (converted with exact decimals), and it
says what was typed (:meth:`UnitEntryEditor.entered`) for the record to keep. Beside it the
value reads in both units ("70 kg (154.3 lb)").
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from nkscreen.core import display
from nkscreen.core.answers import to_decimal
from nkscreen.core.localized_texts import LocalizedTexts
from nkscreen.core.protocol import FieldDef
from nkscreen.core.units import (
    EnteredValue,
    entry_units,
    kept_source,
    other_unit_text,
    to_field_unit,
)
from nkscreen.ui.field_editors import FieldEditor
from nkscreen.ui.style import set_role


class UnitEntryEditor(FieldEditor):
    """Value, unit menu and the value in both units; the line edit is named by the field id."""

    def __init__(
        self, field: FieldDef, parent: QWidget, texts: LocalizedTexts | None = None
    ) -> None:
        super().__init__(field, parent, texts)
        box = QWidget(parent)
        layout = QHBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(box)
        self.edit.setObjectName(field.id)
        self.edit.setMaximumWidth(110)
        self.edit.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.edit.textChanged.connect(self._edited)
        layout.addWidget(self.edit)
        self.units = QComboBox(box)
        self.units.setObjectName(f"{field.id}__unit")
        self.units.setAccessibleName(self.tr("Unit of %s") % self.label())
        self.units.setToolTip(
            self.tr("The unit you type the value in; it is kept in %s") % field.unit
        )
        for unit in entry_units(field):
            self.units.addItem(unit, unit)
        self.units.currentIndexChanged.connect(self._edited)
        layout.addWidget(self.units)
        self.both = QLabel("", box)
        self.both.setObjectName(f"{field.id}__both")
        set_role(self.both, "derived")
        layout.addWidget(self.both)
        layout.addStretch(1)
        self.widget = box

    def focus_target(self) -> QWidget:
        return self.edit

    @property
    def unit(self) -> str:
        return str(self.units.currentData())

    def _typed(self) -> Decimal | None:
        return to_decimal(self.edit.text())

    def _edited(self) -> None:
        self._show_both()
        self.changed.emit()

    def raw_value(self) -> object:
        """The answer in the field's unit: converted when typed in another (text that is no
        number goes as typed, so the engine says what is wrong with it)."""
        text = self.edit.text().strip()
        if not text:
            return None
        typed = self._typed()
        if typed is None or self.unit == self.field.unit:
            return text
        return display.plain(to_field_unit(self.field, typed, self.unit))

    def set_raw_value(self, value: object) -> None:
        """An answer from a record, a draft or a case: in the field's own unit."""
        self.units.blockSignals(True)
        self.units.setCurrentIndex(0)
        self.units.blockSignals(False)
        self.edit.blockSignals(True)
        self.edit.setText("" if value is None else str(value))
        self.edit.blockSignals(False)
        self._show_both()
        self.changed.emit()

    def entered(self) -> EnteredValue | None:
        """What was typed, when typed in another unit than the field's (the record keeps it)."""
        if self.unit == self.field.unit or self._typed() is None:
            return None
        return EnteredValue(self.edit.text().strip(), self.unit)

    def show_entered(self, entered: EnteredValue) -> None:
        """Show a saved answer as it was typed (154.3 lb), if that is still its source."""
        if not kept_source(self.field, entered, self.raw_value()):
            return
        index = self.units.findData(entered.unit)
        self.units.blockSignals(True)
        self.units.setCurrentIndex(index)
        self.units.blockSignals(False)
        self.edit.blockSignals(True)
        self.edit.setText(entered.value)
        self.edit.blockSignals(False)
        self._show_both()

    def _show_both(self) -> None:
        """ "69.99 kg (154.3 lb)": the kept value and the other unit, once it is a number."""
        answer = to_decimal(self.raw_value())
        if answer is None:
            self.both.setText("")
            return
        kept = f"{display.plain(answer)} {self.field.unit}"
        other = other_unit_text(self.field, answer, self.entered())
        self.both.setText(self.tr("= %s (%s)") % (kept, other))


__all__ = ["UnitEntryEditor"]
