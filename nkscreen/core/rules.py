"""Kleene evaluation of the declarative rule language, with evidence and missing fields.

Each node returns an :class:`Outcome`: its three-valued result, the evidence that decided it
(messages for the clinician) and, when unknown, the unanswered fields that keep it unknown. The
evidence kept is the decisive part: the failing parts of a failed AND, the passing parts of a
passed OR, the unknown parts of an unknown result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from typing import Any, NamedTuple

from nkscreen.core import display
from nkscreen.core.answers import NONE, ONGOING, Value
from nkscreen.core.derived import DerivedResult, agent_window_days, within_window
from nkscreen.core.logic import Tri, all3, any3, not3
from nkscreen.core.messages import Message
from nkscreen.core.protocol import (
    AgentsRule,
    AllRule,
    AnyRule,
    CompareRule,
    CreatinineClearanceDerived,
    CriterionRule,
    EqualsRule,
    ExposureRule,
    NotRule,
    Protocol,
    Rule,
    UlnRule,
    Window,
)

_NEGATED = {"<": ">=", "<=": ">", ">": "<=", ">=": "<", "==": "!="}
_MISSING_AS: dict[str, Tri] = {"unknown": None, "pass": True, "fail": False}


class Outcome(NamedTuple):
    """A rule's result; a named tuple because ~100 are made per evaluation."""

    value: Tri
    evidence: tuple[Message, ...] = ()
    missing: tuple[str, ...] = ()


def _compare(left: Decimal | int, cmp: str, right: Decimal) -> bool:
    if cmp == "<":
        return left < right
    if cmp == "<=":
        return left <= right
    if cmp == ">":
        return left > right
    if cmp == ">=":
        return left >= right
    return left == right


def _answer_text(labels: dict[str | int, str], answer: Value) -> str:
    """A choice shows its label (``Positive``, not a code); other answers as given."""
    if isinstance(answer, str | int):
        label = labels.get(answer)
        if label is not None:
            return label
    return str(answer)


_LEAVES = frozenset({UlnRule, CompareRule, ExposureRule, AgentsRule})


def _leaf_key(rule: Any) -> str:
    if isinstance(rule, UlnRule):
        return rule.derived or rule.value
    if isinstance(rule, CompareRule):
        return rule.derived or rule.field or ""
    return str(rule.field)


def window_text(window: Window) -> str:
    unit = window.unit if window.amount != 1 else window.unit.rstrip("s")
    return f"{window.amount} {unit}"


def _combine(outcomes: list[Outcome], value: Tri) -> Outcome:
    """Evidence from the children that agree with the result: they are what decided it."""
    if value is None:
        chosen = [o for o in outcomes if o.value is None]
        missing = tuple(m for o in chosen for m in o.missing)
        return Outcome(None, tuple(e for o in chosen for e in o.evidence), missing)
    chosen = [o for o in outcomes if o.value is value]
    return Outcome(value, tuple(e for o in chosen for e in o.evidence))


