"""Records behave as dataclasses do: frozen ones as frozen keyword-only dataclasses (unless a
class says otherwise), mutable ones as positional dataclasses with slots."""

from __future__ import annotations

import subprocess
import sys
from functools import cached_property
from typing import ClassVar

import pytest

from nkscreen.core.frozen import (
    MISSING,
    FrozenInstanceError,
    MutableRecord,
    Record,
    as_plain,
    field,
    field_defaults,
    record_fields,
    replace,
)


class Inner(Record):
    amount: int
    unit: str = "days"


class Outer(Record):
    name: str
    inner: Inner | None = None
    tags: list[str] = field(default_factory=list)

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
    with pytest.raises(FrozenInstanceError):
        inner.amount = 2  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
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


def test_a_record_is_an_attribute_error_when_assigned() -> None:
    """As with a dataclass, code that expects AttributeError from a read-only attribute
    still catches it."""
    with pytest.raises(AttributeError, match="cannot assign to field 'amount'"):
        Inner(amount=1).amount = 2  # type: ignore[misc]


class Checked(Record):
    low: int
    high: int

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError("low above high")


def test_a_record_checks_its_fields_after_they_are_set() -> None:
    assert Checked(low=1, high=2).high == 2
    with pytest.raises(ValueError, match="low above high"):
        Checked(low=3, high=2)
    with pytest.raises(ValueError, match="low above high"):
        replace(Checked(low=1, high=2), low=5)


def test_a_field_has_a_default_or_a_factory_not_both() -> None:
    with pytest.raises(ValueError, match="not both"):
        field(default=[], default_factory=list)  # type: ignore[call-overload]


# ------------------------------------------------------------------ mutable records


class Tally(MutableRecord):
    name: str
    counts: dict[str, int] = field(default_factory=dict)
    total: int = 0
    label: str = field(default="tally")
    LIMIT: ClassVar[int] = 10

    def __post_init__(self) -> None:
        if self.total > self.LIMIT:
            raise ValueError(f"total above {self.LIMIT}")


class OwnedTally(Tally):
    owner: str = ""


class Options(MutableRecord, kw_only=True):
    size: int
    colour: str = "red"


def test_a_mutable_record_takes_its_fields_by_position_or_keyword() -> None:
    assert record_fields(Tally) == ("name", "counts", "total", "label")
    assert Tally("a", {"x": 1}, 2) == Tally(name="a", counts={"x": 1}, total=2)
    assert Tally("a").label == "tally"
    with pytest.raises(TypeError, match="two values for 'name'"):
        Tally("a", name="b")  # type: ignore[misc]
    with pytest.raises(TypeError, match="missing keyword argument 'name'"):
        Tally()  # type: ignore[call-arg]
    with pytest.raises(TypeError, match="unexpected keyword arguments"):
        Tally("a", colour="red")  # type: ignore[call-arg]


def test_a_keyword_only_mutable_record_refuses_positions() -> None:
    assert Options(size=1) == Options(colour="red", size=1)
    with pytest.raises(TypeError, match="by keyword"):
        Options(1)  # type: ignore[call-arg]


def test_a_subclass_adds_its_fields_after_its_bases() -> None:
    assert record_fields(OwnedTally) == ("name", "counts", "total", "label", "owner")
    assert OwnedTally("a", {}, 1, "t", "o").owner == "o"


def test_a_mutable_records_defaults_are_its_own() -> None:
    a, b = Tally("a"), Tally("a")
    a.counts["x"] = 1
    assert b.counts == {}
    assert a != b
    assert field_defaults(Tally) == {"name": MISSING, "counts": {}, "total": 0, "label": "tally"}
    assert field_defaults(Tally)["counts"] is not field_defaults(Tally)["counts"]


def test_a_mutable_record_changes_but_is_not_hashable() -> None:
    tally = Tally("a")
    tally.total = 3
    tally.name = "b"
    assert tally == Tally("b", total=3)
    with pytest.raises(TypeError, match="unhashable"):
        hash(tally)
    with pytest.raises(TypeError, match="unhashable"):
        {tally}  # noqa: B018


