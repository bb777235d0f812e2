"""FHIR R4 resources for signed screenings: QuestionnaireResponse, Provenance, Bundle.

Each record becomes a QuestionnaireResponse answering the protocol's Questionnaire
(:mod:`nkscreen.export.fhir_questionnaire`): ``completed`` when signed, ``in-progress`` for a
draft; numbers as ``valueDecimal`` / ``valueInteger`` / ``valueQuantity`` (UCUM units), dates
as ``valueDate``, choices as ``valueCoding``, yes/no as ``valueBoolean``. The record's id,
version, content hash, the hash of the version it amends, its verdict and every criterion's
status ride along as extensions. Each signature becomes a Provenance whose ``signature``
carries who, when, the ASTM signature type of its meaning, the Ed25519 signature value and
the public key (extensions); its ``entity`` names the nkscreen record the signature was made
over: the signature verifies against that record's RFC 8785 bytes, not against this JSON.
Everything is collected in one Bundle of type ``collection``.

The resources are plain dicts; :func:`bundle_json` writes decimals with their digits.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime
from typing import Any, Final

from nkscreen import __version__
from nkscreen.core.protocol import FieldDef, Protocol
from nkscreen.export import fhir_common as fc
from nkscreen.export.fhir_questionnaire import (
    choice_coding,
    exposure_coding,
    questionnaire,
)
from nkscreen.export.jsonout import dumps
from nkscreen.export.layout import field_groups
from nkscreen.export.problems import NotExportableError
from nkscreen.export.selection import Outgoing
from nkscreen.export.values import date_text, exact_number
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.model import Manifestation, Signature

Json = dict[str, Any]

#: ASTM E1762 signature types for the meanings a signature declares.
SIGNATURE_TYPES: Final[dict[str, tuple[str, str]]] = {
    "authorship": ("1.2.840.10065.1.12.1.1", "Author's Signature"),
    "review": ("1.2.840.10065.1.12.1.5", "Verification Signature"),
    "approval": ("1.2.840.10065.1.12.1.6", "Validation Signature"),
}
#: The Provenance agent type for each meaning.
AGENT_TYPES: Final[dict[str, tuple[str, str]]] = {
    "authorship": ("author", "Author"),
    "review": ("verifier", "Verifier"),
    "approval": ("attester", "Attester"),
}
ASTM_SYSTEM: Final = "urn:iso-astm:E1762-95:2013"
PARTICIPANT_SYSTEM: Final = "http://terminology.hl7.org/CodeSystem/provenance-participant-type"
ALGORITHM_TEXT: Final = (
    "Ed25519 over the RFC 8785 canonical bytes of the nkscreen record "
    "(nkscreen screening record signature, version 1)"
)


# ---------------------------------------------------------------- answers


class _Answers:
    """Turns one record's stored answers into QuestionnaireResponse items."""

    def __init__(self, protocol: Protocol, answers: dict[str, Any]) -> None:
        self.protocol = protocol
        self.answers = answers

    def quantity(self, f: FieldDef, value: object) -> Json:
        quantity: Json = {"value": exact_number(value, f"answer {f.id}")}
        unit = f.unit
        if f.unit_field is not None:
            chosen = self.answers.get(f.unit_field)
            unit = chosen if isinstance(chosen, str) else None
        if unit:
            coding = fc.unit_coding(unit, fc.unit_label(self.protocol, f, unit))
            quantity["unit"] = coding["display"]
            if "code" in coding:
                quantity.update(system=coding["system"], code=coding["code"])
        return quantity

    def answer(self, f: FieldDef, value: object) -> list[Json]:
        kind = fc.item_kind(self.protocol, f)
        where = f"answer {f.id}"
        if kind == "string":
            if not isinstance(value, str):
                raise NotExportableError(f"{where}: {value!r} is not text")
            return [{"valueString": value}]
        if kind == "boolean":
            if value not in ("yes", "no"):
                raise NotExportableError(f"{where}: {value!r} is not yes or no")
            return [{"valueBoolean": value == "yes"}]
        if kind == "choice":
            if value not in self.protocol.choice_labels.get(f.id, {}):
                raise NotExportableError(f"{where}: {value!r} is not one of its choices")
            return [{"valueCoding": choice_coding(self.protocol, f, value)}]
        if kind == "integer":
            number = exact_number(value, where)
            if not isinstance(number, int):
                raise NotExportableError(f"{where}: {value!r} is not a whole number")
            return [{"valueInteger": number}]
        if kind == "decimal":
            return [{"valueDecimal": exact_number(value, where)}]
        if kind == "quantity":
            return [{"valueQuantity": self.quantity(f, value)}]
        return [{"valueDate": date_text(value, where)}]

    def exposure(self, f: FieldDef, value: object) -> list[Json]:
        code = value if value in ("none", "ongoing") else "date"
        items: list[Json] = [
            {"linkId": f"{f.id}.status", "answer": [{"valueCoding": exposure_coding(str(code))}]}
        ]
        if code == "date":
            day = date_text(value, f"answer {f.id}")
            items.append({"linkId": f"{f.id}.date", "answer": [{"valueDate": day}]})
        return items

    def agents(self, f: FieldDef, value: object) -> list[Json]:
        where = f"answer {f.id}"
        if not isinstance(value, list):
            raise NotExportableError(f"{where}: not a list of agents")
        items: list[Json] = [{"linkId": f"{f.id}.any", "answer": [{"valueBoolean": bool(value)}]}]
        for index, agent in enumerate(value, start=1):
            if not isinstance(agent, dict) or not isinstance(agent.get("agent"), str):
                raise NotExportableError(f"{where}: agent {index} is not an agent")
            last = agent.get("last_dose")
            parts: list[Json] = [
                {"linkId": f"{f.id}.agent.name", "answer": [{"valueString": agent["agent"]}]},
                {
                    "linkId": f"{f.id}.agent.ongoing",
                    "answer": [{"valueBoolean": last == "ongoing"}],
                },
            ]
            if last != "ongoing":
                day = date_text(last, f"{where}, agent {index}")
                parts.append({"linkId": f"{f.id}.agent.last_dose", "answer": [{"valueDate": day}]})
            if agent.get("half_life_hours") is not None:
                hours = exact_number(agent["half_life_hours"], f"{where}, agent {index}")
                quantity = {"value": hours, "unit": "h", "system": fc.UCUM, "code": "h"}
                parts.append(
                    {"linkId": f"{f.id}.agent.half_life", "answer": [{"valueQuantity": quantity}]}
                )
            items.append({"linkId": f"{f.id}.agent", "text": "Agent", "item": parts})
        return items

    def item(self, f: FieldDef) -> Json | None:
        value = self.answers.get(f.id)
        if value is None:
            return None
        kind = fc.item_kind(self.protocol, f)
        item: Json = {"linkId": f.id, "text": f.label}
        if kind == "exposure":
            item["item"] = self.exposure(f, value)
        elif kind == "agents":
            item["item"] = self.agents(f, value)
        else:
            item["answer"] = self.answer(f, value)
        return item

    def pages(self) -> list[Json]:
        known = self.protocol.field_map
        unknown = sorted(k for k in self.answers if k not in known)
        if unknown:
            raise NotExportableError(
                f"answers {', '.join(unknown)} have no field in protocol {self.protocol.id} "
                f"version {self.protocol.version}"
            )
        pages = []
        for group in field_groups(self.protocol):
            items = [self.item(known[fid]) for fid in group.fields]
            answered = [i for i in items if i is not None]
            if answered:
                pages.append({"linkId": f"page:{group.key}", "text": group.title, "item": answered})
        return pages


