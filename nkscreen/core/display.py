"""Display formatting that never contradicts a verdict.

Verdicts use unrounded values; displays round *towards the failing side*: a multiple of ULN is
rounded up (120.1 / 40 shows 3.01, never 3.00 beside "limit 3 x"), a clearance down (29.99 shows
29.9, never 30.0 beside "limit 30").
"""

from __future__ import annotations

from decimal import ROUND_CEILING, ROUND_FLOOR, Decimal, localcontext
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkscreen.core.protocol import FieldDef

_CENT = Decimal("0.01")
_TENTH = Decimal("0.1")


def plain(value: Decimal | int) -> str:
    """A number as entered, never in exponent notation."""
    if isinstance(value, int):
        return str(value)
    return format(value, "f")


def _rounded(value: Decimal, step: Decimal, rounding: str) -> str:
    """Quantize with enough digits for any value the validator lets through (10^±60)."""
    with localcontext() as ctx:
        ctx.prec = max(28, value.adjusted() - step.adjusted() + 3)
        return format(value.quantize(step, rounding=rounding), "f")


def multiple(value: Decimal) -> str:
    return _rounded(value, _CENT, ROUND_CEILING)


def clearance(value: Decimal) -> str:
    return _rounded(value, _TENTH, ROUND_FLOOR)


def range_bound(value: Decimal) -> str:
    """A valid-range bound converted to another unit (58.48 mg/dL, not 58.4795321637...)."""
    return limit(Decimal(_rounded(value, _CENT, ROUND_FLOOR)))


def limit(value: Decimal) -> str:
    """An absolute limit (multiple x ULN), trailing zeros trimmed: 1.5 x 1.2 shows 1.8."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def window_days(value: Decimal) -> str:
    """A washout window in days, to one decimal, rounded down like the rule (whole days count)."""
    if value == value.to_integral_value():
        return str(int(value))
    return _rounded(value, _TENTH, ROUND_FLOOR)


def towards_fail(value: Decimal, comparison: str, places: int) -> str:
    """Round a value compared with a limit so the display never crosses that limit.

    Against an upper limit (<, <=) round up; against a lower limit (>, >=) round down.
    """
    step = Decimal(1).scaleb(-places)
    rounding = ROUND_CEILING if comparison in ("<", "<=") else ROUND_FLOOR
    return _rounded(value, step, rounding)


#: Comparisons as clinicians write them (the protocol file keeps ``<=``; people read ``≤``).
_RELATIONS = {"<=": "≤", ">=": "≥", "!=": "≠", "==": "="}


def relation(op: str) -> str:
    """``<=`` as ``≤``, ``>=`` as ``≥``: clinical notation wherever people read a comparison."""
    return _RELATIONS.get(op, op)


def choice_label(field: FieldDef, value: object) -> str:
    """A choice as people read it (a unit ``umol/L`` as ``µmol/L``); the answers keep its id."""
    for choice in field.choices:
        if str(choice.value) == str(value):
            return choice.label
    return str(value)


def verbatim(text: str) -> str:
    """A criterion's registry text as shown and printed: the registry copy's one artefact, an
    escaped apostrophe ("investigator\\'s"), reads "investigator's"; the rest stays verbatim."""
    return text.replace("\\'", "'")
