"""File > Import case...: the wizard shows the same verdicts as ``nkscreen evaluate``."""

from __future__ import annotations

import json

import pytest
from PySide6.QtWidgets import QFileDialog, QLabel, QWidget

from nkscreen.core.casefile import read_case
from nkscreen.core.engine import evaluate
from nkscreen.core.status import shown_status
from tests.ui.conftest import CASES
from tests.ui.side_panel import side_status

pytestmark = pytest.mark.gui
EXAMPLES = sorted(p.stem for p in CASES.glob("*.json") if p.stem != "expected")


def _import(window, monkeypatch, path) -> None:
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    window.action_import_case.trigger()


@pytest.mark.parametrize("name", EXAMPLES)
def test_imported_case_matches_evaluate(window, monkeypatch, name):
    _import(window, monkeypatch, CASES / f"{name}.json")
    case = read_case(CASES / f"{name}.json")
    expected = evaluate(case.protocol, case.answers)
    shown = window.findChild(QWidget, "overall_status").property("status")
    assert shown == expected.overall
    for cid, result in expected.criteria.items():
        assert side_status(window, cid) == shown_status(result.status, result.applicable)
    for error in expected.errors:  # invalid values arrive as errors at their fields
        if error.field in window.assessment.rows:
            label = window.findChild(QLabel, f"error_{error.field}")
            assert str(error.message) in label.text()


def test_unknown_ids_are_shown_not_dropped(window, monkeypatch):
    _import(window, monkeypatch, CASES / "unknown_field.json")
    banner = window.findChild(QLabel, "import_banner")
    assert banner.isVisible()
    assert "alt_ulnn" in banner.text()
    assert "alt_ulnn" in window.assessment.answers()
    assert "alt_ulnn" in window.findChild(QLabel, "summary_errors").text()
    # never "eligible" beside invalid input
    assert window.findChild(QWidget, "overall_status").property("status") == "incomplete"
    window.findChild(QWidget, "discard_unknown").click()
    assert "alt_ulnn" not in window.assessment.answers()
    assert window.findChild(QWidget, "overall_status").property("status") == "eligible"


def test_invalid_choice_is_kept_as_an_error(window, monkeypatch, tmp_path):
    data = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    data["answers"]["cns_involvement"] = "maybe"
    path = tmp_path / "case.json"
    path.write_text(json.dumps(data), "utf-8")
    _import(window, monkeypatch, path)
    assert window.assessment.answers()["cns_involvement"] == "maybe"
    assert "not an answer" in window.findChild(QLabel, "error_cns_involvement").text()


def test_unreadable_file_gives_a_message(window, monkeypatch, tmp_path):
    from nkscreen.ui import dialogs

    shown = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    path = tmp_path / "broken.json"
    path.write_text("{not json", "utf-8")
    _import(window, monkeypatch, path)
    assert shown
    assert "not valid JSON" in shown[0]
    assert window.stack.currentWidget() is window.home
