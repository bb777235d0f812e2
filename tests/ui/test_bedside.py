"""Issue 13, at the bedside: N/A where a rule does not apply, and a summary page that closes
the screening (verdict, every criterion, invalid then missing answers as links, and the
buttons that save, sign, print and export)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from tests.ui.conftest import CASES

pytestmark = pytest.mark.gui


def _import(window, monkeypatch, name: str):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASES / f"{name}.json"), "")
    )
    window.action_import_case.trigger()
    return window.assessment


def _badge(window, cid: str) -> QLabel:
    badge = window.findChild(QLabel, f"status_{cid}")
    assert badge is not None, cid
    return badge


def _retype(qtbot, window, field_id: str, text: str) -> None:
    edit = window.findChild(QLineEdit, field_id)
    window.assessment.focus_field(field_id)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def test_pregnancy_rules_show_na_with_the_reason_for_a_man(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_criterion("E6")
    badge = _badge(window, "E6")
    assert badge.property("status") == "not_applicable"
    assert badge.text() == "– N/A"
    assert "does not apply" in window.findChild(QLabel, "explain_E6").text()
    # A criterion that applies keeps its own badge.
    assert _badge(window, "E7").property("status") == "absent"


def test_woman_without_childbearing_potential_sees_na_on_i6_and_e5(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_female")
    assert _badge(window, "I6").property("status") == "met"
    view.go_to_criterion("E6")
    no = window.findChild(QWidget, "childbearing_potential__no")
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    assert _badge(window, "I6").property("status") == "not_applicable"
    assert _badge(window, "E5").property("status") == "not_applicable"
    assert _badge(window, "E6").property("status") != "not_applicable"


def test_summary_lists_every_criterion_with_status_and_evidence(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_summary()
    table = window.findChild(QLabel, "summary_criteria")
    assert table.isVisible()
    text = table.text()
    for c in view.protocol.all_criteria:
        assert f"{c.id}</" in text, c.id
    assert "N/A" in text  # E6 for a man
    assert "does not apply" in text


def test_summary_lists_invalid_answers_first_then_missing_as_links(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    _retype(qtbot, window, "alt", "4o")
    _retype(qtbot, window, "lvef_pct", "")
    view.go_to_summary()
    errors = window.findChild(QLabel, "summary_errors")
    missing = window.findChild(QLabel, "summary_missing")
    assert errors.isVisible()
    assert missing.isVisible()
    assert "field:alt" in errors.text()
    assert "field:lvef_pct" in missing.text()
    assert "field:alt" not in missing.text()  # an invalid answer is not also "missing"
    assert "(lvef_pct)" not in missing.text()  # labels, never field ids, for people
    assert errors.y() < missing.y()  # invalid answers come first
    missing.linkActivated.emit("field:lvef_pct")
    assert window.findChild(QLineEdit, "lvef_pct").hasFocus()


def test_summary_buttons_save_and_export(window, qtbot, monkeypatch, tmp_path):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_summary()
    save = window.findChild(QPushButton, "summary_save")
    assert save.isVisible()
    assert save.isEnabled()
    qtbot.mouseClick(save, Qt.MouseButton.LeftButton)
    assert window.session.record_path is not None
    assert window.session.record_path.exists()
    target = tmp_path / "out.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "PDF (*.pdf)")
    )
    pdf = window.findChild(QPushButton, "summary_pdf")
    qtbot.mouseClick(pdf, Qt.MouseButton.LeftButton)
    assert target.read_bytes().startswith(b"%PDF")


def test_summary_buttons_follow_the_menu_actions(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_summary()
    sign = window.findChild(QPushButton, "summary_sign")
    assert sign.isEnabled() == window.action_sign.isEnabled()
    window.action_sign.setEnabled(False)
    assert not sign.isEnabled()
    window.action_sign.setEnabled(True)
    assert sign.isEnabled()


def test_bilirubin_without_unit_says_choose_the_unit_never_a_field_id(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    combo = view.rows["tbil_unit"].editor.combo
    view.focus_field("tbil_unit")
    combo.setCurrentIndex(0)  # the empty choice, as the user picks "no unit"
    error = window.findChild(QLabel, "error_tbil_unit").text()
    assert "choose the unit (µmol/L or mg/dL)" in error
    assert "tbil" not in error
    why = window.findChild(QLabel, "explain_I5A").text()
    assert "Total bilirubin: choose the unit (µmol/L or mg/dL)" in why
    assert "not answered" not in why
    assert "tbil" not in why


def test_creatinine_implausible_in_mg_dl_asks_did_you_mean(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    combo = view.rows["creatinine_unit"].editor.combo
    view.focus_field("creatinine_unit")
    combo.setCurrentIndex(combo.findText("mg/dL"))
    _retype(qtbot, window, "creatinine", "160")
    error = window.findChild(QLabel, "error_creatinine").text()
    assert "160 mg/dL" in error
    assert "did you mean µmol/L?" in error
    why = window.findChild(QLabel, "explain_I5C").text()
    assert "Serum creatinine: 160 mg/dL is outside the valid range" in why
    assert "creatinine_unit" not in why
