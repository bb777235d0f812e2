"""The REDCap data dictionary generated from a protocol file: one variable per answer.

REDCap builds its forms from this 18-column CSV. Two instruments:

- ``screening``: every answer, in the wizard's order, a section header per wizard page. The
  screening id comes first: it is REDCap's record id. Yes/no and choices are radio buttons
  (``1, Yes | 0, No``; a choice of text values is numbered ``1, 2, ...`` in the protocol's
  order; a choice of whole numbers, such as ECOG, keeps its numbers), whole numbers carry the
  ``integer`` validation, decimals ``number`` (with the protocol's valid range where the unit
  is fixed), dates ``date_ymd``. Units are in the label and the field note, never in a value.
  A date of exposure that may be "none" or "ongoing" is two variables: ``<id>_status``
  (``1, A date | 0, None | 2, Ongoing``) and the date itself. A list of anti-tumour agents is
  ``<id>_count`` and :data:`AGENT_SLOTS` numbered slots (agent, last dose, ongoing, half-life).
  Applicability (``applies_when``) becomes branching logic.
- ``nkscreen_record``: what the record adds: protocol id, version and sha256, the record's
  id, version, content hash and the hash of the version it amends, the verdict, each
  criterion's status, the signers, the signature times (ISO 8601 with their UTC offset) and
  the signatures' state when exported.

Variable names come from :mod:`nkscreen.export.redcap_names`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Final

from nkscreen.core import display
from nkscreen.core.protocol import FieldDef, Protocol
from nkscreen.export.identity_fields import identity_fields
from nkscreen.export.layout import field_groups
from nkscreen.export.redcap_branching import BranchingLogic, both
from nkscreen.export.redcap_names import check_unique, variable_name

COLUMNS: Final = (
    "Variable / Field Name",
    "Form Name",
    "Section Header",
    "Field Type",
    "Field Label",
    "Choices, Calculations, OR Slider Labels",
    "Field Note",
    "Text Validation Type OR Show Slider Number",
    "Text Validation Min",
    "Text Validation Max",
    "Identifier?",
    "Branching Logic (Show field only if...)",
    "Required Field?",
    "Custom Alignment",
    "Question Number (surveys only)",
    "Matrix Group Name",
    "Matrix Ranking?",
    "Field Annotation",
)
FORM_ANSWERS: Final = "screening"
FORM_RECORD: Final = "nkscreen_record"
#: Anti-tumour agents a REDCap row has room for; a record listing more is not exported.
AGENT_SLOTS: Final = 8


@dataclass(frozen=True, slots=True)
class Choice:
    """One radio button: the code REDCap stores, the nkscreen value, the label shown."""

    code: str
    value: str | int
    label: str


YES_NO: Final = (Choice("1", "yes", "Yes"), Choice("0", "no", "No"))
EXPOSURE_STATUS: Final = (
    Choice("1", "date", "A date (next field)"),
    Choice("0", "none", "None"),
    Choice("2", "ongoing", "Ongoing"),
)
VERDICTS: Final = (
    Choice("1", "eligible", "Eligible"),
    Choice("0", "not_eligible", "Not eligible"),
    Choice("9", "incomplete", "Incomplete"),
)
INCLUSION_STATUS: Final = (
    Choice("1", "met", "Met"),
    Choice("0", "not_met", "Not met"),
    Choice("9", "unknown", "Unknown"),
)
EXCLUSION_STATUS: Final = (
    Choice("0", "absent", "Absent"),
    Choice("1", "present", "Present"),
    Choice("9", "unknown", "Unknown"),
)
SIGNED: Final = (Choice("1", "signed", "Signed"), Choice("0", "draft", "Not signed (draft)"))

#: The record's own variables (form ``nkscreen_record``): key, type, label, validation.
RECORD_FIELDS: Final = (
    ("nks_protocol", "text", "Protocol (trial id)", ""),
    ("nks_protocol_version", "text", "Protocol version", ""),
    ("nks_protocol_sha256", "text", "Protocol file sha256", ""),
    ("nks_record_id", "text", "nkscreen record id", ""),
    ("nks_version", "text", "Record version", "integer"),
    ("nks_previous_sha256", "text", "Amends the version with this content sha256", ""),
    ("nks_record_sha256", "text", "Record content sha256 (RFC 8785)", ""),
    ("nks_signed", "radio", "Signed", ""),
    ("nks_verdict", "radio", "Verdict", ""),
    ("nks_signer", "text", "Signed by (first signature)", ""),
    ("nks_signature_meaning", "text", "Meaning of the first signature", ""),
    ("nks_signed_at", "text", "Signed at (ISO 8601 with UTC offset)", ""),
    ("nks_signatures", "notes", "Every signature", ""),
    ("nks_signature_state", "text", "Signature state when exported", ""),
)
#: Where the criteria's statuses go, after these record fields.
_CRITERIA_AFTER: Final = "nks_verdict"


class DictionaryError(ValueError):
    """The protocol cannot be expressed as a REDCap project; ``str()`` says why."""


@dataclass(frozen=True, slots=True)
class RedcapField:
    """One row of the data dictionary, and what it carries.

    ``source`` is the nkscreen field id (or criterion id, or record key) and ``part`` which
    piece of it: ``value``, ``status``/``date`` (a date of exposure), ``count``, and per agent
    slot ``agent``, ``last_dose``, ``ongoing``, ``half_life``; ``criterion``; ``record``.
    """

    name: str
    form: str
    field_type: str
    label: str
    source: str
    part: str = "value"
    slot: int = 0
    section: str = ""
    choices: tuple[Choice, ...] = ()
    note: str = ""
    validation: str = ""
    minimum: str = ""
    maximum: str = ""
    identifier: bool = False
    branching: str = ""
    required: bool = False
    annotation: str = ""

    def row(self) -> list[str]:
        """The 18 cells of this variable's dictionary row."""
        choices = " | ".join(f"{c.code}, {_clean(c.label)}" for c in self.choices)
        return [
            self.name,
            self.form,
            self.section,
            self.field_type,
            _clean(self.label),
            choices,
            self.note,
            self.validation,
            self.minimum,
            self.maximum,
            "y" if self.identifier else "",
            self.branching,
            "y" if self.required else "",
            "",
            "",
            "",
            "",
            self.annotation,
        ]

    def code_of(self, value: object) -> str | None:
        """The REDCap code of an nkscreen choice value; None if it is not one."""
        return next((c.code for c in self.choices if c.value == value), None)

    def value_of(self, code: str) -> str | int | None:
        """The nkscreen value of a REDCap code; None if it is not one."""
        return next((c.value for c in self.choices if c.code == code), None)


