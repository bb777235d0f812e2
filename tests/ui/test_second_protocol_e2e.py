"""A second trial end to end, with no code of its own: a site drops DEMO-RCC-01's file into
its protocols folder, then screens a patient in the wizard by keyboard, signs, verifies and
prints; the command line signs, amends, verifies and prints another screening of it."""

from __future__ import annotations

import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QWidget

from nkscreen.cli import main
from nkscreen.core.engine import evaluate
from nkscreen.ui import dialogs
from tests.report.conftest import read_pdf
from tests.ui.conftest import KeyboardDriver
from tests.ui.test_records_gui import _sign, identity, make_window, records

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
DATA = Path(__file__).resolve().parents[1] / "data"
DEMO_FILE = DATA / "protocols" / "DEMO-RCC-01.json"


@pytest.fixture
def data_dir(tmp_path) -> Path:
    base = tmp_path / "data"
    (base / "protocols").mkdir(parents=True)
    shutil.copy(DEMO_FILE, base / "protocols")
    return base


@pytest.fixture
def run(data_dir, monkeypatch, capsys):
    def run(*argv: str) -> tuple[int, str, str]:
        monkeypatch.setenv("NKSCREEN_PASSPHRASE", "correct horse battery staple")
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def demo_answers(name: str = "demo_eligible_female") -> dict:
    case = json.loads((DATA / "cases" / f"{name}.json").read_text("utf-8"), parse_float=Decimal)
    return case["answers"]


def start_demo(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    demo = next(p for p in window.library.protocols if p.id == "DEMO-RCC-01")
    monkeypatch.setattr(dialogs, "ask_protocol", lambda parent, protocols, current: demo)
    qtbot.keyClick(window, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    assert window.assessment.protocol is demo
    return window


def test_wizard_by_keyboard_then_sign_verify_and_pdf(qtbot, data_dir, monkeypatch, run, tmp_path):
    identity(data_dir)
    window = start_demo(qtbot, data_dir, monkeypatch)
    view = window.assessment
    answers = demo_answers()
    KeyboardDriver(qtbot, window).complete(answers)
    assert view.stack.currentIndex() == len(view.pages) - 1
    assert [p.key for p in view.pages] == [
        "subject",
        "IN1",
        "IN2",
        "IN3",
        "IN4",
        "IN5",
        "EX1",
        "EX2",
        "summary",
    ]
    expected = evaluate(view.protocol, answers)
    assert expected.overall == "eligible"
    assert view.evaluation is not None
    assert view.evaluation.statuses() == expected.statuses()
    assert view.summary.verdict.property("status") == "eligible"
    assert window.findChild(QWidget, "derived_alp_x_uln").text() == "2.41"
    assert window.findChild(QWidget, "derived_earliest_first_dose").text() == "2027-03-14"

    # the site's example ULN for a man, from the protocol file, in grey: never filled unasked
    view.focus_field("gender")
    qtbot.mouseClick(window.findChild(QWidget, "gender__male"), Qt.MouseButton.LeftButton)
    uln = window.findChild(QLineEdit, "alp_uln")
    assert uln.text() == "104"
    uln.clear()
    assert uln.placeholderText() == "site: 129"
    qtbot.mouseClick(window.findChild(QWidget, "fill_site_uln"), Qt.MouseButton.LeftButton)
    assert uln.text() == "129"
    assert "pregnant_or_breastfeeding" not in view.answers()  # for women only: hidden

    _sign(window, data_dir, monkeypatch)
    (name,) = records(data_dir)
    path = data_dir / "records" / name
    saved = json.loads(path.read_text("utf-8"))
    assert saved["protocol"]["id"] == "DEMO-RCC-01"
    assert saved["answers"]["subject_no"] == "AB-123"
    assert window.findChild(QWidget, "record_banner").property("banner") == "valid"

    code, out, _ = run("verify", str(path))
    assert code == 0
    assert "VALID" in out
    code, out, _ = run("list")
    assert "AB-123" in out
    assert "ML" in out
    assert "2027-03-01" in out
    pdf = tmp_path / "demo.pdf"
    code, _, err = run("pdf", str(path), "-o", str(pdf))
    assert code == 0, err
    text = read_pdf(pdf.read_bytes()).flat
    for expected_text in (
        "DEMO-RCC-01",
        "Subject number",
        "AB-123",
        "Alkaline phosphatase",
        "≤ 2.5 × (limit 322.5 U/L)",
        "ELIGIBLE",
        "Cycle 1 day 1",
    ):
        assert expected_text in text, expected_text
    assert "NCT06641648" not in text


def test_command_line_sign_amend_verify_pdf(run, data_dir, tmp_path):
    code, _, err = run(
        "identity", "create", "--name", "Dr A", "--role", "Investigator", "--user-id", "dra"
    )
    assert code == 0, err
    case = DATA / "cases" / "demo_recent_tki_male.json"
    code, out, err = run("sign", str(case), "--meaning", "authorship", "--site", "Demo site")
    assert code == 0, err
    assert "verdict NOT ELIGIBLE" in err
    first = Path(out.strip())
    code, _, err = run("sign", str(case), "--meaning", "authorship")
    assert code == 2
    assert "screening AB-124 already has a signed record" in err

    corrected = json.loads(case.read_text("utf-8"))
    corrected["answers"]["last_tki_dose"] = "2027-02-01"
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(corrected), "utf-8")
    code, out, err = run(
        "amend", str(first), str(fixed), "--reason", "wrong date", "--meaning", "authorship"
    )
    assert code == 0, err
    assert "Last dose of a tyrosine kinase inhibitor: 2027-03-01 -> 2027-02-01" in err
    assert "NOT ELIGIBLE -> ELIGIBLE" in err
    second = Path(out.strip())
    code, out, _ = run("verify", str(first), str(second))
    assert code == 0, out
    assert "superseded by version 2" in out
    pdf = tmp_path / "v2.pdf"
    code, _, err = run("pdf", str(second), "-o", str(pdf))
    assert code == 0, err
    text = read_pdf(pdf.read_bytes()).flat
    assert "Amends version 1" in text
    assert "wrong date" in text
