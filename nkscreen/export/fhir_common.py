"""What the FHIR export and import agree on: addresses, code systems and each field's item.

Canonical addresses live under ``https://nkscreen.invalid/fhir`` (the ``.invalid`` top-level
domain never resolves: these are names, and nothing is fetched from them). Units are UCUM
codes where the protocol's unit is one.
"""

from __future__ import annotations

import uuid
from typing import Final, Literal

from nkscreen.core.protocol import FieldDef, Protocol

BASE: Final = "https://nkscreen.invalid/fhir"
UCUM: Final = "http://unitsofmeasure.org"
UNIT_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
UNIT_OPTION_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"
REGEX_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/regex"
MIN_VALUE_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/minValue"
MAX_VALUE_EXTENSION: Final = "http://hl7.org/fhir/StructureDefinition/maxValue"
ENABLE_WHEN_EXPRESSION: Final = (
    "http://hl7.org/fhir/uv/sdc/StructureDefinition/sdc-questionnaire-enableWhenExpression"
)
EXPOSURE_SYSTEM: Final = f"{BASE}/CodeSystem/exposure-status"
#: Units written with the UCUM system; any other unit is written as text only.
UCUM_UNITS: Final = frozenset(
    {"%", "s", "h", "d", "kg", "g", "U/L", "mL/min", "umol/L", "mg/dL", "g/L", "g/dL", "mmol/L"}
)
#: Where a whole record's facts go on its QuestionnaireResponse.
VERDICT_EXTENSION: Final = f"{BASE}/StructureDefinition/eligibility-verdict"
CRITERION_EXTENSION: Final = f"{BASE}/StructureDefinition/criterion-status"
RECORD_VERSION_EXTENSION: Final = f"{BASE}/StructureDefinition/record-version"
RECORD_HASH_EXTENSION: Final = f"{BASE}/StructureDefinition/record-sha256"
AMENDS_EXTENSION: Final = f"{BASE}/StructureDefinition/amends-record-sha256"
PROTOCOL_HASH_EXTENSION: Final = f"{BASE}/StructureDefinition/protocol-sha256"
STATE_EXTENSION: Final = f"{BASE}/StructureDefinition/signature-state-when-exported"
PUBLIC_KEY_EXTENSION: Final = f"{BASE}/StructureDefinition/signature-public-key"
FINGERPRINT_EXTENSION: Final = f"{BASE}/StructureDefinition/signature-key-fingerprint"
ALGORITHM_EXTENSION: Final = f"{BASE}/StructureDefinition/signature-algorithm"
STATEMENT_EXTENSION: Final = f"{BASE}/StructureDefinition/signature-statement"
USER_ID_SYSTEM: Final = f"{BASE}/user-id"

ItemKind = Literal[
    "string", "boolean", "choice", "integer", "decimal", "quantity", "date", "exposure", "agents"
]


def questionnaire_url(protocol_id: str) -> str:
    return f"{BASE}/Questionnaire/{protocol_id}"


def code_system(protocol_id: str, field_id: str) -> str:
    """The code system of one choice field's answers."""
    return f"{BASE}/CodeSystem/{protocol_id}/{field_id}"


def screening_id_system(protocol_id: str) -> str:
    return f"{BASE}/screening-id/{protocol_id}"


def resource_id(hex32: str) -> str:
    """A record's 32-hex-digit id as a UUID (``urn:uuid:`` and FHIR ids use this form)."""
    return str(uuid.UUID(hex=hex32))


def derived_id(hex32: str, suffix: str) -> str:
    """A stable UUID for a resource made from a record (its Provenance n), the same each time."""
    return str(uuid.uuid5(uuid.UUID(hex=hex32), suffix))


def item_kind(protocol: Protocol, f: FieldDef) -> ItemKind:
    """How one protocol field is asked and answered in FHIR."""
    if f.type == "text":
        return "string"
    if f.type == "yes_no":
        return "boolean"
    if f.type == "choice" or (f.type == "integer" and f.choices):
        return "choice"
    if f.type == "integer":
        return "integer"
    if f.type == "number":
        return "quantity" if (f.unit or f.unit_field) else "decimal"
    if f.type == "date":
        return "date"
    if f.type == "exposure_date":
        return "exposure"
    return "agents"


def unit_coding(code: str, display: str = "") -> dict[str, str]:
    """A unit as a Coding: UCUM when it is a UCUM code, else its text alone."""
    if code in UCUM_UNITS:
        return {"system": UCUM, "code": code, "display": display or code}
    return {"display": display or code}


def unit_label(protocol: Protocol, f: FieldDef, code: str) -> str:
    """What a unit is called on screen ("µmol/L" for umol/L, from the unit field's choices)."""
    if f.unit_field is not None:
        labels = protocol.choice_labels.get(f.unit_field, {})
        return labels.get(code, code)
    return code


__all__ = [
    "BASE",
    "ItemKind",
    "code_system",
    "derived_id",
    "item_kind",
    "questionnaire_url",
    "resource_id",
    "screening_id_system",
    "unit_coding",
    "unit_label",
]
