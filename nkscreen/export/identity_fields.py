"""Which answers say who and when a screening is: the one place exports read them from.

The screening id, the patient's initials and the assessment date label every exported row
(the REDCap record id, the screening log's columns, the FHIR subject). The protocol names the
fields that play these roles (``FieldDef.role``: ``screening_number``, ``initials``,
``screening_date``, ``birth_date``), so an export works for any protocol that gives them.
"""

from __future__ import annotations

from dataclasses import dataclass

from nkscreen.core.protocol import Protocol
from nkscreen.records.model import RecordV1


@dataclass(frozen=True, slots=True)
class IdentityFields:
    """The field ids that play each identifying role in one protocol ("" when it has none)."""

    screening_number: str
    initials: str
    screening_date: str
    #: Answers that identify the patient (REDCap's "Identifier?" column): initials and
    #: date of birth, for a de-identified export on the REDCap side.
    identifiers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """One record's screening id, initials and assessment date ("" when not answered)."""

    screening_number: str
    initials: str
    screening_date: str


def identity_fields(protocol: Protocol) -> IdentityFields:
    """The identifying fields of ``protocol``, found by their roles."""
    initials = protocol.role_field("initials")
    birth = protocol.role_field("birth_date")
    return IdentityFields(
        screening_number=protocol.role_field("screening_number") or "",
        initials=initials or "",
        screening_date=protocol.role_field("screening_date") or "",
        identifiers=tuple(f for f in (initials, birth) if f is not None),
    )


def identity_of(record: RecordV1, protocol: Protocol) -> Identity:
    """Who and when ``record`` screened, read through the protocol's identifying fields."""
    fields = identity_fields(protocol)
    return Identity(
        screening_number=record.answer_text(fields.screening_number),
        initials=record.answer_text(fields.initials),
        screening_date=record.answer_text(fields.screening_date),
    )


__all__ = ["Identity", "IdentityFields", "identity_fields", "identity_of"]
