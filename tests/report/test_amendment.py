"""What an amended version says it changed (issue 10, point 2), Qt-free."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from nkscreen.core.protocol import builtin_protocol
from nkscreen.records.assessment import prepare
from nkscreen.records.lifecycle import amend_record, new_record
from nkscreen.records.model import Actor
from nkscreen.records.signing import sign_record
from nkscreen.report.amendment import describe_amendment, format_answer
from tests.records.helpers import throwaway_identity

CASES = Path(__file__).resolve().parents[1] / "cases"
NURSE = Actor(user_id="nurse1", name="Nurse One", role="study nurse")


def _case(name: str) -> dict[str, Any]:
    answers: dict[str, Any] = json.loads((CASES / name).read_text())["answers"]
    return answers


def _versions(**changes: Any) -> tuple[Any, Any]:
    protocol = builtin_protocol("NCT06641648")
    signer = throwaway_identity(1)
    first = prepare(protocol, _case("eligible_male.json"))
    v1 = sign_record(
        new_record(
            protocol=first.protocol,
            answers=first.answers,
            evaluation=first.evaluation,
            actor=NURSE,
        ),
        signer,
        "authorship",
    )
    from nkscreen.records.model import record_to_dict

    second = prepare(protocol, {**_case("eligible_male.json"), **changes})
    v2 = amend_record(
        v1,
        record_to_dict(v1),
        "x.v1.json",
        answers=second.answers,
        evaluation=second.evaluation,
        protocol=second.protocol,
        actor=NURSE,
        reason="weight re-measured on the ward scale",
    )
    return v1, v2


def test_changed_answers_are_listed_with_labels_and_units() -> None:
    protocol = builtin_protocol("NCT06641648")
    v1, v2 = _versions(weight_kg=68)
    amendment = describe_amendment(v2, v1, protocol)
    assert amendment is not None
    assert amendment.heading().startswith("Amends version 1 (sha256 ")
    assert amendment.reason == "weight re-measured on the ward scale"
    assert amendment.amended_by == "Nurse One"
    old_weight = _case("eligible_male.json")["weight_kg"]
    weight = protocol.field_map["weight_kg"].label
    assert [c.line() for c in amendment.answers] == [f"{weight}: {old_weight} kg -> 68 kg"]
    assert amendment.compared_with_previous


def test_changed_criteria_and_verdict_are_listed() -> None:
    protocol = builtin_protocol("NCT06641648")
    v1, v2 = _versions(ecog=3)
    amendment = describe_amendment(v2, v1, protocol)
    assert amendment is not None
    assert amendment.verdict is not None
    assert amendment.verdict.line() == "Verdict: ELIGIBLE -> NOT ELIGIBLE"
    lines = [c.line() for c in amendment.criteria]
    assert any(line.startswith("I3 ECOG") and line.endswith("met -> NOT MET") for line in lines)


def test_without_the_previous_version_the_audit_trail_is_used() -> None:
    protocol = builtin_protocol("NCT06641648")
    v1, v2 = _versions(weight_kg=68)
    amendment = describe_amendment(v2, None, protocol)
    assert amendment is not None
    assert not amendment.compared_with_previous
    assert [c.id for c in amendment.answers] == ["weight_kg"]
    assert amendment.criteria == ()
    assert amendment.verdict is None
    assert describe_amendment(v1, None, protocol) is None


def test_answers_read_as_a_person_reads_them() -> None:
    protocol = builtin_protocol("NCT06641648")
    answers = {"tbil_unit": "umol/L"}
    # One unit formatter for the change lines and the appendix: clinical notation, never the id.
    assert format_answer(protocol, answers, "tbil", 15) == "15 µmol/L"
    assert format_answer(protocol, answers, "sex", "female") != "female"
    assert format_answer(protocol, answers, "hbv_active", None) == "not answered"
    assert format_answer(protocol, {}, "tbil", 15) == "15"
