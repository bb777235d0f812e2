"""Whole assessments completed with the keyboard only, reaching each verdict."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import builtin_protocol
from nkscreen.core.status import shown_status
from tests.ui.conftest import KeyboardDriver, load_case
from tests.ui.side_panel import side_status

pytestmark = pytest.mark.gui


def _keyboard_answers(name: str) -> dict:
    answers = dict(load_case(name)["answers"])
    answers["antitumor_agents"] = []  # the driver states "none" by keyboard
    return answers


@pytest.mark.parametrize(
    ("case", "verdict"),
    [
        ("eligible_male", "eligible"),
        ("eligible_female", "eligible"),
        ("ecog_3", "not_eligible"),
        ("missing_lvef", "incomplete"),
        ("pregnant", "not_eligible"),
    ],
)
def test_complete_assessment_by_keyboard(window, qtbot, case, verdict):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = window.assessment
    assert window.stack.currentWidget() is view
    answers = _keyboard_answers(case)
    KeyboardDriver(qtbot, window).complete(answers)
    assert view.stack.currentIndex() == len(view.pages) - 1  # Enter led to the summary
    overall = window.findChild(type(view.overall_badge), "overall_status")
    assert overall.property("status") == verdict
    expected = evaluate(builtin_protocol("NCT06641648"), answers)
    for cid, result in expected.criteria.items():
        assert side_status(window, cid) == shown_status(result.status, result.applicable), cid
    assert view.summary.verdict.property("status") == verdict


def test_alt_n_and_alt_b_move_between_pages(window, qtbot):
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    view = window.assessment
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    assert view.stack.currentIndex() == 1
    qtbot.keyClick(view, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(view, Qt.Key.Key_B, Qt.KeyboardModifier.AltModifier)
    assert view.stack.currentIndex() == 1


def test_every_page_starts_with_the_cursor_in_its_first_input(window, qtbot):
    window.new_assessment()
    view = window.assessment
    with_inputs = []
    for index, page in enumerate(view.pages):  # each page is built when first shown
        view.go_to_page(index)
        if page.first_input is not None:
            with_inputs.append(index)
            assert page.first_input.hasFocus(), page.key
    assert len(with_inputs) >= len(view.pages) - 3  # I1 (dates asked earlier), summary
    for index in with_inputs:  # and again when shown again
        view.go_to_page(index)
        assert view.pages[index].first_input.hasFocus(), view.pages[index].key


def test_shortcuts_are_listed_in_the_menus(window):
    shortcuts = {
        a.objectName(): a.shortcut().toString()
        for menu in window.menuBar().findChildren(type(window.menuBar().actions()[0].menu()))
        for a in menu.actions()
        if a.objectName()
    }
    assert shortcuts["action_next"] == "Alt+N"
    assert shortcuts["action_back"] == "Alt+B"
    assert shortcuts["action_import_case"] == "Ctrl+I"


def test_every_input_has_an_accessible_name(window):
    for fid, row in window.assessment.rows.items():
        widget = row.editor.widget
        name = widget.accessibleName() or row.editor.focus_target().accessibleName()
        assert name, fid
