"""Invalid input to ``nkscreen evaluate``: exit 2, nothing on stdout, one stderr line per bad
field starting with ``<field_id>:``, no traceback, every bad field reported at once.
Valid edge values of the same fields must still evaluate (exit 0)."""

from __future__ import annotations

from typing import Any

import pytest

from tests.core.spec_helpers import (
    DATE_FIELDS,
    EVIDENCE_DATE_FIELDS,
    EXPOSURE_FIELDS,
    MISSING,
    PROTOCOL,
    YES_NO_FIELDS,
    assert_field_lines,
    assert_invalid,
    assert_valid_result,
    at_assessment,
    base_answers,
    evaluate,
    run_doc,
    run_path,
    run_text,
)

M = MISSING
MALE = base_answers("male")
FEMALE = base_answers("female")


def _id(value: Any) -> str:
    return repr(value)


# --------------------------------------------------------------------------- wrong types


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("alt", "abc"),
        ("alt", True),  # booleans are not numbers
        ("alt", False),
        ("alt", []),
        ("alt", {}),
        ("alt", "1,5"),
        ("alt", "NaN"),
        ("alt", "Infinity"),
        ("alt_uln", "forty"),
        ("lvef_pct", True),
        ("weight_kg", "70kg"),
        ("relapse_bm_blasts_pct", "8%"),
        ("ecog", 2.5),
        ("ecog", "2.5"),
        ("ecog", True),
        ("ecog", "one"),
        ("agvhd_max_grade", 1.5),
        ("agvhd_max_grade", False),
        ("cns_involvement", "maybe"),
        ("cns_involvement", True),
        ("cns_involvement", 1),
        ("expected_survival_3m", "y"),
        ("informed_consent", ["yes"]),
        ("sex", "M"),
        ("sex", "other"),
        ("tbil_unit", "mmol/L"),
        ("creatinine_unit", "mg"),
        ("pregnancy_test", "maybe"),
        ("no_cbp_reason", "menopause"),
        ("date_of_birth", "1980-02-30"),
        ("assessment_date", "2026-02-30"),
        ("assessment_date", "2026/11/20"),
        ("assessment_date", "20261120"),  # ISO basic format is not "YYYY-MM-DD"
        ("assessment_date", "2026-W47-5"),  # ISO week date is not "YYYY-MM-DD"
        ("assessment_date", "2026-11-20T10:00:00"),
        ("assessment_date", "20-11-2026"),
        ("assessment_date", 20261120),
        ("planned_infusion_date", "next week"),
        ("planned_infusion_date", "none"),  # only exposure dates take "none"
        ("date_of_birth", "ongoing"),
        ("labs_date", "2026-13-01"),
        ("last_dli_date", "never"),
        ("last_dli_date", "2026-02-30"),
        ("last_systemic_steroid_date", "2026/11/20"),
        ("last_radiotherapy_date", True),
        ("last_intrathecal_date", 0),
        ("last_modified_cell_therapy_date", "yes"),
        ("screening_id", "HX 001"),
        ("screening_id", "HX_001"),
        ("screening_id", "A" * 33),
        ("screening_id", 1001),
        ("patient_initials", "A1"),
        ("patient_initials", "ABCDE"),
    ],
    ids=_id,
)
def test_wrong_type_or_value_is_rejected(field_id, value):
    run = evaluate(MALE, **{field_id: value})
    assert_invalid(run, field_id)
    assert_field_lines(run)


# An empty string is not tested as invalid: reading a blank answer as "unanswered" is a
# defensible reading of "Missing input means unknown" that the spec does not rule out.


def test_example_bad_number_names_alt():
    run = evaluate(MALE, alt="abc")
    assert_invalid(run, "alt")
    assert len(run.error_lines) == 1  # one line per bad field


