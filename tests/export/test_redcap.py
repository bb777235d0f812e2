"""REDCap: the 18-column data dictionary from the protocol, the import file, and back."""

from __future__ import annotations

import csv
import io
import re

import pytest

from nkscreen.core.protocol import Protocol
from nkscreen.export.imports import parse_import
from nkscreen.export.redcap import answers_from_row, import_csv, record_row
from nkscreen.export.redcap_dictionary import AGENT_SLOTS, COLUMNS, build_dictionary
from nkscreen.export.redcap_names import (
    MAX_NAME_LENGTH,
    RedcapNameError,
    check_unique,
    variable_name,
)
from nkscreen.export.selection import select_records
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.store import RecordStore
from tests.export.conftest import RECORD_CASES, Saver, same_answers_and_verdict

#: REDCap's data dictionary columns, in REDCap's order (its upload refuses any other).
REDCAP_COLUMNS = [
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
]


def _csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


@pytest.fixture
def rows_by_name(protocol: Protocol) -> dict[str, dict[str, str]]:
    dictionary = build_dictionary(protocol)
    return {row[0]: dict(zip(REDCAP_COLUMNS, row, strict=True)) for row in dictionary.rows()[1:]}


def test_dictionary_has_the_18_standard_columns(protocol: Protocol) -> None:
    from nkscreen.export.redcap import dictionary_csv

    rows = _csv(dictionary_csv(build_dictionary(protocol)))
    assert list(COLUMNS) == REDCAP_COLUMNS
    assert rows[0] == REDCAP_COLUMNS
    assert all(len(row) == 18 for row in rows)
    assert rows[1][0] == "screening_id"  # the first variable is REDCap's record id
    assert rows[1][1] == "screening"


def test_variable_names_are_valid_unique_and_short(protocol: Protocol) -> None:
    names = build_dictionary(protocol).names
    assert len(names) == len(set(names))
    for name in names:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", name), name
        assert len(name) <= MAX_NAME_LENGTH, name
    # every protocol field is there; the long ones under their documented short names
    assert variable_name("last_modified_cell_therapy_date") == "last_modified_cell_th_f198"
    assert "last_modified_cell_th_f198" in names
    assert {"alt", "alt_uln", "tbil_unit", "crit_i4a", "nks_verdict"} <= set(names)


def test_variable_name_mapping_rules() -> None:
    assert variable_name("ALT") == "alt"
    assert variable_name("I4A-b") == "i4a_b"
    assert variable_name("1st_dose") == "v_1st_dose"
    long = variable_name("a_very_long_field_identifier_beyond_26")
    assert len(long) == 26
    assert long.startswith("a_very_long_field_ide_")
    assert variable_name("a_very_long_field_identifier_beyond_26") == long  # deterministic
    with pytest.raises(RedcapNameError, match="'Alt' and 'alt'"):
        check_unique([("Alt", variable_name("Alt")), ("alt", variable_name("alt"))])


def test_field_types_validations_choices_and_units(rows_by_name) -> None:
    yes_no = rows_by_name["informed_consent"]
    assert (yes_no["Field Type"], yes_no["Choices, Calculations, OR Slider Labels"]) == (
        "radio",
        "1, Yes | 0, No",
    )
    assert rows_by_name["sex"]["Choices, Calculations, OR Slider Labels"] == "1, Female | 2, Male"
    ecog = rows_by_name["ecog"]["Choices, Calculations, OR Slider Labels"]
    assert ecog.startswith("0, 0: Fully active")
    assert "| 5, 5: Dead" in ecog
    alt = rows_by_name["alt"]
    assert alt["Field Label"] == "ALT (U/L)"
    assert alt["Field Note"] == "U/L"
    assert alt["Text Validation Type OR Show Slider Number"] == "number"
    lvef = rows_by_name["lvef_pct"]
    assert (lvef["Text Validation Min"], lvef["Text Validation Max"]) == ("5", "95")
    tbil = rows_by_name["tbil"]  # its unit is chosen per patient: no fixed range
    assert tbil["Text Validation Min"] == ""
    assert "Bilirubin unit" in tbil["Field Note"]
    assert rows_by_name["assessment_date"]["Text Validation Type OR Show Slider Number"] == (
        "date_ymd"
    )
    assert rows_by_name["antitumor_agents_count"]["Text Validation Type OR Show Slider Number"] == (
        "integer"
    )
    assert rows_by_name["patient_initials"]["Identifier?"] == "y"
    assert rows_by_name["date_of_birth"]["Identifier?"] == "y"
    assert rows_by_name["screening_id"]["Required Field?"] == "y"


def test_applicability_becomes_branching_logic(rows_by_name) -> None:
    logic = "Branching Logic (Show field only if...)"
    assert rows_by_name["childbearing_potential"][logic] == "[sex] = '1'"
    assert rows_by_name["contraception_agreed_12m"][logic] == (
        "([sex] = '2') or (([sex] = '1') and ([childbearing_potential] = '1'))"
    )
    assert rows_by_name["last_dli_date"][logic] == "[last_dli_date_status] = '1'"
    assert rows_by_name["antitumor_agents_2_last"][logic] == (
        "([antitumor_agents_count] >= 2) and ([antitumor_agents_2_ongoing] = '0')"
    )


