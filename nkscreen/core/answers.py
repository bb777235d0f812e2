"""Turning raw answers (JSON values or text typed in the wizard) into typed, validated values.

Every problem is reported per field, all of them at once, so the wizard can show each error beside
its field and the CLI can print one line per bad field. Invalid values are left out of the typed
answers: the engine then treats them as unanswered, so a typo can never count as a pass.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from datetime import date
from decimal import Decimal, InvalidOperation

from nkscreen.core import display
from nkscreen.core.dates import age_in_years, parse_iso_date
from nkscreen.core.frozen import MutableRecord, Record, field
from nkscreen.core.messages import Message
from nkscreen.core.protocol import FieldDef, Protocol
from nkscreen.safe_files import MAX_ECHO_CHARS, clip

NONE = "none"
ONGOING = "ongoing"
_DECIMAL_TEXT = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)")
_AGENT_KEYS = frozenset({"agent", "last_dose", "half_life_hours"})
_MAX_HALF_LIFE = Decimal(8760)

Exposure = date | str  # a date, NONE or ONGOING
Value = str | int | Decimal | date | list["Agent"]


class Agent(Record, kw_only=False):
    """One systemic anti-tumour agent; ``last_dose`` is a date or ONGOING."""

    agent: str
    last_dose: Exposure
    half_life_hours: Decimal | None = None


class FieldMessage(Record, kw_only=False):
    """Something to say about one answer: an invalid value, or a warning (stale evidence)."""

    field: str
    message: Message

    def __str__(self) -> str:
        return f"{clip(self.field)}: {self.message}"


class Answers(MutableRecord):
    """Typed valid values by field id, and every validation error."""

    values: dict[str, Value] = field(default_factory=dict)
    errors: list[FieldMessage] = field(default_factory=list)
    #: Valid-looking answers left out of ``values`` because of another field's problem (a lab
    #: value without its unit), with what the user must do: the rules say it instead of
    #: "not answered".
    withheld: dict[str, Message] = field(default_factory=dict)

    def problems(self) -> dict[str, Message]:
        """What is wrong with each answer that cannot be used (first error per field)."""
        found = dict(self.withheld)
        for error in reversed(self.errors):
            found[error.field] = error.message
        return found

    def errors_for(self, field_id: str) -> list[FieldMessage]:
        return [e for e in self.errors if e.field == field_id]


class _InvalidError(Exception):
    def __init__(self, message: Message) -> None:
        self.message = message


def _is_blank(raw: object) -> bool:
    return raw is None or (isinstance(raw, str) and raw.strip() == "")


#: A clinical number beyond 10^±30 is a typo or an attack on the arithmetic, not a lab value.
_MAX_ADJUSTED_EXPONENT = 30
#: Nor does anyone type more digits than this (a 1,000-digit "1.000...0" is no measurement).
_MAX_DIGITS = 40


def _usable(value: Decimal) -> Decimal | None:
    """``value`` if it is a number a person could have typed, else None.

    Checked on the tuple, before any arithmetic: ``0E-999999999`` is zero, but printed as a
    plain decimal it is a billion characters.
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int) or len(digits) > _MAX_DIGITS:
        return None
    if exponent < -_MAX_ADJUSTED_EXPONENT - _MAX_DIGITS:
        return None
    if value and abs(value.adjusted()) > _MAX_ADJUSTED_EXPONENT:
        return None
    return value


def shown(raw: object) -> str:
    """A raw answer as the user wrote it, for messages: text quoted, numbers plain.

    Always short (cut at 60 characters) and printable: an error line echoes the value, and a
    hostile value must not become a gigabyte line or an unprintable one.
    """
    if isinstance(raw, str):  # cut inside the quotes; repr escapes what cannot be printed
        return repr(raw if len(raw) <= MAX_ECHO_CHARS else raw[: MAX_ECHO_CHARS - 3] + "...")
    if isinstance(raw, bool) or raw is None:
        return {True: "true", False: "false", None: "null"}[raw]
    if isinstance(raw, Decimal):
        if raw.is_finite() and _usable(raw) is not None:
            return clip(format(raw, "f"))
        return clip(str(raw))  # exponent notation: 1E-999999999, never its billion zeros
    if isinstance(raw, int | float):
        return clip(repr(raw))
    return type(raw).__name__