# ---------------------------------------------------------------- resources


def _who(m: Manifestation) -> Json:
    return {
        "identifier": {"system": fc.USER_ID_SYSTEM, "value": m.user_id},
        "display": f"{m.name}, {m.role}",
    }


def _record_extensions(item: Outgoing, content_hash: str) -> list[Json]:
    record = item.loaded.record
    extensions: list[Json] = [
        {"url": fc.VERDICT_EXTENSION, "valueCode": record.verdict or "incomplete"},
        {"url": fc.RECORD_VERSION_EXTENSION, "valueInteger": record.version},
        {"url": fc.RECORD_HASH_EXTENSION, "valueString": content_hash},
    ]
    if record.previous is not None:
        extensions.append({"url": fc.AMENDS_EXTENSION, "valueString": record.previous.sha256})
    extensions += [
        {"url": fc.PROTOCOL_HASH_EXTENSION, "valueString": record.protocol.sha256},
        {"url": fc.STATE_EXTENSION, "valueCode": item.loaded.verification.state.value},
    ]
    saved = record.evaluation.get("criteria")
    for cid, status in (saved if isinstance(saved, dict) else {}).items():
        if isinstance(status, str):
            extensions.append(
                {
                    "url": fc.CRITERION_EXTENSION,
                    "extension": [
                        {"url": "criterion", "valueString": cid},
                        {"url": "status", "valueCode": status},
                    ],
                }
            )
    return extensions


def _content_hash(item: Outgoing) -> str:
    try:
        return record_hash(item.loaded.raw)
    except CanonicalizationError:
        raise NotExportableError("its content hash cannot be computed") from None


