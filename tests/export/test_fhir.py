"""FHIR: every exported resource validates as R4(B), and the answers come back unchanged."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from fhir.resources.R4B import get_fhir_model_class

from nkscreen.core.protocol import Protocol
from nkscreen.export import fhir
from nkscreen.export.fhir_questionnaire import questionnaire
from nkscreen.export.imports import parse_import
from nkscreen.export.jsonout import dumps
from nkscreen.export.selection import select_records
from nkscreen.records.signing import signing_payload
from nkscreen.records.store import RecordStore
from tests.export.conftest import RECORD_CASES, Saver, same_answers_and_verdict

NOW = datetime(2026, 12, 1, 14, 0, tzinfo=UTC)
UNIT = "http://hl7.org/fhir/StructureDefinition/questionnaire-unit"
UNIT_OPTION = "http://hl7.org/fhir/StructureDefinition/questionnaire-unitOption"


def validate(resource: dict[str, Any]) -> None:
    """The resource as the R4B models of fhir.resources accept it (raises otherwise)."""
    model = get_fhir_model_class(resource["resourceType"])
    model.model_validate(resource)


def exported_bundle(store: RecordStore, protocol: Protocol, **options: Any) -> dict[str, Any]:
    """The bundle as written to disk, read back with exact decimals."""
    selection = select_records(store, **options)
    resources = [r for item in selection.records for r in fhir.record_resources(item)]
    text = fhir.bundle_json(fhir.bundle(protocol, resources, NOW))
    return json.loads(text, parse_float=Decimal)


def resources(bundle: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == kind]


def items(resource: dict[str, Any]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}

    def walk(nodes: list[dict[str, Any]]) -> None:
        for node in nodes:
            found.setdefault(node["linkId"], node)
            walk(node.get("item", []))

    walk(resource["item"])
    return found


def test_questionnaire_is_valid_and_asks_every_field(protocol: Protocol) -> None:
    q = questionnaire(protocol)
    validate(q)
    asked = items(q)
    assert set(protocol.field_map) <= set(asked)  # linkId = field id
    alt = asked["alt"]
    assert alt["type"] == "quantity"
    assert alt["extension"] == [
        {
            "url": UNIT,
            "valueCoding": {"system": "http://unitsofmeasure.org", "code": "U/L", "display": "U/L"},
        }
    ]
    tbil_units = [
        e["valueCoding"]["code"] for e in asked["tbil"]["extension"] if e["url"] == UNIT_OPTION
    ]
    assert tbil_units == ["umol/L", "mg/dL"]
    assert asked["inr"]["type"] == "decimal"
    assert asked["informed_consent"]["type"] == "boolean"
    assert asked["sex"]["type"] == "choice"
    assert asked["ecog"]["answerOption"][0]["valueCoding"]["code"] == "0"
    assert asked["consent_date"]["type"] == "date"
    assert asked["childbearing_potential"]["enableWhen"] == [
        {
            "question": "sex",
            "operator": "=",
            "answerCoding": {
                "system": "https://nkscreen.invalid/fhir/CodeSystem/NCT06641648/sex",
                "code": "female",
                "display": "Female",
            },
        }
    ]
    assert asked["no_cbp_reason"]["enableBehavior"] == "all"
    nested = asked["contraception_agreed_12m"]["extension"][0]
    assert nested["url"].endswith("sdc-questionnaire-enableWhenExpression")
    assert "linkId='sex'" in nested["valueExpression"]["expression"]
    assert asked["last_dli_date.date"]["enableWhen"][0]["question"] == "last_dli_date.status"
    assert asked["antitumor_agents.agent"]["repeats"] is True


def test_every_resource_of_the_bundle_validates(
    protocol: Protocol, store: RecordStore, saver: Saver, approver
) -> None:
    saver.save("eligible_male", "S-1")
    saver.save("pregnant", "S-2", signers=((saver.author, "authorship"), (approver, "approval")))
    v1 = saver.save("alt_4x", "S-3")
    saver.amend(v1, alt=150)
    saver.save("eligible_female", "S-4", signers=())
    bundle = exported_bundle(store, protocol, include_drafts=True)
    validate(bundle)
    assert bundle["type"] == "collection"
    for entry in bundle["entry"]:
        validate(entry["resource"])
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds.count("Questionnaire") == 1
    assert kinds.count("QuestionnaireResponse") == 4
    assert kinds.count("Provenance") == 4  # one per signature; the draft has none
    full_urls = [e["fullUrl"] for e in bundle["entry"]]
    assert len(set(full_urls)) == len(full_urls)


def test_responses_carry_typed_answers_and_the_record(
    protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    saver.save("eligible_male", "S-1", inr=Decimal("1.10"))
    saver.save("eligible_female", "S-2", signers=())
    bundle = exported_bundle(store, protocol, include_drafts=True)
    by_sid = {
        r["subject"]["identifier"]["value"]: r for r in resources(bundle, "QuestionnaireResponse")
    }
    signed, draft = by_sid["S-1"], by_sid["S-2"]
    assert signed["status"] == "completed"
    assert draft["status"] == "in-progress"
    answers = items(signed)
    assert answers["inr"]["answer"] == [{"valueDecimal": Decimal("1.10")}]  # digits kept
    assert answers["alt"]["answer"][0]["valueQuantity"] == {
        "value": 45,
        "unit": "U/L",
        "system": "http://unitsofmeasure.org",
        "code": "U/L",
    }
    assert answers["tbil"]["answer"][0]["valueQuantity"]["unit"] == "µmol/L"
    assert answers["sex"]["answer"][0]["valueCoding"]["code"] == "male"
    assert answers["consent_date"]["answer"] == [{"valueDate": "2026-11-18"}]
    assert answers["informed_consent"]["answer"] == [{"valueBoolean": True}]
    assert answers["ecog"]["answer"][0]["valueCoding"]["code"] == "1"
    assert "childbearing_potential" not in answers  # not asked of a man
    extensions = {e["url"].rsplit("/", 1)[1]: e for e in signed["extension"]}
    assert extensions["eligibility-verdict"]["valueCode"] == "eligible"
    assert extensions["record-version"]["valueInteger"] == 1
    assert signed["questionnaire"].startswith(
        "https://nkscreen.invalid/fhir/Questionnaire/NCT06641648|"
    )


def test_provenance_holds_the_signature_and_its_key(
    protocol: Protocol, store: RecordStore, saver: Saver, approver
) -> None:
    path = saver.save(
        "pregnant", "S-2", signers=((saver.author, "authorship"), (approver, "approval"))
    )
    loaded = store.load(path)
    bundle = exported_bundle(store, protocol)
    [response] = resources(bundle, "QuestionnaireResponse")
    provenances = resources(bundle, "Provenance")
    assert len(provenances) == 2
    response_url = next(
        e["fullUrl"]
        for e in bundle["entry"]
        if e["resource"] is response or e["resource"] == response
    )
    for index, (prov, signature) in enumerate(
        zip(provenances, loaded.record.signatures, strict=True)
    ):
        m = signature.manifestation
        assert prov["target"] == [{"reference": response_url}]
        assert prov["recorded"] == m.signed_at.isoformat()
        [sig] = prov["signature"]
        assert sig["when"] == m.signed_at.isoformat()
        assert sig["who"]["identifier"]["value"] == m.user_id
        assert sig["data"] == signature.value
        key = next(
            e["valueBase64Binary"] for e in sig["extension"] if e["url"].endswith("public-key")
        )
        # what the Provenance carries verifies against the nkscreen record it names
        payload = signing_payload(loaded.raw, index, loaded.raw["signatures"][index])
        Ed25519PublicKey.from_public_bytes(base64.b64decode(key)).verify(
            base64.b64decode(sig["data"]), payload
        )
    types = [p["signature"][0]["type"][0]["display"] for p in provenances]
    assert types == ["Author's Signature", "Validation Signature"]
    agents = [p["agent"][0]["type"]["coding"][0]["code"] for p in provenances]
    assert agents == ["author", "attester"]


@pytest.mark.parametrize("case", RECORD_CASES)
def test_round_trip_record_fhir_response_case(
    case: str, protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    path = saver.save(case, "RT-1")
    bundle = exported_bundle(store, protocol)
    [imported] = parse_import(fhir.bundle_json(bundle))
    record = store.load(path).record
    assert imported.source_verdict == record.verdict
    same_answers_and_verdict(protocol, dict(imported.case.answers), record)
    # a response on its own reads the same
    [alone] = parse_import(dumps(resources(bundle, "QuestionnaireResponse")[0]).encode())
    assert alone.case.answers == imported.case.answers


def test_agents_and_exposures_round_trip(
    protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    agents = [
        {"agent": "cytarabine", "last_dose": "2026-11-01"},
        {"agent": "venetoclax", "last_dose": "ongoing", "half_life_hours": Decimal("26.5")},
    ]
    path = saver.save(
        "eligible_male",
        "S-1",
        antitumor_agents=agents,
        last_dli_date="ongoing",
        last_radiotherapy_date="2026-10-01",
    )
    bundle = exported_bundle(store, protocol)
    validate(bundle)
    [imported] = parse_import(fhir.bundle_json(bundle))
    answers = imported.case.answers
    assert answers["antitumor_agents"] == [
        {"agent": "cytarabine", "last_dose": "2026-11-01"},
        {"agent": "venetoclax", "last_dose": "ongoing", "half_life_hours": Decimal("26.5")},
    ]
    assert answers["last_dli_date"] == "ongoing"
    assert answers["last_radiotherapy_date"] == "2026-10-01"
    same_answers_and_verdict(protocol, dict(answers), store.load(path).record)
