"""``nkscreen export redcap|fhir|log``: files written, exit codes, one line per problem."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.records.store import RecordStore
from tests.export.conftest import Saver
from tests.report.conftest import read_pdf


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "export", *args])


def no_traceback(err: str) -> None:
    assert "Traceback" not in err
    assert all(line.startswith("nkscreen: ") for line in err.splitlines()), err


@pytest.fixture
def two(saver: Saver) -> tuple[Path, Path]:
    return saver.save("eligible_male", "S-1"), saver.save("alt_4x", "S-2")


def test_redcap_writes_the_dictionary_and_the_import_file(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "edc"  # made when missing
    assert run(data_dir, "redcap", "--all", "-o", str(out)) == 0
    captured = capsys.readouterr()
    dictionary = out / "NCT06641648_redcap_dictionary.csv"
    imported = out / "NCT06641648_redcap_import.csv"
    assert captured.out.splitlines() == [str(dictionary), str(imported), "2 records went out."]
    assert captured.err == ""
    rows = list(csv.reader(io.StringIO(imported.read_text("utf-8"))))
    names = [r[0] for r in csv.reader(io.StringIO(dictionary.read_text("utf-8")))][1:]
    assert rows[0] == names
    assert [r[0] for r in rows[1:]] == ["S-1", "S-2"]
    assert sorted(p.name for p in out.iterdir()) == sorted([dictionary.name, imported.name])


def test_fhir_writes_one_bundle(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "fhir"
    assert run(data_dir, "fhir", str(two[0]), "-o", str(out)) == 0
    bundle = json.loads((out / "NCT06641648_fhir_bundle.json").read_text("utf-8"))
    kinds = [e["resource"]["resourceType"] for e in bundle["entry"]]
    assert kinds == ["Questionnaire", "QuestionnaireResponse", "Provenance"]
    assert "1 record went out." in capsys.readouterr().out


def test_drafts_are_left_out_unless_asked(
    data_dir: Path, tmp_path: Path, saver: Saver, capsys: pytest.CaptureFixture[str]
) -> None:
    saver.save("eligible_male", "S-1")
    draft = saver.save("eligible_female", "S-2", signers=())
    assert run(data_dir, "redcap", "--all", "-o", str(tmp_path / "a")) == 0  # by rule: exit 0
    captured = capsys.readouterr()
    assert f"nkscreen: left out {draft.name} (screening S-2): not signed" in captured.err
    assert "1 record went out; 1 left out." in captured.out
    assert run(data_dir, "redcap", "--all", "--include-drafts", "-o", str(tmp_path / "b")) == 0
    assert "2 records went out." in capsys.readouterr().out


def test_an_unreadable_record_is_left_out_and_exit_1(
    data_dir: Path, tmp_path: Path, two, store: RecordStore, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = store.records_dir / "0123456789abcdef0123456789abcdef.v1.json"
    bad.write_text("{truncated", "utf-8")
    out = tmp_path / "edc"
    assert run(data_dir, "fhir", "--all", "-o", str(out)) == 1
    captured = capsys.readouterr()
    no_traceback(captured.err)
    assert (
        f"nkscreen: left out {bad.name}: cannot be read: the file is not valid JSON" in captured.err
    )
    assert (out / "NCT06641648_fhir_bundle.json").exists()  # the others went out


def test_output_that_is_a_file_writes_nothing(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "file.csv"
    target.write_text("keep me", "utf-8")
    assert run(data_dir, "redcap", "--all", "-o", str(target)) == 2
    err = capsys.readouterr().err
    assert err == (
        f"nkscreen: {target} is a file, not a folder: "
        "give a folder for the export files (-o DIR).\n"
    )
    assert target.read_text("utf-8") == "keep me"


def test_log_to_a_folder_writes_nothing(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "log", "-o", str(tmp_path)) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"nkscreen: {tmp_path} is a folder: give the file a name")
    assert err.count("\n") == 1
    assert run(data_dir, "log", "-o", str(tmp_path / "log.txt")) == 2
    assert "give the log a .csv or .pdf file name" in capsys.readouterr().err


def test_no_records_is_exit_2(
    data_dir: Path, tmp_path: Path, store: RecordStore, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "edc"
    assert run(data_dir, "redcap", "--all", "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err == "nkscreen: Nothing to export to REDCap: no signed record.\n"
    assert not out.exists()


def test_only_drafts_is_nothing_to_export(
    data_dir: Path, tmp_path: Path, saver: Saver, capsys: pytest.CaptureFixture[str]
) -> None:
    saver.save("eligible_male", "S-1", signers=())
    assert run(data_dir, "fhir", "--all", "-o", str(tmp_path / "x")) == 2
    err = capsys.readouterr().err
    no_traceback(err)
    assert "left out" in err
    assert "every record was left out" in err


def test_records_and_all_are_exclusive(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(data_dir, "redcap", "-o", str(tmp_path / "x")) == 2
    assert run(data_dir, "redcap", str(two[0]), "--all", "-o", str(tmp_path / "x")) == 2
    err = capsys.readouterr().err
    assert err.count("give record files to export, or --all") == 2


def test_log_csv_and_pdf_with_a_period(
    qapp, data_dir: Path, tmp_path: Path, saver: Saver, capsys: pytest.CaptureFixture[str]
) -> None:
    saver.save("eligible_male", "S-1", assessment_date="2026-11-20")
    saver.save("alt_4x", "S-2", assessment_date="2026-11-22")
    out = tmp_path / "log.csv"
    assert run(data_dir, "log", "--from", "2026-11-21", "--to", "2026-11-30", "-o", str(out)) == 0
    rows = list(csv.reader(io.StringIO(out.read_text("utf-8"))))
    assert [r[1] for r in rows[1:2]] == ["S-2"]
    assert rows[2] == []
    assert "1 screening(s) in the log (2026-11-21 to 2026-11-30)." in capsys.readouterr().out
    pdf_path = tmp_path / "log.pdf"
    assert run(data_dir, "log", "-o", str(pdf_path)) == 0
    flat = read_pdf(pdf_path.read_bytes()).flat
    assert "S-1" in flat
    assert "S-2" in flat
    assert "Ward 7 North" in flat
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # written atomically


def test_log_dates_are_checked(
    data_dir: Path, tmp_path: Path, two, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "log.csv"
    assert run(data_dir, "log", "--from", "21/11/2026", "-o", str(out)) == 2
    assert capsys.readouterr().err == (
        "nkscreen: --from '21/11/2026' is not a date: use YYYY-MM-DD.\n"
    )
    assert run(data_dir, "log", "--from", "2026-12-01", "--to", "2026-11-01", "-o", str(out)) == 2
    assert "ends (2026-11-01) before it starts (2026-12-01)" in capsys.readouterr().err
    assert not out.exists()
