"""Shared helpers for the spec-derived tests of ``nkscreen evaluate``.

Everything here is derived from the binding spec (``/work/shared/spec/NCT06641648.md``) and the
example cases in ``tests/cases``; nothing is taken from the engine.  The module contains:

* the criterion and field ids of the protocol,
* ``evaluate(...)``: writes a case file, runs ``nkscreen evaluate`` in-process and returns a
  ``Run`` (exit code, stdout, stderr, parsed JSON),
* ``changed(...)``: copies answers with changes (``MISSING`` deletes a field),
* ``reference_statuses(...)``: an independent reference model of the rules, written with
  ``Decimal`` straight from the spec, used by the property tests.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import io
import json
import re
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from nkscreen.cli import main

PROTOCOL = "NCT06641648"
CASES_DIR = Path(__file__).resolve().parents[1] / "cases"

INCLUSION_TOP = ("I1", "I2", "I3", "I4", "I5", "I6", "I7")
INCLUSION_SUB = ("I4A", "I4B", "I4C", "I4D", "I5A", "I5B", "I5C", "I5D")
EXCLUSION_TOP = ("E1", "E2", "E3", "E4", "E5", "E6", "E7", "E8", "E9")
EXCLUSION_SUB = ("E2A", "E2B", "E2C", "E2D", "E2E", "E2F")
INCLUSION_IDS = INCLUSION_TOP + INCLUSION_SUB
EXCLUSION_IDS = EXCLUSION_TOP + EXCLUSION_SUB
ALL_CRITERIA = frozenset(INCLUSION_IDS + EXCLUSION_IDS)
INCLUSION_STATUSES = frozenset({"met", "not_met", "unknown"})
EXCLUSION_STATUSES = frozenset({"absent", "present", "unknown"})
OVERALLS = frozenset({"eligible", "not_eligible", "incomplete"})

DERIVED_KEYS = (
    "age_years",
    "alt_x_uln",
    "ast_x_uln",
    "tbil_x_uln",
    "inr_x_uln",
    "aptt_x_uln",
    "creatinine_x_uln",
    "crcl_ml_min",
    "crcl_method",
    "earliest_infusion_date",
)

YES_NO_FIELDS = (
    "expected_survival_3m",
    "aml_diagnosis",
    "allo_hsct",
    "prior_cr",
    "relapse_pb_blasts",
    "bm_blasts_other_cause",
    "relapse_extramedullary",
    "mrd_mfc_positive",
    "donor_available",
    "childbearing_potential",
    "contraception_agreed_12m",
    "informed_consent",
    "cns_involvement",
    "active_infection_iv_14d",
    "hbv_active",
    "hcv_active",
    "hiv_infection",
    "syphilis_active",
    "tb_active",
    "hypersensitivity",
    "contraception_not_guaranteed",
    "lactating",
    "autoimmune_or_immunodeficiency",
    "substance_dependence",
    "investigator_unsuitable",
)
DATE_FIELDS = (
    "date_of_birth",
    "assessment_date",
    "planned_infusion_date",
    "marrow_date",
    "labs_date",
    "echo_date",
    "consent_date",
    "pregnancy_test_date",
)
EVIDENCE_DATE_FIELDS = ("labs_date", "marrow_date", "echo_date", "pregnancy_test_date")
EXPOSURE_FIELDS = (
    "last_systemic_steroid_date",
    "last_radiotherapy_date",
    "last_dli_date",
    "last_intrathecal_date",
    "last_modified_cell_therapy_date",
)
E3_FIELDS = (
    "active_infection_iv_14d",
    "hbv_active",
    "hcv_active",
    "hiv_infection",
    "syphilis_active",
    "tb_active",
)
INTEGER_FIELDS = ("ecog", "agvhd_max_grade")
NUMBER_FIELDS = (
    "relapse_bm_blasts_pct",
    "alt",
    "alt_uln",
    "ast",
    "ast_uln",
    "tbil",
    "tbil_uln",
    "inr",
    "inr_uln",
    "aptt",
    "aptt_uln",
    "creatinine",
    "creatinine_uln",
    "crcl_measured",
    "weight_kg",
    "lvef_pct",
)
CHOICE_FIELDS: dict[str, tuple[str, ...]] = {
    "sex": ("female", "male"),
    "tbil_unit": ("umol/L", "mg/dL"),
    "creatinine_unit": ("umol/L", "mg/dL"),
    "no_cbp_reason": ("postmenopausal", "surgically_sterile", "other"),
    "pregnancy_test": ("positive", "negative", "not_done"),
}
TEXT_FIELDS = ("screening_id", "patient_initials")
LIST_FIELDS = ("antitumor_agents",)

FIELD_IDS = frozenset(
    YES_NO_FIELDS
    + DATE_FIELDS
    + EXPOSURE_FIELDS
    + INTEGER_FIELDS
    + NUMBER_FIELDS
    + tuple(CHOICE_FIELDS)
    + TEXT_FIELDS
    + LIST_FIELDS
)

# Inclusive valid ranges of the spec table (for tbil / creatinine: in umol/L).
NUMBER_RANGES: dict[str, tuple[Decimal, Decimal, bool]] = {
    # field: (low, high, low_inclusive)
    "relapse_bm_blasts_pct": (Decimal(0), Decimal(100), True),
    "alt": (Decimal(0), Decimal(100000), False),
    "alt_uln": (Decimal(0), Decimal(100000), False),
    "ast": (Decimal(0), Decimal(100000), False),
    "ast_uln": (Decimal(0), Decimal(100000), False),
    "tbil": (Decimal(0), Decimal(1000), False),
    "tbil_uln": (Decimal(0), Decimal(1000), False),
    "inr": (Decimal(0), Decimal(20), False),
    "inr_uln": (Decimal(0), Decimal(20), False),
    "aptt": (Decimal(0), Decimal(300), False),
    "aptt_uln": (Decimal(0), Decimal(300), False),
    "creatinine": (Decimal(0), Decimal(3000), False),
    "creatinine_uln": (Decimal(0), Decimal(3000), False),
    "crcl_measured": (Decimal(0), Decimal(300), False),
    "weight_kg": (Decimal(20), Decimal(400), True),
    "lvef_pct": (Decimal(5), Decimal(95), True),
}
INTEGER_RANGES = {"ecog": (0, 5), "agvhd_max_grade": (0, 4)}

# Field ids each criterion reads (directly or through its sub-criteria).
CRITERION_FIELDS: dict[str, tuple[str, ...]] = {
    "I1": ("date_of_birth", "assessment_date"),
    "I2": ("expected_survival_3m",),
    "I3": ("ecog",),
    "I4A": (
        "prior_cr",
        "relapse_pb_blasts",
        "relapse_bm_blasts_pct",
        "bm_blasts_other_cause",
        "relapse_extramedullary",
    ),
    "I4B": ("prior_cr", "mrd_mfc_positive"),
    "I4C": ("agvhd_max_grade",),
    "I4D": ("donor_available",),
    "I5A": ("alt", "alt_uln", "ast", "ast_uln", "tbil", "tbil_uln", "tbil_unit"),
    "I5B": ("inr", "inr_uln", "aptt", "aptt_uln"),
    "I5C": (
        "creatinine",
        "creatinine_uln",
        "creatinine_unit",
        "crcl_measured",
        "weight_kg",
        "date_of_birth",
        "assessment_date",
        "sex",
    ),
    "I5D": ("lvef_pct",),
    "I6": ("sex", "childbearing_potential", "contraception_agreed_12m"),
    "I7": ("informed_consent",),
    "E1": ("cns_involvement",),
    "E2A": ("last_systemic_steroid_date", "planned_infusion_date"),
    "E2B": ("antitumor_agents", "planned_infusion_date"),
    "E2C": ("last_radiotherapy_date", "planned_infusion_date"),
    "E2D": ("last_dli_date", "planned_infusion_date"),
    "E2E": ("last_intrathecal_date", "planned_infusion_date"),
    "E2F": ("last_modified_cell_therapy_date", "planned_infusion_date"),
    "E3": E3_FIELDS,
    "E4": ("hypersensitivity",),
    "E5": ("sex", "childbearing_potential", "contraception_not_guaranteed"),
    "E6": ("sex", "childbearing_potential", "pregnancy_test", "lactating"),
    "E7": ("autoimmune_or_immunodeficiency",),
    "E8": ("substance_dependence",),
    "E9": ("investigator_unsuitable",),
}
CRITERION_FIELDS["I4"] = (
    ("aml_diagnosis", "allo_hsct")
    + CRITERION_FIELDS["I4A"]
    + CRITERION_FIELDS["I4B"]
    + CRITERION_FIELDS["I4C"]
    + CRITERION_FIELDS["I4D"]
)
CRITERION_FIELDS["I5"] = tuple(
    f for sub in ("I5A", "I5B", "I5C", "I5D") for f in CRITERION_FIELDS[sub]
)
CRITERION_FIELDS["E2"] = tuple(f for sub in EXCLUSION_SUB for f in CRITERION_FIELDS[sub])

# Base case dates (eligible_male / eligible_female).
ASSESSMENT = dt.date(2026, 11, 20)
INFUSION = dt.date(2026, 12, 1)


class _Missing:
    """Sentinel: delete this field from the answers."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def load_case(name: str) -> dict[str, Any]:
    """The whole case document ``tests/cases/<name>.json``."""
    data: dict[str, Any] = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))
    return data


