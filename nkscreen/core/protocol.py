"""A protocol file as pydantic models: fields, derived values and criteria with declarative rules.

Protocols are data, not code: a second trial needs a new file in ``resources/protocols``, not new
Python. Loading validates the file twice: its shape (pydantic) and its meaning (every rule names
fields, derived values and criteria that exist, every unit has a conversion factor); either kind
of problem is reported with its place in the file.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from nkscreen import paths
from nkscreen.safe_files import (
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    read_document,
)

FieldType = Literal[
    "text", "yes_no", "choice", "integer", "number", "date", "exposure_date", "agent_list"
]
Comparison = Literal["<", "<=", ">", ">=", "=="]
IfMissing = Literal["unknown", "pass", "fail"]
#: What an answer is for, so generic code never needs to know a protocol's field ids.
#:
#: - ``answer``: an ordinary answer (the default).
#: - ``evidence_date``: the date of the source document behind the criteria that list the
#:   field (consent form, lab report, marrow, echo); it never decides a verdict, and a
#:   printout shows it beside those criteria for a monitor to check.
#: - ``screening_number``, ``initials``: what names a screening in lists, file names and
#:   printouts (pseudonymous: never a patient's name).
#: - ``patient_sex``: the patient's sex (choices ``female`` and ``male``): the site's
#:   reference ranges (ULN) are chosen by it.
#: - ``birth_date``, ``screening_date``, ``first_dose_date``: printed at the top of a
#:   summary; ``screening_date`` dates a screening in lists.
#: - ``lab_value``: a laboratory value; ``uln_field`` names its upper limit of normal.
#: - ``uln``: a lab's upper limit of normal; the site keeps a default for it per sex
#:   (Preferences), ``example_uln`` is shipped as a labelled example.
FieldRole = Literal[
    "answer",
    "evidence_date",
    "screening_number",
    "initials",
    "patient_sex",
    "birth_date",
    "screening_date",
    "first_dose_date",
    "lab_value",
    "uln",
]
#: Roles a protocol gives to at most one field each: they identify and date a screening.
SINGLE_ROLES: tuple[FieldRole, ...] = (
    "screening_number",
    "initials",
    "patient_sex",
    "birth_date",
    "screening_date",
    "first_dose_date",
)
#: The choice values a ``patient_sex`` field must offer (site ULN defaults are kept per sex).
SEX_VALUES: tuple[str, str] = ("female", "male")
_SINGLE_ROLE_TYPES: dict[str, str] = {
    "screening_number": "text",
    "initials": "text",
    "patient_sex": "choice",
    "birth_date": "date",
    "screening_date": "date",
    "first_dose_date": "date",
}
_ID = r"^[A-Za-z][A-Za-z0-9_]*$"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- rules ----------------------------------------------------------------------------------


class AllRule(_Model):
    op: Literal["all"]
    of: list[Rule] = Field(min_length=1)


class AnyRule(_Model):
    op: Literal["any"]
    of: list[Rule] = Field(min_length=1)


class NotRule(_Model):
    op: Literal["not"]
    rule: Rule


class EqualsRule(_Model):
    """A yes/no, choice or integer answer equals a value; ``if_missing`` when unanswered."""

    op: Literal["equals"]
    field: str
    value: str | int
    if_missing: IfMissing = "unknown"


class CompareRule(_Model):
    """A number (an answer or a derived value) compared with a constant, boundaries as written."""

    op: Literal["compare"]
    field: str | None = None
    derived: str | None = None
    cmp: Comparison
    value: Decimal

    @model_validator(mode="after")
    def _one_operand(self) -> CompareRule:
        if (self.field is None) == (self.derived is None):
            raise ValueError("give exactly one of 'field' or 'derived'")
        return self


class UlnRule(_Model):
    """A lab value against a multiple of its upper limit of normal (same unit for both)."""

    op: Literal["uln_limit"]
    value: str
    uln: str
    cmp: Literal["<", "<="] = "<="
    multiple: Decimal = Field(gt=0)
    derived: str | None = None


class CriterionRule(_Model):
    """The result of another criterion (for example a parent built from its sub-criteria)."""

    op: Literal["criterion"]
    id: str


class Window(_Model):
    amount: int = Field(gt=0)
    unit: Literal["days", "weeks", "months"]


class ExposureRule(_Model):
    """Last exposure within a window before the reference date: ``none`` is out, ``ongoing`` in."""

    op: Literal["exposure_within"]
    field: str
    reference: str
    window: Window
    derived_days: str | None = None


class AgentsRule(_Model):
    """Any listed agent within min(max_days, half_lives x its half-life) before the reference."""

    op: Literal["agents_within"]
    field: str
    reference: str
    max_days: int = Field(gt=0)
    half_lives: Decimal = Field(gt=0)


Rule = Annotated[
    AllRule
    | AnyRule
    | NotRule
    | EqualsRule
    | CompareRule
    | UlnRule
    | CriterionRule
    | ExposureRule
    | AgentsRule,
    Field(discriminator="op"),
]

# --- fields ---------------------------------------------------------------------------------


class Choice(_Model):
    value: str | int
    label: str
    help: str = ""


class Range(_Model):
    """Valid range in the field's base unit (the first choice of its unit field)."""

    min: Decimal | None = None
    min_exclusive: bool = False
    max: Decimal | None = None
    max_exclusive: bool = False