def test_a_mutable_record_has_slots_not_a_dict() -> None:
    tally = OwnedTally("a")
    assert not hasattr(tally, "__dict__")
    assert vars(Tally)["__slots__"] == ("name", "counts", "total", "label")
    assert vars(OwnedTally)["__slots__"] == ("owner",)
    with pytest.raises(AttributeError):
        tally.colour = "red"  # type: ignore[attr-defined]
    assert Tally.LIMIT == 10  # a class variable is no field and stays on the class
    assert "LIMIT" not in record_fields(Tally)


def test_a_mutable_record_runs_post_init() -> None:
    with pytest.raises(ValueError, match="total above 10"):
        Tally("a", total=11)
    with pytest.raises(ValueError, match="total above 10"):
        OwnedTally("a", total=11)


def test_a_mutable_record_is_copied_shown_and_compared_by_value() -> None:
    tally = OwnedTally("a", {"x": 1}, owner="o")
    changed = replace(tally, total=2)
    assert changed == OwnedTally("a", {"x": 1}, 2, owner="o")
    assert tally.total == 0
    assert changed != tally
    assert as_plain(Tally("a", total=1)) == {
        "name": "a",
        "counts": {},
        "total": 1,
        "label": "tally",
    }
    assert as_plain([Tally("b")])[0]["name"] == "b"
    assert repr(Tally("a")) == "Tally(name='a', counts={}, total=0, label='tally')"
    assert Tally("a") != OwnedTally("a")  # another class, though its fields match
    assert Tally("a") != ("a", {}, 0, "tally")


def test_the_window_starts_without_the_dataclasses_module() -> None:
    """Importing dataclasses (and building dataclasses) costs 2.7% of the app's start-up:
    the modules the window imports before it is usable use frozen records instead."""
    code = (
        "import sys, nkscreen.ui.main_window, nkscreen.ui.assessment_view, "
        "nkscreen.ui.records_browser, nkscreen.records.store, nkscreen.settings, "
        "nkscreen.core.engine; print('dataclasses' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert done.stdout.strip() == "False", done.stderr


def test_a_shared_mutable_default_is_refused() -> None:
    import dataclasses

    with pytest.raises(ValueError, match="default_factory"):

        class Shared(MutableRecord):
            tags: list[str] = []  # noqa: RUF012 - the mistake under test

    with pytest.raises(ValueError, match="default_factory"):

        class Borrowed(Record):
            tags: list[str] = dataclasses.field(default_factory=list)


def test_named_tuples_stay_named_tuples_in_plain_copies() -> None:
    from typing import NamedTuple

    class Span(NamedTuple):
        start: int
        end: int

    class Holder(MutableRecord):
        span: Span
        spans: list[Span] = field(default_factory=list)

    plain = as_plain(Holder(Span(1, 2), [Span(3, 4)]))
    assert plain == {"span": Span(1, 2), "spans": [Span(3, 4)]}
    assert type(plain["span"]) is Span


def test_a_listing_row_written_out_builds_what_the_generic_constructor_would() -> None:
    """RecordSummary's own __init__ (quicker for big folders) matches the records' one."""
    from pathlib import Path
    from typing import Any

    from nkscreen.core.frozen import _Fields
    from nkscreen.records.listing import RecordSummary

    values: dict[str, Any] = {
        "error": None,
        "assessment_id": "a" * 32,
        "record_id": "r",
        "version": 3,
        "screening_number": "S-1",
        "initials": "AB",
        "screening_date": "2026-12-01",
        "verdict": "eligible",
        "signed": True,
    }
    own = RecordSummary(Path("/f"), "x.v3.json", **values)
    generic = RecordSummary.__new__(RecordSummary)
    _Fields.__init__(generic, Path("/f"), "x.v3.json", **values)
    assert own == generic
    assert repr(own) == repr(generic)
    assert own.standing == generic.standing
    assert own.standing is not RecordSummary(Path("/f"), "y").standing  # a fresh one each
    slots: tuple[str, ...] = RecordSummary.__slots__
    assert set(field_defaults(RecordSummary)) == {n for n in slots if not n.startswith("_")}
