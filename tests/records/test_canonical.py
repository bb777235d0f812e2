"""The fast canonicaliser must produce exactly the bytes of the rfc8785 reference."""

from __future__ import annotations

import json

import pytest
import rfc8785
from hypothesis import example, given, settings
from hypothesis import strategies as st

from nkscreen.records.canonical import CanonicalizationError, canonical_bytes
from nkscreen.records.model import record_to_dict
from tests.records.helpers import signed_record

_text = st.text(
    st.characters(codec="utf-8")  # every scalar value, incl. U+E000-U+FFFF and astral ones
    | st.sampled_from(["\x00", "\x1f", "\x7f", "\u2028", "\ue000", "\U0001f600", '"', "\\"]),
    max_size=8,
)
_scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**53) + 1, max_value=2**53 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | _text
)
_documents = st.recursive(
    _scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(_text, children, max_size=4),
    max_leaves=30,
)


@settings(max_examples=400, deadline=None)
@given(_documents)
@example({"\ue000": 1, "\U0001f600": 2})  # code-point and UTF-16 orders disagree here
@example([100.0, 1e-7, 1e16, 1e21, -0.0, 5e-324, 0.1, 1.125, 123456789.125])
def test_same_bytes_as_the_reference(document: object) -> None:
    assert canonical_bytes(document) == rfc8785.dumps(document)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.floats(allow_nan=False, allow_infinity=False))
def test_every_float_matches(value: float) -> None:
    assert canonical_bytes([value]) == rfc8785.dumps([value])


@pytest.mark.parametrize("bad", [2**53, {"x": float("nan")}, "\ud800"])
def test_what_the_reference_refuses_is_refused(bad: object) -> None:
    with pytest.raises(CanonicalizationError):
        canonical_bytes(bad)


def test_real_record_matches(signer) -> None:
    raw = json.loads(json.dumps(record_to_dict(signed_record(signer))))
    assert canonical_bytes(raw) == rfc8785.dumps(raw)
