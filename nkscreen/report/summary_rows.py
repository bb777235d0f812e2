"""The rows of a printed summary, from the protocol and the evaluation (Qt-free): the patient
lines (found by field roles), the criteria table with the evidence behind each status, and the
key values (creatinine clearance, the earliest date outside every washout window).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from nkscreen.core import status
from nkscreen.core.engine import CriterionResult, Evaluation, derived_display
from nkscreen.core.protocol import (
    AgeDerived,
    CreatinineClearanceDerived,
    EarliestOutsideWindowsDerived,
    FieldRole,
    Protocol,
)
from nkscreen.report.appendix import EvidenceDate

#: The roles of the patient and date fields printed at the top, in this order, when the
#: protocol has them ("age": its age derived value).
PATIENT_ROLES: Final[tuple[FieldRole | Literal["age"], ...]] = (
    "screening_number",
    "initials",
    "patient_sex",
    "age",
    "screening_date",
    "first_dose_date",
)
NOT_ANSWERED: Final = "-"


@dataclass(frozen=True, slots=True)
class Item:
    """One labelled value (a patient detail, a key value, a record property)."""

    label: str
    value: str


@dataclass(frozen=True, slots=True)
class CriterionRow:
    """One row of the criteria table; ``level`` 1 is a sub-criterion (indented)."""

    id: str
    kind: str
    label: str
    status: str
    status_text: str
    tone: str
    evidence: str
    level: int
    #: The dates of the source documents behind this criterion (consent, labs, echo...).
    dates: tuple[EvidenceDate, ...] = ()


def _criterion_evidence(result: CriterionResult) -> str:
    """The evidence that decided a criterion; cited sub-criteria shrink to "I4A met".

    Their own rows follow right below with the full evidence, and repeating it would push
    the table onto a second page.
    """
    parts: list[str] = []
    for message in result.evidence:
        if message.id == "rule.criterion":
            parts.append(f"{message.params['id']} {message.params['status']}")
        else:
            parts.append(str(message))
    return "; ".join(parts)


def criterion_rows(
    protocol: Protocol,
    evaluation: Evaluation,
    dates: Mapping[str, tuple[EvidenceDate, ...]],
) -> tuple[CriterionRow, ...]:
    rows: list[CriterionRow] = []

    def add(criterion_id: str, level: int) -> None:
        result = evaluation.criteria[criterion_id]
        c = result.criterion
        shown = status.shown_status(result.status, result.applicable)
        rows.append(
            CriterionRow(
                id=c.id,
                kind=c.kind,
                label=c.label,
                status=result.status,
                status_text=status.printed(shown),
                tone=status.tone(shown),
                evidence=_criterion_evidence(result),
                level=level,
                dates=dates.get(c.id, ()),
            )
        )
        for sub in c.subcriteria:
            add(sub.id, level + 1)

    for top in protocol.criteria:
        add(top.id, 0)
    return tuple(rows)


def _answer_text(protocol: Protocol, answers: Mapping[str, object], field_id: str) -> str:
    value = answers.get(field_id)
    if value is None or value == "":
        return NOT_ANSWERED
    field = protocol.field_map.get(field_id)
    if field is not None:
        for choice in field.choices:
            if str(choice.value) == str(value):
                return choice.label
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def patient_items(
    protocol: Protocol, answers: Mapping[str, object], shown: Mapping[str, str]
) -> tuple[Item, ...]:
    items: list[Item] = []
    age = next((d for d in protocol.derived if isinstance(d, AgeDerived)), None)
    for role in PATIENT_ROLES:
        if role == "age":
            if age is not None:
                value = shown.get(age.id) or ""
                text = f"{value} {age.unit}".strip() if value else NOT_ANSWERED
                items.append(Item(age.label, text))
            continue
        field_id = protocol.role_field(role)
        if field_id is not None:
            label = protocol.field_map[field_id].label
            items.append(Item(label, _answer_text(protocol, answers, field_id)))
    return tuple(items)


def initials_text(protocol: Protocol, answers: Mapping[str, object]) -> str:
    """The initials as the patient lines print them ("-" when unanswered)."""
    field_id = protocol.role_field("initials")
    return _answer_text(protocol, answers, field_id) if field_id is not None else ""


def role_answer(protocol: Protocol, answers: Mapping[str, object], role: FieldRole) -> str:
    """The answer of the field playing ``role``, as text ("" when absent or unanswered)."""
    field_id = protocol.role_field(role)
    value = answers.get(field_id) if field_id is not None else None
    return "" if value is None else str(value)


def key_values(protocol: Protocol, evaluation: Evaluation) -> tuple[Item, ...]:
    shown = derived_display(protocol, evaluation.derived)
    items: list[Item] = []
    for d in protocol.derived:
        if isinstance(d, CreatinineClearanceDerived):
            result = evaluation.derived[d.id]
            how = f" ({result.explanation})" if result.explanation is not None else ""
            value = f"{shown[d.id]} {d.unit}{how}" if shown[d.id] else "not known yet"
            items.append(Item(d.label, value))
        elif isinstance(d, EarliestOutsideWindowsDerived):
            items.append(Item(d.label, shown[d.id] or "not known yet"))
    return tuple(items)


def field_label(protocol: Protocol, field_id: str) -> str:
    field = protocol.field_map.get(field_id)
    return f"{field.label} ({field_id})" if field is not None else field_id


__all__ = [
    "NOT_ANSWERED",
    "PATIENT_ROLES",
    "CriterionRow",
    "Item",
    "criterion_rows",
    "field_label",
    "initials_text",
    "key_values",
    "patient_items",
    "role_answer",
]
