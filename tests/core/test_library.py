"""The protocol library: bundled protocols, a site's folder, versions, and a record's protocol."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import pytest

from nkscreen.core.casefile import CaseFileError, parse_case
from nkscreen.core.library import ProtocolLibrary, ProtocolNotFoundError
from nkscreen.core.protocol import builtin_protocol

BUNDLED = "NCT06641648"
ROOT = Path(__file__).resolve().parent.parent.parent
BUNDLED_FILE = ROOT / "resources" / "protocols" / f"{BUNDLED}.json"


def variant(folder: Path, name: str = "site.json", **changes: object) -> Path:
    """The bundled protocol file with a few top-level changes, written in ``folder``."""
    data = json.loads(BUNDLED_FILE.read_text("utf-8"))
    data.update(changes)
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    return path


def test_bundled_only_without_a_site_folder(tmp_path: Path) -> None:
    library = ProtocolLibrary(tmp_path / "missing")
    assert library.ids() == [BUNDLED]
    assert library.protocols == [builtin_protocol(BUNDLED)]
    assert library.broken == []


def test_a_site_file_is_a_second_version(tmp_path: Path) -> None:
    variant(tmp_path, version="site reading 2", version_date="2027-01-05")
    library = ProtocolLibrary(tmp_path)
    versions = library.versions(BUNDLED)
    assert versions[0].version == "site reading 2"  # newest first
    assert library.find(BUNDLED).version == "site reading 2"
    bundled = builtin_protocol(BUNDLED)
    assert library.find(BUNDLED, bundled.version) is bundled
    with pytest.raises(ProtocolNotFoundError, match="version 'nope' is not installed"):
        library.find(BUNDLED, "nope")
    with pytest.raises(ProtocolNotFoundError, match="unknown protocol 'X1'"):
        library.find("X1")


def test_broken_and_hostile_site_files_are_listed_with_their_problems(tmp_path: Path) -> None:
    data = json.loads(BUNDLED_FILE.read_text("utf-8"))
    data["version"] = "broken"
    data["criteria"][2]["rule"]["field"] = "ecgo"
    data["fields"][2]["role"] = "lab_value"
    (tmp_path / "broken.json").write_text(json.dumps(data), "utf-8")
    (tmp_path / "deep.json").write_text("[" * 5000 + "]" * 5000, "utf-8")
    os.mkfifo(tmp_path / "pipe.json")
    (tmp_path / "notes.txt").write_text("not a protocol", "utf-8")
    library = ProtocolLibrary(tmp_path)
    assert library.ids() == [BUNDLED]  # nothing broken is usable, nothing blocked or crashed
    problems = {e.path.name: e.problems for e in library.broken}
    assert set(problems) == {"broken.json", "deep.json", "pipe.json"}
    assert "criterion I3.rule: unknown field 'ecgo'" in problems["broken.json"]
    assert any("role 'lab_value' needs a number field" in p for p in problems["broken.json"])
    assert any("nested" in p for p in problems["deep.json"])
    assert problems["pipe.json"] == ("cannot read: this is a named pipe (FIFO), not a file",)


def test_same_id_and_version_as_an_installed_file_is_refused(tmp_path: Path) -> None:
    variant(tmp_path)  # the bundled file's id and version, under another name
    library = ProtocolLibrary(tmp_path)
    (entry,) = library.broken
    assert "is already installed (NCT06641648.json, bundled)" in entry.problems[0]
    assert library.versions(BUNDLED) == [builtin_protocol(BUNDLED)]


def test_match_says_how_a_record_protocol_stands(tmp_path: Path) -> None:
    bundled = builtin_protocol(BUNDLED)
    library = ProtocolLibrary(tmp_path)
    same = library.match(BUNDLED, bundled.version, bundled.source_sha256)
    assert (same.protocol, same.state) == (bundled, "same")
    assert same.notice(BUNDLED, bundled.version, bundled.source_sha256) == ""
    changed = library.match(BUNDLED, bundled.version, "0" * 64)
    assert (changed.protocol, changed.state) == (bundled, "changed")
    assert "has changed since this record was made (sha256 000000000000... then" in (
        changed.notice(BUNDLED, bundled.version, "0" * 64)
    )
    gone = library.match(BUNDLED, "old reading", "0" * 64)
    assert (gone.protocol, gone.state) == (bundled, "version_missing")
    assert "(NCT06641648, old reading) is not installed" in gone.notice(
        BUNDLED, "old reading", "0" * 64
    )
    missing = library.match("NCT00000000", "1", "0" * 64)
    assert (missing.protocol, missing.state) == (None, "missing")
    assert "is not installed: add its file" in missing.notice("NCT00000000", "1", "0" * 64)


def test_case_file_names_its_protocol_version(tmp_path: Path) -> None:
    variant(tmp_path, version="site reading 2", version_date="2027-01-05")
    library = ProtocolLibrary(tmp_path)
    bundled = builtin_protocol(BUNDLED)
    case: dict[str, object] = {"protocol": BUNDLED, "answers": {}}
    assert parse_case(json.dumps(case).encode(), library).protocol.version == "site reading 2"
    case["protocol_version"] = bundled.version
    assert parse_case(json.dumps(case).encode(), library).protocol is bundled
    case["protocol_version"] = "3"
    with pytest.raises(CaseFileError, match="version '3' is not installed"):
        parse_case(json.dumps(case).encode(), library)
    case["protocol_version"] = 3
    with pytest.raises(CaseFileError, match='"protocol_version" must be text'):
        parse_case(json.dumps(case).encode(), library)


def test_versions_without_a_date_come_after_dated_ones(tmp_path: Path) -> None:
    variant(tmp_path, "a.json", version="undated", version_date=None)
    variant(tmp_path, "b.json", version="later", version_date="2030-01-01")
    versions = [p.version for p in ProtocolLibrary(tmp_path).versions(BUNDLED)]
    assert versions[0] == "later"
    assert versions[-1] == "undated"
    assert builtin_protocol(BUNDLED).version_date == date(2026, 11, 25)


def test_a_translation_beside_a_site_protocol_is_not_a_protocol(tmp_path: Path) -> None:
    variant(tmp_path, version="site reading 2", version_date="2027-01-05")
    side = ROOT / "resources" / "protocols" / f"{BUNDLED}.zh_CN.json"
    (tmp_path / "site.zh_CN.json").write_bytes(side.read_bytes())
    library = ProtocolLibrary(tmp_path)
    assert library.broken == []
    assert library.versions(BUNDLED)[0].version == "site reading 2"
    assert [e.path.name for e in library.entries] == [f"{BUNDLED}.json", "site.json"]
