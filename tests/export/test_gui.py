"""File > Export in the window, and File > Import case reading FHIR and REDCap files."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMenu, QWidget

from nkscreen.export.run import export_fhir, export_redcap
from nkscreen.export.selection import select_records
from nkscreen.records.store import RecordStore
from nkscreen.ui import build_window, dialogs, export_actions
from nkscreen.ui.export_actions import ExportScopeDialog
from tests.export.conftest import Saver
from tests.ui.side_panel import side_status

pytestmark = pytest.mark.gui


@pytest.fixture
def window(qtbot, data_dir: Path):
    win = build_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """The result and error messages the export shows, instead of modal boxes."""
    seen: list[tuple[str, str]] = []
    monkeypatch.setattr(export_actions, "show_result", lambda p, t, text: seen.append(("ok", text)))
    monkeypatch.setattr(dialogs, "show_error", lambda p, t, text: seen.append(("error", text)))
    return seen


def _choose_rows(qtbot, window, screening_ids: list[str]) -> None:
    """Click the browser's rows of ``screening_ids``, Ctrl held after the first."""
    table = window.home.browser.table
    proxy = table.model()
    for n, sid in enumerate(screening_ids):
        row = next(r for r in range(proxy.rowCount()) if proxy.index(r, 0).data() == sid)
        rect = table.visualRect(proxy.index(row, 0))
        modifier = Qt.KeyboardModifier.ControlModifier if n else Qt.KeyboardModifier.NoModifier
        qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _export_action(window, kind: str) -> QAction:
    menu = window.findChild(QMenu, "menu_export")
    actions = {a.objectName(): a for a in menu.actions()}
    return actions[f"action_export_{kind}"]


def test_export_menu_lists_the_three_exports(window) -> None:
    menu = window.findChild(QMenu, "menu_export")
    assert [a.objectName() for a in menu.actions()] == [
        "action_export_redcap",
        "action_export_fhir",
        "action_export_log",
    ]


def test_chosen_records_go_to_redcap_and_the_draft_is_named(
    qtbot, window, saver: Saver, tmp_path: Path, monkeypatch, shown, data_dir: Path
) -> None:
    saver.save("eligible_male", "S-1")
    saver.save("alt_4x", "S-2")
    draft = saver.save("eligible_female", "S-3", signers=())
    window.home.refresh()
    _choose_rows(qtbot, window, ["S-1", "S-3"])
    asked: list[ExportScopeDialog] = []

    def ask_scope(parent, kind, selected):
        dialog = ExportScopeDialog(kind, selected, parent)
        qtbot.addWidget(dialog)
        asked.append(dialog)
        return dialog.scope()

    monkeypatch.setattr(export_actions, "ask_scope", ask_scope)
    folder_calls: list[str] = []

    def ask_folder(parent, title):
        folder_calls.append(title)
        return str(tmp_path / "edc")

    monkeypatch.setattr(export_actions, "ask_folder", ask_folder)
    _export_action(window, "redcap").trigger()
    dialog = asked[0]
    assert dialog.chosen.isChecked()
    assert dialog.chosen.isEnabled()
    assert "2 record(s) chosen" in dialog.chosen.text()
    assert folder_calls == ["Export to REDCap"]
    [(kind, text)] = shown
    assert kind == "ok"
    assert text.startswith("1 record(s) went out.")
    assert f"{draft.name} (screening S-3): not signed" in text
    rows = list(
        csv.reader(
            io.StringIO((tmp_path / "edc" / "NCT06641648_redcap_import.csv").read_text("utf-8"))
        )
    )
    assert [r[0] for r in rows[1:]] == ["S-1"]
    assert "1 record(s) exported" in window.statusBar().currentMessage()


