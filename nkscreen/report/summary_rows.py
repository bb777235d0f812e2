"""The rows of a printed summary, from the protocol and the evaluation (Qt-free), in the
printout's language: the patient lines (found by field roles), the criteria table with the
evidence behind each status, each criterion over its registry text for a translated protocol,
and the key values (creatinine clearance, the earliest date outside every washout window).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Final, Literal

from nkscreen.core import status
from nkscreen.core.engine import CriterionResult, Evaluation, derived_display
from nkscreen.core.localized_texts import ENGLISH
from nkscreen.core.protocol import (
    AgeDerived,
    CreatinineClearanceDerived,
    EarliestOutsideWindowsDerived,
    FieldRole,
    Protocol,
)
from nkscreen.report.appendix import EvidenceDate
from nkscreen.report.texts import ReportTexts

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
    #: The field (or derived value) it shows, so code finds it whatever the language.
    key: str = ""


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
    #: The screener's comment on this criterion ("" for none), printed under its row.
    comment: str = ""


@dataclass(frozen=True, slots=True)
class CriterionText:
    """A criterion as registered: its rendering in the printout's language above the
    verbatim English registry text (printed when the protocol is translated)."""

    id: str
    kind: str
    label: str
    text: str
    registry_text: str
    level: int


def _criterion_evidence(result: CriterionResult, tx: ReportTexts) -> str:
    """The evidence that decided a criterion; cited sub-criteria shrink to "I4A met".

    Their own rows follow right below with the full evidence, and repeating it would push
    the table onto a second page.
    """
    parts: list[str] = []
    for message in result.evidence:
        if message.id == "rule.criterion":
            status = message.params["status"]
            if tx.locale != ENGLISH:
                status = tx(f"status_word.{message.params['status_id']}")
            parts.append(tx("criteria.cited", id=message.params["id"], status=status))
        else:
            parts.append(tx.message(message))
    return tx.join(parts)


def criterion_rows(
    protocol: Protocol,
    evaluation: Evaluation,
    dates: Mapping[str, tuple[EvidenceDate, ...]],
    tx: ReportTexts,
    comments: Mapping[str, str] | None = None,
) -> tuple[CriterionRow, ...]:
    """Every criterion and sub-criterion in protocol order, with ``comments`` by id."""
    rows: list[CriterionRow] = []
    comments = comments or {}

    def add(criterion_id: str, level: int) -> None:
        result = evaluation.criteria[criterion_id]
        c = result.criterion
        shown = status.shown_status(result.status, result.applicable)
        rows.append(
            CriterionRow(
                id=c.id,
                kind=c.kind,
                label=tx.protocol.criterion_label(c.id),
                status=result.status,
                status_text=tx(f"status.{shown}"),
                tone=status.tone(shown),
                evidence=_criterion_evidence(result, tx),
                level=level,
                dates=dates.get(c.id, ()),
                comment=comments.get(c.id, ""),
            )
        )
        for sub in c.subcriteria:
            add(sub.id, level + 1)

    for top in protocol.criteria:
        add(top.id, 0)
    return tuple(rows)


def criteria_texts(protocol: Protocol, tx: ReportTexts) -> tuple[CriterionText, ...]:
    """Every criterion in the printout's language over its registry text; none in English
    (the English printout shows the labels, and the registry text is the English itself)."""
    if not tx.protocol.translated:
        return ()
    texts = tx.protocol
    rows: list[CriterionText] = []

    def add(criterion_id: str, level: int) -> None:
        c = protocol.criterion_map[criterion_id]
        rows.append(
            CriterionText(
                id=c.id,
                kind=c.kind,
                label=texts.criterion_label(c.id),
                text=texts.criterion_text(c.id),
                registry_text=texts.registry_text(c.id),
                level=level,
            )
        )
        for sub in c.subcriteria:
            add(sub.id, level + 1)

    for top in protocol.criteria:
        add(top.id, 0)
    return tuple(rows)


def _answer_text(answers: Mapping[str, object], field_id: str, tx: ReportTexts) -> str:
    value = answers.get(field_id)
    if value is None or value == "":
        return NOT_ANSWERED
    label = tx.protocol.choice_label(field_id, value)
    if label is not None:
        return label
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def patient_items(
    protocol: Protocol, answers: Mapping[str, object], shown: Mapping[str, str], tx: ReportTexts
) -> tuple[Item, ...]:
    items: list[Item] = []
    age = next((d for d in protocol.derived if isinstance(d, AgeDerived)), None)
    for role in PATIENT_ROLES:
        if role == "age":
            if age is not None:
                value = shown.get(age.id) or ""
                unit = tx.protocol.unit(age.unit)
                text = tx("value_unit", value=value, unit=unit).strip() if value else NOT_ANSWERED
                items.append(Item(tx.protocol.derived_label(age.id), text, age.id))
            continue
        field_id = protocol.role_field(role)
        if field_id is not None:
            label = tx.protocol.field_label(field_id)
            items.append(Item(label, _answer_text(answers, field_id, tx), field_id))
    return tuple(items)


def initials_text(protocol: Protocol, answers: Mapping[str, object], tx: ReportTexts) -> str:
    """The initials as the patient lines print them ("-" when unanswered)."""
    field_id = protocol.role_field("initials")
    return _answer_text(answers, field_id, tx) if field_id is not None else ""


def role_answer(protocol: Protocol, answers: Mapping[str, object], role: FieldRole) -> str:
    """The answer of the field playing ``role``, as text ("" when absent or unanswered)."""
    field_id = protocol.role_field(role)
    value = answers.get(field_id) if field_id is not None else None
    return "" if value is None else str(value)


def key_values(protocol: Protocol, evaluation: Evaluation, tx: ReportTexts) -> tuple[Item, ...]:
    shown = derived_display(protocol, evaluation.derived)
    items: list[Item] = []
    for d in protocol.derived:
        label = tx.protocol.derived_label(d.id)
        if isinstance(d, CreatinineClearanceDerived):
            result = evaluation.derived[d.id]
            value = tx("not_known_yet")
            if shown[d.id]:
                value = tx("value_unit", value=shown[d.id], unit=tx.protocol.unit(d.unit))
                if result.explanation is not None:
                    value = tx("explained", value=value, explanation=tx.message(result.explanation))
            items.append(Item(label, value, d.id))
        elif isinstance(d, EarliestOutsideWindowsDerived):
            items.append(Item(label, shown[d.id] or tx("not_known_yet"), d.id))
    return tuple(items)


def field_label(field_id: str, tx: ReportTexts) -> str:
    if field_id not in tx.protocol.protocol.field_map:
        return field_id
    return tx("labelled_id", label=tx.protocol.field_label(field_id), id=field_id)


__all__ = [
    "NOT_ANSWERED",
    "PATIENT_ROLES",
    "CriterionRow",
    "CriterionText",
    "Item",
    "criteria_texts",
    "criterion_rows",
    "field_label",
    "initials_text",
    "key_values",
    "patient_items",
    "role_answer",
]