class YearsBefore(_Model):
    field: str
    years: int = Field(gt=0)


class UlnExample(_Model):
    """An example upper limit of normal per sex, shipped with the protocol and labelled as an
    example: a site replaces it with its own laboratory's range in Preferences."""

    female: Decimal | None = Field(default=None, gt=0)
    male: Decimal | None = Field(default=None, gt=0)
    #: The unit of both values: one of the lab's unit choices when it has a unit field.
    unit: str = ""


class FieldDef(_Model):
    id: str = Field(pattern=_ID)
    label: str
    type: FieldType
    help: str = ""
    unit: str | None = None
    unit_field: str | None = None
    unit_factors: dict[str, Decimal] | None = None
    choices: list[Choice] = []
    no_result_values: list[str] = []
    range: Range | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    applies_when: Rule | None = None
    not_after: list[str] = []
    max_years_before: YearsBefore | None = None
    required_for_record: bool = False
    role: FieldRole = "answer"
    #: A ``lab_value``'s upper limit of normal (a field with role ``uln``, same unit).
    uln_field: str | None = None
    #: A ``uln`` field's shipped example default (see :class:`UlnExample`).
    example_uln: UlnExample | None = None
    #: How explanations name this date when windows are counted back from it ("14 days
    #: before infusion"); default: the label in lower case.
    reference_name: str = ""

    @property
    def as_reference(self) -> str:
        return self.reference_name or self.label.lower()


# --- derived values -------------------------------------------------------------------------


class AgeDerived(_Model):
    kind: Literal["age_years"]
    id: str
    label: str
    unit: str = ""
    birth: str
    on: str


class UlnMultipleDerived(_Model):
    kind: Literal["uln_multiple"]
    id: str
    label: str
    unit: str = ""
    value: str
    uln: str


class CreatinineClearanceDerived(_Model):
    """Measured clearance when given, else Cockcroft-Gault from age, weight and creatinine."""

    kind: Literal["creatinine_clearance"]
    id: str
    method_id: str
    label: str
    unit: str
    measured: str
    age: str
    weight: str
    serum_creatinine: str
    creatinine_unit_for_formula: str
    patient_sex: str
    female_value: str
    female_factor: Decimal


class DaysBeforeDerived(_Model):
    kind: Literal["days_before"]
    id: str
    label: str
    unit: str = ""
    exposure: str
    reference: str


class EarliestOutsideWindowsDerived(_Model):
    """First date on which every known dated exposure of every window rule is outside it."""

    kind: Literal["earliest_outside_windows"]
    id: str
    label: str


Derived = Annotated[
    AgeDerived
    | UlnMultipleDerived
    | CreatinineClearanceDerived
    | DaysBeforeDerived
    | EarliestOutsideWindowsDerived,
    Field(discriminator="kind"),
]

