"""The evidence a monitor checks against the source documents, as plain data (Qt-free).

Two parts of a printout come from here: the answers appendix (every answer the evaluation
used, grouped as the wizard's pages, each lab as value / ULN = multiple even when another
branch of its criterion decided) and the evidence dates (consent, labs, marrow, echo,
pregnancy test: fields whose protocol ``role`` is ``evidence_date``) beside the criteria that
list them, with their recency warnings. Everything is read from the protocol (labels, units,
groups, roles), so a second protocol needs no change here; the words are in the printout's
language (``texts``, English by default).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, localcontext
from typing import Final

from nkscreen.core import display
from nkscreen.core.answers import NONE, ONGOING, Agent, shown
from nkscreen.core.engine import Evaluation
from nkscreen.core.localized_texts import ENGLISH
from nkscreen.core.pages import WizardPage, wizard_pages
from nkscreen.core.protocol import DaysBeforeDerived, Protocol, UlnRule
from nkscreen.core.units import EnteredValue, kept_source, other_unit_text
from nkscreen.report.texts import ReportTexts, report_text, report_texts
from nkscreen.report.unit_text import answer_unit, with_unit

NOT_ANSWERED: Final = report_text(ENGLISH, "not_answered")


@dataclass(frozen=True, slots=True)
class AnswerRow:
    """One answer as printed; ``tone`` is "bad" for an invalid answer or a lab over its limit."""

    criterion: str
    label: str
    value: str
    tone: str = ""


@dataclass(frozen=True, slots=True)
class AnswerPage:
    """The answers of one wizard page, under the page's title."""

    title: str
    rows: tuple[AnswerRow, ...]


@dataclass(frozen=True, slots=True)
class EvidenceDate:
    """The date of a source document, printed beside the criterion it supports."""

    field: str
    label: str
    value: str
    #: "2 days before the assessment date" when the protocol sets a recency limit for it.
    age: str
    #: "older than the site's limit of 14 days" when it is; empty otherwise.
    warning: str


