"""Issue 13, at the bedside: N/A where a rule does not apply, and a summary page that closes
the screening (verdict, every criterion, invalid then missing answers as links, and the
buttons that save, sign, print and export)."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit, QPushButton, QWidget

from tests.ui.conftest import CASES
from tests.ui.side_panel import side_status, side_text

pytestmark = pytest.mark.gui


def _import(window, monkeypatch, name: str):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASES / f"{name}.json"), "")
    )
    window.action_import_case.trigger()
    return window.assessment


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
    assert side_status(window, "E6") == "not_applicable"
    assert side_text(window, "E6") == "– N/A"
    assert window.findChild(QLabel, "page_status_E6").text() == "– N/A"
    assert "does not apply" in window.findChild(QLabel, "explain_E6").text()
    # A criterion that applies keeps its own badge.
    assert side_status(window, "E7") == "absent"


def test_woman_without_childbearing_potential_sees_na_on_i6_and_e5(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_female")
    assert side_status(window, "I6") == "met"
    view.go_to_criterion("E6")
    no = window.findChild(QWidget, "childbearing_potential__no")
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)
    assert side_status(window, "I6") == "not_applicable"
    assert side_status(window, "E5") == "not_applicable"
    assert side_status(window, "E6") != "not_applicable"


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


def test_space_never_clears_a_chosen_answer_clear_answer_does(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.focus_field("hbv_active")
    no = window.findChild(QPushButton, "hbv_active__no")
    assert no.isChecked()
    no.setFocus()
    qtbot.keyClick(no, Qt.Key.Key_Space)
    assert no.isChecked()
    assert view.answers()["hbv_active"] == "no"
    qtbot.mouseClick(no, Qt.MouseButton.LeftButton)  # a second click neither
    assert view.answers()["hbv_active"] == "no"
    clear = window.findChild(QPushButton, "hbv_active__clear")
    assert clear.isEnabled()
    clear.setFocus()
    qtbot.keyClick(clear, Qt.Key.Key_Space)
    assert not no.isChecked()
    assert view.answers().get("hbv_active") in (None, "")
    assert not clear.isEnabled()  # nothing left to clear: out of the tab order
    assert window.findChild(QPushButton, "hbv_active__yes").hasFocus()


def test_enter_on_a_focused_choice_chooses_it_and_stays(window, qtbot, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.focus_field("hbv_active")
    page = view.stack.currentIndex()
    yes = window.findChild(QPushButton, "hbv_active__yes")
    yes.setFocus()
    qtbot.keyClick(yes, Qt.Key.Key_Return)
    assert yes.isChecked()
    assert view.answers()["hbv_active"] == "yes"
    assert view.stack.currentIndex() == page  # the page did not turn
    qtbot.keyClick(yes, Qt.Key.Key_Return)  # Enter on the chosen one goes on
    assert view.stack.currentIndex() == page + 1


def test_tab_has_no_invisible_stop_and_fill_uln_comes_first(window, qtbot, monkeypatch):
    from PySide6.QtWidgets import QApplication, QScrollArea

    view = _import(window, monkeypatch, "eligible_male")
    for scroll in view.stack.findChildren(QScrollArea):
        assert not scroll.focusPolicy() & Qt.FocusPolicy.TabFocus
    view.go_to_criterion("I5")
    fill = next(b for b in window.findChildren(QPushButton, "fill_site_uln") if b.isVisible())
    first = window.findChild(QLineEdit, "labs_date")  # the first input below the button
    first.setFocus()
    # Fill empty ULNs sits above the inputs: Shift+Tab from the first one goes there.
    qtbot.keyClick(first, Qt.Key.Key_Backtab)
    assert QApplication.focusWidget() is fill
    qtbot.keyClick(fill, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is first


def _tab_stops(view, index: int) -> list:
    """The visible Tab stops of page ``index``, in the order Tab visits them."""
    body = view.pages[index].body
    stops = [
        w
        for w in body.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    if not stops:
        return []
    start = stops[0]
    ordered, widget = [], start
    for _ in range(2000):
        if widget in stops and widget not in ordered:
            ordered.append(widget)
        widget = widget.nextInFocusChain()
        if widget is start:
            break
    return ordered


def test_tab_visits_every_page_top_to_bottom(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    checked = 0
    for index, page in enumerate(view.pages):
        view.go_to_page(index)
        stops = _tab_stops(view, index)
        checked += len(stops)
        places = [w.mapTo(page.body, w.rect().topLeft()) for w in stops]
        first = min(range(len(places)), key=lambda i: (places[i].y(), places[i].x()), default=0)
        cycle = places[first:] + places[:first]
        for (a, b), w in zip(
            itertools.pairwise(cycle), stops[first + 1 :] + stops[:first], strict=False
        ):
            same_row = abs(a.y() - b.y()) <= 8
            assert (b.x() > a.x()) if same_row else (b.y() > a.y()), (page.key, w.objectName())
    assert checked > 100  # every page's inputs and buttons were looked at


def test_clinical_notation_on_screen_ids_in_the_answers(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_criterion("I5")
    why = window.findChild(QLabel, "explain_I5A").text()
    assert "Total bilirubin 15 µmol/L / ULN 21 = 0.72 × ULN ≤ 2 × (limit 42 µmol/L)" in why
    assert "umol" not in why
    assert "<=" not in why
    leaf = window.findChild(QLabel, "leaf_tbil_x_uln").text()
    assert "× ULN, limit 2 × = 42 µmol/L" in leaf
    assert view.answers()["tbil_unit"] == "umol/L"  # the record keeps the id


def test_exclusion_9_reads_investigators(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_criterion("E9")
    text = window.findChild(QLabel, "verbatim_E9").text()
    assert "investigator's judgment" in text
    assert "\\\\" not in text


def test_sign_dialog_shows_what_is_signed_and_the_whole_fingerprint(
    window, qtbot, monkeypatch, tmp_path
):
    from nkscreen.records import identity as identity_module
    from nkscreen.records.identity import create_identity, format_fingerprint, load_identity
    from nkscreen.ui import dialogs
    from nkscreen.ui.sign_dialog import SignDialog

    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)
    path = create_identity(
        tmp_path / "data" / "identities",
        name="Dr Li Wei",
        role="Investigator",
        user_id="liwei",
        passphrase="correct horse battery staple",
    )
    fingerprint = format_fingerprint(load_identity(path).key_fingerprint)
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    seen = {}

    def look(dialog):
        dialog.resize(dialog.sizeHint())
        seen["what"] = dialog.findChild(QLabel, "sign_what").text()
        label = dialog.findChild(QLabel, "sign_fingerprint")
        seen["fingerprint"] = label.text()
        seen["fits"] = label.sizeHint().width() <= label.width() + 1
        return 0  # the signer cancels

    monkeypatch.setattr(SignDialog, "exec", look)
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_summary()
    qtbot.mouseClick(window.findChild(QPushButton, "summary_sign"), Qt.MouseButton.LeftButton)
    assert "HX-001" in seen["what"]
    assert "initials AB" in seen["what"]
    assert "✓ ELIGIBLE" in seen["what"]
    assert fingerprint in seen["fingerprint"]
    assert seen["fits"]


def test_export_pdf_dialog_starts_in_the_documents_folder(window, qtbot, monkeypatch):
    from PySide6.QtCore import QStandardPaths

    from nkscreen.ui import print_actions

    asked = []
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, s: asked.append(s) or "")
    view = _import(window, monkeypatch, "eligible_male")
    view.go_to_summary()
    qtbot.mouseClick(window.findChild(QPushButton, "summary_pdf"), Qt.MouseButton.LeftButton)
    documents = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    assert asked
    assert asked[0].startswith(documents + "/")
    assert asked[0].endswith(".pdf")


def test_washout_why_names_every_agent_and_why_no_earliest_date(window, qtbot, monkeypatch):
    import json

    data = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    data["answers"]["antitumor_agents"] = [
        {"agent": "cytarabine", "last_dose": "2026-11-25"},
        {"agent": "azacitidine", "last_dose": "2026-09-01"},
    ]
    path = window.data_dir.parent / "two_agents.json"
    path.write_text(json.dumps(data), "utf-8")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.action_import_case.trigger()
    view = window.assessment
    view.go_to_criterion("E2")
    why = window.findChild(QLabel, "explain_E2B").text()
    lines = why.splitlines()
    assert any("cytarabine" in line and "inside" in line for line in lines)
    assert any("azacitidine" in line and "outside" in line for line in lines)
    _retype(qtbot, window, "last_dli_date", "ongoing")
    note = window.findChild(QLabel, "derived_note_earliest_infusion_date")
    assert window.findChild(QLabel, "derived_earliest_infusion_date").text() == "—"
    assert "no date can be planned while" in note.text()


def test_a_chosen_choice_shows_its_whole_text(window, monkeypatch):
    from PySide6.QtGui import QFont, QFontMetrics

    view = _import(window, monkeypatch, "eligible_female")
    window.resize(1366, 768)
    view.go_to_criterion("E6")
    chosen = window.findChild(QPushButton, "pregnancy_test__negative")
    assert chosen.isChecked()
    bold = QFont(chosen.font())
    bold.setBold(True)
    assert chosen.width() >= QFontMetrics(bold).horizontalAdvance(chosen.text()) + 20


def test_lab_columns_line_up_across_a_page(window, monkeypatch):
    view = _import(window, monkeypatch, "eligible_male")
    window.resize(1366, 768)
    view.go_to_criterion("I5")
    body = view.pages[view.stack.currentIndex()].body
    lefts = {
        fid: window.findChild(QLineEdit, fid)
        .mapTo(body, window.findChild(QLineEdit, fid).rect().topLeft())
        .x()
        for fid in ("alt", "inr", "creatinine", "lvef_pct")
        if window.findChild(QLineEdit, fid).isVisible()
    }
    assert len({lefts[f] for f in ("alt", "inr", "creatinine")}) == 1, lefts


def test_one_site_default_note_per_page(window, qtbot):
    window.new_assessment()
    view = window.assessment
    qtbot.mouseClick(window.findChild(QWidget, "sex__male"), Qt.MouseButton.LeftButton)
    view.go_to_criterion("I5")
    qtbot.mouseClick(window.findChild(QWidget, "fill_site_uln"), Qt.MouseButton.LeftButton)
    assert window.findChild(QLineEdit, "ast_uln").text() != ""
    page = view.stack.currentIndex()
    notes = [
        fid
        for fid, row in view.rows.items()
        if view.page_of_field[fid] == page
        and "Site default" in window.findChild(QLabel, f"hint_{fid}").text()
    ]
    assert len(notes) == 1, notes