# --- criteria and the protocol --------------------------------------------------------------


class Criterion(_Model):
    id: str = Field(pattern=_ID)
    kind: Literal["inclusion", "exclusion"]
    label: str
    text: str
    rule: Rule
    fields: list[str] = []
    applies_when: Rule | None = None
    not_applicable_reason: str = ""
    subcriteria: list[Criterion] = []


class Section(_Model):
    id: str = Field(pattern=_ID)
    title: str
    fields: list[str]


class Contradiction(_Model):
    """Answers that cannot all be true at once: each named field gets an error."""

    when: dict[str, str] = Field(min_length=2)


class RecencyLimit(_Model):
    field: str
    relative_to: str
    max_days: int = Field(ge=0)


class Protocol(_Model):
    schema_version: Literal[1]
    id: str
    version: str
    #: The date of this version of the protocol file, printed beside ``version``.
    version_date: date | None = None
    title: str
    short_title: str
    sponsor: str = ""
    registry_source: str = ""
    sections: list[Section]
    fields: list[FieldDef]
    derived: list[Derived] = []
    criteria: list[Criterion]
    contradictions: list[Contradiction] = []
    recency_limits: list[RecencyLimit] = []
    source_sha256: str = ""

    @model_validator(mode="after")
    def _references_resolve(self) -> Protocol:
        problems = list(_reference_problems(self))
        if problems:
            raise ReferenceProblemsError(problems)
        return self

    # Look-ups built once per protocol: the model is frozen, so they never go stale.
    @cached_property
    def field_map(self) -> dict[str, FieldDef]:
        return {f.id: f for f in self.fields}

    @cached_property
    def all_criteria(self) -> list[Criterion]:
        """Every criterion and sub-criterion in protocol order (parents before children)."""
        found: list[Criterion] = []

        def walk(items: list[Criterion]) -> None:
            for item in items:
                found.append(item)
                walk(item.subcriteria)

        walk(self.criteria)
        return found

    @cached_property
    def choice_labels(self) -> dict[str, dict[str | int, str]]:
        return {f.id: {c.value: c.label for c in f.choices} for f in self.fields}

    @cached_property
    def derived_map(self) -> dict[str, Derived]:
        return {d.id: d for d in self.derived}

    @cached_property
    def criterion_map(self) -> dict[str, Criterion]:
        return {c.id: c for c in self.all_criteria}

    @cached_property
    def roles(self) -> dict[str, str]:
        """The field that plays each single role (``screening_number`` -> its field id)."""
        return {f.role: f.id for f in self.fields if f.role in SINGLE_ROLES}

    def role_field(self, role: FieldRole) -> str | None:
        """The id of the field playing ``role``, or None when the protocol has none."""
        return self.roles.get(role)

    @cached_property
    def uln_fields(self) -> list[FieldDef]:
        """Every lab's upper-limit-of-normal field, in protocol order."""
        return [f for f in self.fields if f.role == "uln"]


AllRule.model_rebuild()
AnyRule.model_rebuild()
NotRule.model_rebuild()
FieldDef.model_rebuild()
Criterion.model_rebuild()
Protocol.model_rebuild()


# --- semantic checks ------------------------------------------------------------------------