@dataclass(frozen=True, slots=True)
class RedcapDictionary:
    """Every variable of one protocol's REDCap project, in the dictionary's order."""

    protocol: Protocol
    fields: tuple[RedcapField, ...]

    @property
    def names(self) -> list[str]:
        return [f.name for f in self.fields]

    def rows(self) -> list[list[str]]:
        return [list(COLUMNS)] + [f.row() for f in self.fields]

    def record_field(self, key: str) -> RedcapField:
        return next(f for f in self.fields if f.part == "record" and f.source == key)

    def parts_of(self, source: str) -> list[RedcapField]:
        """The variables carrying one nkscreen field (one, or several for dates of exposure
        and agent lists)."""
        return [f for f in self.fields if f.source == source and f.part not in _NOT_ANSWERS]


_NOT_ANSWERS: Final = frozenset({"record", "criterion"})


def _clean(text: str) -> str:
    """A label on one line, without the ``|`` that separates REDCap choices."""
    return " ".join(text.replace("|", "/").split())


def field_choices(f: FieldDef) -> tuple[Choice, ...]:
    """The radio buttons of a yes/no or choice field (none for other types)."""
    if f.type == "yes_no":
        return YES_NO
    if f.type == "choice" or (f.type == "integer" and f.choices):
        numbered = f.type == "choice" and any(not isinstance(c.value, int) for c in f.choices)
        return tuple(
            Choice(str(index + 1) if numbered else str(c.value), c.value, c.label)
            for index, c in enumerate(f.choices)
        )
    return ()


# ---------------------------------------------------------------- building


def _bound(value: Decimal | None) -> str:
    return "" if value is None else display.plain(value)


