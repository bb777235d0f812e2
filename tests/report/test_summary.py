"""The document model, without Qt: what a printout says is decided and tested here."""

from __future__ import annotations

import dataclasses
import re
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nkscreen.core.engine import EvaluationSettings, evaluate
from nkscreen.core.pages import wizard_pages
from nkscreen.core.protocol import Protocol, UlnRule, iter_rules
from nkscreen.report import fonts
from nkscreen.report.appendix import AnswerRow
from nkscreen.report.summary import (
    DRAFT_MARK,
    NO_SITE,
    RecordInfo,
    ScreeningSummary,
    build_summary,
    format_timestamp,
    summary_for_record,
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
    moment = datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=8)))
    assert format_timestamp(moment, timezone(timedelta(hours=8))) == "2026-01-02 03:04 UTC+08:00"
    india = timezone(timedelta(hours=5, minutes=30))
    assert format_timestamp(moment, india) == "2026-01-02 00:34 UTC+05:30"


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
    assert summary.screening_number == ""
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


# ---------------------------------------------------------------- the evidence a monitor checks


def iter_rules_of(protocol: Protocol) -> list[UlnRule]:
    return [r for c in protocol.all_criteria for r in iter_rules(c.rule) if isinstance(r, UlnRule)]


def _summary(protocol: Protocol, answers: dict[str, Any], **kwargs: Any) -> ScreeningSummary:
    return build_summary(protocol, answers, evaluate(protocol, answers), **kwargs)


def _appendix_rows(summary: ScreeningSummary) -> dict[str, AnswerRow]:
    return {r.label: r for page in summary.appendix for r in page.rows}


def test_a_lab_shows_value_uln_and_multiple_when_the_other_or_leg_decided(
    protocol: Protocol,
) -> None:
    """Creatinine 200 umol/L is over 1.5 x ULN; CrCl >= 30 meets I5C all the same."""
    summary = _summary(protocol, {**case_answers("eligible_male"), "creatinine": 200})
    i5c = next(r for r in summary.criteria if r.id == "I5C")
    assert i5c.status == "met"
    assert i5c.evidence.startswith("CrCl (Cockcroft-Gault) ")  # the clearance decided alone
    assert "Serum creatinine" not in i5c.evidence
    page = next(p for p in summary.appendix if p.title == "Inclusion 5: Adequate organ function")
    creatinine = next(r for r in page.rows if r.label == "Serum creatinine")
    assert creatinine == AnswerRow(
        "I5C",
        "Serum creatinine",
        "200 µmol/L / ULN 104 µmol/L = 1.93 × ULN, ABOVE the 1.5 × limit (156 µmol/L)",
        "bad",
    )
    rows = _appendix_rows(summary)
    assert rows["ALT"].value == "45 U/L / ULN 40 U/L = 1.13 × ULN, within the 3 × limit (120 U/L)"
    assert rows["ALT"].criterion == "I5A"
    assert rows["INR"].value == "1.1 / ULN 1.2 = 0.92 × ULN, within the 1.5 × limit (1.8)"
    assert rows["Body weight"].value == "70 kg (154.3 lb)"  # both units, kg as kept
    assert rows["Measured creatinine clearance"].value == "not answered"


def test_appendix_holds_every_answer_grouped_as_the_wizard_pages(protocol: Protocol) -> None:
    answers = case_answers("eligible_female")
    summary = _summary(protocol, answers)
    pages = wizard_pages(protocol)
    titles = [p.title for p in summary.appendix]
    assert titles[0] == "Patient and dates"
    assert "Inclusion 4: AML relapse or MRD after allo-HSCT" in titles
    assert "Exclusion 6: Pregnant or breastfeeding" in titles
    # The wizard's pages in its order, each once (I1 asks nothing of its own: no page here).
    assert [t.split(": ", 1)[-1] for t in titles] == [p.title for p in pages if p.key != "I1"]
    # Every answer once, on the page where the wizard asks it; ULNs and units sit in lab rows.
    folded = {
        x
        for r in iter_rules_of(protocol)
        for x in (r.uln, protocol.field_map[r.value].unit_field)
        if x
    }
    labels = [r.label for page in summary.appendix for r in page.rows]
    for fid in answers:
        if fid not in folded:
            assert labels.count(protocol.field_map[fid].label) == 1, fid
    rows = _appendix_rows(summary)
    assert rows["Last donor lymphocyte infusion (DLI)"].value == (
        "2026-09-01 (91 days before infusion)"
    )
    assert rows["Last systemic corticosteroid"].value == "None"
    assert rows["Systemic anti-tumour agents in the 14 days before infusion"].value == (
        "cytarabine: last dose 2026-11-01"
    )
    assert rows["Sex"].value == "Female"
    assert rows["Breastfeeding"].value == "No"
    male = _appendix_rows(_summary(protocol, case_answers("eligible_male")))
    assert "Date of the pregnancy test" not in male  # does not apply: not asked, not printed


