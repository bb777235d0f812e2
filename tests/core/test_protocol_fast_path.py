"""The shipped protocols are validated here and loaded without pydantic at start-up: the fast
path must give exactly what validation gives, and only for the very bytes validated."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nkscreen import paths
from nkscreen.core import protocol as model
from nkscreen.core import protocol_schema as schema
from nkscreen.core.frozen import MISSING, as_plain, record_fields
from nkscreen.core.protocol import builtin_protocol, builtin_protocol_ids, parse_protocol
from nkscreen.core.protocol_build import protocol_from_data
from nkscreen.core.protocol_validated import validated_sha256

TEST_PROTOCOLS = Path(__file__).resolve().parents[1] / "data" / "protocols"


def _bundled(pid: str) -> bytes:
    return (paths.bundled_protocols_dir() / f"{pid}.json").read_bytes()


def _validated_dump(raw: bytes) -> dict[str, Any]:
    """What pydantic makes of the file, as plain data (without the file's hash)."""
    data = json.loads(raw, parse_float=Decimal)
    dumped = schema.Protocol.model_validate(data).model_dump()
    dumped.pop("source_sha256")
    return dumped


def _plain(protocol: model.Protocol) -> dict[str, Any]:
    plain = as_plain(protocol)
    plain.pop("source_sha256")
    return plain


@pytest.mark.parametrize("pid", builtin_protocol_ids())
def test_each_shipped_protocol_validates_and_its_sha256_is_listed(pid: str) -> None:
    raw = _bundled(pid)
    parse_protocol(raw, pid)  # the full validation: shape and meaning
    sha256 = hashlib.sha256(raw).hexdigest()
    assert validated_sha256().get(f"{pid}.json") == sha256, (
        f"resources/protocols/{pid}.json changed: it validates, so write the line "
        f'"{sha256}  {pid}.json" in resources/protocols/validated.sha256'
    )


def _side_files() -> list[Path]:
    return sorted(paths.bundled_protocols_dir().glob("*.*.json"))


def test_the_list_names_only_shipped_protocols_and_their_translations() -> None:
    shipped = [f"{pid}.json" for pid in builtin_protocol_ids()]
    shipped += [p.name for p in _side_files()]
    assert sorted(validated_sha256()) == sorted(shipped)


@pytest.mark.parametrize("side", _side_files(), ids=lambda p: p.name)
def test_each_shipped_translation_validates_in_full_and_its_sha256_is_listed(side: Path) -> None:
    from nkscreen.core.protocol_texts import load_side_file, translation_problems

    pid, locale = side.name.split(".")[:2]
    protocol = builtin_protocol(pid)
    checked = load_side_file(side, protocol, locale)  # shape and fit to the protocol
    assert translation_problems(protocol, checked) == []
    sha256 = hashlib.sha256(side.read_bytes()).hexdigest()
    assert validated_sha256().get(side.name) == sha256, (
        f"{side.name} changed: it validates, so write the line "
        f'"{sha256}  {side.name}" in resources/protocols/validated.sha256'
    )


@pytest.mark.parametrize("side", _side_files(), ids=lambda p: p.name)
def test_a_shipped_translation_read_without_pydantic_equals_the_checked_one(side: Path) -> None:
    from nkscreen.core import localized_texts
    from nkscreen.core.protocol_texts import load_side_file

    pid, locale = side.name.split(".")[:2]
    protocol = builtin_protocol(pid)
    raw = side.read_bytes()
    assert localized_texts._validated_bytes(protocol, side, raw)
    fast = localized_texts.texts_data(json.loads(raw))
    checked = localized_texts.texts_data(load_side_file(side, protocol, locale).model_dump())
    assert fast == checked


def test_a_changed_translation_is_checked_in_full(tmp_path: Path) -> None:
    """Bytes other than the listed ones go through pydantic: a stray key is refused."""
    from nkscreen.core import localized_texts

    side = next(iter(_side_files()))
    pid, locale = side.name.split(".")[:2]
    protocol = builtin_protocol(pid)
    data = json.loads(side.read_bytes())
    data["fields"]["no_such_field"] = {"label": "x"}
    changed = tmp_path / side.name
    changed.write_text(json.dumps(data, ensure_ascii=False), "utf-8")
    assert not localized_texts._validated_bytes(protocol, changed, changed.read_bytes())
    with pytest.raises(localized_texts.ProtocolTextsError, match="no_such_field"):
        localized_texts.localized(protocol, locale, tmp_path / f"{pid}.json")


@pytest.mark.parametrize("pid", builtin_protocol_ids())
def test_the_fast_path_gives_what_validation_gives(pid: str) -> None:
    raw = _bundled(pid)
    fast = builtin_protocol(pid)
    assert _plain(fast) == _validated_dump(raw)
    assert fast == parse_protocol(raw, pid)
    assert fast.source_sha256 == hashlib.sha256(raw).hexdigest()


@pytest.mark.parametrize("path", sorted(TEST_PROTOCOLS.glob("*.json")), ids=lambda p: p.stem)
def test_the_builder_gives_what_validation_gives_for_other_protocols(path: Path) -> None:
    raw = path.read_bytes()
    built = protocol_from_data(json.loads(raw, parse_float=Decimal), "x")
    assert _plain(built) == _validated_dump(raw)


def test_values_are_converted_as_pydantic_converts_them() -> None:
    """An integer where a Decimal is declared, an ISO date, a rule by its op, a derived value
    by its kind, ``str | int`` kept as written, defaults filled."""
    data = json.loads(_bundled(builtin_protocol_ids()[0]), parse_float=Decimal)
    data["version_date"] = "2026-01-31"
    data["fields"][0]["range"] = {"min": 1, "max": Decimal("2.5")}
    built = protocol_from_data(data, "x")
    validated = schema.Protocol.model_validate(data).model_dump()
    validated.pop("source_sha256")
    assert _plain(built) == validated
    assert built.fields[0].range == model.Range(min=Decimal(1), max=Decimal("2.5"))
    assert isinstance(built.fields[0].range.min, Decimal)


def test_a_shipped_file_that_changed_is_validated_in_full(monkeypatch) -> None:
    from nkscreen.core import protocol_validated

    pid = builtin_protocol_ids()[0]
    checked: list[object] = []
    real = schema.shape_problems
    monkeypatch.setattr(schema, "shape_problems", lambda data: checked.append(data) or real(data))
    monkeypatch.setattr(protocol_validated, "validated_sha256", dict)
    builtin_protocol.cache_clear()
    try:
        assert builtin_protocol(pid) == parse_protocol(_bundled(pid), pid)
    finally:
        builtin_protocol.cache_clear()
    assert len(checked) == 2  # the changed file itself, then the comparison's


def test_every_schema_class_mirrors_its_model_class() -> None:
    """Same classes, same fields, same defaults: the schema checks what the model holds."""
    from pydantic import BaseModel

    classes = [
        c
        for c in vars(schema).values()
        if isinstance(c, type) and issubclass(c, BaseModel) and c.__module__ == schema.__name__
    ]
    assert len(classes) > 20
    for cls in classes:
        if cls.__name__.startswith("_"):
            continue
        mirror = getattr(model, cls.__name__)
        assert list(record_fields(mirror)) == list(cls.model_fields), cls.__name__
        defaults, factories = mirror.__record_defaults__, mirror.__record_factories__
        for name, info in cls.model_fields.items():
            where = (cls.__name__, name)
            if info.is_required():
                assert defaults[name] is MISSING, where
                assert name not in factories, where
            elif name in factories:
                assert info.get_default(call_default_factory=True) == factories[name](), where
            else:
                assert info.get_default(call_default_factory=True) == defaults[name], where


def test_start_up_loads_the_shipped_protocols_without_pydantic() -> None:
    code = (
        "import sys\n"
        "from nkscreen.core.library import ProtocolLibrary\n"
        "assert ProtocolLibrary().protocols\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pydantic'))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_fast_path_reads_each_field_s_type_as_typing_does() -> None:
    # protocol_build turns each annotation text into its type once (get_type_hints compiles
    # every one anew): the types must be exactly typing's, field by field, for every class.
    import typing

    from nkscreen.core.frozen import Record
    from nkscreen.core.protocol_build import field_types

    classes = [c for c in vars(model).values() if isinstance(c, type) and issubclass(c, Record)]
    assert len(classes) > 20
    for cls in classes:
        hints = typing.get_type_hints(cls)
        found = field_types(cls)
        assert list(found) == list(record_fields(cls)), cls
        assert found == {name: hints[name] for name in found}, cls
