"""A second, different trial in a file, evaluated by the same engine with no code of its own:
other field ids, its own lab with another ULN multiple (2.5), an OR rule, a washout in weeks
and a criterion for women only (tests/data/protocols/DEMO-RCC-01.json)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol, load_protocol
from nkscreen.settings import example_settings

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def demo() -> Protocol:
    return load_protocol(DATA / "protocols" / "DEMO-RCC-01.json")


def case(name: str = "demo_eligible_female", **changes: Any) -> dict[str, Any]:
    answers = json.loads((DATA / "cases" / f"{name}.json").read_text("utf-8"))["answers"]
    answers.update(changes)
    return {k: v for k, v in answers.items() if v is not None}


def test_roles_and_lab_rows_come_from_the_file(demo: Protocol) -> None:
    assert demo.roles == {
        "screening_number": "subject_no",
        "initials": "subject_initials",
        "patient_sex": "gender",
        "birth_date": "dob",
        "screening_date": "visit_date",
        "first_dose_date": "cycle1_day1",
    }
    assert [f.id for f in demo.uln_fields] == ["alp_uln"]
    site = example_settings().for_protocol(demo)
    assert site.uln_defaults["alp_uln"].female == Decimal("104")
    assert site.uln_defaults["alp_uln"].male == Decimal("129")


def test_example_cases(demo: Protocol) -> None:
    eligible = evaluate(demo, case())
    assert eligible.overall == "eligible"
    assert eligible.errors == []
    tki = evaluate(demo, case("demo_recent_tki_male"))
    assert tki.overall == "not_eligible"
    assert [str(r).split(":")[0] for r in tki.reasons] == ["EX1"]
    assert [w.field for w in tki.warnings] == ["labs_taken_on"]  # 40 days > 21


@pytest.mark.parametrize(
    ("alp", "status"), [(260, "met"), ("260.1", "not_met"), (104, "met"), (None, "unknown")]
)
def test_own_lab_at_two_and_a_half_times_its_uln(demo: Protocol, alp, status) -> None:
    result = evaluate(demo, case(alp=alp))  # ULN 104: the limit is 260 U/L
    assert result.criteria["IN3"].status == status
    if alp is None:
        assert "alp" in result.missing


@pytest.mark.parametrize(
    ("hb", "free", "status"),
    [("8.9", "yes", "met"), ("9", "no", "met"), ("8.9", "no", "not_met"), (None, "no", "unknown")],
)
def test_or_rule(demo: Protocol, hb, free, status) -> None:
    result = evaluate(demo, case(hb_g_dl=hb, transfusion_free_4w=free))
    assert result.criteria["IN4"].status == status


@pytest.mark.parametrize(
    ("last_dose", "status"),
    [
        ("2027-02-22", "present"),  # 21 days: inside "within 3 weeks"
        ("2027-02-21", "absent"),  # 22 days
        ("ongoing", "present"),
        ("none", "absent"),
    ],
)
def test_washout_in_weeks(demo: Protocol, last_dose, status) -> None:
    result = evaluate(demo, case(last_tki_dose=last_dose))
    assert result.criteria["EX1"].status == status
    if last_dose == "2027-02-22":
        assert "21 days before the first dose, inside the 3 weeks window" in str(
            result.criteria["EX1"].evidence[0]
        )
        assert result.to_json()["derived"]["earliest_first_dose"] == "2027-03-16"


def test_criterion_for_women_only(demo: Protocol) -> None:
    woman = evaluate(demo, case(pregnant_or_breastfeeding="yes"))
    assert woman.criteria["EX2"].status == "present"
    assert woman.overall == "not_eligible"
    man = evaluate(demo, case(gender="male", pregnant_or_breastfeeding=None))
    assert man.criteria["EX2"].status == "absent"
    assert man.criteria["EX2"].applicable is False
    assert man.field_applies["pregnant_or_breastfeeding"] is False
    assert man.overall == "eligible"
    unanswered = evaluate(demo, case(pregnant_or_breastfeeding=None))
    assert unanswered.criteria["EX2"].status == "unknown"
    assert unanswered.missing == ["pregnant_or_breastfeeding"]


def test_invalid_answers_name_this_protocols_fields(demo: Protocol) -> None:
    result = evaluate(demo, case(subject_no="ab123", karnofsky=120, dob="2030-01-01"))
    assert sorted(e.field for e in result.errors) == ["dob", "karnofsky", "subject_no"]
