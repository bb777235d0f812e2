"""The eligibility engine: raw answers in, statuses, verdict, reasons, missing fields, warnings
and derived values out. Qt-free and fast enough to run on every keystroke.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from decimal import Decimal, localcontext
from typing import Any

from nkscreen.core import display
from nkscreen.core.answers import Answers, AnswerValidator, FieldMessage
from nkscreen.core.derived import DerivedResult, compute_derived
from nkscreen.core.frozen import MutableRecord, Record, field
from nkscreen.core.logic import Tri, all3, any3, not3
from nkscreen.core.messages import Evidence, Message
from nkscreen.core.protocol import (
    AgentsRule,
    CreatinineClearanceDerived,
    Criterion,
    ExposureRule,
    Protocol,
    UlnMultipleDerived,
    iter_rules,
)
from nkscreen.core.rules import Outcome, RuleEvaluator
from nkscreen.core.status import CriterionStatus, Verdict, plain

ELIGIBLE = Verdict.ELIGIBLE
NOT_ELIGIBLE = Verdict.NOT_ELIGIBLE
INCOMPLETE = Verdict.INCOMPLETE

_STATUS: dict[str, dict[Tri, CriterionStatus]] = {
    "inclusion": {
        True: CriterionStatus.MET,
        False: CriterionStatus.NOT_MET,
        None: CriterionStatus.UNKNOWN,
    },
    "exclusion": {
        True: CriterionStatus.PRESENT,
        False: CriterionStatus.ABSENT,
        None: CriterionStatus.UNKNOWN,
    },
}


class EvaluationSettings(Record, kw_only=False):
    """Site settings that change what the result says, never the verdict."""

    recency_days: Mapping[str, int] = field(default_factory=dict)


class CriterionResult(Record, kw_only=False):
    criterion: Criterion
    status: CriterionStatus
    applicable: Tri
    evidence: tuple[Message, ...]
    missing: tuple[str, ...]

    @property
    def id(self) -> str:
        return self.criterion.id


class Evaluation(MutableRecord):
    protocol: Protocol
    answers: Answers
    criteria: dict[str, CriterionResult]
    overall: Verdict
    reasons: list[Message]
    missing: list[str]
    warnings: list[FieldMessage]
    derived: dict[str, DerivedResult]
    #: Whether each conditional field applies (False: hide it, e.g. female-only for a man).
    field_applies: dict[str, Tri] = field(default_factory=dict)
    #: Outcome of each lab / comparison / exposure check (see ``RuleEvaluator.leaves``).
    leaves: dict[str, Outcome] = field(default_factory=dict)

    @property
    def errors(self) -> list[FieldMessage]:
        return self.answers.errors

    def to_answer(self) -> list[str]:
        """The missing answers a person is asked for: ``missing`` without the protocol's
        optional fields (a measured clearance may stay empty: the formula is used then).
        ``missing`` itself, as ``evaluate`` prints it, keeps them (see the specification)."""
        return without_optional(self.protocol, self.missing)

    def not_applicable(self) -> list[str]:
        """Criteria that do not apply to this patient (their status stays met/absent)."""
        return [cid for cid, r in self.criteria.items() if r.applicable is False]

    def statuses(self) -> dict[str, str]:
        return {cid: str(r.status) for cid, r in self.criteria.items()}

    def to_json(self) -> dict[str, Any]:
        """The ``nkscreen evaluate`` output: JSON-ready, English texts."""
        return {
            "protocol": self.protocol.id,
            "protocol_version": self.protocol.version,
            "overall": str(self.overall),
            "criteria": self.statuses(),
            "reasons": [str(m) for m in self.reasons],
            "missing": list(self.missing),
            "not_applicable": self.not_applicable(),
            "warnings": [str(w) for w in self.warnings],
            "derived": derived_json(self.protocol, self.derived),
            "explanations": {
                cid: "; ".join(str(m) for m in r.evidence) for cid, r in self.criteria.items()
            },
        }


def without_optional(protocol: Protocol, field_ids: Iterable[object]) -> list[str]:
    """``field_ids`` (a ``missing`` list, as saved) less the protocol's optional fields."""
    fields = protocol.field_map
    return [str(f) for f in field_ids if not (f in fields and fields[str(f)].optional)]


