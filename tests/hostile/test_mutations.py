"""Saved, signed records mutated at random: a changed file is never VALID, and nothing but the
documented :class:`RecordFormatError` ever comes out of reading one.

"Changed" means changed in content: the signature covers the RFC 8785 canonical form, so a
re-indented or re-ordered copy of the same JSON stays valid (checked too, as the control that
shows these tests can see a VALID record at all). Examples are bounded to keep CI fast.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkscreen.records.canonical import CanonicalizationError, canonical_bytes
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import VerificationState, assess
from nkscreen.records.store import open_record, summarize
from nkscreen.records.trust import load_trusted
from tests.hostile.conftest import RECORD_FIXTURES

AUTHORED = (RECORD_FIXTURES / "valid_authorship.json").read_bytes()
REVIEWED = (RECORD_FIXTURES / "valid_reviewed.json").read_bytes()
TRUSTED = load_trusted(RECORD_FIXTURES / "trusted-signers.json")
_names = itertools.count()

FAST = settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("mutated")


def _canonical(data: bytes) -> bytes | None:
    try:
        return canonical_bytes(json.loads(data))
    except (ValueError, CanonicalizationError, RecursionError):
        return None


def _states(folder: Path, data: bytes) -> list[VerificationState | None]:
    """The state from opening the file and from listing it (None: refused as unreadable)."""
    path = folder / f"r{next(_names)}.json"
    path.write_bytes(data)
    try:
        try:
            opened: VerificationState | None = open_record(path, TRUSTED).verification.state
        except RecordFormatError:
            opened = None
        row = summarize(path, within=folder)  # never raises, whatever the bytes
        listed = assess(row.check, TRUSTED).state if row.check is not None else None
        assert listed == opened  # the browser and opening the file agree
        return [opened, listed]
    finally:
        path.unlink()


def _never_valid_unless_same_content(folder: Path, original: bytes, mutated: bytes) -> None:
    states = _states(folder, mutated)
    if VerificationState.VALID in states:
        assert _canonical(mutated) == _canonical(original), states
        assert states[0] is VerificationState.VALID


def test_the_originals_are_valid(folder: Path) -> None:
    assert _states(folder, AUTHORED)[0] is VerificationState.VALID
    assert _states(folder, REVIEWED)[0] is VerificationState.VALID


# ---------------------------------------------------------------- bytes


@FAST
@given(st.data())
def test_byte_flips_insertions_and_deletions(folder: Path, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([AUTHORED, REVIEWED]))
    mutated = bytearray(original)
    for _ in range(data.draw(st.integers(1, 3))):
        kind = data.draw(st.sampled_from(["flip", "delete", "insert"]))
        at = data.draw(st.integers(0, len(mutated) - 1))
        if kind == "flip":
            mutated[at] ^= data.draw(st.integers(1, 255))  # never the same byte again
        elif kind == "delete":
            del mutated[at : at + data.draw(st.integers(1, 40))]
        else:
            mutated[at:at] = data.draw(st.binary(min_size=1, max_size=8))
    _never_valid_unless_same_content(folder, original, bytes(mutated))


# ---------------------------------------------------------------- JSON values

_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**60), max_value=2**60)
    | st.floats(allow_nan=False)
    | st.text(max_size=6)
    | st.sampled_from(["", "HX-002", "eligible", "not_eligible", "signed", "review", "A"])
)
_values = st.recursive(
    _scalars,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=4), children)
    ),
    max_leaves=6,
)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, child in value.items():
            yield from _paths(child, (*prefix, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from _paths(child, (*prefix, index))


def _edit(document: Any, data: st.DataObject) -> Any:
    path = data.draw(st.sampled_from(list(_paths(document))[1:]))
    parent = document
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    kind = data.draw(st.sampled_from(["replace", "delete", "add"]))
    if kind == "replace":
        parent[last] = data.draw(_values)
    elif kind == "delete":
        del parent[last]
    elif isinstance(parent, dict):
        parent[data.draw(st.text(max_size=8))] = data.draw(_values)
    else:
        parent.insert(last, data.draw(_values))
    return document


def _dump(document: Any, data: st.DataObject) -> bytes:
    indent = data.draw(st.sampled_from([None, 0, 2, 3]))
    sort = data.draw(st.booleans())
    ascii_only = data.draw(st.booleans())
    return json.dumps(document, indent=indent, sort_keys=sort, ensure_ascii=ascii_only).encode()


@FAST
@given(st.data())
def test_json_value_edits_one_signature(folder: Path, data: st.DataObject) -> None:
    document = json.loads(AUTHORED)
    for _ in range(data.draw(st.integers(1, 3))):
        document = _edit(document, data)
    _never_valid_unless_same_content(folder, AUTHORED, _dump(document, data))


@FAST
@given(st.data())
def test_json_value_edits_two_signatures(folder: Path, data: st.DataObject) -> None:
    # One edit at a time: dropping a co-signature together with its audit entry is what the
    # journal (issue 11, point 2) detects, not the record on its own.
    document = _edit(json.loads(REVIEWED), data)
    _never_valid_unless_same_content(folder, REVIEWED, _dump(document, data))


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.data())
def test_same_content_reformatted_stays_valid(folder: Path, data: st.DataObject) -> None:
    original = data.draw(st.sampled_from([AUTHORED, REVIEWED]))
    reformatted = _dump(json.loads(original), data)
    assert _states(folder, reformatted) == [VerificationState.VALID, VerificationState.VALID]
