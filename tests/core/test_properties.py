"""Property-based tests (hypothesis) for ``nkscreen evaluate``.

* any valid answers: exit 0, a well-formed result, an overall consistent with the criteria,
  criteria agreeing with an independent reference model of the spec;
* any single invalid value: exit 2 naming its field;
* the result does not depend on the order of keys;
* evidence dates never change a verdict.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.spec_helpers import (
    ALL_CRITERIA,
    ASSESSMENT,
    CRITERION_FIELDS,
    E3_FIELDS,
    EVIDENCE_DATE_FIELDS,
    EXCLUSION_SUB,
    EXPOSURE_FIELDS,
    FIELD_IDS,
    INTEGER_RANGES,
    MISSING,
    NUMBER_RANGES,
    PROTOCOL,
    YES_NO_FIELDS,
    assert_invalid,
    assert_valid_result,
    base_answers,
    evaluate,
    expected_overall,
    female_without_cbp,
    k_and,
    k_or,
    reference_crcl,
    reference_statuses,
    run_text,
)

SETTINGS = settings(
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)

YES_NO = st.sampled_from(["yes", "no"])
ABSENT = object()


def maybe(strategy: st.SearchStrategy[Any], p_absent: float = 0.12) -> st.SearchStrategy[Any]:
    """The value, or ABSENT (the field is left out) with probability about ``p_absent``."""
    cut = round(100 * p_absent)
    return st.integers(0, 99).flatmap(lambda n: st.just(ABSENT) if n < cut else strategy)


def decimal_between(low: str, high: str, places: int = 2) -> st.SearchStrategy[Decimal]:
    return st.decimals(
        min_value=Decimal(low), max_value=Decimal(high), places=places, allow_nan=False
    )


def as_json_number(value: Decimal, draw: st.DrawFn) -> Any:
    """A JSON number or a decimal string for ``value`` (both are valid input)."""
    normal = value.normalize()
    text = format(normal, "f")
    if draw(st.booleans()):
        return text
    return int(text) if "." not in text else float(text)


def date_between(low: dt.date, high: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=low, max_value=high)


@st.composite
def lab_pair(draw: st.DrawFn, uln_low: str, uln_high: str, factor: str) -> tuple[Decimal, Decimal]:
    """(value, uln) with the value often exactly on, just below or just above the limit."""
    uln = draw(decimal_between(uln_low, uln_high))
    mode = draw(st.sampled_from(["on", "below", "above", "free"]))
    limit = Decimal(factor) * uln
    if mode == "on":
        value = limit
    elif mode == "below":
        value = limit - Decimal("0.01")
    elif mode == "above":
        value = limit + Decimal("0.01")
    else:
        value = draw(decimal_between("0.01", str(limit * 2)))
    value = max(value, Decimal("0.01"))
    return value, uln


@st.composite
def valid_answers(draw: st.DrawFn) -> dict[str, Any]:
    a: dict[str, Any] = {}

    def put(key: str, value: Any) -> None:
        if value is not ABSENT:
            a[key] = value

    def put_maybe(key: str, strategy: st.SearchStrategy[Any]) -> None:
        put(key, draw(maybe(strategy)))

    def put_num(key: str, value: Decimal) -> None:
        if draw(st.integers(0, 9)) > 0:
            a[key] = as_json_number(value, draw)

    assessment = draw(date_between(dt.date(2024, 1, 1), dt.date(2029, 12, 31)))
    infusion = assessment + dt.timedelta(days=draw(st.integers(0, 60)))
    mode = draw(st.sampled_from(["random", "18th birthday", "day short of 18", "leapling"]))
    born = assessment - dt.timedelta(days=draw(st.integers(0, 119 * 365)))
    if mode in ("18th birthday", "day short of 18"):
        try:
            born = assessment.replace(year=assessment.year - 18)
        except ValueError:  # assessed on 29 February: 18 years earlier was a common year
            born = dt.date(assessment.year - 18, 2, 28)
        if mode == "day short of 18":
            born += dt.timedelta(days=1)
    elif mode == "leapling":
        born = dt.date(draw(st.sampled_from([1960, 1980, 2004, 2008])), 2, 29)
    put_maybe("assessment_date", st.just(assessment.isoformat()))
    put_maybe("planned_infusion_date", st.just(infusion.isoformat()))
    put_maybe("date_of_birth", st.just(born.isoformat()))
    sex = draw(maybe(st.sampled_from(["male", "female"]), 0.08))
    put("sex", sex)
    for f in YES_NO_FIELDS:
        if f in ("childbearing_potential", "lactating") and sex != "female":
            continue
        if f in ("contraception_agreed_12m", "contraception_not_guaranteed"):
            continue
        # mostly the "eligible" answer so that the overall verdict varies
        good = "no" if f in (*E3_FIELDS, "cns_involvement", "hypersensitivity",
                             "autoimmune_or_immunodeficiency", "substance_dependence",
                             "investigator_unsuitable", "bm_blasts_other_cause",
                             "lactating", "relapse_pb_blasts",
                             "relapse_extramedullary") else "yes"  # fmt: skip
        put_maybe(f, st.sampled_from([good, good, good, "yes" if good == "no" else "no"]))
    agreed = draw(maybe(YES_NO))
    put("contraception_agreed_12m", agreed)
    put_maybe("contraception_not_guaranteed", st.just("no") if agreed == "yes" else YES_NO)
    if sex == "female":
        put_maybe("pregnancy_test", st.sampled_from(["negative", "positive", "not_done"]))
        if a.get("childbearing_potential") == "no":
            put_maybe("no_cbp_reason", st.sampled_from(["postmenopausal", "surgically_sterile",
                                                       "other"]))  # fmt: skip
    put_maybe("ecog", st.integers(0, 5).map(lambda n: n if n % 2 else str(n)))
    put_maybe("agvhd_max_grade", st.integers(0, 4))
    blasts = st.sampled_from([Decimal(5), Decimal("4.99"), Decimal(0), Decimal(100)])
    put_num("relapse_bm_blasts_pct", draw(blasts | decimal_between("0", "100")))
    for lab, factor, low, high in (
        ("alt", "3", "1", "1000"),
        ("ast", "3", "1", "1000"),
        ("inr", "1.5", "0.5", "3"),
        ("aptt", "1.5", "20", "60"),
    ):
        value, uln = draw(lab_pair(low, high, factor))
        put_num(lab, value)
        put_num(f"{lab}_uln", uln)
    unit = draw(st.sampled_from(["umol/L", "mg/dL"]))
    value, uln = draw(lab_pair(*(("2", "40") if unit == "umol/L" else ("0.1", "2")), "2"))
    put_num("tbil", value)
    put_num("tbil_uln", uln)
    if "tbil" in a or "tbil_uln" in a or draw(st.booleans()):
        a["tbil_unit"] = unit
    unit = draw(st.sampled_from(["umol/L", "mg/dL"]))
    value, uln = draw(lab_pair(*(("40", "150") if unit == "umol/L" else ("0.5", "1.7")), "1.5"))
    put_num("creatinine", value)
    put_num("creatinine_uln", uln)
    if "creatinine" in a or "creatinine_uln" in a or draw(st.booleans()):
        a["creatinine_unit"] = unit
    if draw(st.integers(0, 3)) == 0:
        put_num("crcl_measured", draw(decimal_between("0.01", "300") | st.just(Decimal(30))))
    put_num("weight_kg", draw(decimal_between("20", "400")))
    put_num("lvef_pct", draw(decimal_between("5", "95") | st.just(Decimal(45))))
    # evidence and consent dates: never after the assessment date
    for f in ("consent_date", *EVIDENCE_DATE_FIELDS):
        if f == "pregnancy_test_date" and sex != "female":
            continue
        put_maybe(f, st.integers(0, 40).map(lambda n: (assessment - dt.timedelta(n)).isoformat()))
    # exposures: never after the planned infusion date
    exposure = st.one_of(
        st.sampled_from(["none", "ongoing"]),
        st.integers(0, 250).map(lambda n: (infusion - dt.timedelta(n)).isoformat()),
    )
    for f in EXPOSURE_FIELDS:
        put_maybe(f, exposure)
    agents: list[dict[str, Any]] = []
    for _ in range(draw(st.integers(0, 3))):
        item: dict[str, Any] = {"agent": draw(st.sampled_from(["cytarabine", "azacitidine",
                                                               "venetoclax"]))}  # fmt: skip
        item["last_dose"] = draw(
            st.just("ongoing")
            | st.integers(0, 20).map(lambda n: (infusion - dt.timedelta(n)).isoformat())
        )
        if draw(st.booleans()):
            hl = draw(decimal_between("0.01", "100") | st.sampled_from(
                [Decimal("4.8"), Decimal("26"), Decimal("52.8"), Decimal("67.2")]))  # fmt: skip
            item["half_life_hours"] = as_json_number(hl, draw)
        agents.append(item)
    put_maybe("antitumor_agents", st.just(agents))
    if draw(st.booleans()):
        a["screening_id"] = "HX-001"
        a["patient_initials"] = "AB"
    return a


GROUPS: list[tuple[str, ...]] = [
    (
        "date_of_birth",
        "assessment_date",
        "planned_infusion_date",
        "consent_date",
        *EVIDENCE_DATE_FIELDS,
        *EXPOSURE_FIELDS,
        "antitumor_agents",
    ),
    ("sex", "childbearing_potential", "no_cbp_reason", "pregnancy_test", "lactating"),
    ("contraception_agreed_12m", "contraception_not_guaranteed"),
    ("tbil", "tbil_uln", "tbil_unit"),
    ("creatinine", "creatinine_uln", "creatinine_unit", "crcl_measured", "weight_kg"),
    ("alt", "alt_uln"),
    ("ast", "ast_uln"),
    ("inr", "inr_uln"),
    ("aptt", "aptt_uln"),
]
_GROUPED = {f for g in GROUPS for f in g}
GROUPS += [(f,) for f in sorted(FIELD_IDS - _GROUPED)]


@st.composite
def near_eligible_answers(draw: st.DrawFn) -> dict[str, Any]:
    """An eligible example case with one to three groups of answers redrawn at random."""
    base = draw(st.sampled_from(["male", "female", "female_no_cbp"]))
    answers = female_without_cbp() if base == "female_no_cbp" else base_answers(base)
    other = draw(valid_answers())
    for group in draw(st.lists(st.sampled_from(GROUPS), min_size=1, max_size=3, unique=True)):
        for f in group:
            answers.pop(f, None)
            if f in other:
                answers[f] = other[f]
    if answers.get("sex") != "female":
        for f in ("childbearing_potential", "no_cbp_reason", "pregnancy_test", "lactating",
                  "pregnancy_test_date"):  # fmt: skip
            answers.pop(f, None)
    return answers


def _comparable(answers: dict[str, Any]) -> set[str]:
    """Criteria the reference model decides without leaning on an ambiguous reading."""
    skip: set[str] = set()
    if "sex" not in answers:  # sex unknown: applicability and Cockcroft-Gault factor unclear
        skip |= {"I5C", "I5", "I6", "E5", "E6"}
    if answers.get("sex") == "female" and "childbearing_potential" not in answers:
        skip |= {"I6", "E5", "E6"}
    return set(ALL_CRITERIA) - skip


@SETTINGS
@given(valid_answers() | near_eligible_answers())
def test_valid_answers_evaluate_consistently(answers):
    run = evaluate(answers)
    assert_valid_result(run)
    crit = run.criteria
    assert run.overall == expected_overall(crit)
    # composites follow the Kleene rules from their parts
    tri = {"met": True, "present": True, "not_met": False, "absent": False, "unknown": None}
    i5 = k_and(*(tri[crit[c]] for c in ("I5A", "I5B", "I5C", "I5D")))
    assert tri[crit["I5"]] is i5
    e2 = k_or(*(tri[crit[c]] for c in EXCLUSION_SUB))
    assert tri[crit["E2"]] is e2
    # missing: never an answered field, never a field no unknown criterion uses
    unknown = [c for c, s in crit.items() if s == "unknown"]
    used = {f for c in unknown for f in CRITERION_FIELDS[c]}
    for f in run.missing:
        assert f in FIELD_IDS
        # pregnancy_test = not_done stands for "no result"; listing it is a defensible reading
        if not (f == "pregnancy_test" and answers.get(f) == "not_done"):
            assert f not in answers, f"{f} is answered but listed as missing"
        assert f in used, f"{f} is not used by an unknown criterion"
    assert len(set(run.missing)) == len(run.missing), "duplicates in missing"
    if not unknown:
        assert run.missing == []
    # a reason names a criterion that fails
    for reason in run.reasons:
        assert crit[reason.split(":", 1)[0]] in ("not_met", "present"), reason
    if run.overall == "not_eligible":
        assert run.reasons
    # independent reference model
    expected = reference_statuses(answers)
    for cid in sorted(_comparable(answers)):
        assert crit[cid] == expected[cid], (cid, crit[cid], expected[cid])
    # derived values
    if "date_of_birth" in answers and "assessment_date" in answers:
        born = dt.date.fromisoformat(answers["date_of_birth"])
        on = dt.date.fromisoformat(answers["assessment_date"])
        assert run.derived["age_years"] == on.year - born.year - (
            (on.month, on.day) < (born.month, born.day)
        )
    else:
        assert run.derived["age_years"] is None
    if "sex" in answers:
        crcl, method = reference_crcl(answers)
        assert run.derived["crcl_method"] == method
        if crcl is None:
            assert run.derived["crcl_ml_min"] is None
        else:
            assert abs(Decimal(str(run.derived["crcl_ml_min"])) - crcl) <= crcl * Decimal("1e-9")
    for lab in ("alt", "ast", "tbil", "inr", "aptt", "creatinine"):
        got = run.derived[f"{lab}_x_uln"]
        if lab in answers and f"{lab}_uln" in answers:
            exact = Decimal(str(answers[lab])) / Decimal(str(answers[f"{lab}_uln"]))
            assert abs(Decimal(str(got)) - exact) <= exact * Decimal("1e-9"), lab
        else:
            assert got is None, lab


# --------------------------------------------------------------------------- invalid values


def _out_of_range(field_id: str) -> st.SearchStrategy[Any]:
    low, high, low_inclusive = NUMBER_RANGES[field_id]
    below_top = low - Decimal("0.01") if low_inclusive else low
    too_low = st.decimals(
        min_value=Decimal(-100000), max_value=below_top, places=2, allow_nan=False
    )
    too_high = st.decimals(
        min_value=high + Decimal("0.01"), max_value=high * 10, places=2, allow_nan=False
    )
    return (too_low | too_high).map(lambda d: format(d, "f"))


# Blank strings are left out: reading a blank answer as unanswered is defensible.
NOT_A_NUMBER = st.one_of(
    st.booleans(),
    st.text(alphabet="abcxyz%,;/ ", min_size=1, max_size=5).filter(str.strip),
    st.lists(st.integers(), max_size=2),
)
NOT_YES_NO = st.one_of(
    st.text(max_size=6).filter(lambda s: s.strip() and s not in ("yes", "no")),
    st.booleans(),
    st.integers(),
)
BAD_DATE = st.one_of(
    st.sampled_from(
        ["2026-02-29", "2026-13-01", "2026-00-10", "2026-11-31", "2026/11/20", "20261120",
         "2026-W47-5", "11/20/2026", "2026-11-20T00:00", "2026-11", "today"]
    ),
    st.integers(),
    st.booleans(),
)  # fmt: skip


@st.composite
def single_invalid(draw: st.DrawFn) -> tuple[str, Any]:
    kind = draw(st.sampled_from(["range", "number", "integer", "yes_no", "date", "choice"]))
    if kind == "range":
        field_id = draw(st.sampled_from(sorted(NUMBER_RANGES)))
        return field_id, draw(_out_of_range(field_id))
    if kind == "number":
        return draw(st.sampled_from(sorted(NUMBER_RANGES))), draw(NOT_A_NUMBER)
    if kind == "integer":
        field_id = draw(st.sampled_from(sorted(INTEGER_RANGES)))
        low, high = INTEGER_RANGES[field_id]
        value = draw(
            st.integers(max_value=low - 1)
            | st.integers(min_value=high + 1)
            | st.decimals(min_value=Decimal(low), max_value=Decimal(high), places=1)
            .filter(lambda d: d != d.to_integral_value())
            .map(float)
            | NOT_A_NUMBER
        )
        return field_id, value
    if kind == "yes_no":
        fields = [f for f in YES_NO_FIELDS if f not in ("childbearing_potential", "lactating")]
        return draw(st.sampled_from(fields)), draw(NOT_YES_NO)
    if kind == "date":
        fields = [
            "date_of_birth",
            "assessment_date",
            "planned_infusion_date",
            "labs_date",
            "marrow_date",
            "echo_date",
            "consent_date",
            *EXPOSURE_FIELDS,
        ]
        return draw(st.sampled_from(fields)), draw(BAD_DATE)
    field_id = draw(st.sampled_from(["sex", "tbil_unit", "creatinine_unit"]))
    allowed = {"sex": ("female", "male"), "tbil_unit": ("umol/L", "mg/dL")}.get(
        field_id, ("umol/L", "mg/dL")
    )
    return field_id, draw(st.text(max_size=8).filter(lambda s: s.strip() and s not in allowed))


@SETTINGS
@given(single_invalid())
def test_any_single_invalid_value_is_rejected_naming_its_field(bad):
    field_id, value = bad
    run = evaluate(base_answers("male"), **{field_id: value})
    assert_invalid(run, field_id)


@SETTINGS
@given(st.text(alphabet="abcdefghijklmnopqrstuvwxyz_", min_size=1, max_size=20))
def test_any_unknown_field_id_is_rejected(name):
    if name in FIELD_IDS:
        return
    run = evaluate(base_answers("male"), **{name: "yes"})
    assert_invalid(run, name)


# --------------------------------------------------------------------------- key order


@SETTINGS
@given(
    st.sampled_from(["male", "female"]),
    st.randoms(use_true_random=False),
    st.booleans(),
)
def test_eligible_stays_eligible_under_key_permutations(sex, rnd, answers_first):
    answers = base_answers(sex)
    reference = evaluate(answers)
    assert reference.overall == "eligible"
    keys = list(answers)
    rnd.shuffle(keys)
    shuffled = {k: answers[k] for k in keys}
    shuffled["antitumor_agents"] = [
        dict(rnd.sample(list(item.items()), len(item))) for item in answers["antitumor_agents"]
    ]
    doc = (
        {"answers": shuffled, "protocol": PROTOCOL}
        if answers_first
        else {"protocol": PROTOCOL, "answers": shuffled}
    )
    run = run_text(json.dumps(doc))
    assert run.overall == "eligible"
    assert run.criteria == reference.criteria
    assert run.derived == reference.derived
    assert sorted(run.missing) == sorted(reference.missing)
    assert sorted(run.warnings) == sorted(reference.warnings)


# --------------------------------------------------------------------------- evidence dates


@SETTINGS
@given(
    st.sampled_from(["male", "female"]),
    st.fixed_dictionaries(
        {f: st.integers(0, 400) | st.none() for f in ("consent_date", *EVIDENCE_DATE_FIELDS)}
    ),
)
def test_evidence_dates_never_change_the_verdict(sex, ages):
    answers = base_answers(sex)
    reference = evaluate(answers)
    changes: dict[str, Any] = {}
    for f, age in ages.items():
        if f == "pregnancy_test_date" and sex == "male":
            continue
        changes[f] = MISSING if age is None else (ASSESSMENT - dt.timedelta(days=age)).isoformat()
    run = evaluate(answers, **changes)
    assert run.overall == reference.overall == "eligible"
    assert run.criteria == reference.criteria
    limits = {"labs_date": 14, "pregnancy_test_date": 7, "marrow_date": 28, "echo_date": 28}
    for f, limit in limits.items():
        if isinstance(changes.get(f), str):
            age = (ASSESSMENT - dt.date.fromisoformat(changes[f])).days
            assert run.warned(f) is (age > limit), (f, age, run.warnings)