def to_decimal(raw: object) -> Decimal | None:
    """A JSON number, a Decimal or decimal text as an exact Decimal; None if it is not one.

    Floats go through ``repr`` (shortest round-trip text), so 1.1 stays 1.1, not
    1.100000000000000088817841970012523.
    """
    if isinstance(raw, bool):
        return None
    if isinstance(raw, int):
        return _usable(Decimal(raw))
    if isinstance(raw, Decimal):
        return _usable(raw)
    if isinstance(raw, float):
        return _usable(Decimal(repr(raw)))
    if isinstance(raw, str) and _DECIMAL_TEXT.fullmatch(raw.strip()):
        try:
            return _usable(Decimal(raw.strip()))
        except InvalidOperation:  # pragma: no cover - the pattern admits only valid text
            return None
    return None


def _is_number(raw: object) -> bool:
    """A finite JSON number (not a boolean): one :func:`to_decimal` refused is absurd."""
    if isinstance(raw, bool):
        return False
    if isinstance(raw, int):
        return True
    if isinstance(raw, float):
        return math.isfinite(raw)
    return isinstance(raw, Decimal) and raw.is_finite()


def _parse_scalar(f: FieldDef, raw: object) -> Value:
    if f.type == "text":
        if not isinstance(raw, str):
            raise _InvalidError(Message("invalid.not_text", {"value": shown(raw)}))
        text = raw.strip()
        if f.pattern is not None and not re.fullmatch(f.pattern, text):
            raise _InvalidError(
                Message(
                    "invalid.text_pattern",
                    {"value": shown(raw), "rule": f.pattern_hint, "field": f.id},
                )
            )
        return text
    if f.type == "yes_no":
        if raw not in ("yes", "no"):
            raise _InvalidError(Message("invalid.not_yes_no", {"value": shown(raw)}))
        return str(raw)
    if f.type == "choice":
        allowed = [c.value for c in f.choices]
        if not isinstance(raw, str) or raw not in allowed:
            choices = ", ".join(str(v) for v in allowed)
            params = {"value": shown(raw), "choices": choices}
            raise _InvalidError(Message("invalid.not_a_choice", params))
        return raw
    if f.type == "integer":
        number = to_decimal(raw)
        if number is None and _is_number(raw):
            raise _InvalidError(Message("invalid.number_extreme", {"value": shown(raw)}))
        if number is None or number != number.to_integral_value():
            raise _InvalidError(Message("invalid.not_an_integer", {"value": shown(raw)}))
        return int(number)
    if f.type == "number":
        number = to_decimal(raw)
        if number is None and _is_number(raw):
            raise _InvalidError(Message("invalid.number_extreme", {"value": shown(raw)}))
        if number is None:
            raise _InvalidError(Message("invalid.not_a_number", {"value": shown(raw)}))
        return number
    if f.type == "date":
        day = _as_date(raw)
        if day is None:
            raise _InvalidError(Message("invalid.not_a_date", {"value": shown(raw)}))
        return day
    if f.type == "exposure_date":
        if raw in (NONE, ONGOING):
            return str(raw)
        day = _as_date(raw)
        if day is None:
            raise _InvalidError(Message("invalid.not_an_exposure", {"value": shown(raw)}))
        return day
    raise AssertionError(f"unhandled field type {f.type}")  # pragma: no cover


def _as_date(raw: object) -> date | None:
    if isinstance(raw, date):
        return raw
    if isinstance(raw, str):
        return parse_iso_date(raw.strip())
    return None


def _parse_agents(raw: object) -> tuple[list[Agent], list[Message]]:
    if not isinstance(raw, list):
        return [], [Message("invalid.not_a_list", {"value": shown(raw)})]
    agents: list[Agent] = []
    problems: list[Message] = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            problems.append(Message("invalid.agent_not_object", {"index": index}))
            continue
        for key in item:
            if key not in _AGENT_KEYS:
                params = {"index": index, "key": clip(str(key))}
                problems.append(Message("invalid.agent_unknown_key", params))
        name = item.get("agent")
        if not isinstance(name, str) or not name.strip():
            problems.append(Message("invalid.agent_name", {"index": index}))
        last = item.get("last_dose")
        last_dose: Exposure | None = ONGOING if last == ONGOING else _as_date(last)
        if last_dose is None:
            problems.append(
                Message("invalid.agent_last_dose", {"index": index, "value": shown(last)})
            )
        half_life: Decimal | None = None
        if item.get("half_life_hours") is not None:
            half_life = to_decimal(item["half_life_hours"])
            if half_life is None or not (0 < half_life <= _MAX_HALF_LIFE):
                value = shown(item["half_life_hours"])
                problems.append(
                    Message("invalid.agent_half_life", {"index": index, "value": value})
                )
                half_life = None
        if isinstance(name, str) and name.strip() and last_dose is not None:
            agents.append(Agent(name.strip(), last_dose, half_life))
    return agents, problems


