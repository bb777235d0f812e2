"""A number typed in another unit than the one the protocol keeps it in (a weight in lb where
the protocol keeps kg), converted with exact decimals.

The protocol's unit system has one convention, ``unit_factors``: the factor that turns a value
in that unit into the field's base unit. A lab with a ``unit_field`` keeps its answer in the
unit chosen (the lab and its ULN share it). A field with a fixed ``unit`` and ``unit_factors``
keeps its answer in ``unit`` whatever the person typed: the answer (and so the case file, the
engine and every export) stays in the protocol's unit, and what was typed, with its unit, is kept
beside the answers in the record (``entered``, see :mod:`nkscreen.records.notes`) so an auditor
sees the source value.

Rounding, decided once here:

- typed value x factor is exact (1 lb = 0.45359237 kg by definition), then rounded half-up to
  :data:`KEPT_PLACES` decimals (0.01 kg = 10 g; a scale reads to 0.1 kg or 0.1 lb = 45 g, so no
  digit the scale gave is lost) and trailing zeros trimmed. That value is the answer: the
  verdict uses it and the screen shows it, so no display can contradict a verdict;
- the same value in another unit, shown beside it for information only, is rounded half-up to
  :data:`SHOWN_PLACES` decimal (70 kg shows 154.3 lb).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import TYPE_CHECKING

from nkscreen.core import display
from nkscreen.core.answers import to_decimal
from nkscreen.core.frozen import Record

if TYPE_CHECKING:
    from nkscreen.core.protocol import FieldDef

#: Decimals of an answer converted into the field's unit (the kept, deciding value).
KEPT_PLACES = 2
#: Decimals of the same value shown in another unit beside it (information only).
SHOWN_PLACES = 1


class EnteredValue(Record, kw_only=False):
    """A number as the person typed it and the unit they typed it in (``154.3``, ``lb``)."""

    value: str
    unit: str


def entry_units(field: FieldDef) -> list[str]:
    """The units ``field`` may be typed in, its own unit first; [] when only its own."""
    if field.unit is None or field.unit_field is not None or not field.unit_factors:
        return []
    return [field.unit, *(u for u in field.unit_factors if u != field.unit)]


def _rounded(value: Decimal, places: int) -> Decimal:
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() + places + 3)
        return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def _trimmed(value: Decimal) -> Decimal:
    """70.00 as 70, 69.90 as 69.9: the same number, written as a person would."""
    return Decimal(display.limit(value))


def to_field_unit(field: FieldDef, value: Decimal, unit: str) -> Decimal:
    """``value`` typed in ``unit`` as the answer ``field`` keeps (its own unit, rounded as
    the module says). Raises KeyError for a unit the field does not offer."""
    if unit == field.unit:
        return value
    factors = field.unit_factors or {}
    with localcontext() as ctx:
        ctx.prec = 60  # exact: a typed value has at most 40 digits, a factor a few
        exact = value * factors[unit] / factors.get(field.unit or "", Decimal(1))
    return _trimmed(_rounded(exact, KEPT_PLACES))


def in_unit(field: FieldDef, value: Decimal, unit: str) -> Decimal:
    """The answer ``value`` (in the field's unit) shown in ``unit``, to :data:`SHOWN_PLACES`."""
    factors = field.unit_factors or {}
    with localcontext() as ctx:
        ctx.prec = 60
        exact = value * factors.get(field.unit or "", Decimal(1)) / factors[unit]
    return _rounded(exact, SHOWN_PLACES)


def kept_source(field: FieldDef, entered: EnteredValue | None, answer: object) -> bool:
    """Whether ``entered`` is the source of ``answer``: typed in another unit the field
    offers, and converting it gives the answer kept (an answer changed since, by a case file
    or an amendment, leaves the typed value stale: it is then not shown as the source)."""
    if entered is None or entered.unit == field.unit or entered.unit not in entry_units(field):
        return False
    typed, kept = to_decimal(entered.value), to_decimal(answer)
    return (
        typed is not None and kept is not None and to_field_unit(field, typed, entered.unit) == kept
    )


def other_unit_text(field: FieldDef, answer: Decimal, entered: EnteredValue | None) -> str:
    """The answer in the field's other unit, for beside it ("154.3 lb"): as typed when it was
    typed in that unit, else converted. "" for a field with one unit."""
    units = entry_units(field)
    if not units:
        return ""
    typed = to_decimal(entered.value) if entered is not None else None
    if entered is not None and typed is not None and kept_source(field, entered, answer):
        return f"{display.plain(typed)} {entered.unit}"
    other = units[1]
    return f"{display.plain(in_unit(field, answer, other))} {other}"


__all__ = [
    "KEPT_PLACES",
    "SHOWN_PLACES",
    "EnteredValue",
    "entry_units",
    "in_unit",
    "kept_source",
    "other_unit_text",
    "to_field_unit",
]