def test_screening_log_of_all_records_with_drafts(
    qtbot, window, saver: Saver, tmp_path: Path, monkeypatch, shown
) -> None:
    saver.save("eligible_male", "S-1")
    saver.save("eligible_female", "S-2", signers=())
    window.home.refresh()

    def ask_scope(parent, kind, selected):
        dialog = ExportScopeDialog(kind, selected, parent)
        qtbot.addWidget(dialog)
        dialog.show()
        qtbot.waitExposed(dialog)
        assert not dialog.chosen.isEnabled()
        assert dialog.every.isChecked()
        qtbot.mouseClick(dialog.drafts, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
        box, edit = dialog.period["start"]
        assert not edit.isEnabled()
        qtbot.mouseClick(box, Qt.MouseButton.LeftButton, pos=QPoint(6, 6))
        assert edit.isEnabled()
        edit.setFocus()
        edit.selectAll()
        qtbot.keyClicks(edit, "2026-11-01")
        dialog.close()
        return dialog.scope()

    monkeypatch.setattr(export_actions, "ask_scope", ask_scope)
    target = tmp_path / "screening-log"  # no suffix: a PDF
    monkeypatch.setattr(export_actions, "ask_log_file", lambda parent: str(target))
    _export_action(window, "log").trigger()
    [(kind, text)] = shown
    assert kind == "ok", text
    assert text.startswith("2 record(s) went out.")
    from tests.report.conftest import read_pdf

    flat = read_pdf(target.with_suffix(".pdf").read_bytes()).flat
    assert "S-1" in flat
    assert "S-2" in flat
    assert "from 2026-11-01" in flat
    assert "INCLUDES UNSIGNED RECORDS" in flat


def test_nothing_to_export_says_why(
    window, saver: Saver, tmp_path: Path, monkeypatch, shown
) -> None:
    draft = saver.save("eligible_female", "S-2", signers=())
    window.home.refresh()
    monkeypatch.setattr(
        export_actions, "ask_scope", lambda p, k, s: export_actions.ExportScope(paths=None)
    )
    monkeypatch.setattr(export_actions, "ask_folder", lambda p, t: str(tmp_path / "out"))
    _export_action(window, "fhir").trigger()
    [(kind, text)] = shown
    assert kind == "error"
    assert text.startswith("Nothing to export to FHIR: every record was left out.")
    assert f"{draft.name} (screening S-2): not signed" in text
    assert not (tmp_path / "out").exists()


def _import(window, monkeypatch, path: Path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.action_import_case.trigger()


def test_import_a_fhir_bundle_choosing_one_screening(
    window, saver: Saver, store: RecordStore, tmp_path: Path, monkeypatch
) -> None:
    saver.save("eligible_male", "S-1")
    wanted = store.load(saver.save("alt_4x", "S-2")).record
    export_fhir(select_records(store), tmp_path / "fhir")
    offered: list[list[str]] = []

    def choose(parent, title, prompt, items):
        offered.append(items)
        return next(i for i, label in enumerate(items) if "S-2" in label)

    monkeypatch.setattr(dialogs, "ask_choice", choose)
    _import(window, monkeypatch, tmp_path / "fhir" / "NCT06641648_fhir_bundle.json")
    assert offered == [
        ["Screening S-1, version 1 (FHIR, completed)", "Screening S-2, version 1 (FHIR, completed)"]
    ]
    assert window.assessment.answers()["screening_id"] == "S-2"
    assert window.findChild(QWidget, "overall_status").property("status") == wanted.verdict
    listed = wanted.evaluation.get("not_applicable")
    not_applicable = listed if isinstance(listed, list) else []
    for cid, status in wanted.evaluation["criteria"].items():
        shown = "not_applicable" if cid in not_applicable else status  # the grey N/A badge
        assert side_status(window, cid) == shown


def test_import_a_redcap_row(
    window, saver: Saver, store: RecordStore, tmp_path: Path, monkeypatch
) -> None:
    record = store.load(saver.save("pregnant", "S-9")).record
    export_redcap(select_records(store), tmp_path / "edc")

    def never(*args):
        raise AssertionError("one screening: nothing to choose")

    monkeypatch.setattr(dialogs, "ask_choice", never)
    _import(window, monkeypatch, tmp_path / "edc" / "NCT06641648_redcap_import.csv")
    assert window.assessment.answers()["screening_id"] == "S-9"
    assert window.findChild(QWidget, "overall_status").property("status") == record.verdict
    assert record.verdict == "not_eligible"


def test_a_csv_that_is_not_from_nkscreen_is_refused(window, tmp_path: Path, monkeypatch) -> None:
    errors: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda p, t, text: errors.append(text))
    path = tmp_path / "other.csv"
    path.write_text("record_id,age\n1,40\n", "utf-8")
    _import(window, monkeypatch, path)
    assert errors == [
        "the file is not a case file (JSON), a FHIR QuestionnaireResponse or a REDCap file "
        "exported by nkscreen (it has no nks_protocol column)"
    ]
    assert window.stack.currentWidget() is window.home