def base_answers(sex: str = "male") -> dict[str, Any]:
    """A fresh copy of the answers of the eligible example case for ``sex``."""
    answers: dict[str, Any] = load_case(f"eligible_{sex}")["answers"]
    return copy.deepcopy(answers)


def female_without_cbp() -> dict[str, Any]:
    """An eligible woman without childbearing potential (no pregnancy test needed)."""
    return changed(
        base_answers("female"),
        childbearing_potential="no",
        no_cbp_reason="postmenopausal",
        pregnancy_test=MISSING,
        pregnancy_test_date=MISSING,
    )


def changed(answers: Mapping[str, Any], /, **changes: Any) -> dict[str, Any]:
    """A deep copy of ``answers`` with ``changes`` applied; ``MISSING`` deletes a field."""
    out = copy.deepcopy(dict(answers))
    for key, value in changes.items():
        if value is MISSING:
            out.pop(key, None)
        else:
            out[key] = copy.deepcopy(value)
    return out


def at_assessment(answers: Mapping[str, Any], assessment: str, /, **changes: Any) -> dict[str, Any]:
    """Move ``assessment_date``; drops consent/evidence dates that could fall after it."""
    drop = dict.fromkeys(("consent_date", *EVIDENCE_DATE_FIELDS), MISSING)
    return changed(answers, assessment_date=assessment, **{**drop, **changes})