@pytest.mark.parametrize(
    ("field_id", "value"),
    [
        ("screening_id", "A" * 32),
        ("screening_id", "hx-001-Z9"),
        ("patient_initials", "A"),
        ("patient_initials", "ABCD"),
    ],
    ids=_id,
)
def test_valid_text_values(field_id, value):
    assert_valid_result(evaluate(MALE, **{field_id: value}))


# --------------------------------------------------------------------------- ranges

INVALID_RANGE = [
    ("ecog", -1, {}),
    ("ecog", 6, {}),
    ("agvhd_max_grade", -1, {}),
    ("agvhd_max_grade", 5, {}),
    ("relapse_bm_blasts_pct", -0.01, {}),
    ("relapse_bm_blasts_pct", 100.01, {}),
    ("alt", 0, {}),
    ("alt", -1, {}),
    ("alt", 100000.01, {}),
    ("alt_uln", 0, {}),
    ("alt_uln", 100001, {}),
    ("ast", 0, {}),
    ("ast", 100000.01, {}),
    ("ast_uln", -40, {}),
    ("ast_uln", 100000.01, {}),
    ("tbil", 0, {}),
    ("tbil", 1000.01, {"tbil_unit": "umol/L"}),
    ("tbil_uln", 1000.01, {"tbil_unit": "umol/L"}),
    ("tbil_uln", 0, {}),
    # 1000 umol/L = 58.48 mg/dL (/ 17.1)
    ("tbil", 58.48, {"tbil_unit": "mg/dL", "tbil_uln": 1.2}),
    ("tbil", 100, {"tbil_unit": "mg/dL", "tbil_uln": 1.2}),
    ("tbil_uln", 58.48, {"tbil_unit": "mg/dL", "tbil": 1.0}),
    ("inr", 0, {}),
    ("inr", 20.01, {}),
    ("inr_uln", 0, {}),
    ("inr_uln", 21, {}),
    ("aptt", 0, {}),
    ("aptt", 300.01, {}),
    ("aptt_uln", 300.01, {}),
    ("aptt_uln", -1, {}),
    ("creatinine", 0, {}),
    ("creatinine", 3000.01, {"creatinine_unit": "umol/L"}),
    ("creatinine_uln", 3000.01, {"creatinine_unit": "umol/L"}),
    ("creatinine_uln", 0, {}),
    # 3000 umol/L = 33.94 mg/dL (/ 88.4)
    ("creatinine", 33.94, {"creatinine_unit": "mg/dL", "creatinine_uln": 1.2}),
    ("creatinine", 90, {"creatinine_unit": "mg/dL", "creatinine_uln": 1.2}),
    ("creatinine_uln", 33.94, {"creatinine_unit": "mg/dL", "creatinine": 1.0}),
    ("crcl_measured", 0, {}),
    ("crcl_measured", 300.01, {}),
    ("weight_kg", 19.99, {}),
    ("weight_kg", 400.01, {}),
    ("weight_kg", 0, {}),
    ("lvef_pct", 4.99, {}),
    ("lvef_pct", 95.01, {}),
    ("lvef_pct", 100, {}),
]


@pytest.mark.parametrize(("field_id", "value", "extra"), INVALID_RANGE, ids=_id)
def test_out_of_range_is_rejected(field_id, value, extra):
    run = evaluate(MALE, **{**extra, field_id: value})
    assert_invalid(run, field_id)
    assert_field_lines(run)


@pytest.mark.parametrize(("field_id", "value", "extra"), INVALID_RANGE, ids=_id)
def test_out_of_range_as_decimal_string_is_rejected(field_id, value, extra):
    run = evaluate(MALE, **{**extra, field_id: str(value)})
    assert_invalid(run, field_id)


