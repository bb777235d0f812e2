"""Preferences: the site's name and time zone, paper size, the installed protocols (and the
site's protocols folder), and for each protocol its ULN defaults per lab and sex (with units)
and evidence recency limits. Saved atomically as JSON (see ``nkscreen.settings``).
"""

from __future__ import annotations

from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QLocale, QSize, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QScrollArea,
    QSpinBox,
    QStackedWidget,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from nkscreen.clock import computer_zone_name, format_time, zone_named, zone_names
from nkscreen.core import frozen
from nkscreen.core.library import ProtocolLibrary
from nkscreen.core.protocol import SEX_VALUES, Protocol
from nkscreen.settings import (
    EXAMPLE_SOURCE,
    ProtocolSettings,
    SiteSettings,
    UlnDefault,
    example_protocol_settings,
    save_settings,
)
from nkscreen.ui import dialogs
from nkscreen.ui.i18n import (
    example_uln_source,
    protocol_texts_or_english,
    said_text,
    shown_uln_source,
)
from nkscreen.ui.protocols_box import ProtocolsBox
from nkscreen.ui.style import set_role


class PreferencesDialog(QDialog):
    def __init__(
        self,
        settings: SiteSettings,
        path: Path,
        library: ProtocolLibrary,
        parent: QWidget | None = None,
        data_dir: Path | None = None,
        current: str | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("preferences_dialog")
        self.setWindowTitle(QCoreApplication.translate("Preferences", "Preferences"))
        self.settings = settings
        self.path = path
        self.library = library
        self.saved_settings = settings
        # The settings scroll above Save/Cancel: on a 1366x768 ward screen they are taller
        # than the screen, and a dialog squeezed to fit overlaps its own rows.
        outer = QVBoxLayout(self)
        body = QWidget()
        body.setObjectName("preferences_body")
        layout = QVBoxLayout(body)
        scroll = QScrollArea(self)
        scroll.setObjectName("preferences_scroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self._body = body
        self._outer = outer
        self._scroll = scroll
        site = QFormLayout()
        site.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.site_name = QLineEdit(settings.site_name)
        self.site_name.setObjectName("pref_site_name")
        site.addRow(QCoreApplication.translate("Preferences", "Site name"), self.site_name)
        # The examples' label in the window's language; saved back as the settings keep it.
        self.uln_source = QLineEdit(shown_uln_source(settings.uln_source))
        self.uln_source.setObjectName("pref_uln_source")
        self.uln_source.setToolTip(settings.uln_source)
        # Wide enough for the whole source (a lab's name and the date of its ranges).
        room = self.uln_source.fontMetrics().horizontalAdvance(settings.uln_source) + 24
        self.uln_source.setMinimumWidth(min(max(room, 320), 760))
        site.addRow(
            QCoreApplication.translate("Preferences", "Source of the ULN values"), self.uln_source
        )
        self.page_size = QComboBox()
        self.page_size.setObjectName("pref_page_size")
        self.page_size.addItem("A4", "A4")
        self.page_size.addItem(QCoreApplication.translate("Preferences", "Letter"), "Letter")
        self.page_size.setCurrentIndex(max(0, self.page_size.findData(settings.page_size)))
        site.addRow(QCoreApplication.translate("Preferences", "Paper size"), self.page_size)
        self.time_zone = self._time_zone_box(settings.time_zone)
        site.addRow(QCoreApplication.translate("Preferences", "Time zone"), self.time_zone)
        self.zone_example = QLabel("")
        self.zone_example.setObjectName("pref_time_zone_example")
        set_role(self.zone_example, "help")
        site.addRow("", self.zone_example)
        self._show_zone_example()
        self.language = self._language_box(settings.language)
        site.addRow(QCoreApplication.translate("Preferences", "Language"), self.language)
        restart = QLabel(
            QCoreApplication.translate(
                "Preferences",
                "A new language takes effect when nkscreen is started again. "
                "NKSCREEN_LANG or --lang, when given, take precedence.",
            )
        )
        restart.setObjectName("pref_language_note")
        set_role(restart, "help")
        restart.setWordWrap(True)
        site.addRow("", restart)
        layout.addLayout(site)
        layout.addWidget(ProtocolsBox(library, self))
        self.uln_edits: dict[str, dict[str, tuple[QLineEdit, QLineEdit, QComboBox | str]]] = {}
        self.recency: dict[str, dict[str, QSpinBox]] = {}
        self.protocol_choice = QComboBox()
        self.protocol_choice.setObjectName("pref_protocol")
        self.protocol_pages = QStackedWidget()
        for protocol in library.protocols:
            page = QWidget()
            column = QVBoxLayout(page)
            column.setContentsMargins(0, 0, 0, 0)
            column.addWidget(self._uln_group(protocol))
            column.addWidget(self._recency_group(protocol))
            self.protocol_pages.addWidget(page)
            self.protocol_choice.addItem(f"{protocol.id} ({protocol.version})", protocol.id)
        self.protocol_choice.currentIndexChanged.connect(self.protocol_pages.setCurrentIndex)
        chosen = self.protocol_choice.findData(current) if current else 0
        self.protocol_choice.setCurrentIndex(max(chosen, 0))
        if self.protocol_choice.count() > 1:  # one protocol: nothing to choose
            which = QFormLayout()
            which.addRow(
                QCoreApplication.translate("Preferences", "Ranges and limits of"),
                self.protocol_choice,
            )
            layout.addLayout(which)
        layout.addWidget(self.protocol_pages)
        if data_dir is not None:
            from nkscreen import paths
            from nkscreen.ui.trusted_signers import TrustedSignersBox

            self.trusted = TrustedSignersBox(
                paths.trusted_signers_path(data_dir), paths.identities_dir(data_dir), self
            )
            layout.addWidget(self.trusted)
        layout.addStretch(1)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        outer.addWidget(buttons)
        # Explicitly: a window's automatic size is capped at two thirds of the screen.
        self.resize(self.sizeHint())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        """Wide enough for every row, as tall as they are up to nine tenths of the screen."""
        body = self._body.sizeHint()
        extra = self._outer.sizeHint() - self._scroll.sizeHint()  # buttons, margins
        room = self.screen().availableGeometry().size() if self.screen() else QSize(1366, 768)
        scrollbar = self.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent)
        return QSize(
            min(body.width() + extra.width() + scrollbar, int(room.width() * 0.95)),
            min(body.height() + extra.height(), int(room.height() * 0.9)),
        )

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

    def _language_box(self, current: str) -> QComboBox:
        """The computer's language, English or 简体中文 (each named in its own language)."""
        from nkscreen.language import LANGUAGES, from_locale_name

        box = QComboBox()
        box.setObjectName("pref_language")
        box.setAccessibleName(QCoreApplication.translate("Preferences", "Language"))
        system = LANGUAGES[from_locale_name(QLocale.system().name())]
        box.addItem(
            QCoreApplication.translate("Preferences", "This computer's language (%s)") % system,
            "",
        )
        for code, name in LANGUAGES.items():
            box.addItem(name, code)
        box.setCurrentIndex(max(0, box.findData(current)))
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

    def _uln_group(self, protocol: Protocol) -> QGroupBox:
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
        edits_of: dict[str, tuple[QLineEdit, QLineEdit, QComboBox | str]] = {}
        site = self.settings.for_protocol(protocol)
        texts = protocol_texts_or_english(protocol)[0]
        for row, f in enumerate(protocol.uln_fields, start=1):
            current = site.uln_defaults.get(f.id, UlnDefault())
            label = texts.field_label(f.id)
            grid.addWidget(QLabel(label), row, 0)
            edits = []
            for column, patient in enumerate(SEX_VALUES, start=1):
                value = current.female if patient == "female" else current.male
                edit = QLineEdit("" if value is None else format(value, "f"))
                edit.setObjectName(f"pref_{f.id}_{patient}")
                edit.setAccessibleName(f"{label}, {patient}")
                grid.addWidget(edit, row, column)
                edits.append(edit)
            unit: QComboBox | str  # a fixed unit is kept as the site's default has it
            if f.unit_field:
                unit = QComboBox()
                unit.setObjectName(f"pref_{f.id}_unit")
                for choice in protocol.field_map[f.unit_field].choices:
                    shown = texts.choice_label(f.unit_field, choice.value) or choice.label
                    unit.addItem(shown, choice.value)
                index = unit.findData(current.unit)
                unit.setCurrentIndex(max(index, 0))
                grid.addWidget(unit, row, 3)
            else:
                unit = current.unit
                fixed = QLabel(
                    texts.unit(f.unit)
                    if f.unit
                    else QCoreApplication.translate("Preferences", "(ratio)")
                )
                grid.addWidget(fixed, row, 3)
            edits_of[f.id] = (edits[0], edits[1], unit)
        self.uln_edits[protocol.id] = edits_of
        return group

    def _recency_group(self, protocol: Protocol) -> QGroupBox:
        group = QGroupBox(
            QCoreApplication.translate(
                "Preferences", "Evidence older than this before the assessment gives a warning"
            )
        )
        form = QFormLayout(group)
        spins: dict[str, QSpinBox] = {}
        overrides = self.settings.for_protocol(protocol).recency_days
        texts = protocol_texts_or_english(protocol)[0]
        for limit in protocol.recency_limits:
            spin = QSpinBox()
            spin.setObjectName(f"pref_recency_{limit.field}")
            spin.setRange(0, 365)
            spin.setSuffix(" " + QCoreApplication.translate("Preferences", "days"))
            spin.setValue(overrides.get(limit.field, limit.max_days))
            form.addRow(texts.field_label(limit.field), spin)
            spins[limit.field] = spin
        self.recency[protocol.id] = spins
        return group

    def collect(self) -> SiteSettings:
        """The settings as entered; raises ValueError naming the first bad value.

        A protocol the site never set up keeps no entry while its values are still its
        examples, so they stay labelled as examples.
        """
        protocols = dict(self.settings.protocols)
        for protocol in self.library.protocols:
            values = ProtocolSettings(
                uln_defaults=self._uln_values(self.uln_edits[protocol.id]),
                recency_days={k: s.value() for k, s in self.recency[protocol.id].items()},
            )
            untouched = frozen.replace(
                example_protocol_settings(protocol),
                recency_days={x.field: x.max_days for x in protocol.recency_limits},
            )
            if protocol.id in protocols or values != untouched:
                protocols[protocol.id] = values
        return frozen.replace(
            self.settings,
            site_name=self.site_name.text().strip(),
            uln_source=self._uln_source(),
            language=str(self.language.currentData() or ""),
            page_size="Letter" if self.page_size.currentData() == "Letter" else "A4",
            time_zone=str(self.time_zone.currentData() or ""),
            protocols=protocols,
        )

    def _uln_source(self) -> str:
        """The source as typed; the examples' label (shown translated) as the settings keep it."""
        text = self.uln_source.text().strip()
        return EXAMPLE_SOURCE if text == example_uln_source() else text

    def _uln_values(
        self, edits: dict[str, tuple[QLineEdit, QLineEdit, QComboBox | str]]
    ) -> dict[str, UlnDefault]:
        uln: dict[str, UlnDefault] = {}
        for fid, (female, male, unit) in edits.items():
            values: dict[str, Decimal | None] = {}
            for patient, edit in (("female", female), ("male", male)):
                text = edit.text().strip()
                try:
                    number = Decimal(text) if text else None
                except InvalidOperation:
                    raise ValueError(
                        QCoreApplication.translate("Preferences", "%s (%s): %r is not a number")
                        % (fid, patient, text)
                    ) from None
                if number is not None and (not number.is_finite() or number <= 0):
                    raise ValueError(
                        QCoreApplication.translate("Preferences", "%s (%s): must be above 0")
                        % (fid, patient)
                    )
                values[patient] = number
            unit_text = str(unit.currentData()) if isinstance(unit, QComboBox) else unit
            uln[fid] = UlnDefault(female=values["female"], male=values["male"], unit=unit_text)
        return uln

    def _save(self) -> None:
        try:
            settings = self.collect()
        except ValueError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("Preferences", "Check the values"), said_text(exc)
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