def iso(day: dt.date) -> str:
    return day.isoformat()


def days_before(day: dt.date, n: int) -> str:
    return (day - dt.timedelta(days=n)).isoformat()


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str
    _json: dict[str, Any] | None = field(default=None, repr=False)

    @property
    def result(self) -> dict[str, Any]:
        """The parsed stdout; fails the test unless the run succeeded with one JSON object."""
        assert self.code == 0, f"exit {self.code}; stderr:\n{self.stderr}"
        if self._json is None:
            parsed = json.loads(self.stdout)
            assert isinstance(parsed, dict), "stdout is not one JSON object"
            self._json = parsed
        return self._json

    @property
    def overall(self) -> str:
        value: str = self.result["overall"]
        return value

    @property
    def criteria(self) -> dict[str, str]:
        value: dict[str, str] = self.result["criteria"]
        return value

    @property
    def derived(self) -> dict[str, Any]:
        value: dict[str, Any] = self.result["derived"]
        return value

    @property
    def missing(self) -> list[str]:
        value: list[str] = self.result["missing"]
        return value

    @property
    def warnings(self) -> list[str]:
        value: list[str] = self.result["warnings"]
        return value

    @property
    def reasons(self) -> list[str]:
        value: list[str] = self.result["reasons"]
        return value

    def status(self, criterion: str) -> str:
        return self.criteria[criterion]

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.strip()]

    def warned(self, field_id: str) -> bool:
        return any(w.startswith(f"{field_id}:") for w in self.warnings)


def run_path(path: Path | str) -> Run:
    """Run ``nkscreen evaluate PATH`` in-process, capturing stdout and stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["evaluate", str(path)])
        except SystemExit as exc:  # tolerated: the contract is about the exit code
            code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
    return Run(code=code, stdout=out.getvalue(), stderr=err.getvalue())


def run_text(text: str) -> Run:
    """Write ``text`` as a case file and evaluate it."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "case.json"
        path.write_text(text, encoding="utf-8")
        return run_path(path)


