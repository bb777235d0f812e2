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

from nkscreen.resources import resource_path

FieldType = Literal[
    "text", "yes_no", "choice", "integer", "number", "date", "exposure_date", "agent_list"
]
Comparison = Literal["<", "<=", ">", ">=", "=="]
IfMissing = Literal["unknown", "pass", "fail"]
#: What an answer is for. ``evidence_date``: the date of the source document behind the
#: criteria that list the field (consent form, lab report, marrow, echo); it never decides a
#: verdict, and a printout shows it beside those criteria for a monitor to check.
FieldRole = Literal["answer", "evidence_date"]
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
    creatinine: str
    creatinine_unit_for_formula: str
    sex: str
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
            raise ValueError("; ".join(problems))
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


AllRule.model_rebuild()
AnyRule.model_rebuild()
NotRule.model_rebuild()
FieldDef.model_rebuild()
Criterion.model_rebuild()
Protocol.model_rebuild()


# --- semantic checks ------------------------------------------------------------------------


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
            need_field(where, d.creatinine, ("number",))
            need_field(where, d.sex, ("choice",))
            if d.age not in derived:
                problems.append(f"{where}: unknown derived value {d.age!r}")
            cf = fields.get(d.creatinine)
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
    """Validate protocol file bytes, raising :class:`ProtocolError` with located problems."""
    try:
        data = json.loads(raw, parse_float=Decimal)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ProtocolError(source, [f"not valid JSON: {exc}"]) from None
    try:
        protocol = Protocol.model_validate(data)
    except ValidationError as exc:
        problems = [f"{_format_location(err['loc'], data)}: {err['msg']}" for err in exc.errors()]
        raise ProtocolError(source, problems) from None
    return protocol.model_copy(update={"source_sha256": hashlib.sha256(raw).hexdigest()})


def load_protocol(path: Path) -> Protocol:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolError(str(path), [f"cannot read: {exc.strerror}"]) from None
    return parse_protocol(raw, str(path))


def builtin_protocol_ids() -> list[str]:
    # ``NCT06641648.zh_CN.json`` beside a protocol is its translation, not a protocol
    # (see nkscreen.core.protocol_texts): protocol ids never contain a dot.
    return sorted(p.stem for p in resource_path("protocols").glob("*.json") if "." not in p.stem)


@cache
def builtin_protocol(protocol_id: str) -> Protocol:
    """A protocol shipped in ``resources/protocols``; loaded once per process."""
    path = resource_path("protocols") / f"{protocol_id}.json"
    if protocol_id not in builtin_protocol_ids():
        raise ProtocolError(protocol_id, ["no such protocol"])
    return load_protocol(path)
