"""Derived values: age, multiples of ULN, creatinine clearance, days before infusion, and the
earliest infusion date. Each value comes with the unanswered fields that keep it unknown, so an
unknown criterion built on it can say what is missing.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from nkscreen.core import display
from nkscreen.core.answers import ONGOING, Value
from nkscreen.core.dates import add_months, age_in_years
from nkscreen.core.frozen import Record
from nkscreen.core.messages import Message
from nkscreen.core.protocol import (
    AgeDerived,
    AgentsRule,
    CreatinineClearanceDerived,
    DaysBeforeDerived,
    Derived,
    EarliestOutsideWindowsDerived,
    ExposureRule,
    Protocol,
    UlnMultipleDerived,
    Window,
)

DerivedValue = int | Decimal | date | str | None


class DerivedResult(Record, kw_only=False):
    value: DerivedValue
    missing: tuple[str, ...] = ()
    method: str | None = None
    #: How the value was obtained (the formula with its inputs), for the wizard and the PDF.
    explanation: Message | None = None


def window_end(exposure: date, window: Window) -> date:
    """The last day that is still inside the window after an exposure."""
    if window.unit == "months":
        return add_months(exposure, window.amount)
    days = window.amount * (7 if window.unit == "weeks" else 1)
    return exposure + timedelta(days=days)


def _last_day_inside(exposure: date, window: Window) -> date:
    """The last reference date for which ``exposure`` is still inside ``window``.

    For calendar months, "same day N months later" is not always enough: an exposure on
    30 April is still inside a 6-month window for an infusion on 31 October (6 months before
    31 October clamps to 30 April). Walking on until :func:`within_window` says "outside"
    keeps the earliest infusion date consistent with the rule itself.
    """
    end = window_end(exposure, window)
    while within_window(exposure, end + timedelta(days=1), window):
        end += timedelta(days=1)
    return end


def within_window(exposure: date, reference: date, window: Window) -> bool:
    """Whether ``exposure`` is within ``window`` before ``reference`` (boundaries inclusive).

    Days and weeks: days = reference - exposure, inside when days <= N. Months: inside when on or
    after the same calendar day N months before the reference (clamped to the month's end).
    """
    if window.unit == "months":
        return exposure >= add_months(reference, -window.amount)
    days = window.amount * (7 if window.unit == "weeks" else 1)
    return (reference - exposure).days <= days


def agent_window_days(
    max_days: int, half_lives: Decimal, half_life_hours: Decimal | None
) -> Decimal:
    """min(max_days, half_lives x half-life) in days; max_days when the half-life is unknown."""
    if half_life_hours is None:
        return Decimal(max_days)
    return min(Decimal(max_days), half_lives * half_life_hours / 24)


def _missing(values: dict[str, Value], *ids: str) -> tuple[str, ...]:
    return tuple(i for i in ids if i not in values)


def compute_derived(
    protocol: Protocol, values: dict[str, Value], windows: list[ExposureRule | AgentsRule]
) -> dict[str, DerivedResult]:
    """Every derived value of the protocol, in file order (later ones may use earlier ones)."""
    out: dict[str, DerivedResult] = {}
    for d in protocol.derived:
        out[d.id] = _compute(protocol, d, values, out, windows)
    return out


def _compute(
    protocol: Protocol,
    d: Derived,
    values: dict[str, Value],
    done: dict[str, DerivedResult],
    windows: list[ExposureRule | AgentsRule],
) -> DerivedResult:
    if isinstance(d, AgeDerived):
        birth, on = values.get(d.birth), values.get(d.on)
        if isinstance(birth, date) and isinstance(on, date):
            return DerivedResult(age_in_years(birth, on))
        return DerivedResult(None, _missing(values, d.birth, d.on))
    if isinstance(d, UlnMultipleDerived):
        value, uln = values.get(d.value), values.get(d.uln)
        if isinstance(value, Decimal) and isinstance(uln, Decimal):
            return DerivedResult(value / uln)
        return DerivedResult(None, _missing(values, d.value, d.uln))
    if isinstance(d, CreatinineClearanceDerived):
        return _clearance(protocol, d, values, done)
    if isinstance(d, DaysBeforeDerived):
        exposure, reference = values.get(d.exposure), values.get(d.reference)
        if isinstance(exposure, date) and isinstance(reference, date):
            return DerivedResult((reference - exposure).days)
        return DerivedResult(None, _missing(values, d.exposure, d.reference))
    if isinstance(d, EarliestOutsideWindowsDerived):
        earliest = earliest_outside_windows(windows, values)
        why = None if earliest is not None else _no_earliest_reason(protocol, windows, values)
        return DerivedResult(earliest, explanation=why)
    raise AssertionError(f"unhandled derived kind {d}")  # pragma: no cover


def _clearance(
    protocol: Protocol,
    d: CreatinineClearanceDerived,
    values: dict[str, Value],
    done: dict[str, DerivedResult],
) -> DerivedResult:
    measured = values.get(d.measured)
    if isinstance(measured, Decimal):
        note = Message("derived.clearance_given", {"value": display.clearance(measured)})
        return DerivedResult(measured, method="measured", explanation=note)
    age = done[d.age]
    weight, serum, patient_sex = (
        values.get(d.weight),
        values.get(d.serum_creatinine),
        values.get(d.patient_sex),
    )
    if (
        isinstance(age.value, int)
        and isinstance(weight, Decimal)
        and isinstance(serum, Decimal)
        and isinstance(patient_sex, str)
    ):
        f = protocol.field_map[d.serum_creatinine]
        factors = f.unit_factors or {}
        unit = str(values[f.unit_field]) if f.unit_field else ""
        in_formula_unit = serum * factors.get(unit, Decimal(1))
        in_formula_unit /= factors[d.creatinine_unit_for_formula]
        clearance = Decimal(140 - age.value) * weight / (72 * in_formula_unit)
        female = ""
        if patient_sex == d.female_value:
            clearance *= d.female_factor
            female = f" × {display.plain(d.female_factor)}"
        params = {
            "age": age.value,
            "weight": display.plain(weight),
            "female": female,
            "serum": display.limit(in_formula_unit.quantize(Decimal("0.001"))),
            "unit": d.creatinine_unit_for_formula,
            "value": display.clearance(clearance),
        }
        note = Message("derived.crcl_cockcroft_gault", params)
        return DerivedResult(clearance, method="cockcroft_gault", explanation=note)
    serum_field = protocol.field_map[d.serum_creatinine]
    unit_ids = (serum_field.unit_field,) if serum_field.unit_field else ()
    missing = (
        d.measured,
        *age.missing,
        *_missing(values, d.weight, d.serum_creatinine, *unit_ids, d.patient_sex),
    )
    return DerivedResult(None, missing)


def _no_earliest_reason(
    protocol: Protocol, windows: list[ExposureRule | AgentsRule], values: dict[str, Value]
) -> Message | None:
    """Why no earliest infusion date can be given: an ongoing exposure (named), or none dated.
    None while an exposure is still unanswered."""
    answered = True
    for rule in windows:
        exposure = values.get(rule.field)
        if exposure is None:
            answered = False
        if isinstance(rule, ExposureRule) and exposure == ONGOING:
            label = protocol.field_map[rule.field].label
            return Message("derived.earliest_ongoing", {"what": label})
        if isinstance(exposure, list):
            for agent in exposure:
                if agent.last_dose == ONGOING:
                    return Message("derived.earliest_ongoing", {"what": agent.agent})
    return Message("derived.earliest_none_dated") if answered else None


def earliest_outside_windows(
    windows: list[ExposureRule | AgentsRule], values: dict[str, Value]
) -> date | None:
    """The first day on which every known dated exposure is outside its window.

    None when an exposure is ongoing (no date can be planned yet) or none is dated.
    """
    ends: list[date] = []
    for rule in windows:
        exposure = values.get(rule.field)
        if isinstance(rule, ExposureRule):
            if exposure == ONGOING:
                return None
            if isinstance(exposure, date):
                ends.append(_last_day_inside(exposure, rule.window))
        elif isinstance(exposure, list):
            for agent in exposure:
                if agent.last_dose == ONGOING:
                    return None
                assert isinstance(agent.last_dose, date)
                window = agent_window_days(rule.max_days, rule.half_lives, agent.half_life_hours)
                ends.append(agent.last_dose + timedelta(days=int(window)))
    if not ends:
        return None
    return max(ends) + timedelta(days=1)