def run_doc(doc: Any) -> Run:
    return run_text(json.dumps(doc, indent=1))


def evaluate(answers: Mapping[str, Any], /, **changes: Any) -> Run:
    """Evaluate a case with ``answers`` (plus ``changes``, see ``changed``)."""
    return run_doc({"protocol": PROTOCOL, "answers": changed(answers, **changes)})


def evaluate_raw(answers: Mapping[str, Any], /, **literals: str) -> Run:
    """Evaluate with some values written as raw JSON literals (e.g. 40-digit numbers)."""
    doc = {"protocol": PROTOCOL, "answers": changed(answers, **dict.fromkeys(literals, None))}
    text = json.dumps(doc, indent=1)
    for key, literal in literals.items():
        text = text.replace(f'"{key}": null', f'"{key}": {literal}', 1)
    return run_text(text)


FIELD_LINE = re.compile(r"^([A-Za-z0-9_]+):")


def assert_invalid(run: Run, *field_ids: str) -> None:
    """Exit 2, nothing on stdout, no traceback, and a stderr line starting ``<field>:``."""
    assert run.code == 2, f"expected exit 2, got {run.code}; stdout:\n{run.stdout[:400]}"
    assert run.stdout == "", "nothing may be printed on stdout for invalid input"
    assert "Traceback" not in run.stderr
    lines = run.error_lines
    assert lines, "stderr must explain the error"
    for field_id in field_ids:
        assert any(line.startswith(f"{field_id}:") for line in lines), (
            f"no stderr line starts with {field_id!r}:\n{run.stderr}"
        )


def assert_field_lines(run: Run) -> None:
    """Every stderr line names a field: ``<field_id>:`` (or ``antitumor_agents...``)."""
    for line in run.error_lines:
        match = FIELD_LINE.match(line)
        assert match, f"stderr line does not start with '<field_id>:': {line!r}"


def assert_valid_result(run: Run) -> None:
    """Structural checks of the output contract that hold for every successful run."""
    res = run.result
    assert res["protocol"] == PROTOCOL
    assert res["overall"] in OVERALLS
    criteria = res["criteria"]
    assert set(criteria) == ALL_CRITERIA
    for cid in INCLUSION_IDS:
        assert criteria[cid] in INCLUSION_STATUSES, (cid, criteria[cid])
    for cid in EXCLUSION_IDS:
        assert criteria[cid] in EXCLUSION_STATUSES, (cid, criteria[cid])
    assert isinstance(res["reasons"], list)
    assert all(isinstance(r, str) for r in res["reasons"])
    assert isinstance(res["missing"], list)
    assert all(isinstance(m, str) for m in res["missing"])
    assert isinstance(res["warnings"], list)
    assert all(isinstance(w, str) for w in res["warnings"])
    derived = res["derived"]
    for key in DERIVED_KEYS:
        assert key in derived, f"derived.{key} missing"
    for key in DERIVED_KEYS:
        value = derived[key]
        if key == "age_years":
            assert value is None or (isinstance(value, int) and not isinstance(value, bool))
        elif key == "crcl_method":
            assert value in (None, "measured", "cockcroft_gault")
        elif key == "earliest_infusion_date":
            assert value is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", value)
        else:
            assert value is None or (
                isinstance(value, int | float) and not isinstance(value, bool)
            ), f"derived.{key} must be a JSON number or null, got {value!r}"
    # warnings start with a field id
    for warning in res["warnings"]:
        match = FIELD_LINE.match(warning)
        assert match, f"warning not prefixed by a field: {warning!r}"
        assert match.group(1) in FIELD_IDS, f"warning not prefixed by a field: {warning!r}"
    # reasons start with a criterion id
    for reason in res["reasons"]:
        match = FIELD_LINE.match(reason)
        assert match, f"bad reason prefix: {reason!r}"
        assert match.group(1) in ALL_CRITERIA, f"bad reason prefix: {reason!r}"