class RuleEvaluator:
    """Evaluates rules against typed answers and derived values of one assessment."""

    def __init__(
        self,
        protocol: Protocol,
        values: dict[str, Value],
        derived: dict[str, DerivedResult],
        criterion: Callable[[str], Outcome],
        problems: Mapping[str, Message] | None = None,
    ) -> None:
        self.protocol = protocol
        #: Why an answer given cannot be used (invalid, or a lab value without its unit): the
        #: evidence says so in plain words instead of "not answered".
        self.problems = problems or {}
        self.fields = protocol.field_map
        self.values = values
        self.derived = derived
        self.criterion = criterion
        #: Outcome of each lab, comparison and exposure check, keyed by its derived value or
        #: field id, so the wizard can show a verdict beside each input row.
        self.leaves: dict[str, Outcome] = {}

    def evaluate(self, rule: Rule) -> Outcome:
        # Dispatch on the rule's class: this runs ~90 times per keystroke.
        kind = type(rule)
        outcome = _DISPATCH[kind](self, rule)
        if kind in _LEAVES:
            self.leaves[_leaf_key(rule)] = outcome
        return outcome

    def _all(self, rule: AllRule) -> Outcome:
        outcomes = [self.evaluate(r) for r in rule.of]
        return _combine(outcomes, all3(o.value for o in outcomes))

    def _any(self, rule: AnyRule) -> Outcome:
        outcomes = [self.evaluate(r) for r in rule.of]
        return _combine(outcomes, any3(o.value for o in outcomes))

    def _not(self, rule: NotRule) -> Outcome:
        inner = self.evaluate(rule.rule)
        return Outcome(not3(inner.value), inner.evidence, inner.missing)

    def _criterion_ref(self, rule: CriterionRule) -> Outcome:
        return self.criterion(rule.id)

    def _label(self, field_id: str) -> str:
        return self.fields[field_id].label

    def _unit_label(self, unit_field: str) -> str:
        """The chosen unit as people write it (µmol/L); the answers keep its id (umol/L)."""
        return display.choice_label(self.fields[unit_field], self.values[unit_field])

    def _unanswered(self, field_id: str) -> Message:
        """ "Serum creatinine: not answered", or what is wrong with the answer given."""
        problem = self.problems.get(field_id)
        if problem is not None:
            return Message(
                "rule.problem",
                {"label": self._label(field_id), "problem": problem, "field": field_id},
            )
        return Message("rule.missing", {"label": self._label(field_id), "field": field_id})

    def _not_answered(self, field_id: str, value: Tri = None) -> Outcome:
        message = self._unanswered(field_id)
        return Outcome(value, (message,), (field_id,) if value is None else ())

    def _equals(self, rule: EqualsRule) -> Outcome:
        f = self.fields[rule.field]
        answer = self.values.get(rule.field)
        if answer is None:
            return self._not_answered(rule.field, _MISSING_AS[rule.if_missing])
        labels = self.protocol.choice_labels[rule.field]
        params = {"label": f.label, "answer": _answer_text(labels, answer)}
        # The ids beside the English words let a printout in another language say the same.
        message = Message("rule.equals", {**params, "field": rule.field, "raw": answer})
        if answer in f.no_result_values:  # e.g. a pregnancy test "not done": no result yet
            if_missing = _MISSING_AS[rule.if_missing]
            return Outcome(if_missing, (message,), (rule.field,) if if_missing is None else ())
        return Outcome(answer == rule.value, (message,))

    def _compare_rule(self, rule: CompareRule) -> Outcome:
        if rule.field is not None:
            f = self.fields[rule.field]
            value = self.values.get(rule.field)
            if value is None:
                return self._not_answered(rule.field)
            assert isinstance(value, Decimal | int)
            label, unit, shown = f.label, f.unit or "", display.plain(value)
            source = {"field": rule.field}
        else:
            assert rule.derived is not None
            result = self.derived[rule.derived]
            d = self.protocol.derived_map[rule.derived]
            label, unit = d.label, getattr(d, "unit", "")
            if result.value is None:
                message = Message(
                    "rule.crcl_missing"
                    if isinstance(d, CreatinineClearanceDerived)
                    else "rule.missing",
                    {"label": label, "derived": rule.derived},
                )
                return Outcome(None, (message,), result.missing)
            source = {"derived": rule.derived, "method": result.method or ""}
            assert isinstance(result.value, Decimal | int)
            value = result.value
            if isinstance(d, CreatinineClearanceDerived):
                method = "measured" if result.method == "measured" else "Cockcroft-Gault"
                label = f"{label} ({method})"
            shown = (
                display.plain(value)
                if isinstance(value, int)
                else display.towards_fail(value, rule.cmp, 1)
            )
        passed = _compare(value, rule.cmp, rule.value)
        relation = display.relation(rule.cmp if passed else _NEGATED[rule.cmp])
        params = {
            "label": label,
            "value": shown,
            "unit": unit,
            "relation": relation,
            "limit": display.plain(rule.value),
            **source,
        }
        return Outcome(passed, (Message("rule.compare", params),))

    def _uln(self, rule: UlnRule) -> Outcome:
        value, uln = self.values.get(rule.value), self.values.get(rule.uln)
        if not isinstance(value, Decimal) or not isinstance(uln, Decimal):
            f = self.fields[rule.value]
            ids = [rule.value, rule.uln]
            if f.unit_field is not None:
                ids.append(f.unit_field)
            missing = tuple(i for i in ids if i not in self.values)
            evidence = tuple(self._unanswered(i) for i in missing)
            return Outcome(None, evidence, missing)
        absolute = rule.multiple * uln
        passed = value <= absolute if rule.cmp == "<=" else value < absolute
        f = self.fields[rule.value]
        unit = self._unit_label(f.unit_field) if f.unit_field else (f.unit or "")
        params = {
            "label": f.label,
            "value": display.plain(value),
            "unit": unit,
            "uln": display.plain(uln),
            "multiple": display.multiple(value / uln),
            "relation": display.relation(rule.cmp if passed else _NEGATED[rule.cmp]),
            "limit": display.plain(rule.multiple),
            "absolute": f"{display.limit(absolute)} {unit}".strip(),
            "field": rule.value,
        }
        return Outcome(passed, (Message("rule.uln", params),))

    def _exposure(self, rule: ExposureRule) -> Outcome:
        exposure = self.values.get(rule.field)
        label = self._label(rule.field)
        field = {"field": rule.field}
        window = window_text(rule.window)
        if exposure is None:
            return self._not_answered(rule.field)
        if exposure == NONE:
            return Outcome(False, (Message("rule.exposure_none", {"label": label, **field}),))
        if exposure == ONGOING:
            message = Message("rule.exposure_ongoing", {"label": label, "window": window, **field})
            return Outcome(True, (message,))
        reference = self.values.get(rule.reference)
        if not isinstance(reference, date):
            return self._not_answered(rule.reference)
        assert isinstance(exposure, date)
        inside = within_window(exposure, reference, rule.window)
        params: dict[str, object] = {
            "label": label,
            "date": exposure.isoformat(),
            "days": (reference - exposure).days,
            "reference": self.fields[rule.reference].as_reference,
            "reference_field": rule.reference,
            "window": window,
            **field,
        }
        key = "rule.exposure_within" if inside else "rule.exposure_outside"
        return Outcome(inside, (Message(key, params),))

    def _agents(self, rule: AgentsRule) -> Outcome:
        agents = self.values.get(rule.field)
        if agents is None:
            return self._not_answered(rule.field)
        assert isinstance(agents, list)
        if not agents:
            return Outcome(
                False,
                (
                    Message(
                        "rule.agents_none", {"label": self._label(rule.field), "field": rule.field}
                    ),
                ),
            )
        reference = self.values.get(rule.reference)
        outcomes: list[Outcome] = []
        for agent in agents:
            days = agent_window_days(rule.max_days, rule.half_lives, agent.half_life_hours)
            window = f"{display.window_days(days)} days"
            if agent.last_dose == ONGOING:
                message = Message("rule.agent_ongoing", {"agent": agent.agent, "window": window})
                outcomes.append(Outcome(True, (message,)))
                continue
            if not isinstance(reference, date):
                outcomes.append(self._not_answered(rule.reference))
                continue
            assert isinstance(agent.last_dose, date)
            elapsed = (reference - agent.last_dose).days
            inside = elapsed <= days
            params = {
                "agent": agent.agent,
                "date": agent.last_dose.isoformat(),
                "days": elapsed,
                "reference": self.fields[rule.reference].as_reference,
                "reference_field": rule.reference,
                "window": window,
            }
            key = "rule.agent_within" if inside else "rule.agent_outside"
            outcomes.append(Outcome(inside, (Message(key, params),)))
        value = any3(o.value for o in outcomes)
        if value is None:
            return _combine(outcomes, value)
        # One line per agent, inside or outside its window: a reader sees every washout.
        return Outcome(value, tuple(e for o in outcomes for e in o.evidence))


_DISPATCH: dict[type, Callable[[RuleEvaluator, Any], Outcome]] = {
    AllRule: RuleEvaluator._all,
    AnyRule: RuleEvaluator._any,
    NotRule: RuleEvaluator._not,
    EqualsRule: RuleEvaluator._equals,
    CompareRule: RuleEvaluator._compare_rule,
    UlnRule: RuleEvaluator._uln,
    CriterionRule: RuleEvaluator._criterion_ref,
    ExposureRule: RuleEvaluator._exposure,
    AgentsRule: RuleEvaluator._agents,
}
