"""The protocol file: complete, verbatim, and rejected with located messages when malformed."""

import copy
import json
from pathlib import Path

import pytest

from nkscreen.core.protocol import ProtocolError, builtin_protocol, parse_protocol
from nkscreen.resources import resource_path

REGISTRY = (Path(__file__).parent.parent / "data" / "registry-text.md").read_text("utf-8")
PROTOCOL_FILE = resource_path("protocols", "NCT06641648.json")

CRITERIA = [
    *("I1", "I2", "I3", "I4", "I4A", "I4B", "I4C", "I4D", "I5", "I5A", "I5B", "I5C", "I5D"),
    *("I6", "I7", "E1", "E2", "E2A", "E2B", "E2C", "E2D", "E2E", "E2F"),
    *("E3", "E4", "E5", "E6", "E7", "E8", "E9"),
]
# The spec's data dictionary: these ids are binding (interchange keys, CSV columns).
SPEC_FIELDS = [
    "screening_id",
    "patient_initials",
    "date_of_birth",
    "sex",
    "assessment_date",
    "planned_infusion_date",
    "expected_survival_3m",
    "ecog",
    "aml_diagnosis",
    "allo_hsct",
    "prior_cr",
    "relapse_pb_blasts",
    "relapse_bm_blasts_pct",
    "bm_blasts_other_cause",
    "relapse_extramedullary",
    "mrd_mfc_positive",
    "marrow_date",
    "agvhd_max_grade",
    "donor_available",
    "alt",
    "alt_uln",
    "ast",
    "ast_uln",
    "tbil",
    "tbil_uln",
    "tbil_unit",
    "inr",
    "inr_uln",
    "aptt",
    "aptt_uln",
    "creatinine",
    "creatinine_uln",
    "creatinine_unit",
    "crcl_measured",
    "weight_kg",
    "lvef_pct",
    "labs_date",
    "echo_date",
    "childbearing_potential",
    "no_cbp_reason",
    "contraception_agreed_12m",
    "informed_consent",
    "consent_date",
    "cns_involvement",
    "last_systemic_steroid_date",
    "antitumor_agents",
    "last_radiotherapy_date",
    "last_dli_date",
    "last_intrathecal_date",
    "last_modified_cell_therapy_date",
    "active_infection_iv_14d",
    "hbv_active",
    "hcv_active",
    "hiv_infection",
    "syphilis_active",
    "tb_active",
    "hypersensitivity",
    "contraception_not_guaranteed",
    "pregnancy_test",
    "pregnancy_test_date",
    "lactating",
    "autoimmune_or_immunodeficiency",
    "substance_dependence",
    "investigator_unsuitable",
]


@pytest.fixture(scope="module")
def protocol():
    return builtin_protocol("NCT06641648")


@pytest.fixture
def raw():
    return json.loads(PROTOCOL_FILE.read_text("utf-8"))


def test_every_criterion_and_sub_criterion_is_in_the_file(protocol):
    assert [c.id for c in protocol.all_criteria] == CRITERIA


def test_fields_are_exactly_the_data_dictionary(protocol):
    assert sorted(f.id for f in protocol.fields) == sorted(SPEC_FIELDS)


def test_criterion_texts_are_verbatim_registry_text(protocol):
    for c in protocol.all_criteria:
        assert c.text, c.id
        assert c.text in REGISTRY, c.id


def test_every_field_is_asked_somewhere(protocol):
    asked = {fid for s in protocol.sections for fid in s.fields}
    asked |= {fid for c in protocol.all_criteria for fid in c.fields}
    assert set(SPEC_FIELDS) == asked


def test_numbers_show_their_unit(protocol):
    for f in protocol.fields:
        if f.type == "number" and f.id not in ("inr", "inr_uln"):  # INR is a ratio
            assert f.unit or f.unit_field, f.id


def test_source_hash_is_the_file_hash(protocol):
    import hashlib

    assert protocol.source_sha256 == hashlib.sha256(PROTOCOL_FILE.read_bytes()).hexdigest()


def _problems(data) -> list[str]:
    with pytest.raises(ProtocolError) as info:
        parse_protocol(json.dumps(data).encode(), "test.json")
    return info.value.problems


def test_unknown_field_in_a_rule_is_located(raw):
    raw["criteria"][2]["rule"]["field"] = "ecgo"
    problems = _problems(raw)
    assert any("criterion I3.rule" in p and "'ecgo'" in p for p in problems), problems


def test_shape_errors_name_the_path_and_criterion(raw):
    del raw["criteria"][3]["subcriteria"][1]["label"]
    problems = _problems(raw)
    assert any(p.startswith("criteria[3] (I4).subcriteria[1] (I4B).label") for p in problems)


def test_unknown_rule_operator_is_rejected(raw):
    raw["criteria"][0]["rule"]["op"] = "eval"
    problems = _problems(raw)
    assert any("criteria[0] (I1).rule" in p for p in problems), problems


def test_unknown_keys_are_rejected(raw):
    raw["fields"][0]["colour"] = "red"
    problems = _problems(raw)
    assert any("fields[0] (screening_id).colour" in p for p in problems), problems


def test_reference_to_missing_criterion(raw):
    bad = copy.deepcopy(raw)
    bad["criteria"][4]["rule"]["of"][0]["id"] = "I5Z"
    assert any("unknown criterion 'I5Z'" in p for p in _problems(bad))


def test_unit_factors_must_cover_every_unit(raw):
    tbil = next(f for f in raw["fields"] if f["id"] == "tbil")
    del tbil["unit_factors"]["mg/dL"]
    assert any("field tbil.unit_factors" in p for p in _problems(raw))


def test_not_json_is_reported():
    with pytest.raises(ProtocolError, match="not valid JSON"):
        parse_protocol(b"{", "broken.json")


def test_version_has_its_date(protocol):
    assert protocol.version_date is not None
    assert protocol.version_date.isoformat() == "2026-11-25"


def test_evidence_dates_are_the_source_document_dates(protocol):
    evidence = {f.id for f in protocol.fields if f.role == "evidence_date"}
    assert evidence == {
        "consent_date",
        "labs_date",
        "marrow_date",
        "echo_date",
        "pregnancy_test_date",
    }


def test_an_evidence_date_must_be_a_date_listed_by_a_criterion(raw):
    bad = copy.deepcopy(raw)
    ecog = next(f for f in bad["fields"] if f["id"] == "ecog")
    ecog["role"] = "evidence_date"
    assert any("field ecog: an evidence date must be a date field" in p for p in _problems(bad))
    i7 = next(c for c in raw["criteria"] if c["id"] == "I7")
    i7["fields"].remove("consent_date")
    raw["sections"][0]["fields"].append("consent_date")
    problems = _problems(raw)
    assert any("field consent_date: an evidence date must be listed" in p for p in problems)
