"""File > Export (REDCap..., FHIR..., Screening log...) and reading EDC files at File > Import.

The records are those chosen in the records browser, or all of the data folder; the newest
signed version of each screening goes out (drafts only when asked for). The result says how
many records went out and which were left out, and why. Everything is written by the Qt-free
:mod:`nkscreen.export.run`, as ``nkscreen export`` does; only the questions live here, each
behind a small ``ask_*`` function tests can replace. This module is imported when an export
is chosen (the menu itself is :mod:`nkscreen.ui.export_menu`), and imports the export
machinery only when an export runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication, QDate, QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from nkscreen.ui import dialogs

if TYPE_CHECKING:
    from nkscreen.core.casefile import Case
    from nkscreen.core.library import ProtocolLibrary
    from nkscreen.export.run import ExportReport
    from nkscreen.export.selection import Skipped
    from nkscreen.ui.main_window import MainWindow

from nkscreen.ui.export_menu import KINDS as KINDS
from nkscreen.ui.export_menu import add_export_menu as add_export_menu

#: Left-out records listed in the result message; the rest are counted.
SHOWN_SKIPPED: Final = 15


def _title(kind: str) -> str:
    return {
        "redcap": QCoreApplication.translate("ExportActions", "Export to REDCap"),
        "fhir": QCoreApplication.translate("ExportActions", "Export to FHIR"),
        "log": QCoreApplication.translate("ExportActions", "Screening log"),
    }[kind]


# ---------------------------------------------------------------- the questions


@dataclass(frozen=True, slots=True)
class ExportScope:
    """What the user chose: the records (None: all), drafts or not, the log's period."""

    paths: list[Path] | None
    include_drafts: bool = False
    start: date | None = None
    end: date | None = None


class ExportScopeDialog(QDialog):
    """The records to export (chosen in the browser, or all), drafts, and a log's period."""

    def __init__(self, kind: str, selected: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("export_scope")
        self.setWindowTitle(_title(kind))
        self.selected = selected
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                QCoreApplication.translate(
                    "ExportActions",
                    "The newest signed version of each screening goes out. Nothing is sent "
                    "anywhere: the files are for you to upload.",
                )
            )
        )
        chosen = len(selected)  # a plain name: lupdate reads no call in translate()'s n
        self.chosen = QRadioButton(
            QCoreApplication.translate(
                "ExportActions", "The %n record(s) chosen in the records browser", None, chosen
            )
            if selected
            else QCoreApplication.translate(
                "ExportActions", "The records chosen in the records browser (none chosen)"
            )
        )
        self.chosen.setObjectName("export_chosen")
        self.chosen.setEnabled(bool(selected))
        self.every = QRadioButton(
            QCoreApplication.translate("ExportActions", "All records of the data folder")
        )
        self.every.setObjectName("export_all")
        (self.chosen if selected else self.every).setChecked(True)
        layout.addWidget(self.chosen)
        layout.addWidget(self.every)
        self.drafts = QCheckBox(
            QCoreApplication.translate("ExportActions", "Include unsigned records (drafts)")
        )
        self.drafts.setObjectName("export_drafts")
        layout.addWidget(self.drafts)
        self.period: dict[str, tuple[QCheckBox, QDateEdit]] = {}
        if kind == "log":
            form = QFormLayout()
            for key, text in (
                ("start", QCoreApplication.translate("ExportActions", "From")),
                ("end", QCoreApplication.translate("ExportActions", "To")),
            ):
                box = QCheckBox(text)
                box.setObjectName(f"export_{key}_on")
                edit = QDateEdit(QDate.currentDate())
                edit.setObjectName(f"export_{key}")
                edit.setDisplayFormat("yyyy-MM-dd")
                edit.setCalendarPopup(True)
                edit.setEnabled(False)
                box.toggled.connect(edit.setEnabled)
                form.addRow(box, edit)
                self.period[key] = (box, edit)
            layout.addWidget(
                QLabel(
                    QCoreApplication.translate("ExportActions", "Assessment dates (both included):")
                )
            )
            layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _day(self, key: str) -> date | None:
        if key not in self.period or not self.period[key][0].isChecked():
            return None
        chosen = self.period[key][1].date()
        return date(chosen.year(), chosen.month(), chosen.day())

    def scope(self) -> ExportScope:
        return ExportScope(
            paths=list(self.selected) if self.chosen.isChecked() else None,
            include_drafts=self.drafts.isChecked(),
            start=self._day("start"),
            end=self._day("end"),
        )


def ask_scope(parent: QWidget, kind: str, selected: list[Path]) -> ExportScope | None:
    dialog = ExportScopeDialog(kind, selected, parent)
    try:
        return dialog.scope() if dialog.exec() else None
    finally:
        dialog.deleteLater()


def documents_folder() -> str:
    """Where the folder and file dialogs start: the user's documents folder."""
    return QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)


def ask_folder(parent: QWidget, title: str) -> str:
    """The folder to write the export files in, or "" if cancelled."""
    return QFileDialog.getExistingDirectory(parent, title, documents_folder())