class ReferenceProblemsError(ValueError):
    """What a well-shaped protocol file gets wrong, one problem by place per item."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def iter_rules(rule: Rule) -> list[Rule]:
    out: list[Rule] = [rule]
    if isinstance(rule, AllRule | AnyRule):
        for child in rule.of:
            out.extend(iter_rules(child))
    elif isinstance(rule, NotRule):
        out.extend(iter_rules(rule.rule))
    return out


def _reference_problems(p: Protocol) -> list[str]:
    fields = {f.id: f for f in p.fields}
    derived = {d.id for d in p.derived}
    problems: list[str] = []
    if len(fields) != len(p.fields):
        problems.append("fields: duplicate field ids")

    def need_field(where: str, fid: str, types: tuple[str, ...] = ()) -> None:
        f = fields.get(fid)
        if f is None:
            problems.append(f"{where}: unknown field {fid!r}")
        elif types and f.type not in types:
            problems.append(f"{where}: field {fid!r} is {f.type}, expected {' or '.join(types)}")

    criteria: dict[str, Criterion] = {}

    def collect(items: list[Criterion], where: str) -> None:
        for i, c in enumerate(items):
            if c.id in criteria:
                problems.append(f"{where}[{i}]: duplicate criterion id {c.id!r}")
            criteria[c.id] = c
            collect(c.subcriteria, f"{where}[{i}] ({c.id}).subcriteria")

    collect(p.criteria, "criteria")

    def check_rule(where: str, rule: Rule) -> None:
        for r in iter_rules(rule):
            if isinstance(r, EqualsRule):
                need_field(where, r.field, ("yes_no", "choice", "integer"))
                f = fields.get(r.field)
                if f is not None and f.type == "yes_no" and r.value not in ("yes", "no"):
                    problems.append(f"{where}: {r.field!r} is yes/no, cannot equal {r.value!r}")
                if f is not None and f.type == "choice" and r.value not in _choice_values(f):
                    problems.append(f"{where}: {r.value!r} is not a choice of {r.field!r}")
            elif isinstance(r, CompareRule):
                if r.field is not None:
                    need_field(where, r.field, ("number", "integer"))
                if r.derived is not None and r.derived not in derived:
                    problems.append(f"{where}: unknown derived value {r.derived!r}")
            elif isinstance(r, UlnRule):
                need_field(where, r.value, ("number",))
                need_field(where, r.uln, ("number",))
                lab = fields.get(r.value)
                if lab is not None and (lab.role != "lab_value" or lab.uln_field != r.uln):
                    problems.append(
                        f"{where}: {r.value!r} is not a lab row whose ULN is {r.uln!r} (give "
                        f"the field role 'lab_value' and uln_field {r.uln!r})"
                    )
            elif isinstance(r, CriterionRule):
                if r.id not in criteria:
                    problems.append(f"{where}: unknown criterion {r.id!r}")
            elif isinstance(r, ExposureRule):
                need_field(where, r.field, ("exposure_date",))
                need_field(where, r.reference, ("date",))
            elif isinstance(r, AgentsRule):
                need_field(where, r.field, ("agent_list",))
                need_field(where, r.reference, ("date",))

    listed = {fid for c in criteria.values() for fid in c.fields}
    for f in p.fields:
        if f.role == "evidence_date" and f.id not in listed:
            problems.append(
                f"field {f.id}: an evidence date must be listed in the fields of the criterion "
                "it supports"
            )
    for cid, c in criteria.items():
        check_rule(f"criterion {cid}.rule", c.rule)
        if c.applies_when is not None:
            check_rule(f"criterion {cid}.applies_when", c.applies_when)
        for fid in c.fields:
            need_field(f"criterion {cid}.fields", fid)
    for f in p.fields:
        where = f"field {f.id}"
        if f.applies_when is not None:
            check_rule(f"{where}.applies_when", f.applies_when)
        for other in f.not_after:
            need_field(f"{where}.not_after", other, ("date",))
        if f.max_years_before is not None:
            need_field(f"{where}.max_years_before", f.max_years_before.field, ("date",))
        if f.role == "evidence_date" and f.type != "date":
            problems.append(f"{where}: an evidence date must be a date field, not {f.type}")
        if f.type in ("choice",) and not f.choices:
            problems.append(f"{where}: a choice field needs choices")
        if f.unit_field is not None:
            need_field(f"{where}.unit_field", f.unit_field, ("choice",))
            uf = fields.get(f.unit_field)
            if uf is not None:
                units = set(_choice_values(uf))
                if f.unit_factors is None or set(f.unit_factors) != units:
                    problems.append(f"{where}.unit_factors: need a factor for each of {units}")
    problems += _role_problems(p, fields)
    for s in p.sections:
        for fid in s.fields:
            need_field(f"section {s.id}.fields", fid)
    for d in p.derived:
        where = f"derived {d.id}"
        if isinstance(d, AgeDerived):
            need_field(where, d.birth, ("date",))
            need_field(where, d.on, ("date",))
        elif isinstance(d, UlnMultipleDerived):
            need_field(where, d.value, ("number",))
            need_field(where, d.uln, ("number",))
        elif isinstance(d, CreatinineClearanceDerived):
            need_field(where, d.measured, ("number",))
            need_field(where, d.weight, ("number",))
            need_field(where, d.serum_creatinine, ("number",))
            need_field(where, d.patient_sex, ("choice",))
            if d.age not in derived:
                problems.append(f"{where}: unknown derived value {d.age!r}")
            cf = fields.get(d.serum_creatinine)
            if cf is not None and d.creatinine_unit_for_formula not in (cf.unit_factors or {}):
                problems.append(f"{where}: no factor for {d.creatinine_unit_for_formula!r}")
        elif isinstance(d, DaysBeforeDerived):
            need_field(where, d.exposure, ("exposure_date",))
            need_field(where, d.reference, ("date",))
    for i, contradiction in enumerate(p.contradictions):
        for fid in contradiction.when:
            need_field(f"contradictions[{i}]", fid)
    for limit in p.recency_limits:
        need_field("recency_limits", limit.field, ("date",))
        need_field("recency_limits", limit.relative_to, ("date",))
    return problems


def _role_problems(p: Protocol, fields: dict[str, FieldDef]) -> list[str]:
    """Roles are what generic code relies on: each single role once, on a field of its type;
    every lab row names a ULN field of the same unit."""
    problems: list[str] = []
    seen: dict[str, str] = {}
    for f in p.fields:
        where = f"field {f.id}"
        if f.role in SINGLE_ROLES:
            if f.role in seen:
                problems.append(f"{where}: role {f.role!r} is already given to {seen[f.role]!r}")
            seen[f.role] = f.id
            wanted = _SINGLE_ROLE_TYPES[f.role]
            if f.type != wanted:
                problems.append(f"{where}: role {f.role!r} needs a {wanted} field, not {f.type}")
        if f.role == "patient_sex" and f.type == "choice":
            values = sorted(str(v) for v in _choice_values(f))
            if values != sorted(SEX_VALUES):
                problems.append(
                    f"{where}: role 'patient_sex' needs exactly the choices "
                    f"{' and '.join(SEX_VALUES)}, not {', '.join(values) or 'none'}"
                )
        if f.uln_field is not None and f.role != "lab_value":
            problems.append(f"{where}.uln_field: only a field with role 'lab_value' names a ULN")
        if f.example_uln is not None and f.role != "uln":
            problems.append(f"{where}.example_uln: only a field with role 'uln' has an example")
        if f.role in ("lab_value", "uln") and f.type != "number":
            problems.append(f"{where}: role {f.role!r} needs a number field, not {f.type}")
        if f.role == "lab_value":
            problems += _lab_row_problems(f, fields)
        if f.role == "uln" and f.example_uln is not None and f.example_uln.unit:
            units = _unit_choices(f, fields)
            if units and f.example_uln.unit not in units:
                problems.append(
                    f"{where}.example_uln.unit: {f.example_uln.unit!r} is not one of "
                    f"{', '.join(units)}"
                )
    ulns = {f.uln_field for f in p.fields if f.role == "lab_value"}
    for f in p.fields:
        if f.role == "uln" and f.id not in ulns:
            problems.append(f"field {f.id}: no lab row (role 'lab_value') names this ULN")
    return problems


def _lab_row_problems(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    where = f"field {f.id}"
    if f.uln_field is None:
        return [f"{where}: a lab row (role 'lab_value') needs uln_field"]
    uln = fields.get(f.uln_field)
    if uln is None:
        return [f"{where}.uln_field: unknown field {f.uln_field!r}"]
    problems: list[str] = []
    if uln.role != "uln":
        problems.append(f"{where}.uln_field: {uln.id!r} needs the role 'uln'")
    if (uln.unit, uln.unit_field) != (f.unit, f.unit_field):
        problems.append(f"{where}.uln_field: {uln.id!r} must have the same unit as {f.id!r}")
    return problems


def _unit_choices(f: FieldDef, fields: dict[str, FieldDef]) -> list[str]:
    unit_field = fields.get(f.unit_field) if f.unit_field else None
    return [str(v) for v in _choice_values(unit_field)] if unit_field is not None else []


def _choice_values(f: FieldDef) -> list[str | int]:
    return [c.value for c in f.choices]


# --- loading --------------------------------------------------------------------------------


class ProtocolError(Exception):
    """A protocol file that cannot be used; ``problems`` says where each problem is."""

    def __init__(self, source: str, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


def _format_location(loc: tuple[int | str, ...], data: object) -> str:
    """Turn a pydantic location into a readable path, naming items by their ids."""
    parts: list[str] = []
    node = data
    for position, item in enumerate(loc):
        if isinstance(item, int):
            label = f"[{item}]"
            if isinstance(node, list) and 0 <= item < len(node):
                node = node[item]
                if isinstance(node, dict) and isinstance(node.get("id"), str):
                    label = f"[{item}] ({node['id']})"
            parts.append(label)
        else:
            if isinstance(node, dict) and item in node:
                node = node[item]
                parts.append(f".{item}")
            elif position == len(loc) - 1:  # a required key that is missing
                parts.append(f".{item}")
            # otherwise pydantic's union tag (e.g. 'all'): not a key of the file
    return "".join(parts).lstrip(".") or "(top level)"


def parse_protocol(raw: bytes, source: str = "<protocol>") -> Protocol:
    """Validate protocol file bytes, raising :class:`ProtocolError` with located problems.

    A site's protocol file is read like any file someone else could have written: nesting is
    bounded before parsing and text that could never be printed (a lone surrogate) refused.
    """
    try:
        text = raw.decode("utf-8")
        check_json_text(text)
        data = json.loads(text, parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise ProtocolError(source, [f"not valid JSON: {exc.reason}"]) from None
    except JsonDepthError as exc:
        raise ProtocolError(source, [f"not valid JSON: {exc}"]) from None
    except ValueError as exc:  # json.JSONDecodeError, an integer of thousands of digits
        raise ProtocolError(source, [f"not valid JSON: {clip(str(exc), 200)}"]) from None
    where = lone_surrogate_path(text, data)
    if where is not None:
        raise ProtocolError(source, [f"{where}: the text holds a lone surrogate escape"])
    try:
        protocol = Protocol.model_validate(data)
    except ValidationError as exc:
        problems: list[str] = []
        for err in exc.errors():
            cause = err.get("ctx", {}).get("error")
            if isinstance(cause, ReferenceProblemsError):  # the meaning: one line per problem
                problems += cause.problems
            else:
                problems.append(f"{_format_location(err['loc'], data)}: {err['msg']}")
        raise ProtocolError(source, problems) from None
    return protocol.model_copy(update={"source_sha256": hashlib.sha256(raw).hexdigest()})


#: A protocol file is tens of kB; anything this large is not one.
MAX_PROTOCOL_BYTES = 4 * 1024 * 1024


def load_protocol(path: Path, *, within: Path | None = None) -> Protocol:
    """Read and validate a protocol file: a regular file of bounded size (never a pipe), a
    link only inside ``within`` (see :func:`nkscreen.safe_files.read_document`)."""
    try:
        raw = read_document(path, limit=MAX_PROTOCOL_BYTES, within=within)
    except FileRefusedError as exc:
        raise ProtocolError(str(path), [f"cannot read: {exc.reason}"]) from None
    return parse_protocol(raw, str(path))


def builtin_protocol_ids() -> list[str]:
    return paths.bundled_protocol_ids()


@cache
def builtin_protocol(protocol_id: str) -> Protocol:
    """A protocol shipped in ``resources/protocols``; loaded once per process."""
    if protocol_id not in builtin_protocol_ids():
        raise ProtocolError(protocol_id, ["no such protocol"])
    return load_protocol(paths.bundled_protocols_dir() / f"{protocol_id}.json")
