"""Print preview, printing and Export PDF from the GUI, offscreen, with every blocking
dialog replaced."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QPageSize
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import QApplication

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.report.summary import DRAFT_MARK, ScreeningSummary, build_summary
from nkscreen.settings import SiteSettings
from nkscreen.ui import print_actions
from nkscreen.ui.assessment_view import AssessmentView
from tests.report.conftest import case_answers, read_pdf

pytestmark = pytest.mark.gui


@pytest.fixture
def summary(protocol: Protocol) -> ScreeningSummary:
    answers = case_answers("alt_4x")
    return build_summary(protocol, answers, evaluate(protocol, answers), site_name="Ward 7")


def test_preview_renders_the_pages(qtbot, summary: ScreeningSummary) -> None:
    calls: list[QPrinter] = []
    dialog = print_actions.make_preview_dialog(None, summary, SiteSettings(page_size="Letter"))
    qtbot.addWidget(dialog)
    dialog.paintRequested.connect(calls.append)
    preview = dialog.findChild(QPrintPreviewWidget)
    assert preview is not None
    dialog.show()
    qtbot.waitUntil(lambda: bool(calls) and preview.pageCount() >= 1)
    assert preview.pageCount() == 2  # the summary and the answers appendix
    printer = calls[0]
    size = printer.pageLayout().pageSize().id()
    assert size == QPageSize.PageSizeId.Letter
    dialog.close()


def test_print_preview_opens_and_closes(qtbot, summary: ScreeningSummary) -> None:
    seen: list[str] = []

    def close_it() -> None:
        modal = QApplication.activeModalWidget()
        if modal is None:
            QTimer.singleShot(20, close_it)
            return
        preview = modal.findChild(QPrintPreviewWidget)
        seen.append(f"{type(modal).__name__}:{preview.pageCount() if preview else -1}")
        modal.close()

    QTimer.singleShot(0, close_it)
    print_actions.print_preview(None, summary, SiteSettings())
    assert seen == ["QPrintPreviewDialog:2"]


def test_print_uses_the_same_renderer(
    monkeypatch: pytest.MonkeyPatch, summary: ScreeningSummary, tmp_path: Path
) -> None:
    out = tmp_path / "printed.pdf"

    def accept(dialog: QPrintDialog) -> bool:
        dialog.printer().setOutputFileName(str(out))  # a PDF "printer": no printers in CI
        return True

    monkeypatch.setattr(print_actions, "ask_print", accept)
    assert print_actions.print_summary(None, summary, SiteSettings()) is True
    pdf = read_pdf(out.read_bytes())
    assert DRAFT_MARK in pdf.flat
    assert "✗ NOT ELIGIBLE" in pdf.flat
    assert "Site: Ward 7" in pdf.flat


def test_print_cancelled(monkeypatch: pytest.MonkeyPatch, summary: ScreeningSummary) -> None:
    monkeypatch.setattr(print_actions, "ask_print", lambda dialog: False)
    assert print_actions.print_summary(None, summary, SiteSettings()) is False


def test_export_pdf_adds_the_extension(
    monkeypatch: pytest.MonkeyPatch, summary: ScreeningSummary, tmp_path: Path
) -> None:
    suggested: list[str] = []

    def ask(parent: object, name: str) -> str:
        suggested.append(name)
        return str(tmp_path / "chart copy")

    monkeypatch.setattr(print_actions, "ask_pdf_path", ask)
    written = print_actions.export_pdf(None, summary, SiteSettings(page_size="Letter"))
    assert written == tmp_path / "chart copy.pdf"
    assert [Path(s).name for s in suggested] == ["screening-HX-001-2026-11-20.pdf"]
    pdf = read_pdf(written.read_bytes())
    assert round(float(pdf.reader.pages[0].mediabox.height)) == 792


def test_export_pdf_cancelled_or_failing(
    monkeypatch: pytest.MonkeyPatch, summary: ScreeningSummary, tmp_path: Path
) -> None:
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, name: "")
    assert print_actions.export_pdf(None, summary, SiteSettings()) is None
    failures: list[str] = []
    monkeypatch.setattr(
        print_actions, "ask_pdf_path", lambda parent, name: str(tmp_path / "missing" / "x.pdf")
    )
    monkeypatch.setattr(
        print_actions, "show_failure", lambda parent, title, text: failures.append(title)
    )
    assert print_actions.export_pdf(None, summary, SiteSettings()) is None
    assert failures == ["Cannot export the PDF"]


def test_summary_for_view_is_a_draft_of_what_is_on_screen(qtbot, protocol: Protocol) -> None:
    settings = SiteSettings(site_name="Ward 7")
    view = AssessmentView(protocol, settings)
    qtbot.addWidget(view)
    view.load_answers(case_answers("alt_4x"))
    summary = print_actions.summary_for_view(view)
    assert summary.marks == (DRAFT_MARK,)
    assert summary.screening_number == "HX-001"
    assert summary.verdict_text == "NOT ELIGIBLE"
    assert summary.site_name == "Ward 7"
    assert summary.signatures == ()


def test_summary_for_loaded_uses_site_settings(
    saved_record, author: UnlockedIdentity, protocol: Protocol
) -> None:
    loaded = saved_record("eligible_male", (author, "authorship"))
    summary = print_actions.summary_for_loaded(loaded, protocol, SiteSettings(site_name="W7"))
    assert summary.site_name == "W7"
    assert summary.marks == ()
    assert summary.signatures[0].name == author.public.name
