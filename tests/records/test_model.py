"""The record file format: strict parsing, versioning, numbers, and the published schema."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
import rfc8785
from hypothesis import given, settings
from hypothesis import strategies as st

from nkscreen.records.model import (
    MAX_SAFE_INT,
    SUPPORTED_SCHEMA_VERSIONS,
    RecordFormatError,
    dumps_document,
    parse_json_document,
    parse_record,
    record_to_dict,
    schema_text,
    to_json_value,
)
from nkscreen.resources import resource_path
from tests.records.helpers import signed_record, unsigned_record

SCHEMA_FILE = resource_path("schemas", "record-v1.schema.json")


def test_published_schemas_are_in_sync_and_still_readable() -> None:
    published = sorted(SCHEMA_FILE.parent.glob("record-v*.schema.json"))
    assert SCHEMA_FILE in published
    for path in published:
        version = int(path.name.removeprefix("record-v").split(".")[0])
        # A format once published must stay readable by every later nkscreen.
        assert version in SUPPORTED_SCHEMA_VERSIONS, path.name
        assert path.read_text(encoding="utf-8") == schema_text(version), (
            f"resources/schemas/{path.name} is stale: "
            "run `python -m nkscreen.records.model` and commit the result"
        )


def test_published_schema_describes_the_envelope() -> None:
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert schema["$schema"].endswith("2020-12/schema")
    assert schema["additionalProperties"] is False
    assert schema["properties"]["schema_version"]["const"] == 1
    assert "schema_version" in schema["required"]
    assert {"answers", "evaluation", "audit_trail", "signatures", "protocol"} <= set(
        schema["required"]
    )


def test_round_trip_is_exact() -> None:
    record = unsigned_record()
    raw = json.loads(dumps_document(record_to_dict(record)))
    assert record_to_dict(parse_record(raw)) == raw


def test_timestamps_are_utc_with_offset() -> None:
    raw = record_to_dict(unsigned_record())
    assert raw["created_at"].endswith("+00:00")
    assert raw["audit_trail"][0]["at"].endswith("+00:00")


def _raw() -> dict[str, object]:
    return record_to_dict(unsigned_record())


def test_schema_version_is_required() -> None:
    raw = _raw()
    del raw["schema_version"]
    with pytest.raises(RecordFormatError, match="schema_version"):
        parse_record(raw)


def test_unknown_keys_are_rejected() -> None:
    raw = _raw()
    raw["note"] = "sneaked in"
    with pytest.raises(RecordFormatError, match="note") as info:
        parse_record(raw)
    assert info.value.kind == "invalid"


def test_future_version_is_named_with_its_version() -> None:
    raw = _raw()
    raw["schema_version"] = 7
    with pytest.raises(RecordFormatError, match=r"newer nkscreen.*version 7") as info:
        parse_record(raw)
    assert info.value.kind == "future_version"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"", "truncated"),
        (b'{"schema_version": 1, "format": "nkscreen-scr', "truncated"),
        (b"\x89PNG\r\n\x1a\n\x00\x00", "foreign"),
        (b"{'single': 'quotes'}", "not_json"),
        (b'{"a": NaN}', "invalid"),
        (b'{"a": 1, "a": 2}', "invalid"),
    ],
)
def test_bad_bytes_are_classified(data: bytes, kind: str) -> None:
    with pytest.raises(RecordFormatError) as info:
        parse_json_document(data)
    assert info.value.kind == kind
    assert str(info.value)


@pytest.mark.parametrize(
    "raw",
    [[1, 2], {"hello": "world"}, {"format": "nkscreen-draft", "schema_version": 1}],
)
def test_foreign_documents_are_not_records(raw: object) -> None:
    with pytest.raises(RecordFormatError) as info:
        parse_record(raw)
    assert info.value.kind == "foreign"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (Decimal("1.10"), "1.10"),
        (Decimal("8"), 8),
        (Decimal("8.0"), "8.0"),
        (1.1, "1.1"),
        (2**60, str(2**60)),
        (MAX_SAFE_INT, MAX_SAFE_INT),
        (True, True),
        ({"a": [Decimal("0.5")]}, {"a": ["0.5"]}),
    ],
)
def test_numbers_keep_their_digits(value: object, expected: object) -> None:
    assert to_json_value(value) == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), Decimal("NaN"), object()])
def test_non_data_is_refused(value: object) -> None:
    with pytest.raises((ValueError, TypeError)):
        to_json_value(value)


@settings(max_examples=200, deadline=None)
@given(st.decimals(allow_nan=False, allow_infinity=False))
def test_decimals_survive_canonical_json_exactly(value: Decimal) -> None:
    stored = to_json_value(value)
    canonical = rfc8785.dumps({"v": stored})  # never raises
    back = json.loads(canonical)["v"]
    assert Decimal(str(back)) == value


def test_signed_record_survives_a_file_round_trip(signer) -> None:
    record = signed_record(signer)
    text = dumps_document(record_to_dict(record))
    assert parse_record(parse_json_document(text)) == record


def test_schema_file_lives_under_resources() -> None:
    assert SCHEMA_FILE.parent == Path(__file__).resolve().parents[2] / "resources" / "schemas"


def test_records_layer_is_qt_free() -> None:
    import subprocess
    import sys

    code = (
        "import sys, nkscreen.cli.sign, nkscreen.cli.verify, nkscreen.records.store;"
        "bad = [m for m in sys.modules if m.split('.')[0] in ('PySide6', 'shiboken6')"
        " or m.startswith('nkscreen.ui')];"
        "print(bad); sys.exit(1 if bad else 0)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