def expected_overall(criteria: Mapping[str, str]) -> str:
    """The spec's overall rule, applied to the top-level criteria."""
    inc = [criteria[c] for c in INCLUSION_TOP]
    exc = [criteria[c] for c in EXCLUSION_TOP]
    if "not_met" in inc or "present" in exc:
        return "not_eligible"
    if all(s == "met" for s in inc) and all(s == "absent" for s in exc):
        return "eligible"
    return "incomplete"


# --------------------------------------------------------------------------------------------
# Reference model (independent, straight from the spec), three-valued: True / False / None.
# For inclusions True = met; for exclusions True = present.

Tri = bool | None


def k_and(*values: Tri) -> Tri:
    if any(v is False for v in values):
        return False
    if any(v is None for v in values):
        return None
    return True


def k_or(*values: Tri) -> Tri:
    if any(v is True for v in values):
        return True
    if any(v is None for v in values):
        return None
    return False


def k_not(value: Tri) -> Tri:
    return None if value is None else not value


def _yes(answers: Mapping[str, Any], key: str) -> Tri:
    value = answers.get(key)
    return None if value is None else value == "yes"


def _num(answers: Mapping[str, Any], key: str) -> Decimal | None:
    value = answers.get(key)
    if value is None:
        return None
    return Decimal(str(value))


def _date(value: Any) -> dt.date | None:
    return None if value is None else dt.date.fromisoformat(value)


