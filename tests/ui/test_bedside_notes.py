"""Issue 13, defaults and notes at the bedside, driven as a clinician does: the assessment date
starts as today in the site's zone, a weight typed in lb, a comment per criterion and the
screen-failure reason (saved, signed, reopened, amended, printed), an optional field never
listed as missing; and the layout: whole criterion names in the side panel at 1366x768 and
1920x1080, every Preferences text visible."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QTreeWidgetItemIterator,
)

from nkscreen import clock
from nkscreen.settings import SiteSettings, save_settings, settings_file
from nkscreen.ui import dialogs
from tests.ui.test_records_gui import (
    _pdf_text,
    _sign,
    identity,
    import_case,
    make_window,
    records,
)

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
#: 17:30 UTC on 30 November: already 1 December in Shanghai.
LATE_EVENING_UTC = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)


def _type(qtbot, window, field_id: str, text: str) -> None:
    """Click into a field, select what is there and type over it."""
    window.assessment.focus_field(field_id)
    edit = window.findChild(QLineEdit, field_id)
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    if text:
        qtbot.keyClicks(edit, text)


def _saved(data_dir, index: int = -1) -> dict:
    return json.loads((data_dir / "records" / records(data_dir)[index]).read_text("utf-8"))


# --- the assessment date -------------------------------------------------------------------


def test_a_new_assessment_is_dated_today_in_the_sites_zone(qtbot, data_dir, monkeypatch, errors):
    save_settings(settings_file(data_dir), SiteSettings(time_zone="Asia/Shanghai"))
    monkeypatch.setattr(clock, "utc_now", lambda: LATE_EVENING_UTC)
    window = make_window(qtbot, data_dir)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    date = window.findChild(QLineEdit, "assessment_date")
    assert date.text() == "2026-12-01"  # Shanghai's day, not the computer's UTC one
    assert window.assessment.evaluation.answers.values["assessment_date"].isoformat() == (
        "2026-12-01"
    )
    # The user may change it.
    _type(qtbot, window, "assessment_date", "2026-11-29")
    assert window.assessment.answers()["assessment_date"] == "2026-11-29"
    # A screening saved without a date reopens without one: a record is never re-dated.
    _type(qtbot, window, "screening_id", "HX-DATE")
    _type(qtbot, window, "patient_initials", "CD")
    _type(qtbot, window, "assessment_date", "")
    assert window.save_record(), errors
    path = data_dir / "records" / records(data_dir)[0]
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.findChild(QLineEdit, "assessment_date").text() == "2026-12-01"
    window.open_record(path)
    assert window.findChild(QLineEdit, "assessment_date").text() == ""
    assert "assessment_date" not in window.assessment.answers()
    # An imported case keeps its own date.
    import_case(window, monkeypatch)
    assert window.findChild(QLineEdit, "assessment_date").text() == "2026-11-20"


def test_a_restored_draft_keeps_its_own_date(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    _type(qtbot, window, "screening_id", "HX-DRAFT")
    _type(qtbot, window, "assessment_date", "2026-10-02")
    assert window.session.flush_autosave()
    window.session.lock.path.unlink()  # the process "died"
    monkeypatch.setattr(dialogs, "ask_restore_draft", lambda parent, text: True)
    second = make_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: second.assessment.answers().get("screening_id") == "HX-DRAFT")
    assert second.findChild(QLineEdit, "assessment_date").text() == "2026-10-02"


# --- weight in kg or lb --------------------------------------------------------------------


def test_weight_typed_in_lb_is_kept_in_kg_with_what_was_typed(qtbot, data_dir, monkeypatch, errors):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    view = window.assessment
    both = window.findChild(QLabel, "weight_kg__both")
    assert both.text() == "= 70 kg (154.3 lb)"
    _type(qtbot, window, "weight_kg", "154.3")
    units = window.findChild(QComboBox, "weight_kg__unit")
    qtbot.keyClick(window.findChild(QLineEdit, "weight_kg"), Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is units
    qtbot.keyClick(units, Qt.Key.Key_Down)  # kg -> lb
    assert units.currentText() == "lb"
    assert both.text() == "= 69.99 kg (154.3 lb)"
    assert view.answers()["weight_kg"] == "69.99"  # the engine gets kg
    assert "69.99 kg" in window.findChild(QLabel, "derived_note_crcl_ml_min").text()
    assert window.save_record(), errors
    saved = _saved(data_dir)
    assert saved["answers"]["weight_kg"] == "69.99"
    assert saved["entered_as"] == {"weight_kg": {"value": "154.3", "unit": "lb"}}
    rows = {r.label: r.value for p in window.current_summary().appendix for r in p.rows}
    assert rows["Body weight"] == "69.99 kg (entered as 154.3 lb)"
    # Reopened, it shows what was typed.
    window.new_assessment()
    window.open_record(data_dir / "records" / records(data_dir)[0])
    assert window.findChild(QLineEdit, "weight_kg").text() == "154.3"
    assert window.findChild(QComboBox, "weight_kg__unit").currentText() == "lb"
    assert not window.session.is_dirty(window.assessment.answers(), window.assessment.notes())


# --- comments and the screen-failure reason ------------------------------------------------


def test_comments_and_the_reason_are_saved_signed_reopened_amended_and_printed(
    qtbot, data_dir, monkeypatch, errors, tmp_path
):
    from nkscreen.ui import print_actions

    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch, "ecog_3")
    view = window.assessment
    view.go_to_criterion("I3")
    comment = window.findChild(QLineEdit, "comment_I3")
    qtbot.mouseClick(comment, Qt.MouseButton.LeftButton)
    qtbot.keyClicks(comment, "ECOG assessed by the PI")
    # The summary asks for the reason: the verdict is NOT ELIGIBLE.
    qtbot.keyClick(view, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    prompt = window.findChild(QLabel, "screen_failure_prompt")
    assert prompt.isVisible()
    assert "NOT ELIGIBLE" in prompt.text()
    offer = window.findChild(QPushButton, "use_failed_criteria")
    assert offer.isVisible()
    qtbot.mouseClick(offer, Qt.MouseButton.LeftButton)
    reason = window.findChild(QPlainTextEdit, "screen_failure_reason")
    assert reason.toPlainText() == "I3 ECOG performance status 0 to 2: ✗ Not met"
    assert QApplication.focusWidget() is reason
    qtbot.keyClick(reason, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(reason, " (bed-bound)")
    table = window.findChild(QLabel, "summary_criteria").text()
    assert "ECOG assessed by the PI" in table
    _sign(window, data_dir, monkeypatch)
    assert errors == []
    saved = _saved(data_dir)
    assert saved["comments"] == {"I3": "ECOG assessed by the PI"}
    assert (
        saved["screen_failure_reason"] == "I3 ECOG performance status 0 to 2: ✗ Not met (bed-bound)"
    )
    # Reopened: shown, read-only like every answer of a signed record.
    path = data_dir / "records" / records(data_dir)[0]
    window.new_assessment()
    window.assessment.go_to_criterion("I3")
    assert window.findChild(QLineEdit, "comment_I3").text() == ""
    window.open_record(path)
    window.assessment.go_to_criterion("I3")
    assert window.findChild(QLineEdit, "comment_I3").text() == "ECOG assessed by the PI"
    assert window.findChild(QLineEdit, "comment_I3").isReadOnly()
    assert "(bed-bound)" in window.findChild(QPlainTextEdit, "screen_failure_reason").toPlainText()
    # Printed: the comment under I3, the reason by the verdict.
    pdf = tmp_path / "signed.pdf"
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(pdf))
    window.action_export_pdf.trigger()
    text = _pdf_text(pdf)
    assert "Comment: ECOG assessed by the PI" in text
    assert "Screen-failure reason: I3 ECOG performance status 0 to 2" in text
    # Amended: only the comment changes, and the banner says so.
    monkeypatch.setattr(dialogs, "ask_amendment_reason", lambda parent: "comment completed")
    window.action_amend.trigger()
    comment = window.findChild(QLineEdit, "comment_I3")
    assert not comment.isReadOnly()
    window.assessment.go_to_criterion("I3")
    comment.setFocus()
    qtbot.keyClick(comment, Qt.Key.Key_End)
    qtbot.keyClicks(comment, " and the nurse")
    _sign(window, data_dir, monkeypatch)
    assert errors == []
    assert _saved(data_dir, 1)["comments"] == {"I3": "ECOG assessed by the PI and the nurse"}
    lines = [c.line() for c in window.session.amendment.notes]
    assert lines == [
        'Comment on I3: "ECOG assessed by the PI" -> "ECOG assessed by the PI and the nurse"'
    ]
    # A comment changed in the file after signing is detected like any other change.
    data = json.loads(path.read_text("utf-8"))
    data["comments"]["I3"] = "ECOG 1"
    path.write_text(json.dumps(data, indent=2), "utf-8")
    window.open_record(path)
    assert window.findChild(QLabel, "record_banner").property("banner") == "invalid"


def test_a_pasted_control_character_is_refused_in_plain_words(qtbot, data_dir, monkeypatch, errors):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    window.assessment.go_to_criterion("E9")
    comment = window.findChild(QLineEdit, "comment_E9")
    comment.setFocus()
    QApplication.clipboard().setText("ask the PI\x07")
    qtbot.keyClick(comment, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    problem = window.findChild(QLabel, "comment_error_E9")
    assert problem.isVisible()
    assert problem.text() == "⚠ It holds a control character (U+0007): remove it."
    assert not window.save_record()
    assert errors == [
        "Cannot save yet:\nThe comment on E9 cannot be saved: it holds a control character "
        "(U+0007); remove it."
    ]
    assert records(data_dir) == []
    qtbot.keyClick(comment, Qt.Key.Key_Backspace)
    assert not problem.isVisible()
    assert window.save_record()


def test_the_reason_may_be_given_any_time_and_a_draft_keeps_the_notes(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)  # ELIGIBLE: the reason is offered, not asked for
    window.assessment.go_to_summary()
    assert not window.findChild(QPushButton, "use_failed_criteria").isVisible()
    reason = window.findChild(QPlainTextEdit, "screen_failure_reason")
    reason.setFocus()
    qtbot.keyClicks(reason, "Withdrew consent before infusion")
    assert window.session.flush_autosave()
    draft = json.loads(next((data_dir / "drafts").glob("*.json")).read_text("utf-8"))
    assert draft["screen_failure_reason"] == "Withdrew consent before infusion"


# --- optional fields -----------------------------------------------------------------------


def test_the_measured_clearance_is_never_listed_as_missing(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _type(qtbot, window, "weight_kg", "")
    _type(qtbot, window, "creatinine", "200")
    note = window.findChild(QLabel, "derived_note_crcl_ml_min").text()
    assert note == "needs: Body weight"
    window.assessment.go_to_summary()
    missing = window.findChild(QLabel, "summary_missing").text()
    assert "Body weight" in missing
    assert "Measured creatinine clearance" not in missing


# --- layout --------------------------------------------------------------------------------


@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_side_panel_names_are_whole(qtbot, data_dir, size):
    window = make_window(qtbot, data_dir)
    window.resize(*size)
    window.new_assessment()
    QApplication.processEvents()
    tree = window.assessment.navigator
    _assert_names_whole(tree)
    names = [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]
    subs = [tree.topLevelItem(i).child(j).text(0) for i in range(len(names))
            for j in range(tree.topLevelItem(i).childCount())]  # fmt: skip
    assert "I5A  Liver: ALT and AST at most 3 × ULN, bilirubin at most 2 × ULN" in subs


def test_side_panel_names_stay_whole_when_the_panel_narrows(qtbot, data_dir):
    """Row heights are remembered per width (navigator_wrap): a narrower panel wraps again."""
    window = make_window(qtbot, data_dir)
    window.resize(1920, 1080)
    window.new_assessment()
    QApplication.processEvents()
    tree = window.assessment.navigator
    wide = {tree.topLevelItem(i).text(0): tree.visualItemRect(tree.topLevelItem(i)).height()
            for i in range(tree.topLevelItemCount())}  # fmt: skip
    splitter = tree.parentWidget()
    splitter.setSizes([200, 1700])
    QApplication.processEvents()
    _assert_names_whole(tree)
    narrow = {tree.topLevelItem(i).text(0): tree.visualItemRect(tree.topLevelItem(i)).height()
              for i in range(tree.topLevelItemCount())}  # fmt: skip
    assert any(narrow[name] > wide[name] for name in wide)  # some names now take more lines


def _assert_names_whole(tree) -> None:
    metrics = tree.fontMetrics()
    iterator = QTreeWidgetItemIterator(tree)
    checked = 0
    while item := iterator.value():
        rect = tree.visualRect(tree.indexFromItem(item, 0))
        needed = metrics.boundingRect(
            QRect(0, 0, rect.width() - 6, 10_000), Qt.TextFlag.TextWordWrap, item.text(0)
        )
        assert rect.height() >= needed.height(), item.text(0)
        if item.parent() is not None or item.text(0)[:1] in "IE":
            assert item.toolTip(0)
            assert item.toolTip(0) in item.text(0)
        checked += 1
        iterator += 1
    assert checked > 30


def test_every_preferences_text_is_visible(qtbot, data_dir):
    from PySide6.QtCore import QTimer

    from nkscreen.ui.preferences import PreferencesDialog

    window = make_window(qtbot, data_dir)
    seen: list[str] = []
    cut: list[str] = []

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, PreferencesDialog)
            room = dialog.screen().availableGeometry()
            if dialog.frameGeometry().height() > room.height():
                cut.append("the dialog is taller than the screen")
            source = dialog.findChild(QLineEdit, "pref_uln_source")
            if source.width() < source.fontMetrics().horizontalAdvance(source.text()):
                cut.append(source.text())
            for label in dialog.findChildren(QLabel):
                if not label.isVisible() or not label.text():
                    continue
                wrapped = label.heightForWidth(label.width())
                wanted = wrapped if label.wordWrap() else label.sizeHint().height()
                wide = label.wordWrap() or "<" in label.text()
                needed = label.fontMetrics().horizontalAdvance(label.text())
                if label.height() < wanted or not (wide or label.width() >= needed):
                    cut.append(label.text())
                seen.append(label.text())
        finally:
            dialog.reject()  # never leave the test waiting on a modal dialog

    QTimer.singleShot(0, check)
    window.open_preferences()
    assert "Source of the ULN values" in seen
    assert cut == []
