"""The printout of a screening with notes: each comment under its criterion's row, the
screen-failure reason by the verdict, the weight in both units (and what was typed), in
English and in Chinese; an optional field is not listed as missing."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.core.units import EnteredValue
from nkscreen.records.notes import Notes
from nkscreen.report.render import pdf_bytes
from nkscreen.report.summary import ScreeningSummary, build_summary, summary_for_record
from nkscreen.report.summary_html import body_html
from tests.report.conftest import PRINTED_AT, SITE, SITE_ZONE, RecordFactory, case_answers, read_pdf

COMMENT = "ECOG assessed by the PI on the ward round."
REASON = "ECOG 3: the patient is bed-bound most of the day."
TYPED = EnteredValue("154.3", "lb")


def _summary(protocol: Protocol, answers: dict[str, Any], locale: str = "en") -> ScreeningSummary:
    notes = Notes({"I3": COMMENT}, REASON, {"weight_kg": TYPED})
    return build_summary(
        protocol,
        answers,
        evaluate(protocol, answers),
        site_name=SITE,
        printed_at=PRINTED_AT,
        zone=SITE_ZONE,
        locale=locale,
        notes=notes,
    )


def _ecog_3_in_lb() -> dict[str, Any]:
    answers = case_answers("ecog_3")
    answers["weight_kg"] = Decimal("69.99")  # 154.3 lb, as the wizard converts it
    return answers


def test_comment_under_its_criterion_and_reason_by_the_verdict(protocol: Protocol) -> None:
    summary = _summary(protocol, _ecog_3_in_lb())
    rows = {row.id: row for row in summary.criteria}
    assert rows["I3"].comment == COMMENT
    assert rows["I2"].comment == ""
    assert summary.screen_failure_reason == REASON
    html = body_html(summary)
    i3_row = html.index("ECOG performance status 0 to 2")
    assert html.index(f"Comment: {COMMENT}") > i3_row  # under its row...
    assert html.index(f"Comment: {COMMENT}") < html.index(">I4<")  # ...before the next one
    assert html.index("Screen-failure reason:") < html.index("Reasons for the verdict")


def test_the_weight_prints_in_both_units_saying_what_was_typed(protocol: Protocol) -> None:
    summary = _summary(protocol, _ecog_3_in_lb())
    rows = {r.label: r.value for page in summary.appendix for r in page.rows}
    assert rows["Body weight"] == "69.99 kg (entered as 154.3 lb)"
    plain = _summary(protocol, case_answers("eligible_male"))  # typed in kg (70), not 154.3 lb
    rows = {r.label: r.value for page in plain.appendix for r in page.rows}
    assert rows["Body weight"] == "70 kg (154.3 lb)"


def test_the_pdf_carries_the_notes_in_english_and_in_chinese(protocol: Protocol) -> None:
    english = read_pdf(pdf_bytes(_summary(protocol, _ecog_3_in_lb()))[0]).flat
    assert f"Comment: {COMMENT}" in english
    assert f"Screen-failure reason: {REASON}" in english
    assert "69.99 kg (entered as 154.3 lb)" in english
    chinese = read_pdf(pdf_bytes(_summary(protocol, _ecog_3_in_lb(), "zh_CN"))[0]).flat
    chinese = re.sub(r"\s*([（）：])\s*", r"\1", chinese)  # spaces where the font changes
    assert f"备注：{COMMENT}" in chinese
    assert f"筛选失败原因：{REASON}" in chinese
    assert "69.99 kg（录入值 154.3 lb）" in chinese


def test_a_saved_records_notes_are_printed(protocol: Protocol, saved_record: RecordFactory) -> None:
    def add_notes(raw: dict[str, Any]) -> None:  # an unsigned record: nothing to break
        raw["comments"] = {"E9": "Discussed with the PI."}
        raw["screen_failure_reason"] = "none: eligible"

    loaded = saved_record("eligible_male", tamper=add_notes)
    summary = summary_for_record(loaded, protocol, site_name=SITE, zone=SITE_ZONE)
    assert {r.id: r.comment for r in summary.criteria}["E9"] == "Discussed with the PI."
    assert summary.screen_failure_reason == "none: eligible"


def test_an_optional_field_is_not_printed_as_missing(protocol: Protocol) -> None:
    answers = case_answers("eligible_male")
    answers["creatinine"] = 200
    del answers["weight_kg"]
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    assert "Body weight (weight_kg)" in summary.missing
    assert not any("Measured creatinine clearance" in m for m in summary.missing)
