"""Criterion-by-criterion tests of ``nkscreen evaluate`` against the binding spec.

Base case: ``tests/cases/eligible_male.json`` (assessment 2026-11-20, planned infusion
2026-12-01, born 1980-05-10, age 46).  Each test changes a few answers and checks the
statuses the spec prescribes.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest

from tests.core.spec_helpers import (
    ALL_CRITERIA,
    CRITERION_FIELDS,
    E3_FIELDS,
    EXCLUSION_SUB,
    EXCLUSION_TOP,
    INCLUSION_TOP,
    MISSING,
    at_assessment,
    base_answers,
    changed,
    evaluate,
    evaluate_raw,
    expected_overall,
    female_without_cbp,
)

M = MISSING
MALE = base_answers("male")
FEMALE = base_answers("female")
FEMALE_NO_CBP = female_without_cbp()
NO_EXPOSURES: dict[str, Any] = {
    "last_systemic_steroid_date": "none",
    "antitumor_agents": [],
    "last_radiotherapy_date": "none",
    "last_dli_date": "none",
    "last_intrathecal_date": "none",
    "last_modified_cell_therapy_date": "none",
}


def _id(value: Any) -> str:
    return repr(value)


# --------------------------------------------------------------------------- base cases


@pytest.mark.parametrize("answers", [MALE, FEMALE, FEMALE_NO_CBP], ids=["male", "female", "no_cbp"])
def test_base_cases_are_eligible_with_every_criterion_passing(answers):
    run = evaluate(answers)
    for cid in (*INCLUSION_TOP, "I4A", "I4B", "I4C", "I4D", "I5A", "I5B", "I5C", "I5D"):
        assert run.status(cid) == "met", cid
    for cid in (*EXCLUSION_TOP, *EXCLUSION_SUB):
        assert run.status(cid) == "absent", cid
    assert run.overall == "eligible"
    assert run.missing == []


# --------------------------------------------------------------------------- I1 age


@pytest.mark.parametrize(
    ("born", "assessed", "status", "age"),
    [
        ("1980-05-10", "2026-11-20", "met", 46),
        ("2008-11-20", "2026-11-20", "met", 18),  # 18th birthday
        ("2008-11-21", "2026-11-20", "not_met", 17),  # day before the 18th birthday
        ("2008-02-29", "2026-02-28", "not_met", 17),  # leapling, common year: not yet
        ("2008-02-29", "2026-03-01", "met", 18),  # completes the year on 1 March
        ("2010-02-28", "2028-02-28", "met", 18),
        ("2010-02-28", "2028-02-27", "not_met", 17),
        ("2008-02-29", "2028-02-29", "met", 20),
        ("2008-02-29", "2028-02-28", "met", 19),
        ("2026-11-20", "2026-11-20", "not_met", 0),  # born on the assessment date
    ],
)
def test_i1_age_boundaries(born, assessed, status, age):
    run = evaluate(at_assessment(MALE, assessed, date_of_birth=born))
    assert run.status("I1") == status
    assert run.derived["age_years"] == age


@pytest.mark.parametrize("dropped", ["date_of_birth", "assessment_date"])
def test_i1_unknown_without_dates(dropped):
    answers = at_assessment(MALE, "2026-11-20")
    run = evaluate(answers, **{dropped: M})
    assert run.status("I1") == "unknown"
    assert run.derived["age_years"] is None
    assert dropped in run.missing
    assert run.overall == "incomplete"


# --------------------------------------------------------------------------- I2, I7, simple yes/no


@pytest.mark.parametrize(
    ("field_id", "criterion", "yes", "no"),
    [
        ("expected_survival_3m", "I2", "met", "not_met"),
        ("informed_consent", "I7", "met", "not_met"),
        ("aml_diagnosis", "I4", "met", "not_met"),
        ("allo_hsct", "I4", "met", "not_met"),
        ("donor_available", "I4D", "met", "not_met"),
        ("cns_involvement", "E1", "present", "absent"),
        ("hypersensitivity", "E4", "present", "absent"),
        ("autoimmune_or_immunodeficiency", "E7", "present", "absent"),
        ("substance_dependence", "E8", "present", "absent"),
        ("investigator_unsuitable", "E9", "present", "absent"),
    ],
)
@pytest.mark.parametrize("value", ["yes", "no", M], ids=["yes", "no", "missing"])
def test_single_yes_no_criteria(field_id, criterion, yes, no, value):
    run = evaluate(MALE, **{field_id: value})
    expected = yes if value == "yes" else no if value == "no" else "unknown"
    assert run.status(criterion) == expected
    if expected == "unknown":
        assert field_id in run.missing
        assert run.overall == "incomplete"
    elif expected in ("not_met", "present"):
        assert run.overall == "not_eligible"
    else:
        assert run.overall == "eligible"


def test_i4d_failure_makes_i4_not_met():
    run = evaluate(MALE, donor_available="no")
    assert run.status("I4D") == "not_met"
    assert run.status("I4") == "not_met"


# --------------------------------------------------------------------------- I3 ECOG


@pytest.mark.parametrize(
    ("ecog", "status"),
    [(0, "met"), (1, "met"), (2, "met"), (3, "not_met"), (4, "not_met"), (5, "not_met"),
     (M, "unknown")],
    ids=_id,
)  # fmt: skip
def test_i3_ecog(ecog, status):
    run = evaluate(MALE, ecog=ecog)
    assert run.status("I3") == status


# --------------------------------------------------------------------------- I4A / I4B / I4


@pytest.mark.parametrize(
    ("prior_cr", "pb", "bm", "other", "extra", "status"),
    [
        ("yes", "no", 8, "no", "no", "met"),
        ("yes", "no", 5, "no", "no", "met"),  # boundary: >= 5 %
        ("yes", "no", 4.99, "no", "no", "not_met"),
        ("yes", "no", 5, "yes", "no", "not_met"),  # blasts from another cause
        ("yes", "no", 100, "yes", "no", "not_met"),
        ("yes", "yes", 0, "no", "no", "met"),  # peripheral blood relapse
        ("yes", "no", 0, "no", "yes", "met"),  # extramedullary relapse
        ("yes", "yes", 50, "yes", "yes", "met"),
        ("no", "yes", 50, "no", "yes", "not_met"),  # never in CR: no relapse after CR
        (M, "yes", 50, "no", "yes", "unknown"),
        (M, "no", 1, "no", "no", "not_met"),  # AND with a failing disjunction
        # Kleene inside the disjunction
        ("yes", M, 8, "no", "no", "met"),  # OR: one pass decides
        ("yes", M, 4, "no", "no", "unknown"),
        ("yes", "no", M, "no", "no", "unknown"),
        ("yes", "no", M, "yes", "no", "not_met"),  # AND(unknown, fail) = fail
        ("yes", "no", 5, M, "no", "unknown"),
        ("yes", "no", 4.99, M, "no", "not_met"),  # AND(fail, unknown) = fail
        ("yes", "no", M, M, "yes", "met"),
        ("yes", "no", 4, "no", M, "unknown"),
        ("yes", M, M, M, M, "unknown"),
        ("no", M, M, M, M, "not_met"),
    ],
    ids=_id,
)
def test_i4a_relapse(prior_cr, pb, bm, other, extra, status):
    run = evaluate(
        MALE,
        prior_cr=prior_cr,
        relapse_pb_blasts=pb,
        relapse_bm_blasts_pct=bm,
        bm_blasts_other_cause=other,
        relapse_extramedullary=extra,
    )
    assert run.status("I4A") == status


@pytest.mark.parametrize(
    ("prior_cr", "mrd", "status"),
    [
        ("yes", "yes", "met"),
        ("yes", "no", "not_met"),
        ("no", "yes", "not_met"),  # refractory disease does not qualify through B
        ("no", "no", "not_met"),
        ("yes", M, "unknown"),
        (M, "yes", "unknown"),
        ("no", M, "not_met"),
        (M, "no", "not_met"),
        (M, M, "unknown"),
    ],
    ids=_id,
)
def test_i4b_mrd(prior_cr, mrd, status):
    run = evaluate(MALE, prior_cr=prior_cr, mrd_mfc_positive=mrd)
    assert run.status("I4B") == status


@pytest.mark.parametrize(
    ("grade", "status"),
    [(0, "met"), (1, "met"), (2, "not_met"), (3, "not_met"), (4, "not_met"), (M, "unknown")],
    ids=_id,
)
def test_i4c_agvhd(grade, status):
    run = evaluate(MALE, agvhd_max_grade=grade)
    assert run.status("I4C") == status
    assert run.status("I4") == status


# Relapse (I4A) only / MRD (I4B) only / both / neither, with unknowns.
NO_RELAPSE = {
    "relapse_pb_blasts": "no",
    "relapse_bm_blasts_pct": 2,
    "bm_blasts_other_cause": "no",
    "relapse_extramedullary": "no",
}


@pytest.mark.parametrize(
    ("changes", "i4a", "i4b", "i4"),
    [
        ({}, "met", "met", "met"),
        ({"mrd_mfc_positive": "no"}, "met", "not_met", "met"),
        (NO_RELAPSE, "not_met", "met", "met"),
        ({**NO_RELAPSE, "mrd_mfc_positive": "no"}, "not_met", "not_met", "not_met"),
        ({**NO_RELAPSE, "relapse_bm_blasts_pct": M}, "unknown", "met", "met"),
        ({**NO_RELAPSE, "relapse_bm_blasts_pct": M, "mrd_mfc_positive": "no"},
         "unknown", "not_met", "unknown"),
        ({**NO_RELAPSE, "mrd_mfc_positive": M}, "not_met", "unknown", "unknown"),
        ({"prior_cr": "no"}, "not_met", "not_met", "not_met"),
        ({"prior_cr": M}, "unknown", "unknown", "unknown"),
        ({"aml_diagnosis": "no"}, "met", "met", "not_met"),
        ({"allo_hsct": M}, "met", "met", "unknown"),
        ({"allo_hsct": M, "agvhd_max_grade": 2}, "met", "met", "not_met"),
        ({"donor_available": M, "aml_diagnosis": "no"}, "met", "met", "not_met"),
    ],
    ids=_id,
)  # fmt: skip
def test_i4_composite(changes, i4a, i4b, i4):
    run = evaluate(MALE, **changes)
    assert (run.status("I4A"), run.status("I4B"), run.status("I4")) == (i4a, i4b, i4)


def test_unknown_subcriterion_under_a_met_parent_is_still_eligible():
    # The overall rule reads top-level criteria: I4 = ... (I4A OR I4B) ... is met through I4B
    # even though I4A cannot be decided.  (A not_met I4A with a met I4B is eligible too, so
    # sub-criteria cannot count on their own.)
    run = evaluate(MALE, relapse_pb_blasts="no", relapse_bm_blasts_pct=M)
    assert run.status("I4A") == "unknown"
    assert run.status("I4") == "met"
    assert run.overall == "eligible"


def test_not_met_subcriterion_under_a_met_parent_is_eligible():
    run = evaluate(MALE, **NO_RELAPSE)
    assert run.status("I4A") == "not_met"
    assert run.overall == "eligible"


def test_missing_lists_fields_of_unknown_subcriterion_even_when_parent_is_met():
    # Literal reading of "`missing` lists every unanswered field used by a criterion that is
    # unknown": I4A is a criterion of the output and it is unknown.
    run = evaluate(MALE, relapse_pb_blasts="no", relapse_bm_blasts_pct=M)
    assert "relapse_bm_blasts_pct" in run.missing


# --------------------------------------------------------------------------- I5A liver


@pytest.mark.parametrize(
    ("lab", "value", "uln", "status"),
    [
        ("alt", 120, 40, "met"),  # exactly 3 x ULN
        ("alt", 120.01, 40, "not_met"),
        ("alt", 120.1, 40, "not_met"),
        ("alt", "1.05", "0.35", "met"),  # 3 x 0.35 is 1.05 in decimal, not in binary
        ("alt", 2.97, 0.99, "met"),
        ("alt", 2.98, 0.99, "not_met"),
        ("ast", 120, 40, "met"),
        ("ast", 120.01, 40, "not_met"),
        ("ast", "2.1", "0.7", "met"),
        ("ast", 2.22, 0.74, "met"),
        ("tbil", 42, 21, "met"),  # exactly 2 x ULN
        ("tbil", 42.01, 21, "not_met"),
        ("tbil", 34.2, 17.1, "met"),
    ],
    ids=_id,
)
def test_i5a_liver_boundaries(lab, value, uln, status):
    run = evaluate(MALE, **{lab: value, f"{lab}_uln": uln})
    assert run.status("I5A") == status
    assert run.status("I5") == status


@pytest.mark.parametrize(
    ("value", "uln", "status"), [(2.4, 1.2, "met"), (2.41, 1.2, "not_met"), (1.0, 1.2, "met")]
)
def test_i5a_bilirubin_in_mg_dl(value, uln, status):
    run = evaluate(MALE, tbil=value, tbil_uln=uln, tbil_unit="mg/dL")
    assert run.status("I5A") == status


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({"alt": M}, "unknown"),
        ({"alt_uln": M}, "unknown"),
        ({"ast": M}, "unknown"),
        ({"tbil": M}, "unknown"),
        ({"tbil_uln": M}, "unknown"),
        ({"alt": M, "ast": 200}, "not_met"),  # AND: any fail -> fail
        ({"tbil": M, "alt": 121}, "not_met"),
        ({"alt": M, "ast": M, "tbil": M}, "unknown"),
    ],
    ids=_id,
)
def test_i5a_kleene_and(changes, status):
    run = evaluate(MALE, **changes)
    assert run.status("I5A") == status


# --------------------------------------------------------------------------- I5B coagulation


@pytest.mark.parametrize(
    ("inr", "inr_uln", "aptt", "aptt_uln", "status"),
    [
        (1.1, 1.2, 35, 40, "met"),
        (1.8, 1.2, 61, 40, "met"),  # the spec's decimal example: 1.8 <= 1.5 x 1.2
        (1.81, 1.2, 61, 40, "not_met"),
        (2.0, 1.2, 45, 40, "met"),  # literal "INR or APTT": APTT alone suffices
        (2.0, 1.2, 60, 40, "met"),  # APTT exactly 1.5 x ULN
        (2.0, 1.2, 60.01, 40, "not_met"),
        ("2.1", "1.4", 61, 40, "met"),  # 1.5 x 1.4 = 2.1 exactly
        ("2.475", "1.65", 61, 40, "met"),
        (3.0, 1.2, "52.5", "35", "met"),
        # Kleene OR
        (M, 1.2, 35, 40, "met"),
        (M, 1.2, 61, 40, "unknown"),
        (1.1, 1.2, M, 40, "met"),
        (2.0, 1.2, M, 40, "unknown"),
        (1.1, M, 61, 40, "unknown"),
        (2.0, 1.2, 61, M, "unknown"),
        (M, M, M, M, "unknown"),
        (M, 1.2, 35, M, "unknown"),
    ],
    ids=_id,
)
def test_i5b_coagulation(inr, inr_uln, aptt, aptt_uln, status):
    run = evaluate(MALE, inr=inr, inr_uln=inr_uln, aptt=aptt, aptt_uln=aptt_uln)
    assert run.status("I5B") == status


# --------------------------------------------------------------------------- I5C renal

AGE_50 = "1976-01-01"  # 50 on 2026-11-20: (140 - 50) = 90 in Cockcroft-Gault


@pytest.mark.parametrize(
    ("base", "changes", "status", "crcl", "method"),
    [
        # creatinine alone decides (no weight, no measured CrCl -> CrCl unknown)
        ("male", {"creatinine": 156, "weight_kg": M}, "met", None, None),
        ("male", {"creatinine": 156.01, "weight_kg": M}, "unknown", None, None),
        ("male", {"creatinine": "2.1", "creatinine_uln": "1.4", "creatinine_unit": "mg/dL",
                  "weight_kg": M}, "met", None, None),
        ("male", {"creatinine": 2.11, "creatinine_uln": 1.4, "creatinine_unit": "mg/dL",
                  "weight_kg": M}, "unknown", None, None),
        # measured CrCl, creatinine too high
        ("male", {"creatinine": 300, "crcl_measured": 30}, "met", 30, "measured"),
        ("male", {"creatinine": 300, "crcl_measured": 29.99}, "not_met", 29.99, "measured"),
        ("male", {"creatinine": 300, "crcl_measured": 29.99, "weight_kg": M},
         "not_met", 29.99, "measured"),
        # measured CrCl takes precedence over Cockcroft-Gault (which would give about 40)
        ("male", {"creatinine": 200, "crcl_measured": 29}, "not_met", 29, "measured"),
        ("male", {"creatinine": 200}, "met", 6580 / (72 * 200 / 88.4), "cockcroft_gault"),
        # OR: creatinine passes although CrCl is low
        ("male", {"crcl_measured": 10}, "met", 10, "measured"),
        ("male", {"creatinine": M, "crcl_measured": 50}, "met", 50, "measured"),
        ("male", {"creatinine": M, "crcl_measured": 20}, "unknown", 20, "measured"),
        ("male", {"creatinine": M}, "unknown", None, None),
        # Cockcroft-Gault boundary, male, mg/dL: 90 x 72 / (72 x 3) = 30
        ("male", {"date_of_birth": AGE_50, "weight_kg": 72, "creatinine": 3,
                  "creatinine_uln": 1.2, "creatinine_unit": "mg/dL"}, "met", 30,
         "cockcroft_gault"),
        ("male", {"date_of_birth": AGE_50, "weight_kg": 71.99, "creatinine": 3,
                  "creatinine_uln": 1.2, "creatinine_unit": "mg/dL"}, "not_met",
         90 * 71.99 / 216, "cockcroft_gault"),
        # same in umol/L: 265.2 umol/L = 3 mg/dL (/ 88.4)
        ("male", {"date_of_birth": AGE_50, "weight_kg": 72, "creatinine": 265.2,
                  "creatinine_uln": 104, "creatinine_unit": "umol/L"}, "met", 30,
         "cockcroft_gault"),
        ("male", {"date_of_birth": AGE_50, "weight_kg": 71.99, "creatinine": 265.2,
                  "creatinine_uln": 104, "creatinine_unit": "umol/L"}, "not_met",
         90 * 71.99 / 216, "cockcroft_gault"),
        # exactly 30 in decimal, 29.999999999999993 in binary floating point
        ("male", {"date_of_birth": AGE_50, "weight_kg": "22.08", "creatinine": "0.92",
                  "creatinine_uln": "0.6", "creatinine_unit": "mg/dL"}, "met", 30,
         "cockcroft_gault"),
        # female factor 0.85: 90 x 48 x 0.85 / (72 x 1.7) = 30
        ("female", {"date_of_birth": AGE_50, "weight_kg": 48, "creatinine": 1.7,
                    "creatinine_uln": 1.0, "creatinine_unit": "mg/dL"}, "met", 30,
         "cockcroft_gault"),
        ("female", {"date_of_birth": AGE_50, "weight_kg": 47.99, "creatinine": 1.7,
                    "creatinine_uln": 1.0, "creatinine_unit": "mg/dL"}, "not_met",
         90 * 47.99 * 0.85 / (72 * 1.7), "cockcroft_gault"),
        ("female", {"date_of_birth": AGE_50, "weight_kg": 48, "creatinine": 150.28,
                    "creatinine_uln": 100, "creatinine_unit": "umol/L"}, "met", 30,
         "cockcroft_gault"),
        ("female", {"date_of_birth": AGE_50, "weight_kg": 47.99, "creatinine": 150.28,
                    "creatinine_uln": 100, "creatinine_unit": "umol/L"}, "not_met",
         90 * 47.99 * 0.85 / (72 * 1.7), "cockcroft_gault"),
        # the same man would pass: no 0.85 factor
        ("male", {"date_of_birth": AGE_50, "weight_kg": 47.99, "creatinine": 1.7,
                  "creatinine_uln": 1.0, "creatinine_unit": "mg/dL"}, "met",
         90 * 47.99 / (72 * 1.7), "cockcroft_gault"),
        # no age -> no Cockcroft-Gault
        ("male", {"date_of_birth": M, "creatinine": 300}, "unknown", None, None),
    ],
    ids=_id,
)  # fmt: skip
def test_i5c_renal(base, changes, status, crcl, method):
    run = evaluate(base_answers(base), **changes)
    assert run.status("I5C") == status
    assert run.derived["crcl_method"] == method
    if crcl is None:
        assert run.derived["crcl_ml_min"] is None
    else:
        assert run.derived["crcl_ml_min"] == pytest.approx(crcl, rel=1e-9)


def test_crcl_base_case_is_cockcroft_gault_unrounded():
    run = evaluate(MALE)  # 46 years, 70 kg, creatinine 90 umol/L
    expected = (140 - 46) * 70 / (72 * (90 / 88.4))
    assert run.derived["crcl_method"] == "cockcroft_gault"
    assert run.derived["crcl_ml_min"] == pytest.approx(expected, rel=1e-9)


def test_crcl_derived_without_weight_is_null():
    run = evaluate(MALE, weight_kg=M)
    assert run.derived["crcl_ml_min"] is None
    assert run.derived["crcl_method"] is None
    assert run.status("I5C") == "met"  # creatinine 90 <= 156


def test_missing_lists_weight_when_renal_function_is_undecided():
    run = evaluate(MALE, creatinine=200, weight_kg=M)
    assert run.status("I5C") == "unknown"
    assert "weight_kg" in run.missing
    # literal reading: crcl_measured is also an unanswered field used by I5C
    assert "crcl_measured" in run.missing


# --------------------------------------------------------------------------- I5D heart


@pytest.mark.parametrize(
    ("lvef", "status"),
    [(45, "met"), (44.9, "not_met"), (44.99, "not_met"), (95, "met"), (5, "not_met"),
     ("45.0", "met"), (M, "unknown")],
    ids=_id,
)  # fmt: skip
def test_i5d_lvef(lvef, status):
    run = evaluate(MALE, lvef_pct=lvef)
    assert run.status("I5D") == status
    assert run.status("I5") == status


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, "met"),
        ({"lvef_pct": M}, "unknown"),
        ({"lvef_pct": M, "alt": 500}, "not_met"),
        ({"lvef_pct": M, "inr": M}, "unknown"),
        ({"inr": 3, "aptt": 70}, "not_met"),
        ({"creatinine": 300, "crcl_measured": 20}, "not_met"),
    ],
    ids=_id,
)
def test_i5_composite(changes, status):
    assert evaluate(MALE, **changes).status("I5") == status


# --------------------------------------------------------------------------- I6 / E5 / E6


@pytest.mark.parametrize(
    ("answers", "agreed", "status"),
    [
        (MALE, "yes", "met"),
        (MALE, "no", "not_met"),
        (MALE, M, "unknown"),
        (FEMALE, "yes", "met"),
        (FEMALE, "no", "not_met"),
        (FEMALE, M, "unknown"),
        (FEMALE_NO_CBP, "yes", "met"),
        (FEMALE_NO_CBP, "no", "met"),  # does not apply -> met
        (FEMALE_NO_CBP, M, "met"),
    ],
    ids=["m-yes", "m-no", "m-missing", "f-yes", "f-no", "f-missing", "nocbp-yes", "nocbp-no",
         "nocbp-missing"],
)  # fmt: skip
def test_i6_contraception(answers, agreed, status):
    run = evaluate(answers, contraception_agreed_12m=agreed)
    assert run.status("I6") == status


@pytest.mark.parametrize(
    ("answers", "not_guaranteed", "status"),
    [
        (MALE, "yes", "present"),
        (MALE, "no", "absent"),
        (MALE, M, "unknown"),
        (FEMALE, "yes", "present"),
        (FEMALE, "no", "absent"),
        (FEMALE, M, "unknown"),
        (FEMALE_NO_CBP, "yes", "absent"),  # does not apply -> absent
        (FEMALE_NO_CBP, "no", "absent"),
        (FEMALE_NO_CBP, M, "absent"),
    ],
    ids=["m-yes", "m-no", "m-missing", "f-yes", "f-no", "f-missing", "nocbp-yes", "nocbp-no",
         "nocbp-missing"],
)  # fmt: skip
def test_e5_contraception_not_guaranteed(answers, not_guaranteed, status):
    # contraception_agreed_12m = yes with contraception_not_guaranteed = yes is a contradiction
    agreed = "no" if not_guaranteed == "yes" else answers["contraception_agreed_12m"]
    run = evaluate(
        answers, contraception_not_guaranteed=not_guaranteed, contraception_agreed_12m=agreed
    )
    assert run.status("E5") == status


def test_i6_and_e5_kleene_when_childbearing_potential_unanswered():
    # Applicability is unknown; I6 = (does not apply) OR agreed, E5 = applies AND not guaranteed.
    # With agreed = yes / not guaranteed = no both pass whatever the answer (Kleene logic).
    run = evaluate(FEMALE, childbearing_potential=M)
    assert run.status("I6") == "met"
    assert run.status("E5") == "absent"
    run = evaluate(
        FEMALE,
        childbearing_potential=M,
        contraception_agreed_12m="no",
        contraception_not_guaranteed="yes",
    )
    assert run.status("I6") == "unknown"
    assert run.status("E5") == "unknown"
    assert "childbearing_potential" in run.missing


@pytest.mark.parametrize(
    ("answers", "test", "lactating", "status"),
    [
        (MALE, M, M, "absent"),  # women only
        (FEMALE, "negative", "no", "absent"),
        (FEMALE, "positive", "no", "present"),
        (FEMALE, "negative", "yes", "present"),
        (FEMALE, "not_done", "no", "unknown"),  # childbearing potential needs a result
        (FEMALE, M, "no", "unknown"),
        (FEMALE, "not_done", "yes", "present"),  # OR: lactating decides
        (FEMALE, "negative", M, "unknown"),
        (FEMALE, "positive", M, "present"),
        (FEMALE_NO_CBP, M, "no", "absent"),  # no childbearing potential: no test needed
        (FEMALE_NO_CBP, "not_done", "no", "absent"),
        (FEMALE_NO_CBP, "negative", "no", "absent"),
        (FEMALE_NO_CBP, "positive", "no", "present"),
        (FEMALE_NO_CBP, M, "yes", "present"),
        (FEMALE_NO_CBP, M, M, "unknown"),
    ],
    ids=_id,
)
def test_e6_pregnancy_and_lactation(answers, test, lactating, status):
    run = evaluate(answers, pregnancy_test=test, lactating=lactating)
    assert run.status("E6") == status


def test_e6_childbearing_potential_unanswered():
    run = evaluate(FEMALE, childbearing_potential=M, pregnancy_test="not_done")
    assert run.status("E6") == "unknown"
    run = evaluate(FEMALE, childbearing_potential=M, pregnancy_test="negative", lactating="no")
    assert run.status("E6") == "absent"


def test_man_needs_no_female_fields():
    run = evaluate(MALE)
    assert "childbearing_potential" not in run.missing
    assert "pregnancy_test" not in run.missing
    assert "lactating" not in run.missing
    assert run.status("E6") == "absent"


# --------------------------------------------------------------------------- E2 washouts
# planned infusion 2026-12-01; days = infusion - exposure.


@pytest.mark.parametrize(
    ("field_id", "criterion", "value", "status"),
    [
        ("last_systemic_steroid_date", "E2A", "2026-11-28", "present"),  # 3 days
        ("last_systemic_steroid_date", "E2A", "2026-11-27", "absent"),  # 4 days
        ("last_systemic_steroid_date", "E2A", "2026-12-01", "present"),  # infusion day
        ("last_radiotherapy_date", "E2C", "2026-11-03", "present"),  # 28 days
        ("last_radiotherapy_date", "E2C", "2026-11-02", "absent"),  # 29 days
        ("last_dli_date", "E2D", "2026-10-20", "present"),  # 42 days
        ("last_dli_date", "E2D", "2026-10-19", "absent"),  # 43 days
        ("last_dli_date", "E2D", "2026-11-15", "present"),
        ("last_intrathecal_date", "E2E", "2026-11-24", "present"),  # 7 days
        ("last_intrathecal_date", "E2E", "2026-11-23", "absent"),  # 8 days
        ("last_modified_cell_therapy_date", "E2F", "2026-06-01", "present"),  # 6 months
        ("last_modified_cell_therapy_date", "E2F", "2026-05-31", "absent"),
        ("last_modified_cell_therapy_date", "E2F", "2026-12-01", "present"),
    ],
    ids=_id,
)
def test_e2_dated_washout_windows(field_id, criterion, value, status):
    run = evaluate(MALE, **{field_id: value})
    assert run.status(criterion) == status
    assert run.status("E2") == status
    assert run.overall == ("not_eligible" if status == "present" else "eligible")


@pytest.mark.parametrize(
    ("field_id", "criterion"),
    [
        ("last_systemic_steroid_date", "E2A"),
        ("last_radiotherapy_date", "E2C"),
        ("last_dli_date", "E2D"),
        ("last_intrathecal_date", "E2E"),
        ("last_modified_cell_therapy_date", "E2F"),
    ],
)
@pytest.mark.parametrize(
    ("value", "status"), [("none", "absent"), ("ongoing", "present"), (M, "unknown")], ids=_id
)
def test_e2_none_ongoing_missing(field_id, criterion, value, status):
    run = evaluate(MALE, **{field_id: value})
    assert run.status(criterion) == status
    assert run.status("E2") == status
    if status == "unknown":
        assert field_id in run.missing


@pytest.mark.parametrize(
    ("infusion", "exposure", "status"),
    [
        ("2027-08-31", "2027-02-28", "present"),  # 6 months before 08-31 is clamped to 02-28
        ("2027-08-31", "2027-02-27", "absent"),
        ("2028-08-31", "2028-02-29", "present"),  # leap year: clamped to 02-29
        ("2028-08-31", "2028-02-28", "absent"),
        ("2027-03-31", "2026-09-30", "present"),
        ("2027-03-31", "2026-09-29", "absent"),
        ("2027-01-15", "2026-07-15", "present"),  # across the year
        ("2027-01-15", "2026-07-14", "absent"),
        ("2027-02-28", "2026-08-28", "present"),
        ("2027-02-28", "2026-08-27", "absent"),
        ("2028-02-29", "2027-08-29", "present"),  # leap day infusion
        ("2028-02-29", "2027-08-28", "absent"),
        ("2026-12-31", "2026-06-30", "present"),  # 31 Dec - 6 months: 30 June (clamped)
        ("2026-12-31", "2026-06-29", "absent"),
        ("2027-01-01", "2026-07-01", "present"),
        ("2027-01-01", "2026-06-30", "absent"),
    ],
)
def test_e2f_six_months_calendar(infusion, exposure, status):
    run = evaluate(MALE, planned_infusion_date=infusion, last_modified_cell_therapy_date=exposure)
    assert run.status("E2F") == status
    assert run.status("E2") == status


def _agent(last_dose: str, half_life: Any = M, name: str = "drug") -> dict[str, Any]:
    item: dict[str, Any] = {"agent": name, "last_dose": last_dose}
    if half_life is not M:
        item["half_life_hours"] = half_life
    return item


@pytest.mark.parametrize(
    ("agents", "status"),
    [
        ([], "absent"),
        ([_agent("2026-11-17")], "present"),  # no half-life: 14 days
        ([_agent("2026-11-16")], "absent"),  # 15 days
        ([_agent("2026-11-26", 26)], "present"),  # window 5.42 days; 5 days
        ([_agent("2026-11-25", 26)], "absent"),  # 6 days
        ([_agent("2026-11-27", 26)], "present"),  # the antitumor_recent example
        ([_agent("2026-11-26", 24)], "present"),  # window exactly 5 days
        ([_agent("2026-11-25", 24)], "absent"),
        ([_agent("2026-11-17", 72)], "present"),  # 5 x 72 h = 15 days -> capped at 14
        ([_agent("2026-11-16", 72)], "absent"),
        ([_agent("2026-11-17", 67.2)], "present"),  # exactly 14 days
        ([_agent("2026-11-17", 8760)], "present"),
        ([_agent("2026-11-16", 8760)], "absent"),
        ([_agent("2026-11-30", 4.8)], "present"),  # window 1 day (0.999.. in binary)
        ([_agent("2026-11-29", 4.8)], "absent"),
        ([_agent("2026-11-24", 33.6)], "present"),  # window 7 days
        ([_agent("2026-11-23", 33.6)], "absent"),
        ([_agent("2026-11-20", 52.8)], "present"),  # window 11 days (10.99.. in binary)
        ([_agent("2026-11-19", 52.8)], "absent"),
        ([_agent("2026-12-01", 1)], "present"),  # window 0.21 day; same day
        ([_agent("2026-11-30", 1)], "absent"),  # 1 day > 0.21 day
        ([_agent("ongoing")], "present"),
        ([_agent("ongoing", 1)], "present"),
        ([_agent("2026-11-26", "26")], "present"),  # half-life as a decimal string
        ([_agent("2026-11-01"), _agent("2026-11-30", 1)], "absent"),
        ([_agent("2026-11-01"), _agent("2026-11-26", 26)], "present"),  # any agent
        ([_agent("2026-11-26", 26), _agent("2026-11-01")], "present"),
        (M, "unknown"),
    ],
    ids=_id,
)
def test_e2b_antitumor_agents(agents, status):
    run = evaluate(MALE, antitumor_agents=agents)
    assert run.status("E2B") == status
    assert run.status("E2") == status
    if status == "unknown":
        assert "antitumor_agents" in run.missing


@pytest.mark.parametrize(
    ("changes", "status"),
    [
        ({}, "absent"),
        ({"last_systemic_steroid_date": M}, "unknown"),
        ({"last_systemic_steroid_date": M, "last_dli_date": "ongoing"}, "present"),
        ({"antitumor_agents": M, "last_intrathecal_date": "2026-11-30"}, "present"),
        ({"last_radiotherapy_date": M, "last_intrathecal_date": M}, "unknown"),
        ({**NO_EXPOSURES}, "absent"),
    ],
    ids=_id,
)
def test_e2_kleene_or(changes, status):
    assert evaluate(MALE, **changes).status("E2") == status


def test_dated_exposure_without_infusion_date_is_unknown():
    # "Washout windows are counted back from planned_infusion_date": without it a dated
    # exposure cannot be placed; "none" and "ongoing" need no date.
    run = evaluate(
        MALE,
        planned_infusion_date=M,
        last_systemic_steroid_date="none",
        last_dli_date="2026-09-01",
        last_radiotherapy_date="ongoing",
    )
    assert run.status("E2A") == "absent"
    assert run.status("E2C") == "present"
    assert run.status("E2D") == "unknown"
    run = evaluate(MALE, planned_infusion_date=M)
    assert run.status("E2D") == "unknown"
    assert run.status("E2") == "unknown"
    assert "planned_infusion_date" in run.missing


# --------------------------------------------------------------------------- earliest infusion


@pytest.mark.parametrize(
    ("changes", "earliest"),
    [
        ({"last_dli_date": "2026-11-15"}, "2026-12-28"),  # 15 Nov + 42 + 1
        ({"last_systemic_steroid_date": "2026-11-28"}, "2026-12-02"),  # + 3 + 1
        ({"last_radiotherapy_date": "2026-11-03"}, "2026-12-02"),  # + 28 + 1
        ({"last_intrathecal_date": "2026-11-24"}, "2026-12-02"),  # + 7 + 1
        ({"last_intrathecal_date": "2026-11-01"}, "2026-11-09"),  # before the planned date
        ({"antitumor_agents": [_agent("2026-11-20")]}, "2026-12-05"),  # + 14 + 1
        ({"antitumor_agents": [_agent("2026-11-27", 26)]}, "2026-12-03"),  # + floor(5.42) + 1
        ({"antitumor_agents": [_agent("2026-11-27", 24)]}, "2026-12-03"),  # + 5 + 1
        ({"antitumor_agents": [_agent("2026-11-30", 1)]}, "2026-12-01"),  # + floor(0.21) + 1
        ({"antitumor_agents": [_agent("2026-11-30", 4.8)]}, "2026-12-02"),  # + 1 + 1
        ({"antitumor_agents": [_agent("2026-11-20", 52.8)]}, "2026-12-02"),  # + 11 + 1
        ({"antitumor_agents": [_agent("2026-11-20", 72)]}, "2026-12-05"),  # capped at 14
        ({"last_modified_cell_therapy_date": "2026-06-01"}, "2026-12-02"),  # 6 months + 1
        ({"last_modified_cell_therapy_date": "2026-05-15"}, "2026-11-16"),
        # 31 Aug + 6 months has no 31 Feb: both readings of the spec give 1 March.
        # (A 28 Feb exposure is genuinely ambiguous - formula gives 29 Aug, yet 29-31 Aug are
        # still "within 6 months" by the clamped rule - so it is not tested.)
        ({"last_modified_cell_therapy_date": "2026-08-31"}, "2027-03-01"),
        # the latest of several
        ({"last_dli_date": "2026-11-15", "last_systemic_steroid_date": "2026-11-28"},
         "2026-12-28"),
        ({"last_dli_date": "2026-10-01", "antitumor_agents": [_agent("2026-11-30"),
                                                              _agent("2026-11-29", 1)]},
         "2026-12-15"),
    ],
    ids=_id,
)  # fmt: skip
def test_earliest_infusion_date(changes, earliest):
    run = evaluate(MALE, **{**NO_EXPOSURES, **changes})
    assert run.derived["earliest_infusion_date"] == earliest


def test_earliest_infusion_date_of_base_case():
    # cytarabine 2026-11-01 (14 days) -> 2026-11-16; DLI 2026-09-01 (42 days) -> 2026-10-14
    assert evaluate(MALE).derived["earliest_infusion_date"] == "2026-11-16"


def test_earliest_infusion_date_ignores_none_and_unanswered_exposures():
    # "every known dated exposure": none / unanswered exposures have no date to count from.
    # (An "ongoing" exposure is left open by the spec - no date may exist - so not tested.)
    answers = changed(MALE, **NO_EXPOSURES)
    run = evaluate(
        answers,
        last_dli_date="2026-11-15",
        last_intrathecal_date=M,
        antitumor_agents=M,
    )
    assert run.derived["earliest_infusion_date"] == "2026-12-28"


@pytest.mark.parametrize(
    ("field_id", "exposure"),
    [
        ("last_systemic_steroid_date", "2026-11-29"),
        ("last_radiotherapy_date", "2026-11-10"),
        ("last_dli_date", "2026-11-15"),
        ("last_intrathecal_date", "2026-11-28"),
        ("last_modified_cell_therapy_date", "2026-07-10"),
    ],
)
def test_earliest_infusion_date_is_first_date_outside_the_window(field_id, exposure):
    run = evaluate(MALE, **{**NO_EXPOSURES, field_id: exposure})
    earliest = run.derived["earliest_infusion_date"]
    assert earliest is not None
    on_earliest = evaluate(MALE, **{**NO_EXPOSURES, field_id: exposure},
                           planned_infusion_date=earliest)  # fmt: skip
    assert on_earliest.status("E2") == "absent"
    day_before = (date.fromisoformat(earliest) - timedelta(days=1)).isoformat()
    before = evaluate(MALE, **{**NO_EXPOSURES, field_id: exposure},
                      planned_infusion_date=day_before)  # fmt: skip
    assert before.status("E2") == "present"


# --------------------------------------------------------------------------- E3 infections


def test_e3_all_no_is_absent():
    assert evaluate(MALE).status("E3") == "absent"


@pytest.mark.parametrize(
    "field_id",
    ["last_systemic_steroid_date", "last_radiotherapy_date", "last_dli_date",
     "last_intrathecal_date", "last_modified_cell_therapy_date"],
)  # fmt: skip
def test_exposure_between_assessment_and_infusion_is_valid(field_id):
    # Only an exposure after planned_infusion_date is invalid input.
    run = evaluate(MALE, **{field_id: "2026-11-25"})
    assert run.code == 0
    assert run.status("E2") in ("present", "absent")


@pytest.mark.parametrize("field_id", E3_FIELDS)
def test_e3_any_yes_is_present(field_id):
    run = evaluate(MALE, **{field_id: "yes"})
    assert run.status("E3") == "present"
    assert run.overall == "not_eligible"


@pytest.mark.parametrize("field_id", E3_FIELDS)
def test_e3_one_missing_is_unknown(field_id):
    run = evaluate(MALE, **{field_id: M})
    assert run.status("E3") == "unknown"
    assert field_id in run.missing


@pytest.mark.parametrize("field_id", E3_FIELDS)
def test_e3_missing_and_yes_is_present(field_id):
    other = next(f for f in E3_FIELDS if f != field_id)
    run = evaluate(MALE, **{field_id: M, other: "yes"})
    assert run.status("E3") == "present"


# --------------------------------------------------------------------------- overall verdict


@pytest.mark.parametrize(
    ("changes", "overall"),
    [
        ({}, "eligible"),
        ({"ecog": 3}, "not_eligible"),
        ({"lvef_pct": M}, "incomplete"),
        ({"lvef_pct": M, "ecog": 3}, "not_eligible"),  # not_met beats unknown
        ({"cns_involvement": M}, "incomplete"),
        ({"cns_involvement": M, "hypersensitivity": "yes"}, "not_eligible"),
        ({"hypersensitivity": "yes"}, "not_eligible"),
        ({"lvef_pct": M, "cns_involvement": M}, "incomplete"),
        ({"ecog": 4, "cns_involvement": "yes", "last_dli_date": "ongoing"}, "not_eligible"),
    ],
    ids=_id,
)
def test_overall_verdict(changes, overall):
    run = evaluate(MALE, **changes)
    assert run.overall == overall
    assert run.overall == expected_overall(run.criteria)
    if overall == "not_eligible":
        assert run.reasons
    if overall == "incomplete":
        assert run.missing


@pytest.mark.parametrize(
    ("changes", "failing"),
    [
        ({"ecog": 3}, {"I3"}),
        ({"expected_survival_3m": "no"}, {"I2"}),
        ({"alt": 160}, {"I5"}),
        ({"cns_involvement": "yes"}, {"E1"}),
        ({"last_dli_date": "2026-11-15"}, {"E2"}),
        ({"ecog": 3, "hypersensitivity": "yes", "informed_consent": "no"}, {"I3", "E4", "I7"}),
    ],
    ids=_id,
)
def test_reasons_name_each_failing_criterion(changes, failing):
    run = evaluate(MALE, **changes)
    assert run.overall == "not_eligible"
    for cid in failing:
        # a reason starts with the criterion id (or one of its sub-criteria) then ":"
        assert any(r.split(":", 1)[0].startswith(cid) for r in run.reasons), (cid, run.reasons)
    for reason in run.reasons:
        assert reason.split(":", 1)[0] in ALL_CRITERIA


def test_eligible_has_no_reasons():
    # not_eligible "lists its reasons"; an eligible result has none to list.
    assert evaluate(MALE).reasons == []


# --------------------------------------------------------------------------- missing


@pytest.mark.parametrize(
    ("field_id", "unknown"),
    [
        ("date_of_birth", ["I1"]),
        ("expected_survival_3m", ["I2"]),
        ("ecog", ["I3"]),
        ("aml_diagnosis", ["I4"]),
        ("allo_hsct", ["I4"]),
        ("prior_cr", ["I4A", "I4B", "I4"]),
        ("agvhd_max_grade", ["I4C", "I4"]),
        ("donor_available", ["I4D", "I4"]),
        ("alt", ["I5A", "I5"]),
        ("alt_uln", ["I5A", "I5"]),
        ("ast", ["I5A", "I5"]),
        ("ast_uln", ["I5A", "I5"]),
        ("tbil", ["I5A", "I5"]),
        ("tbil_uln", ["I5A", "I5"]),
        ("creatinine", ["I5C", "I5"]),
        ("lvef_pct", ["I5D", "I5"]),
        ("contraception_agreed_12m", ["I6"]),
        ("informed_consent", ["I7"]),
        ("cns_involvement", ["E1"]),
        ("last_systemic_steroid_date", ["E2A", "E2"]),
        ("antitumor_agents", ["E2B", "E2"]),
        ("last_radiotherapy_date", ["E2C", "E2"]),
        ("last_dli_date", ["E2D", "E2"]),
        ("last_intrathecal_date", ["E2E", "E2"]),
        ("last_modified_cell_therapy_date", ["E2F", "E2"]),
        ("active_infection_iv_14d", ["E3"]),
        ("hypersensitivity", ["E4"]),
        ("contraception_not_guaranteed", ["E5"]),
        ("autoimmune_or_immunodeficiency", ["E7"]),
        ("substance_dependence", ["E8"]),
        ("investigator_unsuitable", ["E9"]),
    ],
)
def test_dropping_a_field_makes_its_criteria_unknown_and_lists_it(field_id, unknown):
    run = evaluate(MALE, **{field_id: M})
    for cid in unknown:
        assert run.status(cid) == "unknown", cid
    for cid in ALL_CRITERIA - set(unknown):
        if cid not in ("I4A", "I4B", "I4", "I5C", "I5", "E2"):
            assert run.status(cid) in ("met", "absent"), cid
    assert field_id in run.missing
    assert run.overall == "incomplete"
    answered = changed(MALE, **{field_id: M})
    for listed in run.missing:
        assert listed not in answered, f"{listed} is answered but listed as missing"
        assert any(
            listed in CRITERION_FIELDS[c] for c in ALL_CRITERIA if run.status(c) == "unknown"
        ), f"{listed} is not used by an unknown criterion"


@pytest.mark.parametrize("answers", [MALE, FEMALE, FEMALE_NO_CBP], ids=["male", "female", "no_cbp"])
def test_missing_is_empty_when_nothing_is_unknown(answers):
    run = evaluate(answers)
    assert all(s != "unknown" for s in run.criteria.values())
    assert run.missing == []


@pytest.mark.parametrize(("field_id", "criterion"), [("pregnancy_test", "E6"), ("lactating", "E6")])
def test_female_missing_fields(field_id, criterion):
    run = evaluate(FEMALE, **{field_id: M})
    assert run.status(criterion) == "unknown"
    assert field_id in run.missing


# --------------------------------------------------------------------------- derived values


def test_derived_multiples_of_uln_are_unrounded():
    run = evaluate(MALE)
    d = run.derived
    assert d["age_years"] == 46
    assert d["alt_x_uln"] == pytest.approx(45 / 40)  # 1.125, not 1.13
    assert d["ast_x_uln"] == pytest.approx(38 / 40)
    assert d["tbil_x_uln"] == pytest.approx(15 / 21, rel=1e-9)
    assert d["inr_x_uln"] == pytest.approx(1.1 / 1.2, rel=1e-9)
    assert d["aptt_x_uln"] == pytest.approx(35 / 40)
    assert d["creatinine_x_uln"] == pytest.approx(90 / 104, rel=1e-9)


def test_derived_alt_just_above_limit_is_not_rounded_down():
    run = evaluate(MALE, alt=120.1)
    assert run.derived["alt_x_uln"] == pytest.approx(3.0025, rel=1e-9)
    assert run.derived["alt_x_uln"] > 3
    assert run.status("I5A") == "not_met"


@pytest.mark.parametrize(
    ("dropped", "key"),
    [
        ("alt", "alt_x_uln"),
        ("alt_uln", "alt_x_uln"),
        ("ast", "ast_x_uln"),
        ("tbil_uln", "tbil_x_uln"),
        ("inr", "inr_x_uln"),
        ("aptt_uln", "aptt_x_uln"),
        ("creatinine", "creatinine_x_uln"),
    ],
)
def test_derived_multiple_is_null_without_value(dropped, key):
    assert evaluate(MALE, **{dropped: M}).derived[key] is None


def test_derived_multiple_is_unit_independent():
    run = evaluate(MALE, tbil=2.4, tbil_uln=1.2, tbil_unit="mg/dL")
    assert run.derived["tbil_x_uln"] == pytest.approx(2.0)


# --------------------------------------------------------------------------- warnings

STALE = [
    # field, base, days before assessment, warn?
    ("labs_date", "male", 14, False),
    ("labs_date", "male", 15, True),
    ("marrow_date", "male", 28, False),
    ("marrow_date", "male", 29, True),
    ("echo_date", "male", 28, False),
    ("echo_date", "male", 29, True),
    ("echo_date", "male", 400, True),
    ("pregnancy_test_date", "female", 7, False),
    ("pregnancy_test_date", "female", 8, True),
    ("labs_date", "male", 0, False),
]


@pytest.mark.parametrize(("field_id", "base", "age", "warn"), STALE)
def test_stale_evidence_warns_without_changing_the_verdict(field_id, base, age, warn):
    # "older than ... 14 days": a 14-day-old result is at the limit, not older than it.
    answers = base_answers(base)
    reference = evaluate(answers)
    value = (date(2026, 11, 20) - timedelta(days=age)).isoformat()
    run = evaluate(answers, **{field_id: value})
    assert run.warned(field_id) is warn, run.warnings
    assert run.overall == reference.overall == "eligible"
    assert run.criteria == reference.criteria


def test_fresh_evidence_gives_no_evidence_warnings():
    for base in ("male", "female"):
        run = evaluate(base_answers(base))
        for field_id in ("labs_date", "marrow_date", "echo_date", "pregnancy_test_date"):
            assert not run.warned(field_id)


def test_several_stale_dates_each_warn():
    run = evaluate(
        FEMALE,
        labs_date="2026-10-01",
        marrow_date="2026-09-01",
        echo_date="2026-08-01",
        pregnancy_test_date="2026-11-01",
    )
    for field_id in ("labs_date", "marrow_date", "echo_date", "pregnancy_test_date"):
        assert run.warned(field_id), field_id
    assert run.overall == "eligible"


def test_stale_evidence_does_not_change_a_not_eligible_verdict():
    run = evaluate(MALE, ecog=3, labs_date="2026-01-01")
    assert run.warned("labs_date")
    assert run.overall == "not_eligible"
    assert run.criteria == evaluate(MALE, ecog=3).criteria


# --------------------------------------------------------------------------- record-only fields


def test_record_only_fields_are_not_needed_to_evaluate():
    run = evaluate(MALE, screening_id=M, patient_initials=M, consent_date=M)
    assert run.overall == "eligible"
    assert run.missing == []


def test_output_lists_every_criterion():
    run = evaluate(MALE)
    assert set(run.criteria) == ALL_CRITERIA


# --------------------------------------------------------------------------- displays
# "Displays never contradict a verdict: a multiple of ULN is shown to 2 decimals rounded up
# (ALT 120.1 / 40 shows 3.01, not 3.00), CrCl to 1 decimal rounded down (29.99 shows 29.9),
# and each lab also shows its absolute limit."  The explanations are the human-readable
# display of each criterion; only the numbers are checked here, never the wording.


def test_explanations_cover_criteria():
    explanations = evaluate(MALE).result["explanations"]
    assert isinstance(explanations, dict)
    assert set(explanations) <= ALL_CRITERIA
    assert all(isinstance(text, str) and text for text in explanations.values())


@pytest.mark.parametrize(
    ("changes", "criterion", "shown", "not_shown"),
    [
        ({"alt": 120.1}, "I5A", "3.01", "3.00"),
        ({"ast": 120.01}, "I5A", "3.01", "3.00"),
        ({"tbil": 42.01}, "I5A", "2.01", "2.00"),
        ({"inr": 1.81, "aptt": 61}, "I5B", "1.51", "1.50"),
        ({"creatinine": 156.01, "crcl_measured": 20}, "I5C", "1.51", "1.50"),
        ({"creatinine": 300, "crcl_measured": 29.99}, "I5C", "29.9", "30.0"),
        ({"date_of_birth": AGE_50, "weight_kg": 71.99, "creatinine": 265.2}, "I5C", "29.9",
         "30.0"),
    ],
    ids=_id,
)  # fmt: skip
def test_displayed_numbers_never_contradict_the_verdict(changes, criterion, shown, not_shown):
    run = evaluate(MALE, **changes)
    assert run.status(criterion) == "not_met"
    text = run.result["explanations"][criterion]
    assert shown in text, text
    assert not_shown not in text, text


@pytest.mark.parametrize(
    ("criterion", "limits"),
    [
        ("I5A", ["120", "42"]),  # ALT/AST 3 x 40, bilirubin 2 x 21
        ("I5B", ["1.8", "60"]),  # INR 1.5 x 1.2, APTT 1.5 x 40
        ("I5C", ["156"]),  # creatinine 1.5 x 104
    ],
)
def test_labs_show_their_absolute_limit(criterion, limits):
    text = evaluate(MALE).result["explanations"][criterion]
    for limit in limits:
        assert limit in text, (limit, text)


# --------------------------------------------------------------------------- exact decimals
# "Numbers are compared exactly as entered decimals" - also beyond 17 significant digits.


@pytest.mark.parametrize(
    ("alt", "status"),
    [
        ("120.000", "met"),
        ("120.0000001", "not_met"),
        ("119.99999999999999999999999999999", "met"),
        ("120.00000000000000000000000000001", "not_met"),
    ],
)
@pytest.mark.parametrize("as_string", [True, False], ids=["string", "json-number"])
def test_many_digit_decimals_compare_exactly(alt, status, as_string):
    run = evaluate(MALE, alt=alt) if as_string else evaluate_raw(MALE, alt=alt)
    assert run.status("I5A") == status


def test_many_digit_lvef_compares_exactly():
    assert evaluate_raw(MALE, lvef_pct="44.99999999999999999999").status("I5D") == "not_met"
    assert evaluate(MALE, lvef_pct="44.99999999999999999999").status("I5D") == "not_met"
