"""Print..., Print preview and Export PDF... for the screening summary.

All three paint with :func:`nkscreen.report.render.render`, so the preview is the printout
and the PDF. The printout is in the window's language (the protocol's words as the window
shows them: English when its translation cannot be used), whatever language the record was
signed in. Characters no font on this computer can print are named in a warning, never left
as a silent blank or box. The dialogs that wait for the user go through the small ``ask_*``
functions, which tests replace (pytest-qt's advice), so nothing blocks offscreen.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox, QWidget

from nkscreen.clock import site_zone
from nkscreen.core.engine import EvaluationSettings, evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.language import ENGLISH
from nkscreen.records.atomic import StorageError
from nkscreen.records.store import LoadedRecord
from nkscreen.report.fonts import FontError
from nkscreen.report.glyphs import describe, unprintable_characters
from nkscreen.report.render import configure_device, render, write_pdf
from nkscreen.report.summary import ScreeningSummary, build_summary, summary_for_record
from nkscreen.settings import SiteSettings
from nkscreen.ui.dialogs import documents_folder
from nkscreen.ui.i18n import said_text

if TYPE_CHECKING:
    from nkscreen.ui.assessment_view import AssessmentView


# ---------------------------------------------------------------- building the summary


def summary_for_view(view: AssessmentView) -> ScreeningSummary:
    """The summary of the assessment open in the wizard, as it stands now, in the window's
    language (``view.texts``).

    Evaluated afresh from the answers (cheap) rather than trusting a cached evaluation,
    so a printout can never lag behind the screen. Unsaved work prints as DRAFT - NOT SIGNED.
    """
    settings = EvaluationSettings(
        recency_days=view.settings.for_protocol(view.protocol).recency_days
    )
    answers = view.answers()
    evaluation = evaluate(view.protocol, answers, settings)
    return build_summary(
        view.protocol,
        answers,
        evaluation,
        site_name=view.settings.site_name,
        zone=site_zone(view.settings),
        locale=view.texts.locale,
        notes=view.notes(),
    )


def summary_for_loaded(
    loaded: LoadedRecord, protocol: Protocol, settings: SiteSettings, locale: str = ENGLISH
) -> ScreeningSummary:
    """The summary of a saved record (signatures and their state at print time), printed
    in ``locale`` (the record itself has no language)."""
    return summary_for_record(
        loaded,
        protocol,
        site_name=settings.site_name,
        recency_days=settings.for_protocol(protocol).recency_days,
        zone=site_zone(settings),
        locale=locale,
    )


def warn_unprintable(parent: QWidget | None, summary: ScreeningSummary, what: str) -> list[str]:
    """Name the characters of ``summary`` no font here can print (a rare character in a
    name), in a warning; ``what``: the printout or the file they go to. The characters."""
    blank = unprintable_characters(summary)
    if blank:
        show_failure(
            parent,
            QCoreApplication.translate("PrintActions", "Characters without a font"),
            QCoreApplication.translate(
                "PrintActions",
                "No font on this computer has %1: they come out as blanks or boxes in %2. "
                "Install a font that has them, then print again.",
            )
            .replace("%1", describe(blank))
            .replace("%2", what),
        )
    return blank


# ---------------------------------------------------------------- dialogs (replaceable)


def ask_pdf_path(parent: QWidget | None, suggested: str) -> str:
    """The file to export to, or "" if cancelled."""
    path, _filter = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("PrintActions", "Export PDF"),
        suggested,
        QCoreApplication.translate("PrintActions", "PDF files (*.pdf)"),
    )
    return path


def ask_print(dialog: QPrintDialog) -> bool:
    """Show the system print dialog; True if the user chose to print."""
    return dialog.exec() == QDialog.DialogCode.Accepted


def show_failure(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.warning(parent, title, text)


# ---------------------------------------------------------------- actions


def make_printer(summary: ScreeningSummary, settings: SiteSettings) -> QPrinter:
    """A printer set to the site's paper size; the print dialog may still change it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    configure_device(printer, settings.page_size)
    printer.setDocName(f"Screening summary {summary.screening_number}".strip())
    return printer


def export_pdf(
    parent: QWidget | None, summary: ScreeningSummary, settings: SiteSettings
) -> Path | None:
    """Ask where, write the PDF (atomically); the path written, or None (cancelled, failed)."""
    chosen = ask_pdf_path(parent, documents_folder(f"{summary.file_stem()}.pdf"))
    if not chosen:
        return None
    path = Path(chosen)
    if path.suffix.lower() != ".pdf":
        path = path.with_name(path.name + ".pdf")
    try:
        write_pdf(summary, path, settings.page_size)
    except (StorageError, FontError, OSError) as exc:
        show_failure(
            parent,
            QCoreApplication.translate("PrintActions", "Cannot export the PDF"),
            said_text(exc),
        )
        return None
    warn_unprintable(parent, summary, str(path))
    return path


def make_preview_dialog(
    parent: QWidget | None, summary: ScreeningSummary, settings: SiteSettings
) -> QPrintPreviewDialog:
    """The preview dialog, wired to the one renderer (shown by :func:`print_preview`)."""
    printer = make_printer(summary, settings)
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.setWindowTitle(
        QCoreApplication.translate("PrintActions", "Print preview: screening summary")
    )

    # The dialog only borrows the printer: the slot's default argument keeps it alive.
    def paint(device: QPrinter, _keep: QPrinter = printer) -> None:
        render(summary, device)

    dialog.paintRequested.connect(paint)
    return dialog


def print_preview(
    parent: QWidget | None, summary: ScreeningSummary, settings: SiteSettings
) -> None:
    """Show the print preview; printing from it uses the same renderer."""
    warn_unprintable(
        parent, summary, QCoreApplication.translate("PrintActions", "the preview and printout")
    )
    dialog = make_preview_dialog(parent, summary, settings)
    dialog.exec()
    dialog.deleteLater()


def print_summary(
    parent: QWidget | None, summary: ScreeningSummary, settings: SiteSettings
) -> bool:
    """Print through the system print dialog; True if something was sent to the printer."""
    printer = make_printer(summary, settings)
    dialog = QPrintDialog(printer, parent)
    dialog.setWindowTitle(QCoreApplication.translate("PrintActions", "Print screening summary"))
    try:
        if not ask_print(dialog):
            return False
        render(summary, printer)
    except (FontError, OSError) as exc:
        show_failure(
            parent, QCoreApplication.translate("PrintActions", "Cannot print"), said_text(exc)
        )
        return False
    finally:
        dialog.deleteLater()
    warn_unprintable(parent, summary, QCoreApplication.translate("PrintActions", "the printout"))
    return True


__all__ = [
    "export_pdf",
    "make_preview_dialog",
    "print_preview",
    "print_summary",
    "summary_for_loaded",
    "summary_for_view",
    "warn_unprintable",
]