def test_record_variables_verdict_criteria_and_signatures(protocol: Protocol, rows_by_name) -> None:
    verdict = rows_by_name["nks_verdict"]
    assert verdict["Form Name"] == "nkscreen_record"
    assert verdict["Choices, Calculations, OR Slider Labels"] == (
        "1, Eligible | 0, Not eligible | 9, Incomplete"
    )
    for c in protocol.all_criteria:
        assert f"crit_{c.id.lower()}" in rows_by_name
    assert rows_by_name["crit_i1"]["Choices, Calculations, OR Slider Labels"] == (
        "1, Met | 0, Not met | 9, Unknown"
    )
    assert rows_by_name["crit_e6"]["Choices, Calculations, OR Slider Labels"] == (
        "0, Absent | 1, Present | 9, Unknown"
    )
    for name in ("nks_signer", "nks_signed_at", "nks_record_sha256", "nks_previous_sha256"):
        assert name in rows_by_name


def test_import_file_columns_are_the_dictionary_variables(
    protocol: Protocol, store: RecordStore, saver: Saver, approver
) -> None:
    saver.save("eligible_male", "S-1", signers=None)
    saver.save("alt_4x", "S-2")
    signed_twice = saver.save(
        "pregnant", "S-3", signers=((saver.author, "authorship"), (approver, "approval"))
    )
    dictionary = build_dictionary(protocol)
    selection = select_records(store)
    rows = _csv(import_csv(dictionary, [record_row(o, dictionary) for o in selection.records]))
    assert rows[0] == dictionary.names
    assert [r[0] for r in rows[1:]] == ["S-1", "S-2", "S-3"]  # record id = screening id
    by_id = {r[0]: dict(zip(rows[0], r, strict=True)) for r in rows[1:]}
    male = by_id["S-1"]
    assert male["alt"] == "45"  # no unit inside a value
    assert male["inr"] == "1.1"
    assert male["sex"] == "2"
    assert male["childbearing_potential"] == ""
    assert male["assessment_date"] == "2026-11-20"
    assert male["nks_verdict"] == "1"
    assert male["crit_i5"] == "1"
    assert male["crit_e1"] == "0"
    assert by_id["S-2"]["nks_verdict"] == "0"
    assert by_id["S-2"]["crit_i5"] == "0"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", male["nks_signed_at"])
    assert male["nks_signer"] == "Dr Li Wei (liwei), Sub-investigator"
    loaded = store.load(signed_twice)
    twice = by_id["S-3"]
    assert twice["nks_record_sha256"] == record_hash(loaded.raw)
    assert twice["nks_signatures"].count("\n") == 1
    assert "Prof Zhang Min (zhangmin, PI) as approval" in twice["nks_signatures"]
    for row in by_id.values():
        for name in dictionary.names:
            assert not re.search(r"\d\s*(U/L|mg/dL|umol/L|kg|%)$", row[name]), (name, row[name])


def test_versions_map_to_one_row_of_the_newest_signed_version(
    protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    v1 = saver.save("eligible_male", "S-1")
    v2 = saver.amend(v1, weight_kg=68)
    dictionary = build_dictionary(protocol)
    selection = select_records(store)
    rows = [record_row(o, dictionary) for o in selection.records]
    assert len(rows) == 1
    assert rows[0]["nks_version"] == "2"
    assert rows[0]["weight_kg"] == "68"
    assert rows[0]["nks_previous_sha256"] == record_hash(store.load(v1).raw)
    assert rows[0]["nks_record_sha256"] == record_hash(store.load(v2).raw)


def test_agents_fill_slots_and_too_many_cannot_go(
    protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    agents = [
        {"agent": "cytarabine", "last_dose": "2026-11-01"},
        {"agent": "venetoclax", "last_dose": "ongoing", "half_life_hours": "26.5"},
    ]
    saver.save("eligible_male", "S-1", antitumor_agents=agents)
    many = [{"agent": f"agent {i}", "last_dose": "2026-10-01"} for i in range(AGENT_SLOTS + 1)]
    saver.save("eligible_male", "S-2", antitumor_agents=many)
    dictionary = build_dictionary(protocol)
    selection = select_records(store)
    first = record_row(selection.records[0], dictionary)
    assert first["antitumor_agents_count"] == "2"
    assert (first["antitumor_agents_1"], first["antitumor_agents_1_last"]) == (
        "cytarabine",
        "2026-11-01",
    )
    assert first["antitumor_agents_2_ongoing"] == "1"
    assert first["antitumor_agents_2_last"] == ""
    assert first["antitumor_agents_2_hl"] == "26.5"
    from nkscreen.export.problems import NotExportableError

    with pytest.raises(NotExportableError, match="9 agents, but a REDCap row has room for 8"):
        record_row(selection.records[1], dictionary)


@pytest.mark.parametrize("case", RECORD_CASES)
def test_round_trip_record_redcap_row_case(
    case: str, protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    path = saver.save(case, "RT-1")
    dictionary = build_dictionary(protocol)
    [item] = select_records(store).records
    data = import_csv(dictionary, [record_row(item, dictionary)])
    [imported] = parse_import(data)
    record = store.load(path).record
    assert imported.source_verdict == record.verdict
    assert imported.label == "Screening RT-1, version 1 (REDCap row 2)"
    same_answers_and_verdict(protocol, dict(imported.case.answers), record)


def test_a_bad_value_in_a_row_is_named(
    protocol: Protocol, store: RecordStore, saver: Saver
) -> None:
    saver.save("eligible_male", "S-1")
    dictionary = build_dictionary(protocol)
    row = record_row(select_records(store).records[0], dictionary)
    row["sex"] = "7"
    row["alt"] = "forty"
    answers, problems = answers_from_row(row, dictionary)
    assert "sex" not in answers
    assert problems == [
        "column sex: '7' is not one of its codes (1, 2)",
        "column alt: 'forty' is not a number",
    ]
