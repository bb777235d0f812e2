"""Wizard pages are built when first shown: a new screening makes its first page only, and
nothing the user can reach depends on a page having been built before."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QWidget

from tests.ui.conftest import load_case

pytestmark = pytest.mark.gui


def built(view) -> list[str]:
    return [p.key for p in view.pages if p.built]


def test_a_new_screening_builds_its_first_page_and_the_summary_only(window, qtbot):
    window.new_assessment()
    view = window.assessment
    assert built(view) == [view.pages[0].key, "summary"]
    qtbot.keyClicks(view.pages[0].first_input, "S-1")  # typing builds nothing else
    assert built(view) == [view.pages[0].key, "summary"]
    assert window.findChild(QLineEdit, "alt") is None
    view.go_next()
    assert built(view) == [view.pages[0].key, view.pages[1].key, "summary"]
    assert view.stack.currentWidget() is view.pages[1].scroll


def test_a_page_built_late_shows_the_statuses_already_known(window, qtbot):
    window.new_assessment()
    view = window.assessment
    qtbot.mouseClick(window.findChild(QWidget, "sex__male"), Qt.MouseButton.LeftButton)
    assert not view.pages[view.page_of_criterion["E6"]].built
    view.go_to_criterion("E6")  # built now: its female-only question hidden at once
    assert not window.findChild(QWidget, "row_pregnancy_test").isVisible()
    badge = window.findChild(QWidget, "page_status_E6")
    assert badge.property("status") == "not_applicable"
    assert "women only" in window.findChild(QLabel, "explain_E6").text()


def test_loading_answers_builds_the_pages_they_are_on_and_keeps_them_as_given(window):
    answers = load_case("eligible_male")["answers"]
    window.new_assessment()
    view = window.assessment
    view.load_answers(answers)
    asked = {view.page_of_field[f] for f, v in answers.items() if v is not None}
    assert {i for i, p in enumerate(view.pages) if p.built} >= asked
    first = view.answers()
    view.go_to_summary()
    for index in range(len(view.pages)):  # building the rest changes no answer
        view.go_to_page(index)
    assert view.answers() == first


def test_a_read_only_record_stays_read_only_on_pages_built_later(window):
    window.new_assessment()
    view = window.assessment
    view.set_read_only(True)
    view.go_to_page(view.page_of_field["alt"])
    assert not window.findChild(QLineEdit, "alt").isEnabled()
    view.set_read_only(False)
    assert window.findChild(QLineEdit, "alt").isEnabled()
