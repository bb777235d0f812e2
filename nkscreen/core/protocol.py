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
SINGLE_ROLE_TYPES: dict[str, str] = {
    "screening_number": "text",
    "initials": "text",
    "patient_sex": "choice",
    "birth_date": "date",
    "screening_date": "date",
    "first_dose_date": "date",
}
_ID = r"^[A-Za-z][A-Za-z0-9_]*$"


class _Model(BaseModel):
    # Schemas are built when a protocol is first validated, not at import (start-up time).
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


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
    #: Each unit's factor to the field's base unit (value x factor = value in the base unit).
    #: With ``unit_field``: one per unit choice, the answer kept in the unit chosen. With a
    #: fixed ``unit``: the units the value may also be typed in (``unit`` itself at 1); the
    #: answer is kept in ``unit`` (see :mod:`nkscreen.core.units`).
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
    #: An answer that may stay empty (a measured value used instead of a calculated one): a
    #: person is never told it is missing. ``evaluate``'s ``missing`` still lists it when it
    #: could decide an unknown criterion, as the specification reads.
    optional: bool = False
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
        from nkscreen.core.protocol_checks import reference_problems  # it needs these models

        problems = reference_problems(self)
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
    """A protocol shipped in ``resources/protocols``; loaded and validated once per process.

    Not cached across processes: a pickled copy in the user's cache saved nothing measurable at
    start (0.434 s vs 0.447 s to ready), and unpickling a file from disk would let whoever can
    write it run code inside the signing app."""
    if protocol_id not in builtin_protocol_ids():
        raise ProtocolError(protocol_id, ["no such protocol"])

    path = paths.bundled_protocols_dir() / f"{protocol_id}.json"
    try:
        raw = read_document(path, limit=MAX_PROTOCOL_BYTES)
    except FileRefusedError as exc:
        raise ProtocolError(str(path), [f"cannot read: {exc.reason}"]) from None
    return parse_protocol(raw, str(path))