VALID_EDGES = [
    ("ecog", 0, {}),
    ("ecog", 5, {}),
    ("ecog", "2", {}),
    ("agvhd_max_grade", 0, {}),
    ("agvhd_max_grade", 4, {}),
    ("relapse_bm_blasts_pct", 0, {}),
    ("relapse_bm_blasts_pct", 100, {}),
    ("alt", 0.01, {}),
    ("alt", 100000, {}),
    ("alt_uln", 100000, {}),
    ("ast", 100000, {}),
    ("ast_uln", 0.01, {}),
    ("tbil", 1000, {"tbil_unit": "umol/L"}),
    ("tbil_uln", 1000, {"tbil_unit": "umol/L"}),
    ("tbil", 58.47, {"tbil_unit": "mg/dL", "tbil_uln": 1.2}),
    ("tbil_uln", 58.47, {"tbil_unit": "mg/dL", "tbil": 1.0}),
    ("inr", 20, {}),
    ("inr_uln", 20, {}),
    ("inr", 0.01, {}),
    ("aptt", 300, {}),
    ("aptt_uln", 300, {}),
    ("creatinine", 3000, {"creatinine_unit": "umol/L"}),
    ("creatinine_uln", 3000, {"creatinine_unit": "umol/L"}),
    ("creatinine", 33.93, {"creatinine_unit": "mg/dL", "creatinine_uln": 1.2}),
    ("creatinine_uln", 33.93, {"creatinine_unit": "mg/dL", "creatinine": 1.0}),
    ("crcl_measured", 300, {}),
    ("crcl_measured", 0.01, {}),
    ("weight_kg", 20, {}),
    ("weight_kg", 400, {}),
    ("lvef_pct", 5, {}),
    ("lvef_pct", 95, {}),
]


@pytest.mark.parametrize(("field_id", "value", "extra"), VALID_EDGES, ids=_id)
def test_valid_range_edges_are_accepted(field_id, value, extra):
    run = evaluate(MALE, **{**extra, field_id: value})
    assert_valid_result(run)


@pytest.mark.parametrize(("field_id", "value", "extra"), VALID_EDGES, ids=_id)
def test_valid_range_edges_as_decimal_strings_are_accepted(field_id, value, extra):
    run = evaluate(MALE, **{**extra, field_id: str(value)})
    assert_valid_result(run)


# --------------------------------------------------------------------------- numbers as strings


def test_numbers_as_decimal_strings_are_accepted_and_exact():
    run = evaluate(
        MALE,
        alt="120",
        alt_uln="40",
        inr="1.8",
        inr_uln="1.2",
        aptt="61",
        aptt_uln="40",
        ecog="2",
        lvef_pct="45",
        weight_kg="70.5",
    )
    assert run.status("I5A") == "met"
    assert run.status("I5B") == "met"
    assert run.status("I3") == "met"
    assert run.status("I5D") == "met"
    assert run.derived["alt_x_uln"] == pytest.approx(3)
    assert run.overall == "eligible"


def test_decimal_string_half_life_is_accepted():
    run = evaluate(
        MALE,
        antitumor_agents=[{"agent": "x", "last_dose": "2026-11-26", "half_life_hours": "26"}],
    )
    assert run.status("E2B") == "present"


# --------------------------------------------------------------------------- units


@pytest.mark.parametrize(
    ("value_field", "unit_field"), [("tbil", "tbil_unit"), ("creatinine", "creatinine_unit")]
)
def test_value_without_unit_is_rejected(value_field, unit_field):
    run = evaluate(MALE, **{unit_field: M})
    assert_invalid(run, unit_field)


def test_unit_without_value_is_fine():
    run = evaluate(MALE, tbil=M, tbil_uln=M)
    assert_valid_result(run)
    assert run.status("I5A") == "unknown"


# --------------------------------------------------------------------------- unknown fields


@pytest.mark.parametrize("field_id", ["alt_ulnn", "ALT", "age_years", "crcl", "Sex", "notes"])
def test_unknown_field_is_rejected(field_id):
    run = evaluate(MALE, **{field_id: 40})
    assert_invalid(run, field_id)
    assert_field_lines(run)


# --------------------------------------------------------------------------- date relations