class _Builder:
    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.ids = identity_fields(protocol)
        self.names = {f.id: variable_name(f.id) for f in protocol.fields}
        self.logic = BranchingLogic(self.names, self._code)

    def _code(self, field_id: str, value: str | int) -> str:
        choices = field_choices(self.protocol.field_map[field_id])
        return next((c.code for c in choices if c.value == value), str(value))

    def answer_fields(self) -> Iterator[RedcapField]:
        groups = field_groups(self.protocol)
        first = self.ids.screening_number
        if first not in self.protocol.field_map:
            raise DictionaryError(
                f"protocol {self.protocol.id} has no screening number field (role "
                "screening_number) to be the REDCap record id"
            )
        yield from self.of_field(self.protocol.field_map[first], groups[0].title)
        for group in groups:
            section = "" if group is groups[0] else group.title
            for fid in group.fields:
                if fid == first:
                    continue
                for item in self.of_field(self.protocol.field_map[fid], section):
                    yield item
                    section = ""

    def of_field(self, f: FieldDef, section: str) -> Iterator[RedcapField]:
        name = self.names[f.id]
        applies = ""
        annotation = f"nkscreen field {f.id}"
        if f.applies_when is not None:
            logic = self.logic.of(f.applies_when)
            if logic is None:
                annotation += "; shown always: its applicability cannot be written as branching"
            applies = logic or ""
        common = RedcapField(
            name,
            form=FORM_ANSWERS,
            field_type="text",
            label=f.label,
            source=f.id,
            identifier=f.id in self.ids.identifiers,
            required=f.required_for_record,
            annotation=annotation,
        )
        unit = f.unit or ""
        label = f"{f.label} ({unit})" if unit else f.label
        if f.type == "exposure_date":
            status = variable_name(f"{f.id}_status")
            yield replace(
                common,
                name=status,
                field_type="radio",
                label=f"{f.label}: last exposure",
                part="status",
                section=section,
                choices=EXPOSURE_STATUS,
                branching=applies,
            )
            yield replace(
                common,
                name=name,
                field_type="text",
                label=f"{f.label}: date",
                part="date",
                validation="date_ymd",
                note="YYYY-MM-DD",
                branching=both(applies, f"[{status}] = '1'"),
            )
            return
        if f.type == "agent_list":
            yield from self.agent_slots(f, section, applies, common)
            return
        choices = field_choices(f)
        if choices:
            yield replace(
                common,
                name=name,
                field_type="radio",
                label=label,
                section=section,
                choices=choices,
                branching=applies,
            )
            return
        validation = {"integer": "integer", "number": "number", "date": "date_ymd"}.get(f.type, "")
        note = unit or f.pattern_hint
        if f.unit_field is not None:
            unit_label = self.protocol.field_map[f.unit_field].label
            note = f"in the unit given in '{unit_label}'"
        elif f.type == "date":
            note = "YYYY-MM-DD"
        fixed_range = f.range is not None and f.unit_field is None
        yield replace(
            common,
            name=name,
            field_type="text",
            label=label,
            section=section,
            note=note,
            validation=validation,
            minimum=_bound(f.range.min) if fixed_range and f.range else "",
            maximum=_bound(f.range.max) if fixed_range and f.range else "",
            branching=applies,
        )

    def agent_slots(
        self, f: FieldDef, section: str, applies: str, common: RedcapField
    ) -> Iterator[RedcapField]:
        count = variable_name(f"{f.id}_count")
        yield replace(
            common,
            name=count,
            field_type="text",
            label=f"{f.label}: number of agents (0 for none)",
            part="count",
            section=section,
            validation="integer",
            minimum="0",
            maximum=str(AGENT_SLOTS),
            branching=applies,
        )
        for slot in range(1, AGENT_SLOTS + 1):
            shown = both(applies, f"[{count}] >= {slot}")
            ongoing = variable_name(f"{f.id}_{slot}_ongoing")
            yield replace(
                common,
                name=variable_name(f"{f.id}_{slot}"),
                field_type="text",
                label=f"{f.label}: agent {slot}",
                part="agent",
                slot=slot,
                branching=shown,
            )
            yield replace(
                common,
                name=ongoing,
                field_type="radio",
                label=f"{f.label}: agent {slot} still given (ongoing)",
                part="ongoing",
                slot=slot,
                choices=YES_NO,
                branching=shown,
            )
            yield replace(
                common,
                name=variable_name(f"{f.id}_{slot}_last"),
                field_type="text",
                label=f"{f.label}: agent {slot} last dose",
                part="last_dose",
                slot=slot,
                validation="date_ymd",
                note="YYYY-MM-DD",
                branching=both(shown, f"[{ongoing}] = '0'"),
            )
            yield replace(
                common,
                name=variable_name(f"{f.id}_{slot}_hl"),
                field_type="text",
                label=f"{f.label}: agent {slot} half-life (h), if known",
                part="half_life",
                slot=slot,
                validation="number",
                note="h",
                branching=shown,
            )

    def record_fields(self) -> Iterator[RedcapField]:
        section = "nkscreen record: verdict, criteria and signatures"
        choices = {"nks_signed": SIGNED, "nks_verdict": VERDICTS}
        for key, field_type, label, validation in RECORD_FIELDS:
            yield RedcapField(
                variable_name(key),
                form=FORM_RECORD,
                field_type=field_type,
                label=label,
                source=key,
                part="record",
                section=section,
                choices=choices.get(key, ()),
                validation=validation,
            )
            section = ""
            if key == _CRITERIA_AFTER:
                yield from self.criteria_fields()

    def criteria_fields(self) -> Iterator[RedcapField]:
        for c in self.protocol.all_criteria:
            kind = "Inclusion" if c.kind == "inclusion" else "Exclusion"
            yield RedcapField(
                variable_name(f"crit_{c.id}"),
                form=FORM_RECORD,
                field_type="radio",
                label=f"{kind} {c.id}: {c.label}",
                source=c.id,
                part="criterion",
                choices=INCLUSION_STATUS if c.kind == "inclusion" else EXCLUSION_STATUS,
                annotation=f"nkscreen criterion {c.id}",
            )


def build_dictionary(protocol: Protocol) -> RedcapDictionary:
    """The REDCap project of ``protocol``; :class:`DictionaryError` if it cannot be one."""
    builder = _Builder(protocol)
    fields = (*builder.answer_fields(), *builder.record_fields())
    try:
        check_unique(
            (f"{f.source}:{f.part}:{f.slot}" if f.part != "value" else f.source, f.name)
            for f in fields
        )
    except ValueError as exc:
        raise DictionaryError(f"protocol {protocol.id}: {exc}") from None
    return RedcapDictionary(protocol, fields)


__all__ = [
    "AGENT_SLOTS",
    "COLUMNS",
    "FORM_ANSWERS",
    "FORM_RECORD",
    "Choice",
    "DictionaryError",
    "RedcapDictionary",
    "RedcapField",
    "build_dictionary",
    "field_choices",
]