def ask_log_file(parent: QWidget) -> str:
    """The screening log's file (PDF or CSV by its name), or "" if cancelled."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("ExportActions", "Save the screening log"),
        str(Path(documents_folder()) / "screening-log.pdf"),
        QCoreApplication.translate("ExportActions", "PDF files (*.pdf);;CSV files (*.csv)"),
    )
    return path


def show_result(parent: QWidget, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


# ---------------------------------------------------------------- running an export


def _skipped_lines(skipped: list[Skipped]) -> str:
    lines = [f"• {s.line()}" for s in skipped[:SHOWN_SKIPPED]]
    if len(skipped) > SHOWN_SKIPPED:
        lines.append(
            QCoreApplication.translate("ExportActions", "• and %d more")
            % (len(skipped) - SHOWN_SKIPPED)
        )
    return "\n".join(lines)


def result_text(report: ExportReport) -> str:
    """How many went out, where, and each record left out with its reason."""
    count = len(report.exported)
    text = QCoreApplication.translate("ExportActions", "%n record(s) went out.", None, count)
    text += (
        "\n"
        + QCoreApplication.translate("ExportActions", "Written:")
        + "\n"
        + "\n".join(str(p) for p in report.written)
    )
    if report.skipped:
        text += (
            "\n\n"
            + QCoreApplication.translate("ExportActions", "Left out:")
            + "\n"
            + _skipped_lines(report.skipped)
        )
    return text


def _write(window: MainWindow, kind: str, scope: ExportScope, target: Path) -> ExportReport:
    from nkscreen.clock import site_zone
    from nkscreen.export.run import export_fhir, export_redcap, screening_log, write_file
    from nkscreen.export.selection import select_records

    selection = select_records(window.store, scope.paths, include_drafts=scope.include_drafts)
    if kind == "redcap":
        return export_redcap(selection, target)
    if kind == "fhir":
        return export_fhir(selection, target)
    settings = window.settings
    log, report = screening_log(
        selection,
        protocol_id=window.protocol.id,
        start=scope.start,
        end=scope.end,
        site_name=settings.site_name,
        zone=site_zone(settings),
    )
    if target.suffix.lower() == ".csv":
        write_file(target, log.csv())
    else:
        from nkscreen.records.atomic import StorageError
        from nkscreen.report.fonts import FontError
        from nkscreen.report.log_render import write_log_pdf

        try:
            write_log_pdf(log, target, settings.page_size)
        except (StorageError, FontError, OSError) as exc:
            from nkscreen.export.problems import ExportError

            raise ExportError(str(exc)) from None
    report.written.append(target)
    return report


def _target(window: MainWindow, kind: str) -> Path | None:
    if kind != "log":
        chosen = ask_folder(window, _title(kind))
        return Path(chosen) if chosen else None
    chosen = ask_log_file(window)
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() not in (".pdf", ".csv"):
        path = path.with_name(path.name + ".pdf")
    return path


def run_export(window: MainWindow, kind: str) -> ExportReport | None:
    """Ask which records and where, export, and say what went out; the report or None."""
    from nkscreen.export.problems import ExportError
    from nkscreen.export.run import NothingToExportError

    browser = window.home.browser
    selected = browser.selected_paths() if browser is not None else []
    scope = ask_scope(window, kind, selected)
    if scope is None:
        return None
    target = _target(window, kind)
    if target is None:
        return None
    title = _title(kind)
    try:
        report = _write(window, kind, scope, target)
    except NothingToExportError as exc:
        detail = _skipped_lines(exc.skipped)
        dialogs.show_error(window, title, str(exc) + (f"\n\n{detail}" if detail else ""))
        return None
    except ExportError as exc:
        dialogs.show_error(window, title, str(exc))
        return None
    show_result(window, title, result_text(report))
    count = len(report.exported)
    window.statusBar().showMessage(
        QCoreApplication.translate("ExportActions", "%n record(s) exported to %s", None, count)
        % target,
        8000,
    )
    return report


# ---------------------------------------------------------------- import


def read_case_for_import(
    parent: QWidget, path: str, library: ProtocolLibrary | None = None
) -> Case | None:
    """The case in a case file, a FHIR file or a REDCap file; asks which one when the file
    holds several. None if the user cancels. Raises ``CaseFileError`` as reading a case does.
    """
    from nkscreen.export.imports import read_import

    found = read_import(path, library)
    if len(found) == 1:
        return found[0].case
    count = len(found)
    index = dialogs.ask_choice(
        parent,
        QCoreApplication.translate("ExportActions", "Import case"),
        QCoreApplication.translate(
            "ExportActions", "This file holds %n screening(s). Which one?", None, count
        ),
        [item.label for item in found],
    )
    return None if index is None else found[index].case


__all__ = [
    "ExportScope",
    "ExportScopeDialog",
    "add_export_menu",
    "ask_folder",
    "ask_log_file",
    "ask_scope",
    "read_case_for_import",
    "result_text",
    "run_export",
]
