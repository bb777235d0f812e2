"""The document model, without Qt: what a printout says is decided and tested here."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.report import fonts
from nkscreen.report.summary import (
    DRAFT_MARK,
    build_summary,
    format_timestamp,
)
from tests.report.conftest import case_answers

ROOT = Path(__file__).resolve().parents[2]


def test_summary_module_is_qt_free() -> None:
    code = (
        "import sys, nkscreen.report.summary; "
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]; "
        "assert not bad, bad"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_timestamps_always_carry_their_zone() -> None:
    beijing = timezone(timedelta(hours=8))
    assert format_timestamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=beijing)) == (
        "2026-01-02 03:04:05 UTC+08:00"
    )
    india = timezone(timedelta(hours=5, minutes=30))
    assert format_timestamp(datetime(2026, 1, 2, 3, 4, 5, tzinfo=india)).endswith("UTC+05:30")


def test_parent_criteria_cite_sub_criteria_briefly(protocol: Protocol) -> None:
    answers = case_answers("alt_4x")
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    rows = {r.id: r for r in summary.criteria}
    assert rows["I5"].evidence == "I5A not met"
    assert rows["I5A"].status_text == "NOT MET"
    assert rows["I5A"].tone == "bad"
    assert rows["I5A"].level == 1
    assert rows["I5"].level == 0
    assert rows["E6"].evidence == "does not apply: applies to women only"


def test_incomplete_lists_missing_fields_with_labels(protocol: Protocol) -> None:
    answers = case_answers("missing_lvef")
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    assert summary.verdict_text == "INCOMPLETE"
    assert any("(lvef_pct)" in m for m in summary.missing)


def test_invalid_answers_are_printed(protocol: Protocol) -> None:
    answers = {**case_answers("eligible_male"), "alt": "abc"}
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    assert any(e.startswith("ALT (alt): ") and "'abc' is not a number" in e for e in summary.errors)


def test_an_empty_assessment_still_prints(protocol: Protocol) -> None:
    summary = build_summary(protocol, {}, evaluate(protocol, {}))
    assert summary.marks == (DRAFT_MARK,)
    assert summary.screening_id == ""
    assert summary.file_stem() == "screening"
    assert "Screening -" in summary.running_header()
    values = {i.label: i.value for i in summary.patient}
    assert values["Screening ID"] == "-"
    assert values["Age"] == "-"


def test_file_name_is_safe_whatever_the_screening_id(protocol: Protocol) -> None:
    answers = {**case_answers("eligible_male"), "screening_id": "../HX 1/2"}
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    assert "/" not in summary.file_stem()
    assert " " not in summary.file_stem()


def test_missing_bundled_font_fails_loudly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qt would print blank text without a font: refuse instead."""
    monkeypatch.setattr(fonts, "_registered", None)
    monkeypatch.setattr(fonts, "FONT_FILES", ("NoSuchFont.ttf",))
    with pytest.raises(fonts.FontError, match=r"NoSuchFont\.ttf is missing"):
        fonts.register_fonts()