@pytest.mark.parametrize("field_id", EXPOSURE_FIELDS)
def test_exposure_after_planned_infusion_is_rejected(field_id):
    assert_invalid(evaluate(MALE, **{field_id: "2026-12-02"}), field_id)


@pytest.mark.parametrize("field_id", EXPOSURE_FIELDS)
def test_exposure_on_infusion_day_is_valid(field_id):
    run = evaluate(MALE, **{field_id: "2026-12-01"})
    assert_valid_result(run)
    assert run.status("E2") == "present"


@pytest.mark.parametrize("field_id", ["consent_date", *EVIDENCE_DATE_FIELDS])
def test_consent_or_evidence_date_after_assessment_is_rejected(field_id):
    run = evaluate(FEMALE, **{field_id: "2026-11-21"})
    assert_invalid(run, field_id)


@pytest.mark.parametrize("field_id", ["consent_date", *EVIDENCE_DATE_FIELDS])
def test_consent_or_evidence_date_on_assessment_is_valid(field_id):
    run = evaluate(FEMALE, **{field_id: "2026-11-20"})
    assert_valid_result(run)
    assert run.overall == "eligible"


@pytest.mark.parametrize(
    ("born", "valid"),
    [
        ("2026-11-21", False),  # after the assessment date
        ("2030-01-01", False),
        ("2026-11-20", True),  # age 0 is valid input (I1 then fails)
        ("1905-11-21", True),  # age 120
        ("1905-11-20", False),  # age 121
        ("1900-01-01", False),
    ],
)
def test_date_of_birth_limits(born, valid):
    run = evaluate(MALE, date_of_birth=born)
    if valid:
        assert_valid_result(run)
    else:
        assert_invalid(run, "date_of_birth")