class AnswerValidator:
    """Validates raw answers against one protocol's field definitions."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.fields = protocol.field_map
        # value fields that depend on each unit field, for "unit required" checks
        self._unit_users: dict[str, list[str]] = {}
        for f in protocol.fields:
            if f.unit_field is not None:
                self._unit_users.setdefault(f.unit_field, []).append(f.id)
        # Only the fields that have cross-field date checks (this runs on every keystroke).
        self._dated = [
            f
            for f in protocol.fields
            if f.type in ("date", "exposure_date") and (f.not_after or f.max_years_before)
        ]
        self._agent_lists = [f for f in protocol.fields if f.type == "agent_list" and f.not_after]
        self._ranged = {f.id for f in protocol.fields if f.range is not None}

    def validate(self, raw: Mapping[str, object]) -> Answers:
        answers = Answers()
        values = answers.values
        errors = answers.errors
        for key, value in raw.items():
            f = self.fields.get(key)
            if f is None:
                errors.append(FieldMessage(key, self._unknown_field(key)))
                continue
            if _is_blank(value) or (f.type == "agent_list" and value is None):
                continue
            if f.type == "agent_list":
                agents, problems = _parse_agents(value)
                errors.extend(FieldMessage(key, m) for m in problems)
                if not problems:
                    values[key] = agents
                continue
            try:
                values[key] = _parse_scalar(f, value)
            except _InvalidError as invalid:
                errors.append(FieldMessage(key, invalid.message))
        self._check_units_and_ranges(answers)
        self._check_dates(answers)
        self._check_contradictions(answers)
        return answers

    def _unknown_field(self, key: str) -> Message:
        import difflib  # only for an unknown id: not at start-up

        close = difflib.get_close_matches(key, list(self.fields), n=1)
        hint = f" (did you mean {close[0]}?)" if close else ""
        return Message("invalid.unknown_field", {"hint": hint})

    def _check_units_and_ranges(self, answers: Answers) -> None:
        values = answers.values
        for unit_id, users in self._unit_users.items():
            given = [u for u in users if u in values]
            if given and unit_id not in values:
                params = {
                    "fields": " or ".join(self.fields[u].label for u in given),
                    "choices": " or ".join(c.label for c in self.fields[unit_id].choices),
                }
                if not answers.errors_for(unit_id):
                    message = Message("invalid.unit_required", params)
                    answers.errors.append(FieldMessage(unit_id, message))
                for u in given:  # a value without its unit is never assumed to be in one
                    del values[u]
                    answers.withheld[u] = Message("invalid.unit_missing", params)
        for fid in [fid for fid in values if fid in self._ranged]:
            f = self.fields[fid]
            if f.type not in ("number", "integer"):
                continue
            value = values[fid]
            assert isinstance(value, Decimal | int)
            problem = self._range_problem(f, Decimal(value), values)
            if problem is not None:
                answers.errors.append(FieldMessage(fid, problem))
                del values[fid]

    def _range_problem(
        self, f: FieldDef, value: Decimal, values: dict[str, Value]
    ) -> Message | None:
        rng = f.range
        assert rng is not None
        unit = unit_label = f.unit or ""
        factor = Decimal(1)
        if f.unit_field is not None and f.unit_factors is not None:
            unit = str(values[f.unit_field])
            factor = f.unit_factors[unit]
            unit_label = display.choice_label(self.fields[f.unit_field], unit)
        base = value * factor
        low = rng.min is not None and (base <= rng.min if rng.min_exclusive else base < rng.min)
        high = rng.max is not None and (base >= rng.max if rng.max_exclusive else base > rng.max)
        if not (low or high):
            return None
        parts = []
        if rng.min is not None:
            low_text = display.range_bound(rng.min / factor)
            parts.append(f"{'>' if rng.min_exclusive else '≥'} {low_text}")
        if rng.max is not None:
            high_text = display.range_bound(rng.max / factor)
            parts.append(f"{'<' if rng.max_exclusive else '≤'} {high_text}")
        params = {
            "value": display.plain(value),
            "unit": unit_label,  # as people write it (µmol/L); the answers keep the id
            "range": " and ".join(parts),
        }
        params["range"] += f" {unit_label}".rstrip()
        other = self._plausible_unit(f, value, unit)
        if other is not None:  # 160 "mg/dL" of creatinine: plausible in µmol/L
            params["other"] = other
            return Message("invalid.wrong_unit", params)
        return Message("invalid.below_min" if low else "invalid.above_max", params)

    def _plausible_unit(self, f: FieldDef, value: Decimal, unit: str) -> str | None:
        """The label of another unit in which ``value`` would be within range, if any."""
        rng = f.range
        if f.unit_field is None or f.unit_factors is None or rng is None:
            return None
        for choice in self.fields[f.unit_field].choices:
            if choice.value == unit or choice.value not in f.unit_factors:
                continue
            base = value * f.unit_factors[str(choice.value)]
            low = rng.min is not None and (base <= rng.min if rng.min_exclusive else base < rng.min)
            high = rng.max is not None and (
                base >= rng.max if rng.max_exclusive else base > rng.max
            )
            if not (low or high):
                return choice.label
        return None

    def _check_dates(self, answers: Answers) -> None:
        values = answers.values
        for f in self._dated:
            value = values.get(f.id)
            if not isinstance(value, date):
                continue
            for other_id in f.not_after:
                other = values.get(other_id)
                if isinstance(other, date) and value > other:
                    params: dict[str, object] = {
                        "value": value.isoformat(),
                        "other_label": self.fields[other_id].label.lower(),
                        "other": other.isoformat(),
                        "other_field": other_id,
                    }
                    answers.errors.append(FieldMessage(f.id, Message("invalid.after_date", params)))
                    del values[f.id]
                    break
            else:
                limit = f.max_years_before
                if limit is None:
                    continue
                on = values.get(limit.field)
                if isinstance(on, date) and age_in_years(value, on) > limit.years:
                    params = {
                        "value": value.isoformat(),
                        "years": age_in_years(value, on),
                        "limit": limit.years,
                    }
                    answers.errors.append(FieldMessage(f.id, Message("invalid.too_old", params)))
                    del values[f.id]
        self._check_agent_dates(answers)

    def _check_agent_dates(self, answers: Answers) -> None:
        values = answers.values
        for f in self._agent_lists:
            agents = values.get(f.id)
            if not isinstance(agents, list):
                continue
            for other_id in f.not_after:
                other = values.get(other_id)
                if not isinstance(other, date):
                    continue
                bad = [
                    (i, a)
                    for i, a in enumerate(agents)
                    if isinstance(a.last_dose, date) and a.last_dose > other
                ]
                for index, agent in bad:
                    assert isinstance(agent.last_dose, date)
                    params = {
                        "index": index,
                        "value": agent.last_dose.isoformat(),
                        "other_label": self.fields[other_id].label.lower(),
                        "other": other.isoformat(),
                        "other_field": other_id,
                    }
                    message = Message("invalid.agent_last_dose_after", params)
                    answers.errors.append(FieldMessage(f.id, message))
                if bad:
                    del values[f.id]
                    break

    def _check_contradictions(self, answers: Answers) -> None:
        values = answers.values
        for contradiction in self.protocol.contradictions:
            items = list(contradiction.when.items())
            if not all(values.get(fid) == expected for fid, expected in items):
                continue
            for fid, expected in items:
                other_id, other_value = next((o, v) for o, v in items if o != fid)
                params = {
                    "label": self.fields[fid].label,
                    "value": expected,
                    "other_label": self.fields[other_id].label,
                    "other_value": other_value,
                    "field": fid,
                    "other_field": other_id,
                }
                answers.errors.append(FieldMessage(fid, Message("invalid.contradiction", params)))
            for fid, _ in items:
                del values[fid]