def test_appendix_prints_an_invalid_answer_as_written(protocol: Protocol) -> None:
    summary = _summary(protocol, {**case_answers("eligible_male"), "alt": "abc"})
    alt = _appendix_rows(summary)["ALT"]
    assert alt.value == "'abc' (invalid: 'abc' is not a number) / ULN 40 U/L"
    assert alt.tone == "bad"


def test_evidence_dates_beside_the_criteria_they_support(protocol: Protocol) -> None:
    answers = {**case_answers("eligible_female"), "labs_date": "2026-10-01"}
    summary = _summary(protocol, answers)
    dates = {
        r.id: [(d.label, d.value, d.age, d.warning) for d in r.dates]
        for r in summary.criteria
        if r.dates
    }
    assert dates == {
        "I4": [
            (
                "Date of the bone marrow aspirate",
                "2026-11-15",
                "5 days before the assessment date",
                "",
            )
        ],
        "I5": [
            (
                "Date of the blood tests",
                "2026-10-01",
                "50 days before the assessment date",
                "older than the site's limit of 14 days",
            )
        ],
        "I5D": [
            ("Date of the LVEF measurement", "2026-11-10", "10 days before the assessment date", "")
        ],
        "I7": [("Date of informed consent", "2026-11-18", "", "")],
        "E6": [
            ("Date of the pregnancy test", "2026-11-19", "1 day before the assessment date", "")
        ],
    }
    # The site's own recency limit decides the warning, as in the wizard.
    settings = EvaluationSettings(recency_days={"labs_date": 60})
    relaxed = build_summary(protocol, answers, evaluate(protocol, answers, settings))
    i5 = next(r for r in relaxed.criteria if r.id == "I5")
    assert [d.warning for d in i5.dates] == [""]
    # An unanswered date is said to be so; a date that does not apply is not printed.
    male = _summary(protocol, {**case_answers("eligible_male"), "consent_date": None})
    rows = {r.id: r for r in male.criteria}
    assert [(d.label, d.value) for d in rows["I7"].dates] == [
        ("Date of informed consent", "not answered")
    ]
    assert rows["E6"].dates == ()


def test_site_hint_only_on_unsigned_work(
    protocol: Protocol, saved_record: Any, author: Any
) -> None:
    answers = case_answers("eligible_male")
    assert _summary(protocol, answers).site_text() == NO_SITE
    assert _summary(protocol, answers, site_name="Ward 7").site_text() == "Ward 7"
    signed = summary_for_record(saved_record("eligible_male", (author, "authorship")), protocol)
    assert signed.site_text() == ""


def test_protocol_version_is_printed_with_its_date(protocol: Protocol) -> None:
    summary = _summary(protocol, case_answers("eligible_male"))
    assert summary.protocol_version == f"{protocol.version} (2026-11-25)"


def test_one_printout_uses_one_offset_across_a_daylight_saving_change(
    protocol: Protocol, saved_record: Any, author: Any
) -> None:
    loaded = saved_record("eligible_male", (author, "authorship"))
    info = RecordInfo.from_loaded(loaded)
    summer_signature = datetime(2026, 7, 1, 12, 0, tzinfo=timezone(timedelta(hours=8)))
    info = dataclasses.replace(
        info,
        saved_at=datetime(2026, 1, 15, 12, 0, tzinfo=UTC),  # saved in winter
        signatures=tuple(
            m.model_copy(update={"signed_at": summer_signature}) for m in info.signatures
        ),
    )
    answers = loaded.record.answers
    summary = build_summary(
        protocol,
        answers,
        evaluate(protocol, answers),
        record=info,
        printed_at=datetime(2026, 7, 2, 9, 0, tzinfo=UTC),  # printed in summer
        zone=ZoneInfo("Europe/London"),
    )
    shown = [summary.printed_at, summary.time_zone, *(s.signed_at for s in summary.signatures)]
    shown += [i.value for i in summary.record]
    assert set(re.findall(r"UTC[+-]\d\d:\d\d", " ".join(shown))) == {"UTC+00:00"}
    assert summary.signatures[0].signed_at == "2026-07-01 04:00 UTC+00:00"
    assert summary.printed_at == "2026-07-02 09:00 UTC+00:00"
    assert summary.time_zone == "Europe/London, UTC+00:00"