class _Answers:
    """Formats one assessment's answers: valid values typed, invalid ones as written."""

    def __init__(
        self,
        protocol: Protocol,
        raw: Mapping[str, object],
        evaluation: Evaluation,
        tx: ReportTexts,
        entered: Mapping[str, EnteredValue] | None = None,
    ) -> None:
        self.protocol = protocol
        self.entered = entered or {}
        self.tx = tx
        self.labels = tx.protocol
        self.raw = raw
        self.ev = evaluation
        self.values = evaluation.answers.values
        self.errors: dict[str, str] = {}
        for error in evaluation.errors:
            self.errors.setdefault(error.field, tx.message(error.message))
        self.days_before = {
            d.exposure: d for d in protocol.derived if isinstance(d, DaysBeforeDerived)
        }

    def applies(self, field_id: str) -> bool:
        """False for a question that does not apply (the wizard hides it, the record drops it)."""
        return self.ev.field_applies.get(field_id) is not False or field_id in self.errors

    def invalid(self, field_id: str) -> str | None:
        message = self.errors.get(field_id)
        if message is None:
            return None
        return self.tx("answer.invalid", value=shown(self.raw.get(field_id)), message=message)

    def unit(self, field_id: str) -> str:
        return answer_unit(self.protocol, field_id, self.values, self.tx)

    def number(self, field_id: str) -> str:
        """The number with its unit; a field that can be typed in another unit shows both,
        and says which was typed: "69.99 kg (entered as 154.3 lb)", "70 kg (154.3 lb)"."""
        value = self.values.get(field_id)
        if value is None:
            return self.invalid(field_id) or self.tx("not_answered")
        assert isinstance(value, Decimal | int)
        text = with_unit(display.plain(value), self.unit(field_id))
        f = self.protocol.field_map[field_id]
        other = other_unit_text(f, Decimal(value), self.entered.get(field_id))
        if not other:
            return text
        key = "answer.entered_as" if kept_source(f, self.entered.get(field_id), value) else ""
        return self.tx(key or "answer.converted", value=text, other=other)

    def text(self, field_id: str) -> tuple[str, str]:
        """The answer as printed and its tone."""
        bad = self.invalid(field_id)
        if bad is not None:
            return bad, "bad"
        value = self.values.get(field_id)
        if value is None:
            return self.tx("not_answered"), ""
        f = self.protocol.field_map[field_id]
        if f.type == "yes_no":
            if value in ("yes", "no"):
                return self.tx(str(value)), ""
            return str(value), ""
        if isinstance(value, list):
            return _agents(value, self.tx), ""
        if isinstance(value, str | int) and value in self.protocol.choice_labels[field_id]:
            label = self.labels.choice_label(field_id, value)
            if label is not None:
                return label, ""
        if f.type == "exposure_date":
            return self.exposure(field_id, value), ""
        if isinstance(value, date):
            return value.isoformat(), ""
        if isinstance(value, Decimal | int):
            return self.number(field_id), ""
        return str(value), ""

    def exposure(self, field_id: str, value: object) -> str:
        if value == NONE:
            return self.tx("none")
        if value == ONGOING:
            return self.tx("ongoing")
        assert isinstance(value, date)
        text = value.isoformat()
        derived = self.days_before.get(field_id)
        days = self.ev.derived[derived.id].value if derived is not None else None
        if isinstance(days, int) and derived is not None:
            reference = self.tx.protocol.field_reference(derived.reference)
            return self.tx("answer.days_before", date=text, days=days, reference=reference)
        return text

    def lab(self, rule: UlnRule) -> AnswerRow:
        """value unit / ULN uln unit = multiple × ULN, and where it stands against the limit.

        Printed whatever decided the criterion: a creatinine over its limit stays visible
        when the clearance met the criterion instead.
        """
        tx = self.tx
        label = self.labels.field_label(rule.value)
        value, uln = self.values.get(rule.value), self.values.get(rule.uln)
        first = self.number(rule.value)
        second = self.number(rule.uln)
        if not isinstance(value, Decimal) or not isinstance(uln, Decimal):
            tone = "bad" if rule.value in self.errors or rule.uln in self.errors else ""
            return AnswerRow("", label, tx("lab.values", value=first, uln=second), tone)
        derived = self.ev.derived.get(rule.derived) if rule.derived else None
        if derived is not None and isinstance(derived.value, Decimal):
            ratio = derived.value
        else:
            with localcontext() as ctx:
                ctx.prec = 100
                ratio = value / uln
        unit = self.unit(rule.value)
        absolute = f"{display.limit(rule.multiple * uln)} {unit}".strip()
        leaf = self.ev.leaves.get(rule.derived or rule.value)
        limit = tx("lab.limit", multiple=display.plain(rule.multiple), absolute=absolute)
        text = tx("lab.multiple", value=first, uln=second, multiple=display.multiple(ratio))
        if leaf is None or leaf.value is None:
            return AnswerRow("", label, text)
        if leaf.value:
            return AnswerRow("", label, tx("lab.within", text=text, limit=limit))
        return AnswerRow("", label, tx("lab.above", text=text, limit=limit), "bad")


def _agents(agents: list[Agent], tx: ReportTexts) -> str:
    if not agents:
        return tx("none")
    parts = []
    for a in agents:
        last = a.last_dose.isoformat() if isinstance(a.last_dose, date) else tx("ongoing_lower")
        half = ""
        if a.half_life_hours:
            half = tx("agent.half_life", hours=display.plain(a.half_life_hours))
        parts.append(tx("agent.line", agent=a.agent, date=last, half_life=half))
    return tx.join(parts)