@pytest.mark.parametrize(
    ("agents", "why"),
    [
        ([{"agent": "x", "last_dose": "2026-12-02"}], "after infusion"),
        ([{"agent": "x", "last_dose": "2026-02-30"}], "bad date"),
        ([{"agent": "x", "last_dose": "2026/11/20"}], "bad date format"),
        ([{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": 0}], "half-life 0"),
        ([{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": -5}], "negative"),
        ([{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": 8760.01}], "> 8760"),
        ([{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": "abc"}], "not a number"),
        ([{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": True}], "boolean"),
        (["cytarabine"], "item is not an object"),
        ("none", "not a list"),
        ({"agent": "x", "last_dose": "2026-11-20"}, "object instead of list"),
        # An item's last_dose is "date or ongoing" (unlike the exposure fields, no "none").
        ([{"agent": "x", "last_dose": "none"}], "none"),
        (
            [
                {"agent": "ok", "last_dose": "2026-11-01"},
                {"agent": "bad", "last_dose": "2026-12-05"},
            ],
            "second item after infusion",
        ),
    ],
    ids=lambda v: v if isinstance(v, str) else None,
)
def test_invalid_antitumor_agents(agents, why):
    run = evaluate(MALE, antitumor_agents=agents)
    assert_invalid(run)
    assert any(line.startswith("antitumor_agents") for line in run.error_lines), run.stderr


@pytest.mark.parametrize("half_life", [8760, 0.01, "8760"])
def test_valid_half_life_edges(half_life):
    agents = [{"agent": "x", "last_dose": "2026-11-20", "half_life_hours": half_life}]
    assert_valid_result(evaluate(MALE, antitumor_agents=agents))


# --------------------------------------------------------------------------- contradictions


def test_contraception_contradiction_is_rejected():
    run = evaluate(MALE, contraception_agreed_12m="yes", contraception_not_guaranteed="yes")
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert any(
        line.startswith(("contraception_agreed_12m:", "contraception_not_guaranteed:"))
        for line in run.error_lines
    ), run.stderr


@pytest.mark.parametrize(("agreed", "not_guaranteed"), [("no", "yes"), ("no", "no"), ("yes", "no")])
def test_consistent_contraception_answers_are_valid(agreed, not_guaranteed):
    run = evaluate(
        MALE, contraception_agreed_12m=agreed, contraception_not_guaranteed=not_guaranteed
    )
    assert_valid_result(run)


# --------------------------------------------------------------------------- several at once


def test_all_bad_fields_are_reported_together():
    run = evaluate(
        MALE,
        alt="abc",
        ecog=7,
        sex="x",
        alt_ulnn=40,
        last_dli_date="2026-12-05",
        lvef_pct=120,
        labs_date="2026-11-25",
        cns_involvement="maybe",
    )
    assert_invalid(
        run,
        "alt",
        "ecog",
        "sex",
        "alt_ulnn",
        "last_dli_date",
        "lvef_pct",
        "labs_date",
        "cns_involvement",
    )
    assert_field_lines(run)
    named = {line.split(":", 1)[0] for line in run.error_lines}
    assert named <= {
        "alt",
        "ecog",
        "sex",
        "alt_ulnn",
        "last_dli_date",
        "lvef_pct",
        "labs_date",
        "cns_involvement",
    }, f"valid fields reported as invalid: {named}"


def test_one_line_per_bad_field_and_no_other_field_named():
    run = evaluate(MALE, ecog=9, weight_kg=5)
    assert_invalid(run, "ecog", "weight_kg")
    assert {line.split(":", 1)[0] for line in run.error_lines} == {"ecog", "weight_kg"}


@pytest.mark.parametrize("field_id", YES_NO_FIELDS)
def test_every_yes_no_field_rejects_other_values(field_id):
    base = FEMALE if field_id in ("childbearing_potential", "lactating") else MALE
    assert_invalid(evaluate(base, **{field_id: "Y"}), field_id)


@pytest.mark.parametrize("field_id", DATE_FIELDS + EXPOSURE_FIELDS)
def test_every_date_field_rejects_impossible_dates(field_id):
    base = FEMALE if field_id == "pregnancy_test_date" else MALE
    assert_invalid(evaluate(base, **{field_id: "2026-04-31"}), field_id)


# --------------------------------------------------------------------------- file level


def test_not_json_is_rejected():
    run = run_text('{"protocol": "NCT06641648", "answers": {')
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.strip()


def test_empty_file_is_rejected():
    run = run_text("")
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr


def test_missing_file_is_rejected(tmp_path):
    run = run_path(tmp_path / "does-not-exist.json")
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.strip()


@pytest.mark.parametrize(
    "doc",
    [
        {"protocol": "NCT00000000", "answers": MALE},
        {"protocol": "nct06641648", "answers": MALE},
        {"answers": MALE},
        {"protocol": None, "answers": MALE},
        [{"protocol": PROTOCOL, "answers": MALE}],
        {"protocol": PROTOCOL, "answers": [MALE]},
        {"protocol": PROTOCOL, "answers": "yes"},
        "NCT06641648",
    ],
    ids=["other-protocol", "lowercase", "no-protocol", "null-protocol", "top-level-list",
         "answers-list", "answers-string", "json-string"],
)  # fmt: skip
def test_malformed_case_documents_are_rejected(doc):
    run = run_doc(doc)
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr
    assert run.stderr.strip()


def test_json_nan_literal_is_rejected():
    # NaN is not JSON; either way it is not a valid number.
    assert run_doc({"protocol": PROTOCOL, "answers": MALE}).code == 0  # the base is valid
    body = '{"protocol": "NCT06641648", "answers": {"alt": NaN}}'
    run = run_text(body)
    assert run.code == 2
    assert run.stdout == ""
    assert "Traceback" not in run.stderr


def test_invalid_input_after_assessment_move_still_checked():
    # consent/evidence dates are compared with the assessment date actually given
    answers = at_assessment(MALE, "2026-02-28", consent_date="2026-03-01")
    assert_invalid(evaluate(answers), "consent_date")