def questionnaire_response(item: Outgoing) -> Json:
    """The QuestionnaireResponse of one record; :class:`NotExportableError` if impossible."""
    record = item.loaded.record
    protocol = item.protocol
    content_hash = _content_hash(item)
    sid = item.identity.screening_number
    response: Json = {
        "resourceType": "QuestionnaireResponse",
        "id": fc.resource_id(record.record_id),
        "extension": _record_extensions(item, content_hash),
        "identifier": {
            "system": "urn:ietf:rfc:3986",
            "value": f"urn:uuid:{fc.resource_id(record.record_id)}",
        },
        "questionnaire": f"{fc.questionnaire_url(protocol.id)}|{protocol.version}",
        "status": "completed" if record.is_signed else "in-progress",
        "subject": {
            "identifier": {"system": fc.screening_id_system(protocol.id), "value": sid},
            "display": f"Screening {sid}",
        },
        "authored": record.saved_at.isoformat(),
    }
    if record.signatures:
        response["author"] = _who(record.signatures[0].manifestation)
    response["item"] = _Answers(protocol, dict(record.answers)).pages()
    return response


def provenance(item: Outgoing, index: int, signature: Signature, content_hash: str) -> Json:
    """The Provenance of signature ``index`` of a record (its who, when, value and key)."""
    record = item.loaded.record
    m = signature.manifestation
    code, display_text = SIGNATURE_TYPES[m.meaning]
    agent_code, agent_display = AGENT_TYPES[m.meaning]
    when = m.signed_at.isoformat()
    record_uuid = fc.resource_id(record.record_id)
    return {
        "resourceType": "Provenance",
        "id": fc.derived_id(record.record_id, f"signature {index + 1}"),
        "target": [{"reference": f"urn:uuid:{record_uuid}"}],
        "recorded": when,
        "agent": [
            {
                "type": {
                    "coding": [
                        {"system": PARTICIPANT_SYSTEM, "code": agent_code, "display": agent_display}
                    ]
                },
                "role": [{"text": m.role}],
                "who": _who(m),
            }
        ],
        "entity": [
            {
                "role": "source",
                "what": {
                    "identifier": {
                        "system": "urn:ietf:rfc:3986",
                        "value": f"urn:uuid:{record_uuid}",
                    },
                    "display": (
                        f"nkscreen record {item.loaded.path.name}, version {record.version}, "
                        f"sha256 {content_hash}"
                    ),
                },
            }
        ],
        "signature": [
            {
                "extension": [
                    {"url": fc.PUBLIC_KEY_EXTENSION, "valueBase64Binary": signature.public_key},
                    {"url": fc.FINGERPRINT_EXTENSION, "valueString": m.key_fingerprint},
                    {"url": fc.ALGORITHM_EXTENSION, "valueString": ALGORITHM_TEXT},
                    {"url": fc.STATEMENT_EXTENSION, "valueString": m.statement},
                ],
                "type": [{"system": ASTM_SYSTEM, "code": code, "display": display_text}],
                "when": when,
                "who": _who(m),
                "sigFormat": "application/octet-stream",
                "data": signature.value,
            }
        ],
    }


def record_resources(item: Outgoing) -> list[Json]:
    """The QuestionnaireResponse of a record followed by a Provenance per signature."""
    response = questionnaire_response(item)
    content_hash = _content_hash(item)
    signatures = item.loaded.record.signatures
    return [response] + [provenance(item, i, s, content_hash) for i, s in enumerate(signatures)]


def _full_url(resource: Json) -> str:
    if resource["resourceType"] == "Questionnaire":
        return str(resource["url"])
    return f"urn:uuid:{resource['id']}"


def bundle(protocol: Protocol, resources: Sequence[Json], timestamp: datetime) -> Json:
    """A collection Bundle: the Questionnaire, then each record's resources."""
    entries = [questionnaire(protocol), *resources]
    digest = ",".join(str(r.get("id", "")) for r in entries)
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{fc.BASE}/Bundle/{protocol.id}/{digest}")),
        "meta": {"tag": [{"system": f"{fc.BASE}/exported-by", "code": f"nkscreen-{__version__}"}]},
        "type": "collection",
        "timestamp": timestamp.isoformat(),
        "entry": [{"fullUrl": _full_url(r), "resource": r} for r in entries],
    }


def bundle_json(document: Json) -> bytes:
    """The Bundle as UTF-8 JSON, decimals written with their digits."""
    return dumps(document).encode("utf-8")


__all__ = [
    "SIGNATURE_TYPES",
    "bundle",
    "bundle_json",
    "provenance",
    "questionnaire_response",
    "record_resources",
]
