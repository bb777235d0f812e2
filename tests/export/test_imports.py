"""Reading EDC files back: each problem is one sentence naming the file's item or column."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkscreen.core.casefile import CaseFileError
from nkscreen.export.imports import parse_import, read_import
from nkscreen.export.run import export_fhir, export_redcap
from nkscreen.export.selection import select_records
from nkscreen.records.store import RecordStore
from tests.export.conftest import CASES, Saver


def _problem(data: bytes) -> str:
    with pytest.raises(CaseFileError) as caught:
        parse_import(data)
    return str(caught.value)


@pytest.fixture
def bundle(store: RecordStore, saver: Saver, tmp_path: Path) -> dict:
    saver.save("eligible_male", "S-1")
    export_fhir(select_records(store), tmp_path / "fhir")
    return json.loads((tmp_path / "fhir" / "NCT06641648_fhir_bundle.json").read_text("utf-8"))


@pytest.fixture
def redcap_text(store: RecordStore, saver: Saver, tmp_path: Path) -> str:
    saver.save("eligible_male", "S-1")
    export_redcap(select_records(store), tmp_path / "edc")
    return (tmp_path / "edc" / "NCT06641648_redcap_import.csv").read_text("utf-8")


def test_a_case_file_still_imports_as_before() -> None:
    [item] = read_import(CASES / "eligible_male.json")
    assert item.label == "Case file"
    assert item.case.answers["screening_id"] == "HX-001"
    assert _problem(b"{not json").startswith("the case file is not valid JSON")


def test_fhir_problems_are_named(bundle: dict) -> None:
    response = next(
        e["resource"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )
    patient = {"resourceType": "Patient", "id": "p1"}
    assert _problem(json.dumps(patient).encode()) == (
        "the FHIR file holds a Patient, not a QuestionnaireResponse (or a Bundle of them)"
    )
    empty = {"resourceType": "Bundle", "type": "collection", "entry": []}
    assert _problem(json.dumps(empty).encode()) == "the FHIR Bundle holds no QuestionnaireResponse"
    foreign = {**response, "questionnaire": "http://example.org/Questionnaire/phq9"}
    assert _problem(json.dumps(foreign).encode()) == (
        "the QuestionnaireResponse answers 'http://example.org/Questionnaire/phq9', "
        "not a questionnaire exported by nkscreen"
    )
    unknown = {**response, "questionnaire": "https://nkscreen.invalid/fhir/Questionnaire/NCT0|1"}
    assert _problem(json.dumps(unknown).encode()).startswith("unknown protocol 'NCT0'")
    text = json.dumps(response).replace('"valueBoolean": true', '"valueString": "yes"', 1)
    assert _problem(text.encode()).startswith("item ")
    assert "valueString is not valueBoolean" in _problem(text.encode())
    surrogate = json.dumps(response).replace('"S-1"', '"S-\\ud800"')
    assert "lone surrogate" in _problem(surrogate.encode())


def test_redcap_problems_are_named(redcap_text: str) -> None:
    assert _problem(b"record_id,age\r\n1,40\r\n").endswith("(it has no nks_protocol column)")
    header = redcap_text.splitlines()[0]
    assert _problem((header + "\r\n").encode()) == "the REDCap file holds no rows"
    extra = redcap_text.replace("screening_id,", "screening_id,shoe_size,", 1)
    lines = extra.splitlines()
    lines[1] = lines[1].replace("S-1,", "S-1,44,", 1)
    assert _problem("\r\n".join(lines).encode()) == (
        "column shoe_size is not a variable of protocol NCT06641648"
    )
    bad = redcap_text.replace(",2026-11-20,", ",20/11/2026,", 1)
    assert _problem(bad.encode()) == (
        "row 2: column assessment_date: '20/11/2026' is not a date YYYY-MM-DD"
    )
    assert _problem(b"\xff\xfe\x00garbage").startswith("the file is not UTF-8 text")


def test_redcaps_own_columns_are_ignored(redcap_text: str) -> None:
    lines = redcap_text.splitlines()
    lines[0] = "redcap_event_name," + lines[0] + ",screening_complete"
    lines[1] = "baseline_arm_1," + lines[1] + ",2"
    [item] = parse_import(("\ufeff" + "\r\n".join(lines) + "\r\n").encode())  # Excel's BOM too
    assert item.case.answers["screening_id"] == "S-1"
    assert item.source_verdict == "eligible"
