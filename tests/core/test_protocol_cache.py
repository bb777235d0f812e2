"""The bundled protocol kept validated in the user cache (nkscreen.core.protocol_cache)."""

from __future__ import annotations

from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.core.protocol import ProtocolError, parse_protocol
from nkscreen.core.protocol_cache import cached_protocol


def _bundled() -> tuple[bytes, str]:
    path = paths.bundled_protocols_dir() / f"{paths.bundled_protocol_ids()[0]}.json"
    return path.read_bytes(), str(path)


def test_cached_protocol_equals_the_validated_one(tmp_path: Path) -> None:
    raw, source = _bundled()
    first = cached_protocol(raw, source, tmp_path)
    [entry] = tmp_path.glob("protocol-*.pickle")
    again = cached_protocol(raw, source, tmp_path)
    assert again is not first  # read back from the cache
    assert again == first == parse_protocol(raw, source)
    assert again.source_sha256 == first.source_sha256 != ""
    assert again.field_map.keys() == first.field_map.keys()
    assert entry.exists()


def test_a_damaged_entry_is_validated_again_and_replaced(tmp_path: Path) -> None:
    raw, source = _bundled()
    cached_protocol(raw, source, tmp_path)
    [entry] = tmp_path.glob("protocol-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert cached_protocol(raw, source, tmp_path) == parse_protocol(raw, source)
    assert entry.read_bytes() != b"not a pickle"


def test_changed_bytes_miss_the_cache_and_are_validated(tmp_path: Path) -> None:
    raw, source = _bundled()
    cached_protocol(raw, source, tmp_path)
    broken = raw.replace(b'"schema_version": 1', b'"schema_version": 2', 1)
    assert broken != raw
    with pytest.raises(ProtocolError):
        cached_protocol(broken, source, tmp_path)
    assert len(list(tmp_path.glob("protocol-*.pickle"))) == 1


def test_an_unwritable_cache_only_costs_time(tmp_path: Path) -> None:
    raw, source = _bundled()
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    assert cached_protocol(raw, source, blocked / "cache") == parse_protocol(raw, source)