def page_title(page: WizardPage, texts: ReportTexts | None = None) -> str:
    """The wizard's page heading ("Inclusion 5: Adequate organ function")."""
    if texts is None:
        title = page.title
    elif page.kind == "section":
        title = texts.protocol.section_title(page.key)
    else:
        title = texts.protocol.criterion_label(page.key)
    if page.kind not in ("inclusion", "exclusion"):
        return title
    locale = texts.locale if texts is not None else ENGLISH
    return report_text(locale, f"page.{page.kind}", number=page.key[1:], title=title)


def answers_appendix(
    protocol: Protocol,
    raw: Mapping[str, object],
    evaluation: Evaluation,
    texts: ReportTexts | None = None,
    entered: Mapping[str, EnteredValue] | None = None,
) -> tuple[AnswerPage, ...]:
    """Every applicable answer, grouped and ordered as the wizard's pages; ``entered``: the
    values typed in another unit (the record's ``entered_as``), printed beside theirs."""
    tx = texts or report_texts(protocol)
    fmt = _Answers(protocol, raw, evaluation, tx, entered)
    out: list[AnswerPage] = []
    unit_fields = {f.unit_field for f in protocol.fields if f.unit_field}
    for page in wizard_pages(protocol):
        rows: list[AnswerRow] = []
        for block in page.blocks:
            start = len(rows)
            rows += [fmt.lab(rule) for rule in block.labs]
            for fid in block.fields:
                if fid in unit_fields or not fmt.applies(fid):
                    continue  # a unit is printed with its value
                value, tone = fmt.text(fid)
                rows.append(AnswerRow("", tx.protocol.field_label(fid), value, tone))
            if len(rows) > start:  # the block's criterion id on its first row
                first = rows[start]
                rows[start] = AnswerRow(block.criterion, first.label, first.value, first.tone)
        if rows:
            out.append(AnswerPage(page_title(page, tx), tuple(rows)))
    return tuple(out)


def _days(days: int, what: str, tx: ReportTexts) -> str:
    if days == 0:
        return tx("days.same", what=what)
    return tx("days.one" if days == 1 else "days.many", days=days, what=what)


def evidence_dates(
    protocol: Protocol,
    raw: Mapping[str, object],
    evaluation: Evaluation,
    texts: ReportTexts | None = None,
) -> dict[str, tuple[EvidenceDate, ...]]:
    """The evidence dates of each criterion (the deepest one that lists the field)."""
    tx = texts or report_texts(protocol)
    fmt = _Answers(protocol, raw, evaluation, tx)
    owner: dict[str, str] = {}
    for c in protocol.all_criteria:  # parents first: a sub-criterion listing it wins
        for fid in c.fields:
            owner[fid] = c.id
    limits = {limit.field: limit for limit in protocol.recency_limits}
    warnings = {w.field: w.message for w in evaluation.warnings}
    found: dict[str, list[EvidenceDate]] = {}
    for f in protocol.fields:
        if f.role != "evidence_date" or f.id not in owner or not fmt.applies(f.id):
            continue
        value, _tone = fmt.text(f.id)
        age = warning = ""
        day = fmt.values.get(f.id)
        limit = limits.get(f.id)
        reference = fmt.values.get(limit.relative_to) if limit is not None else None
        if limit is not None and isinstance(day, date) and isinstance(reference, date):
            relative = tx.inline_label(tx.protocol.field_label(limit.relative_to))
            age = _days((reference - day).days, relative, tx)
        stale = warnings.get(f.id)
        if stale is not None:
            warning = tx("stale", limit=stale.params["limit"])
        label = tx.protocol.field_label(f.id)
        found.setdefault(owner[f.id], []).append(EvidenceDate(f.id, label, value, age, warning))
    return {cid: tuple(items) for cid, items in found.items()}


__all__ = [
    "NOT_ANSWERED",
    "AnswerPage",
    "AnswerRow",
    "EvidenceDate",
    "answers_appendix",
    "evidence_dates",
    "page_title",
]
