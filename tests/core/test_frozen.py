"""Frozen records behave as frozen dataclasses do (keyword-only unless a class says otherwise)."""

from __future__ import annotations

import dataclasses
from functools import cached_property

import pytest

from nkscreen.core.frozen import Record, as_plain, record_fields, replace


class Inner(Record):
    amount: int
    unit: str = "days"


class Outer(Record):
    name: str
    inner: Inner | None = None
    tags: list[str] = dataclasses.field(default_factory=list)

    @cached_property
    def shout(self) -> str:
        return self.name.upper()


def test_fields_in_order_with_defaults_and_fresh_factories() -> None:
    assert record_fields(Outer) == ("name", "inner", "tags")
    a, b = Outer(name="a"), Outer(name="a")
    assert a.inner is None
    assert a.tags == []
    assert a.tags is not b.tags
    assert a == b
    assert hash(Inner(amount=1)) == hash(Inner(amount=1))
    assert Inner(amount=1) != Inner(amount=1, unit="weeks")
    assert repr(Inner(amount=2)) == "Inner(amount=2, unit='days')"
    assert not hasattr(Outer, "tags")  # the factory is not left on the class


def test_missing_or_unknown_keywords_are_refused() -> None:
    with pytest.raises(TypeError, match="missing keyword argument 'amount'"):
        Inner()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword arguments"):
        Inner(amount=1, colour="red")  # type: ignore[call-arg]


def test_records_cannot_change() -> None:
    inner = Inner(amount=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        inner.amount = 2  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del inner.unit


def test_cached_properties_replace_and_plain_copies() -> None:
    outer = Outer(name="x", inner=Inner(amount=3), tags=["t"])
    assert outer.shout == "X"
    changed = replace(outer, name="y")
    assert changed.name == "y"
    assert changed.inner == outer.inner
    assert outer.name == "x"
    assert as_plain(outer) == {
        "name": "x",
        "inner": {"amount": 3, "unit": "days"},
        "tags": ["t"],
    }


def test_a_record_differs_from_another_class_with_the_same_values() -> None:
    class Other(Record):
        amount: int
        unit: str = "days"

    assert Inner(amount=1) != Other(amount=1)


class Point(Record, kw_only=False):
    x: int
    y: int = 0


def test_a_positional_record_takes_its_fields_in_order_or_by_keyword() -> None:
    assert Point(1, 2) == Point(x=1, y=2) == Point(1, y=2)
    assert Point(3).y == 0
    with pytest.raises(TypeError, match="two values for 'x'"):
        Point(1, x=2)  # type: ignore[misc]
    with pytest.raises(TypeError, match="takes at most 2 fields"):
        Point(1, 2, 3)  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="missing keyword argument 'x'"):
        Point()  # type: ignore[call-arg]


def test_a_keyword_only_record_refuses_positions() -> None:
    with pytest.raises(TypeError, match="by keyword"):
        Inner(1)  # type: ignore[call-arg]
