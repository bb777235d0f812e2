"""Preferences: the site's name and time zone, ULN defaults per lab and sex (with units),
evidence recency limits and paper size. Saved atomically as JSON (see ``nkscreen.settings``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from nkscreen.clock import computer_zone_name, format_time, zone_named, zone_names
from nkscreen.core.protocol import Protocol
from nkscreen.settings import SiteSettings, UlnDefault, save_settings
from nkscreen.ui import dialogs


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: SiteSettings,
        path: Path,
        protocol: Protocol,
        parent: QWidget | None = None,
        data_dir: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(QCoreApplication.translate("Preferences", "Preferences"))
        self.settings = settings
        self.path = path
        self.protocol = protocol
        self.saved_settings = settings
        layout = QVBoxLayout(self)
        site = QFormLayout()
        self.site_name = QLineEdit(settings.site_name)
        self.site_name.setObjectName("pref_site_name")
        site.addRow(QCoreApplication.translate("Preferences", "Site name"), self.site_name)
        self.uln_source = QLineEdit(settings.uln_source)
        self.uln_source.setObjectName("pref_uln_source")
        site.addRow(
            QCoreApplication.translate("Preferences", "Source of the ULN values"), self.uln_source
        )
        self.page_size = QComboBox()
        self.page_size.setObjectName("pref_page_size")
        self.page_size.addItems(["A4", "Letter"])
        self.page_size.setCurrentText(settings.page_size)
        site.addRow(QCoreApplication.translate("Preferences", "Paper size"), self.page_size)
        self.time_zone = self._time_zone_box(settings.time_zone)
        site.addRow(QCoreApplication.translate("Preferences", "Time zone"), self.time_zone)
        self.zone_example = QLabel("")
        self.zone_example.setObjectName("pref_time_zone_example")
        self.zone_example.setProperty("role", "help")
        site.addRow("", self.zone_example)
        self._show_zone_example()
        layout.addLayout(site)
        layout.addWidget(self._uln_group())
        layout.addWidget(self._recency_group())
        if data_dir is not None:
            from nkscreen import paths
            from nkscreen.ui.trusted_signers import TrustedSignersBox

            self.trusted = TrustedSignersBox(
                paths.trusted_signers_path(data_dir), paths.identities_dir(data_dir), self
            )
            layout.addWidget(self.trusted)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _time_zone_box(self, current: str) -> QComboBox:
        """Every IANA zone, after "this computer's": the zone of every time shown or printed."""
        box = QComboBox()
        box.setObjectName("pref_time_zone")
        box.setAccessibleName(QCoreApplication.translate("Preferences", "Time zone"))
        box.addItem(
            QCoreApplication.translate("Preferences", "This computer's time zone (%s)")
            % computer_zone_name(),
            "",
        )
        for name in zone_names():
            box.addItem(name, name)
        box.setCurrentIndex(max(0, box.findData(current)))
        box.currentIndexChanged.connect(self._show_zone_example)
        return box

    def _show_zone_example(self) -> None:
        now = datetime.now(UTC)
        zone = zone_named(str(self.time_zone.currentData() or ""))
        self.zone_example.setText(
            QCoreApplication.translate(
                "Preferences", "Times are shown and printed like this: %s (records keep UTC)"
            )
            % format_time(now, zone)
        )

    def _uln_group(self) -> QGroupBox:
        group = QGroupBox(
            QCoreApplication.translate(
                "Preferences", "Upper limits of normal (pre-filled in each assessment, editable)"
            )
        )
        grid = QGridLayout(group)
        for column, text in enumerate(
            [
                QCoreApplication.translate("Preferences", "Test"),
                QCoreApplication.translate("Preferences", "Female"),
                QCoreApplication.translate("Preferences", "Male"),
                QCoreApplication.translate("Preferences", "Unit"),
            ]
        ):
            grid.addWidget(QLabel(f"<b>{text}</b>"), 0, column)
        self.uln_edits: dict[str, tuple[QLineEdit, QLineEdit, QComboBox | QLabel]] = {}
        uln_fields = [f for f in self.protocol.fields if f.id.endswith("_uln")]
        for row, f in enumerate(uln_fields, start=1):
            current = self.settings.uln_defaults.get(f.id, UlnDefault())
            grid.addWidget(QLabel(f.label), row, 0)
            edits = []
            for sex in ("female", "male"):
                value = getattr(current, sex)
                edit = QLineEdit("" if value is None else format(value, "f"))
                edit.setObjectName(f"pref_{f.id}_{sex}")
                edit.setAccessibleName(f"{f.label}, {sex}")
                grid.addWidget(edit, row, 1 if sex == "female" else 2)
                edits.append(edit)
            unit: QComboBox | QLabel
            if f.unit_field:
                unit = QComboBox()
                unit.setObjectName(f"pref_{f.id}_unit")
                for choice in self.protocol.field_map[f.unit_field].choices:
                    unit.addItem(choice.label, choice.value)
                index = unit.findData(current.unit)
                unit.setCurrentIndex(max(index, 0))
            else:
                unit = QLabel(f.unit or QCoreApplication.translate("Preferences", "(ratio)"))
            grid.addWidget(unit, row, 3)
            self.uln_edits[f.id] = (edits[0], edits[1], unit)
        return group

    def _recency_group(self) -> QGroupBox:
        group = QGroupBox(
            QCoreApplication.translate(
                "Preferences", "Evidence older than this before the assessment gives a warning"
            )
        )
        form = QFormLayout(group)
        self.recency: dict[str, QSpinBox] = {}
        for limit in self.protocol.recency_limits:
            spin = QSpinBox()
            spin.setObjectName(f"pref_recency_{limit.field}")
            spin.setRange(0, 365)
            spin.setSuffix(" " + QCoreApplication.translate("Preferences", "days"))
            spin.setValue(self.settings.recency_days.get(limit.field, limit.max_days))
            form.addRow(self.protocol.field_map[limit.field].label, spin)
            self.recency[limit.field] = spin
        return group

    def collect(self) -> SiteSettings:
        """The settings as entered; raises ValueError naming the first bad value."""
        uln: dict[str, UlnDefault] = {}
        for fid, (female, male, unit) in self.uln_edits.items():
            values: dict[str, Decimal | None] = {}
            for sex, edit in (("female", female), ("male", male)):
                text = edit.text().strip()
                try:
                    number = Decimal(text) if text else None
                except InvalidOperation:
                    raise ValueError(
                        QCoreApplication.translate("Preferences", "%s (%s): %r is not a number")
                        % (fid, sex, text)
                    ) from None
                if number is not None and (not number.is_finite() or number <= 0):
                    raise ValueError(
                        QCoreApplication.translate("Preferences", "%s (%s): must be above 0")
                        % (fid, sex)
                    )
                values[sex] = number
            unit_text = unit.currentData() if isinstance(unit, QComboBox) else ""
            uln[fid] = UlnDefault(female=values["female"], male=values["male"], unit=unit_text)
        return self.settings.model_copy(
            update={
                "site_name": self.site_name.text().strip(),
                "uln_source": self.uln_source.text().strip(),
                "page_size": self.page_size.currentText(),
                "time_zone": str(self.time_zone.currentData() or ""),
                "uln_defaults": uln,
                "recency_days": {k: s.value() for k, s in self.recency.items()},
            }
        )

    def _save(self) -> None:
        try:
            settings = self.collect()
        except ValueError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("Preferences", "Check the values"), str(exc)
            )
            return
        try:
            save_settings(self.path, settings)
        except OSError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("Preferences", "Settings not saved"),
                QCoreApplication.translate(
                    "Preferences", "Could not write %s: %s. Nothing was changed."
                )
                % (self.path, exc.strerror),
            )
            return
        self.saved_settings = settings
        self.accept()
