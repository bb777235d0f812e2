"""A protocol: fields, derived values and criteria with declarative rules, as plain frozen
records (:mod:`nkscreen.core.frozen`).

Protocols are data, not code: a second trial needs a new file in ``resources/protocols``, not new
Python. Loading validates the file twice: its shape (pydantic, :mod:`nkscreen.core.protocol_schema`)
and its meaning (every rule names fields, derived values and criteria that exist, every unit has
a conversion factor, :mod:`nkscreen.core.protocol_checks`); either kind of problem is reported
with its place in the file. The protocols shipped with nkscreen were validated by the test
suite, which lists their sha256 (:mod:`nkscreen.core.protocol_validated`): the very same bytes
are built without pydantic at start-up (:mod:`nkscreen.core.protocol_build`), a third of the
app's start-up time and a fifth of its memory otherwise.
"""

from __future__ import annotations

import json
import logging
from datetime import date
from decimal import Decimal
from functools import cache, cached_property
from pathlib import Path
from typing import Literal, TypeAlias

from nkscreen import paths
from nkscreen.core import texts_protocol as _texts  # noqa: F401  (registers the sentences)
from nkscreen.core.digest import sha256_hex
from nkscreen.core.frozen import Record, field
from nkscreen.safe_files import (
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    read_document,
)
from nkscreen.sentences import Sentence, said

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

_log = logging.getLogger(__name__)

# --- rules ----------------------------------------------------------------------------------


class AllRule(Record):
    op: Literal["all"]
    of: list[Rule]


class AnyRule(Record):
    op: Literal["any"]
    of: list[Rule]


class NotRule(Record):
    op: Literal["not"]
    rule: Rule


class EqualsRule(Record):
    """A yes/no, choice or integer answer equals a value; ``if_missing`` when unanswered."""

    op: Literal["equals"]
    field: str
    value: str | int
    if_missing: IfMissing = "unknown"


class CompareRule(Record):
    """A number (an answer or a derived value) compared with a constant, boundaries as written;
    exactly one of ``field`` and ``derived`` is given."""

    op: Literal["compare"]
    field: str | None = None
    derived: str | None = None
    cmp: Comparison
    value: Decimal


class UlnRule(Record):
    """A lab value against a multiple of its upper limit of normal (same unit for both)."""

    op: Literal["uln_limit"]
    value: str
    uln: str
    cmp: Literal["<", "<="] = "<="
    multiple: Decimal
    derived: str | None = None


class CriterionRule(Record):
    """The result of another criterion (for example a parent built from its sub-criteria)."""

    op: Literal["criterion"]
    id: str


class Window(Record):
    amount: int
    unit: Literal["days", "weeks", "months"]


class ExposureRule(Record):
    """Last exposure within a window before the reference date: ``none`` is out, ``ongoing`` in."""

    op: Literal["exposure_within"]
    field: str
    reference: str
    window: Window
    derived_days: str | None = None


class AgentsRule(Record):
    """Any listed agent within min(max_days, half_lives x its half-life) before the reference."""

    op: Literal["agents_within"]
    field: str
    reference: str
    max_days: int
    half_lives: Decimal


#: One rule, told apart by its ``op``.
Rule: TypeAlias = (
    AllRule
    | AnyRule
    | NotRule
    | EqualsRule
    | CompareRule
    | UlnRule
    | CriterionRule
    | ExposureRule
    | AgentsRule
)

# --- fields ---------------------------------------------------------------------------------


class Choice(Record):
    value: str | int
    label: str
    help: str = ""


class Range(Record):
    """Valid range in the field's base unit (the first choice of its unit field)."""

    min: Decimal | None = None
    min_exclusive: bool = False
    max: Decimal | None = None
    max_exclusive: bool = False


class YearsBefore(Record):
    field: str
    years: int


class UlnExample(Record):
    """An example upper limit of normal per sex, shipped with the protocol and labelled as an
    example: a site replaces it with its own laboratory's range in Preferences."""

    female: Decimal | None = None
    male: Decimal | None = None
    #: The unit of both values: one of the lab's unit choices when it has a unit field.
    unit: str = ""


class FieldDef(Record):
    id: str
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
    choices: list[Choice] = field(default_factory=list)
    no_result_values: list[str] = field(default_factory=list)
    range: Range | None = None
    pattern: str | None = None
    pattern_hint: str = ""
    applies_when: Rule | None = None
    not_after: list[str] = field(default_factory=list)
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


class AgeDerived(Record):
    kind: Literal["age_years"]
    id: str
    label: str
    unit: str = ""
    birth: str
    on: str


class UlnMultipleDerived(Record):
    kind: Literal["uln_multiple"]
    id: str
    label: str
    unit: str = ""
    value: str
    uln: str


class CreatinineClearanceDerived(Record):
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


class DaysBeforeDerived(Record):
    kind: Literal["days_before"]
    id: str
    label: str
    unit: str = ""
    exposure: str
    reference: str


class EarliestOutsideWindowsDerived(Record):
    """First date on which every known dated exposure of every window rule is outside it."""

    kind: Literal["earliest_outside_windows"]
    id: str
    label: str