def age_on(born: dt.date, on: dt.date) -> int:
    """Whole years completed (29 February birthdays complete on 1 March in common years)."""
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def months_before(day: dt.date, months: int) -> dt.date:
    """Same calendar day ``months`` earlier, clamped to the month's end."""
    index = day.year * 12 + (day.month - 1) - months
    year, month = divmod(index, 12)
    month += 1
    first_next = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (first_next - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _le_mult(answers: Mapping[str, Any], value: str, uln: str, factor: str) -> Tri:
    v, u = _num(answers, value), _num(answers, uln)
    if v is None or u is None:
        return None
    return v <= Decimal(factor) * u


def reference_crcl(answers: Mapping[str, Any]) -> tuple[Decimal | None, str | None]:
    measured = _num(answers, "crcl_measured")
    if measured is not None:
        return measured, "measured"
    born, assessed = _date(answers.get("date_of_birth")), _date(answers.get("assessment_date"))
    weight, creat = _num(answers, "weight_kg"), _num(answers, "creatinine")
    sex, unit = answers.get("sex"), answers.get("creatinine_unit")
    if None in (born, assessed, weight, creat, sex, unit):
        return None, None
    assert born is not None
    assert assessed is not None
    assert weight is not None
    assert creat is not None
    mg_dl = creat if unit == "mg/dL" else creat / Decimal("88.4")
    factor = Decimal("0.85") if sex == "female" else Decimal(1)
    age = age_on(born, assessed)
    return (140 - age) * weight * factor / (72 * mg_dl), "cockcroft_gault"


def _exposure(answers: Mapping[str, Any], key: str, days: int | None = None) -> Tri:
    value = answers.get(key)
    if value is None:
        return None
    if value == "none":
        return False
    if value == "ongoing":
        return True
    infusion = _date(answers.get("planned_infusion_date"))
    if infusion is None:
        return None
    exposure = dt.date.fromisoformat(value)
    if days is None:  # six months
        return exposure >= months_before(infusion, 6)
    return (infusion - exposure).days <= days


def _agents(answers: Mapping[str, Any]) -> Tri:
    agents = answers.get("antitumor_agents")
    if agents is None:
        return None
    infusion = _date(answers.get("planned_infusion_date"))
    results: list[Tri] = []
    for item in agents:
        if item["last_dose"] == "ongoing":
            results.append(True)
            continue
        if infusion is None:
            results.append(None)
            continue
        window = Decimal(14)
        if item.get("half_life_hours") is not None:
            window = min(window, 5 * Decimal(str(item["half_life_hours"])) / 24)
        days = (infusion - dt.date.fromisoformat(item["last_dose"])).days
        results.append(Decimal(days) <= window)
    return k_or(*results) if results else False


def reference_tristate(answers: Mapping[str, Any]) -> dict[str, Tri]:
    """Every criterion as True/False/None (True = met / present)."""
    a = answers
    r: dict[str, Tri] = {}
    born, assessed = _date(a.get("date_of_birth")), _date(a.get("assessment_date"))
    r["I1"] = None if born is None or assessed is None else age_on(born, assessed) >= 18
    r["I2"] = _yes(a, "expected_survival_3m")
    ecog = a.get("ecog")
    r["I3"] = None if ecog is None else int(Decimal(str(ecog))) <= 2
    blasts = _num(a, "relapse_bm_blasts_pct")
    bm = None if blasts is None else blasts >= 5
    r["I4A"] = k_and(
        _yes(a, "prior_cr"),
        k_or(
            _yes(a, "relapse_pb_blasts"),
            k_and(bm, k_not(_yes(a, "bm_blasts_other_cause"))),
            _yes(a, "relapse_extramedullary"),
        ),
    )
    r["I4B"] = k_and(_yes(a, "prior_cr"), _yes(a, "mrd_mfc_positive"))
    grade = a.get("agvhd_max_grade")
    r["I4C"] = None if grade is None else int(Decimal(str(grade))) < 2
    r["I4D"] = _yes(a, "donor_available")
    r["I4"] = k_and(
        _yes(a, "aml_diagnosis"),
        _yes(a, "allo_hsct"),
        k_or(r["I4A"], r["I4B"]),
        r["I4C"],
        r["I4D"],
    )
    r["I5A"] = k_and(
        _le_mult(a, "alt", "alt_uln", "3"),
        _le_mult(a, "ast", "ast_uln", "3"),
        _le_mult(a, "tbil", "tbil_uln", "2"),
    )
    r["I5B"] = k_or(_le_mult(a, "inr", "inr_uln", "1.5"), _le_mult(a, "aptt", "aptt_uln", "1.5"))
    crcl, _method = reference_crcl(a)
    r["I5C"] = k_or(
        _le_mult(a, "creatinine", "creatinine_uln", "1.5"), None if crcl is None else crcl >= 30
    )
    lvef = _num(a, "lvef_pct")
    r["I5D"] = None if lvef is None else lvef >= 45
    r["I5"] = k_and(r["I5A"], r["I5B"], r["I5C"], r["I5D"])
    sex = a.get("sex")
    female: Tri = None if sex is None else sex == "female"
    applies = k_or(k_not(female), _yes(a, "childbearing_potential"))
    r["I6"] = k_or(k_not(applies), _yes(a, "contraception_agreed_12m"))
    r["I7"] = _yes(a, "informed_consent")
    r["E1"] = _yes(a, "cns_involvement")
    r["E2A"] = _exposure(a, "last_systemic_steroid_date", 3)
    r["E2B"] = _agents(a)
    r["E2C"] = _exposure(a, "last_radiotherapy_date", 28)
    r["E2D"] = _exposure(a, "last_dli_date", 42)
    r["E2E"] = _exposure(a, "last_intrathecal_date", 7)
    r["E2F"] = _exposure(a, "last_modified_cell_therapy_date", None)
    r["E2"] = k_or(*(r[c] for c in EXCLUSION_SUB))
    r["E3"] = k_or(*(_yes(a, f) for f in E3_FIELDS))
    r["E4"] = _yes(a, "hypersensitivity")
    r["E5"] = k_and(applies, _yes(a, "contraception_not_guaranteed"))
    test = a.get("pregnancy_test")
    positive: Tri
    if test == "positive":
        positive = True
    elif test == "negative":
        positive = False
    else:  # not_done or unanswered: unknown only when a test is needed (childbearing potential)
        positive = k_and(_yes(a, "childbearing_potential"), None)
    r["E6"] = k_and(female, k_or(positive, _yes(a, "lactating")))
    r["E7"] = _yes(a, "autoimmune_or_immunodeficiency")
    r["E8"] = _yes(a, "substance_dependence")
    r["E9"] = _yes(a, "investigator_unsuitable")
    return r


def reference_statuses(answers: Mapping[str, Any]) -> dict[str, str]:
    tri = reference_tristate(answers)
    out: dict[str, str] = {}
    for cid, value in tri.items():
        if cid in INCLUSION_IDS:
            out[cid] = {True: "met", False: "not_met", None: "unknown"}[value]
        else:
            out[cid] = {True: "present", False: "absent", None: "unknown"}[value]
    return out


def fields_of(criteria: Iterable[str]) -> set[str]:
    return {f for c in criteria for f in CRITERION_FIELDS[c]}