def derived_json(protocol: Protocol, derived: Mapping[str, DerivedResult]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for d in protocol.derived:
        result = derived[d.id]
        value = result.value
        if isinstance(value, Decimal):
            out[d.id] = float(value)
        elif isinstance(value, date):
            out[d.id] = value.isoformat()
        else:
            out[d.id] = value
        if isinstance(d, CreatinineClearanceDerived):
            out[d.method_id] = result.method
    return out


def derived_display(protocol: Protocol, derived: Mapping[str, DerivedResult]) -> dict[str, str]:
    """Derived values as the wizard and the summary show them (rounded towards failing)."""
    out: dict[str, str] = {}
    for d in protocol.derived:
        value = derived[d.id].value
        if value is None:
            out[d.id] = ""
        elif isinstance(d, UlnMultipleDerived) and isinstance(value, Decimal):
            out[d.id] = display.multiple(value)
        elif isinstance(d, CreatinineClearanceDerived) and isinstance(value, Decimal):
            out[d.id] = display.clearance(value)
        elif isinstance(value, date):
            out[d.id] = value.isoformat()
        elif isinstance(value, Decimal):
            out[d.id] = display.plain(value)
        else:
            out[d.id] = str(value)
    return out


class Engine:
    """Evaluates assessments against one protocol; holds what can be prepared once."""

    def __init__(self, protocol: Protocol) -> None:
        self.protocol = protocol
        self.validator = AnswerValidator(protocol)
        self.windows: list[ExposureRule | AgentsRule] = [
            r
            for c in protocol.all_criteria
            for r in iter_rules(c.rule)
            if isinstance(r, ExposureRule | AgentsRule)
        ]
        self.field_order = {f.id: i for i, f in enumerate(protocol.fields)}
        self.conditional_fields = [f for f in protocol.fields if f.applies_when is not None]

    def evaluate(
        self, raw: Mapping[str, object], settings: EvaluationSettings | None = None
    ) -> Evaluation:
        # Enough digits that no product or quotient of valid answers is ever rounded
        # (values are bounded to 10^±30 by validation), so comparisons stay exact.
        with localcontext() as ctx:
            ctx.prec = 100
            return self._evaluate(raw, settings)

    def _evaluate(
        self, raw: Mapping[str, object], settings: EvaluationSettings | None
    ) -> Evaluation:
        answers = self.validator.validate(raw)
        values = answers.values
        derived = compute_derived(self.protocol, values, self.windows)
        results: dict[str, CriterionResult] = {}
        outcomes: dict[str, Outcome] = {}
        criteria = self.protocol.criterion_map

        def criterion_outcome(cid: str) -> Outcome:
            found = outcomes.get(cid)
            if found is None:
                result = self._criterion(criteria[cid], evaluator)
                results[cid] = result
                # A parent cites the sub-criterion by id, with the evidence that decided it.
                cited = Message(
                    "rule.criterion",
                    {
                        "id": cid,
                        "status": plain(result.status),
                        "evidence": Evidence(result.evidence),
                        "status_id": result.status,
                    },
                )
                found = outcomes[cid] = Outcome(_value_of(result), (cited,), result.missing)
            return found

        evaluator = RuleEvaluator(
            self.protocol, values, derived, criterion_outcome, answers.problems()
        )
        for c in self.protocol.all_criteria:
            criterion_outcome(c.id)
        ordered = {c.id: results[c.id] for c in self.protocol.all_criteria}
        field_applies = {
            f.id: evaluator.evaluate(f.applies_when).value
            for f in self.conditional_fields
            if f.applies_when is not None
        }
        overall, reasons = self._verdict(ordered)
        if overall == ELIGIBLE and answers.errors:  # never "eligible" beside invalid input
            overall = INCOMPLETE
        missing = self._missing(ordered)
        warnings = self._warnings(answers, settings)
        return Evaluation(
            self.protocol,
            answers,
            ordered,
            overall,
            reasons,
            missing,
            warnings,
            derived,
            field_applies,
            evaluator.leaves,
        )

    def _criterion(self, c: Criterion, evaluator: RuleEvaluator) -> CriterionResult:
        rule = evaluator.evaluate(c.rule)
        applies = Outcome(True)
        if c.applies_when is not None:
            applies = evaluator.evaluate(c.applies_when)
        if c.kind == "inclusion":  # met where it does not apply: (not applies) or rule
            value = any3((not3(applies.value), rule.value))
        else:  # absent where it does not apply: applies and rule
            value = all3((applies.value, rule.value))
        if applies.value is False:
            params = {"reason": c.not_applicable_reason, "criterion": c.id}
            reason = Message("rule.not_applicable", params)
            evidence: tuple[Message, ...] = (reason,)
        else:
            evidence = rule.evidence
        missing: tuple[str, ...] = ()
        if value is None:
            missing = (applies.missing if applies.value is None else ()) + (
                rule.missing if rule.value is None else ()
            )
            if applies.value is None:
                evidence = applies.evidence + evidence
        if len(evidence) > 1:  # an answer cited by two branches is shown once
            unique: list[Message] = []
            for message in evidence:
                if message not in unique:
                    unique.append(message)
            evidence = tuple(unique)
        return CriterionResult(c, _STATUS[c.kind][value], applies.value, evidence, missing)

    def _verdict(self, results: dict[str, CriterionResult]) -> tuple[Verdict, list[Message]]:
        top = [results[c.id] for c in self.protocol.criteria]
        failing = [r for r in top if r.status.failing]
        if failing:
            reasons = [
                Message(
                    "reason.criterion",
                    {
                        "id": r.id,
                        "label": r.criterion.label,
                        "status": plain(r.status),
                        "evidence": Evidence(r.evidence),
                        "status_id": r.status,
                    },
                )
                for r in failing
            ]
            return NOT_ELIGIBLE, reasons
        if all(r.status.passing for r in top):
            return ELIGIBLE, []
        return INCOMPLETE, []

    def _missing(self, results: dict[str, CriterionResult]) -> list[str]:
        seen = {
            m for r in results.values() if r.status is CriterionStatus.UNKNOWN for m in r.missing
        }
        return sorted(seen, key=lambda fid: self.field_order.get(fid, len(self.field_order)))

    def _warnings(
        self, answers: Answers, settings: EvaluationSettings | None
    ) -> list[FieldMessage]:
        warnings: list[FieldMessage] = []
        overrides = settings.recency_days if settings is not None else {}
        for limit in self.protocol.recency_limits:
            evidence, relative = (
                answers.values.get(limit.field),
                answers.values.get(limit.relative_to),
            )
            if not isinstance(evidence, date) or not isinstance(relative, date):
                continue
            max_days = overrides.get(limit.field, limit.max_days)
            age = (relative - evidence).days
            if age > max_days:
                params = {
                    "label": self.protocol.field_map[limit.field].label,
                    "date": evidence.isoformat(),
                    "days": age,
                    "limit": max_days,
                    "field": limit.field,
                }
                warnings.append(
                    FieldMessage(limit.field, Message("warning.stale_evidence", params))
                )
        return warnings


def _value_of(result: CriterionResult) -> Tri:
    """The truth of a criterion's rule, as a parent criterion citing it reads it."""
    if result.status in (CriterionStatus.MET, CriterionStatus.PRESENT):
        return True
    if result.status in (CriterionStatus.NOT_MET, CriterionStatus.ABSENT):
        return False
    return None


_ENGINES: dict[int, tuple[Protocol, Engine]] = {}


def engine_for(protocol: Protocol) -> Engine:
    """One engine per protocol object (kept alive with it, so its id is never reused)."""
    found = _ENGINES.get(id(protocol))
    if found is None:
        found = _ENGINES[id(protocol)] = (protocol, Engine(protocol))
    return found[1]


def evaluate(
    protocol: Protocol, raw: Mapping[str, object], settings: EvaluationSettings | None = None
) -> Evaluation:
    return engine_for(protocol).evaluate(raw, settings)