#: One derived value, told apart by its ``kind``.
Derived: TypeAlias = (
    AgeDerived
    | UlnMultipleDerived
    | CreatinineClearanceDerived
    | DaysBeforeDerived
    | EarliestOutsideWindowsDerived
)

# --- criteria and the protocol --------------------------------------------------------------


class Criterion(Record):
    id: str
    kind: Literal["inclusion", "exclusion"]
    label: str
    text: str
    rule: Rule
    fields: list[str] = field(default_factory=list)
    applies_when: Rule | None = None
    not_applicable_reason: str = ""
    subcriteria: list[Criterion] = field(default_factory=list)


class Section(Record):
    id: str
    title: str
    fields: list[str]


class Contradiction(Record):
    """Answers that cannot all be true at once: each named field gets an error."""

    when: dict[str, str]


class RecencyLimit(Record):
    field: str
    relative_to: str
    max_days: int


class Protocol(Record):
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
    derived: list[Derived] = field(default_factory=list)
    criteria: list[Criterion]
    contradictions: list[Contradiction] = field(default_factory=list)
    recency_limits: list[RecencyLimit] = field(default_factory=list)
    #: The sha256 of the file's bytes (a record keeps it, to tell whether the file changed).
    source_sha256: str = ""

    # Look-ups built once per protocol: it is frozen, so they never go stale.
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
        super().__init__(Sentence("pfile.problems", source=source, problems=tuple(problems)))


def parse_protocol(raw: bytes, source: str = "<protocol>") -> Protocol:
    """Validate protocol file bytes, raising :class:`ProtocolError` with located problems.

    A site's protocol file is read like any file someone else could have written: nesting is
    bounded before parsing and text that could never be printed (a lone surrogate) refused.
    Its shape is checked first (pydantic); what it means only once its shape is right.
    """
    from nkscreen.core.protocol_build import protocol_from_data
    from nkscreen.core.protocol_checks import reference_problems
    from nkscreen.core.protocol_schema import shape_problems

    try:
        text = raw.decode("utf-8")
        check_json_text(text)
        data = json.loads(text, parse_float=Decimal)
    except UnicodeDecodeError as exc:
        raise ProtocolError(source, [Sentence("pfile.not_json", error=exc.reason)]) from None
    except JsonDepthError as exc:
        raise ProtocolError(source, [Sentence("pfile.not_json", error=said(exc))]) from None
    except ValueError as exc:  # json.JSONDecodeError, an integer of thousands of digits
        error = clip(str(exc), 200)
        raise ProtocolError(source, [Sentence("pfile.not_json", error=error)]) from None
    where = lone_surrogate_path(text, data)
    if where is not None:
        raise ProtocolError(source, [Sentence("pfile.surrogate", where=where)])
    problems = shape_problems(data)
    if problems:
        raise ProtocolError(source, problems)
    protocol = protocol_from_data(data, sha256_hex(raw))
    problems = reference_problems(protocol)
    if problems:
        raise ProtocolError(source, problems)
    return protocol


#: A protocol file is tens of kB; anything this large is not one.
MAX_PROTOCOL_BYTES = 4 * 1024 * 1024


def load_protocol(path: Path, *, within: Path | None = None) -> Protocol:
    """Read and validate a protocol file: a regular file of bounded size (never a pipe), a
    link only inside ``within`` (see :func:`nkscreen.safe_files.read_document`)."""
    try:
        raw = read_document(path, limit=MAX_PROTOCOL_BYTES, within=within)
    except FileRefusedError as exc:
        raise ProtocolError(str(path), [Sentence("pfile.cannot_read", reason=exc.reason)]) from None
    return parse_protocol(raw, str(path))


def builtin_protocol_ids() -> list[str]:
    return paths.bundled_protocol_ids()


@cache
def builtin_protocol(protocol_id: str) -> Protocol:
    """A protocol shipped in ``resources/protocols``; loaded once per process.

    The file the test suite validated (the same sha256, listed in
    ``resources/protocols/validated.sha256``) is built as it is, without pydantic; any other
    bytes (an edited installation) are validated in full, as a site's file is. Nothing is
    cached on disk: unpickling a file would let whoever can write it run code in the signing
    app, and this needs no cache."""
    from nkscreen.core.protocol_validated import validated_sha256

    if protocol_id not in builtin_protocol_ids():
        raise ProtocolError(protocol_id, [Sentence("pfile.no_such")])

    path = paths.bundled_protocols_dir() / f"{protocol_id}.json"
    try:
        raw = read_document(path, limit=MAX_PROTOCOL_BYTES)
    except FileRefusedError as exc:
        raise ProtocolError(str(path), [Sentence("pfile.cannot_read", reason=exc.reason)]) from None
    sha256 = sha256_hex(raw)
    if validated_sha256().get(path.name) != sha256:
        _log.info("bundled protocol %s is not the file validated at build time: validating", path)
        return parse_protocol(raw, str(path))
    from nkscreen.core.protocol_build import protocol_from_data

    return protocol_from_data(json.loads(raw, parse_float=Decimal), sha256)
