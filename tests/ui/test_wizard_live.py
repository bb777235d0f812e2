"""Live validation while typing, derived values beside the inputs, and the summary's links."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from tests.ui.conftest import CASES
from tests.ui.side_panel import side_status

pytestmark = pytest.mark.gui


@pytest.fixture
def view(window, monkeypatch):
    """An assessment imported from the eligible male case, ready to edit."""
    from PySide6.QtWidgets import QFileDialog

    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASES / "eligible_male.json"), "")
    )
    window.action_import_case.trigger()
    return window.assessment


def status(window, name: str) -> str:
    if name.startswith("status_"):  # a criterion's row in the side panel
        return str(side_status(window, name.removeprefix("status_")))
    widget = window.findChild(QWidget, name)
    assert widget is not None, name
    return str(widget.property("status"))


def retype(qtbot, window, field_id: str, text: str) -> QLineEdit:
    window.assessment.focus_field(field_id)  # as a user would: go to its page first
    edit = window.findChild(QLineEdit, field_id)
    assert edit is not None, field_id
    assert edit.hasFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    return edit


def test_statuses_follow_each_keystroke(window, qtbot, view):
    assert status(window, "overall_status") == "eligible"
    edit = retype(qtbot, window, "alt", "12")
    assert status(window, "status_I5A") == "met"
    qtbot.keyClicks(edit, "1")  # 121 > 3 x 40
    assert status(window, "status_I5A") == "not_met"
    assert status(window, "status_I5") == "not_met"
    assert status(window, "overall_status") == "not_eligible"
    assert window.findChild(QLabel, "derived_alt_x_uln").text() == "3.03"
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)  # 12
    assert status(window, "overall_status") == "eligible"
    assert window.findChild(QLabel, "derived_alt_x_uln").text() == "0.30"


def test_boundary_shows_met_and_limit(window, qtbot, view):
    retype(qtbot, window, "alt", "120")
    assert status(window, "status_I5A") == "met"
    note = window.findChild(QLabel, "leaf_alt_x_uln").text()
    assert "limit 3 × = 120 U/L" in note
    assert "within" in note


def test_invalid_input_shows_an_error_beside_the_field(window, qtbot, view):
    retype(qtbot, window, "alt", "4o")
    error = window.findChild(QLabel, "error_alt")
    assert error.isVisible()
    assert "not a number" in error.text()
    assert status(window, "status_I5A") == "unknown"
    assert status(window, "overall_status") == "incomplete"
    retype(qtbot, window, "alt", "40")
    assert not error.isVisible()
    assert status(window, "overall_status") == "eligible"


def test_out_of_range_and_unit_errors(window, qtbot, view):
    retype(qtbot, window, "lvef_pct", "120")
    assert "above the valid range" in window.findChild(QLabel, "error_lvef_pct").text()
    combo = view.rows["tbil_unit"].editor.combo
    combo.setCurrentIndex(0)  # "unit?"
    assert "choose the unit (µmol/L or mg/dL)" in window.findChild(QLabel, "error_tbil_unit").text()


def test_crcl_shows_inputs_and_formula(window, qtbot, view):
    note = window.findChild(QLabel, "derived_note_crcl_ml_min").text()
    assert "Cockcroft-Gault" in note
    assert "(140 - 46 years) × 70 kg" in note
    assert window.findChild(QLabel, "derived_crcl_ml_min").text() == "89.7"
    retype(qtbot, window, "crcl_measured", "29.99")
    assert window.findChild(QLabel, "derived_crcl_ml_min").text() == "29.9"
    assert "measured" in window.findChild(QLabel, "derived_note_crcl_ml_min").text()


def test_exposure_dates_show_days_and_window(window, qtbot, view):
    retype(qtbot, window, "last_dli_date", "2026-11-15")
    assert window.findChild(QLabel, "derived_dli_days_before_infusion").text() == "16"
    assert status(window, "status_E2D") == "present"
    assert "inside the 6 weeks window" in window.findChild(QLabel, "explain_E2D").text()
    assert window.findChild(QLabel, "derived_earliest_infusion_date").text() == "2026-12-28"
    never = window.findChild(QWidget, "last_dli_date__none")
    qtbot.mouseClick(never, Qt.MouseButton.LeftButton)
    assert status(window, "status_E2D") == "absent"


def test_female_only_questions_hidden_for_men(window, qtbot, view):
    view.go_to_criterion("E6")
    row = window.findChild(QWidget, "row_pregnancy_test")
    assert not row.isVisible()
    assert status(window, "status_E6") == "not_applicable"  # shown as N/A, never "✓ Absent"
    assert "women only" in window.findChild(QLabel, "explain_E6").text()
    female = window.findChild(QWidget, "sex__female")
    view.go_to_page(0)
    qtbot.mouseClick(female, Qt.MouseButton.LeftButton)
    view.go_to_criterion("E6")
    assert row.isVisible()
    assert status(window, "status_E6") == "unknown"  # a woman: now she needs the answers


def test_summary_links_jump_to_missing_fields(window, qtbot, view):
    retype(qtbot, window, "lvef_pct", "")
    view.go_to_summary()
    missing = window.findChild(QLabel, "summary_missing")
    assert "field:lvef_pct" in missing.text()
    missing.linkActivated.emit("field:lvef_pct")
    assert window.findChild(QLineEdit, "lvef_pct").hasFocus()


def test_navigator_jumps_to_a_criterion(window, qtbot, view):
    tree = view.navigator
    item = next(
        tree.topLevelItem(i)
        for i in range(tree.topLevelItemCount())
        if tree.topLevelItem(i).text(0).startswith("E3")
    )
    tree.setCurrentItem(item)
    tree.itemActivated.emit(item, 0)
    assert view.pages[view.stack.currentIndex()].key == "E3"


def test_site_ulns_are_hints_until_the_user_fills_them(window, qtbot):
    window.new_assessment()
    view = window.assessment
    qtbot.mouseClick(window.findChild(QWidget, "sex__male"), Qt.MouseButton.LeftButton)
    view.go_to_page(view.page_of_field["alt_uln"])  # the lab page, as the user goes there
    alt_uln = window.findChild(QLineEdit, "alt_uln")
    assert alt_uln.text() == ""  # never an answer by itself
    assert alt_uln.placeholderText() == "site: 50"
    assert view.rows["tbil_unit"].editor.raw_value() is None  # a unit is never assumed
    retype(qtbot, window, "alt_uln", "40")
    assert alt_uln.text() == "40"  # typing after choosing the sex gives what was typed
    qtbot.mouseClick(window.findChild(QWidget, "fill_site_uln"), Qt.MouseButton.LeftButton)
    assert alt_uln.text() == "40"  # typed by the user: kept
    assert window.findChild(QLineEdit, "ast_uln").text() == "40"
    assert "EXAMPLE" in window.findChild(QLabel, "hint_ast_uln").text()
    assert view.rows["tbil_unit"].editor.raw_value() == "umol/L"
    qtbot.mouseClick(window.findChild(QWidget, "sex__female"), Qt.MouseButton.LeftButton)
    assert window.findChild(QLineEdit, "ast_uln").placeholderText() == "site: 35"


def test_crcl_method_has_its_own_widget_and_is_named_once(window, view):
    """The formula names its method ("Cockcroft-Gault: (140 - 46 years) ..."): the method's
    own label beside the value stays empty then, never "Cockcroft-Gault Cockcroft-Gault"."""
    method = window.findChild(QLabel, "derived_crcl_method")
    note = window.findChild(QLabel, "derived_note_crcl_ml_min")
    assert note.text().startswith("Cockcroft-Gault: (140 - ")
    assert method.text() == ""
    row = " ".join(w.text() for w in method.parentWidget().findChildren(QLabel))
    assert row.count("Cockcroft-Gault") == 1, row


def test_summary_is_refreshed_only_when_shown(window, qtbot):
    """Typing on a page re-evaluates the pages; the summary page follows when it is shown."""
    from tests.ui.conftest import load_case

    window.new_assessment()
    view = window.assessment
    view.go_to_page(0)
    view.load_answers(load_case("ecog_3")["answers"])
    assert status(window, "overall_status") == "not_eligible"
    assert view.summary.verdict.property("status") != "not_eligible"  # not shown yet
    view.go_to_summary()
    assert view.summary.verdict.property("status") == "not_eligible"
    view.go_to_page(1)
    view.load_answers(load_case("eligible_male")["answers"])
    assert view.summary.verdict.property("status") == "not_eligible"
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert view.summary.verdict.property("status") == "eligible"
