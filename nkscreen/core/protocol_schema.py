"""The shape of a protocol file, checked by pydantic: types, required keys, no unknown keys,
ranges and id patterns, one rule kind per ``op`` and one derived kind per ``kind``.

Imported only when a file must be validated (a site's protocol file, the ``protocol check``
command, the tests): the app loads the protocols it ships without pydantic, from files whose
sha256 the test suite validated (see :mod:`nkscreen.core.protocol_validated`). The classes
mirror :mod:`nkscreen.core.protocol`'s, field by field (a test holds them together); what a
file means (every reference resolves) is checked on the built protocol by
:mod:`nkscreen.core.protocol_checks`.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from nkscreen.core.protocol import Comparison, FieldRole, FieldType, IfMissing
from nkscreen.sentences import Sentence

_ID = r"^[A-Za-z][A-Za-z0-9_]*$"


class _Model(BaseModel):
    # Schemas are built when a protocol is first validated, not at import.
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
    optional: bool = False
    role: FieldRole = "answer"
    #: A ``lab_value``'s upper limit of normal (a field with role ``uln``, same unit).
    uln_field: str | None = None
    #: A ``uln`` field's shipped example default (see :class:`UlnExample`).
    example_uln: UlnExample | None = None
    #: How explanations name this date when windows are counted back from it ("14 days
    #: before infusion"); default: the label in lower case.
    reference_name: str = ""


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
    return "".join(parts).lstrip(".") or Sentence("pfile.top_level")


def shape_problems(data: Any) -> list[str]:
    """Every problem of shape in a parsed protocol file, each by its place; [] when none."""
    try:
        Protocol.model_validate(data)
    except ValidationError as exc:
        return [
            Sentence("pfile.shape", where=_format_location(err["loc"], data), message=err["msg"])
            for err in exc.errors()
        ]
    return []
