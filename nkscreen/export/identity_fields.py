"""Which answers say who and when a screening is: the one place exports read them from.

The screening id, the patient's initials and the assessment date label every exported row
(the REDCap record id, the screening log's columns, the FHIR subject). Today they are fixed
field ids of the protocol files; when protocols name these roles themselves, only this module
changes.
"""

from __future__ import annotations

from dataclasses import dataclass

from nkscreen.core.protocol import Protocol
from nkscreen.records.model import RecordV1


@dataclass(frozen=True, slots=True)
class IdentityFields:
    """The field ids that play each identifying role in one protocol."""

    screening_id: str
    initials: str
    assessment_date: str
    #: Answers that identify the patient (REDCap's "Identifier?" column): initials and
    #: date of birth, for a de-identified export on the REDCap side.
    identifiers: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Identity:
    """One record's screening id, initials and assessment date ("" when not answered)."""

    screening_id: str
    initials: str
    assessment_date: str


def identity_fields(protocol: Protocol) -> IdentityFields:
    """The identifying fields of ``protocol`` (those it defines; fixed ids for now)."""
    known = protocol.field_map
    identifiers = tuple(f for f in ("patient_initials", "date_of_birth") if f in known)
    return IdentityFields(
        screening_id="screening_id",
        initials="patient_initials",
        assessment_date="assessment_date",
        identifiers=identifiers,
    )


def identity_of(record: RecordV1, protocol: Protocol) -> Identity:
    """Who and when ``record`` screened, read through the protocol's identifying fields."""
    fields = identity_fields(protocol)
    return Identity(
        screening_id=record.answer_text(fields.screening_id),
        initials=record.answer_text(fields.initials),
        assessment_date=record.answer_text(fields.assessment_date),
    )


__all__ = ["Identity", "IdentityFields", "identity_fields", "identity_of"]
