"""What an amended version changed, said the way a monitor reads it (Qt-free).

An amendment must say on its face which version it amends (and by which content hash), why,
and what changed: each answer as "label: old -> new" with units, and each criterion or verdict
whose status changed as a result. The window's banner and the printout both show this, so it
is computed once here from the two records, never from the audit trail's claims alone: the
previous version is the evidence. When it cannot be read, the audit trail's own list of changes
is shown instead and the summary says so. Labels and words are in the printout's language
(``texts``; English by default, as the window and ``nkscreen amend`` show them).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Final

from pydantic import JsonValue

from nkscreen.core.localized_texts import ENGLISH
from nkscreen.core.protocol import Protocol
from nkscreen.records.lifecycle import diff_answers
from nkscreen.records.model import FieldChange, RecordV1
from nkscreen.records.notes import COMMENT_KEY, REASON_KEY, Notes, note_changes
from nkscreen.report.texts import ReportTexts, report_text, report_texts
from nkscreen.report.unit_text import answer_unit, with_unit

NOT_ANSWERED: Final = report_text(ENGLISH, "not_answered")
_VERDICTS: Final = ("eligible", "not_eligible", "incomplete")
_STATUSES: Final = ("met", "not_met", "absent", "present", "unknown")


@dataclass(frozen=True, slots=True)
class Change:
    """One line of "what changed": an answer, a criterion's status or the verdict."""

    id: str
    label: str
    old: str
    new: str

    def line(self, texts: ReportTexts | None = None) -> str:
        locale = texts.locale if texts is not None else ENGLISH
        return report_text(locale, "amend.change", label=self.label, old=self.old, new=self.new)


@dataclass(frozen=True, slots=True)
class Amendment:
    """How one version amends the one before it."""

    version: int
    amends_version: int
    #: sha256 of the amended version's content, as this version recorded it.
    amends_sha256: str
    reason: str
    amended_by: str
    amended_at: datetime | None
    answers: tuple[Change, ...]
    criteria: tuple[Change, ...]
    verdict: Change | None
    #: False when the amended version could not be read: the answers then come from the
    #: audit trail and criteria changes are unknown.
    compared_with_previous: bool
    #: Each comment on a criterion, and the screen-failure reason, that changed.
    notes: tuple[Change, ...] = ()

    @property
    def short_hash(self) -> str:
        return self.amends_sha256[:12]

    def heading(self, texts: ReportTexts | None = None) -> str:
        locale = texts.locale if texts is not None else ENGLISH
        return report_text(
            locale, "amend.heading", version=self.amends_version, hash=self.short_hash
        )


def format_answer(
    protocol: Protocol,
    answers: Mapping[str, Any],
    field_id: str,
    value: Any,
    texts: ReportTexts | None = None,
) -> str:
    """An answer as a person reads it: choice labels, and numbers with their unit in
    clinical notation (the appendix's formatter, :mod:`nkscreen.report.unit_text`)."""
    tx = texts or report_texts(protocol)
    if value is None or value == "":
        return tx("not_answered")
    field = protocol.field_map.get(field_id)
    if field is None:
        return str(value)
    label = tx.protocol.choice_label(field_id, value)
    if label is not None:
        return label
    if field.type == "yes_no":
        return tx(str(value)) if value in ("yes", "no") else str(value)
    if field.type == "agent_list" and isinstance(value, list):
        return tx.join(_agent_text(item, tx) for item in value) or tx("none_lower")
    return with_unit(str(value), answer_unit(protocol, field_id, answers, tx))


def _agent_text(item: object, tx: ReportTexts) -> str:
    if not isinstance(item, Mapping):
        return str(item)
    text = tx("amend.agent", agent=item.get("agent", "?"), date=item.get("last_dose", "?"))
    if item.get("half_life_hours") is not None:
        text += tx("amend.half_life", hours=item["half_life_hours"])
    return text


def _answer_changes(
    protocol: Protocol,
    changes: Sequence[FieldChange],
    old_answers: Mapping[str, JsonValue],
    new_answers: Mapping[str, JsonValue],
    tx: ReportTexts,
) -> tuple[Change, ...]:
    order = {f.id: i for i, f in enumerate(protocol.fields)}
    rows = []
    for c in sorted(changes, key=lambda c: (order.get(c.field, len(order)), c.field)):
        rows.append(
            Change(
                c.field,
                tx.protocol.field_label(c.field),
                format_answer(protocol, old_answers, c.field, c.old, tx),
                format_answer(protocol, new_answers, c.field, c.new, tx),
            )
        )
    return tuple(rows)


def _note_text(text: JsonValue, tx: ReportTexts) -> str:
    return tx("note.none") if text is None or text == "" else tx("note.quoted", text=str(text))


def _note_rows(changes: Sequence[FieldChange], tx: ReportTexts) -> tuple[Change, ...]:
    """Changed comments ("Comment on E9") and the screen-failure reason, as change lines."""
    rows = []
    for c in changes:
        if c.field.startswith(COMMENT_KEY):
            cid = c.field.removeprefix(COMMENT_KEY)
            label = tx("note.comment_on", id=cid)
        else:
            label = tx("note.reason")
        rows.append(Change(c.field, label, _note_text(c.old, tx), _note_text(c.new, tx)))
    return tuple(rows)


def _is_note(change: FieldChange) -> bool:
    return change.field.startswith(COMMENT_KEY) or change.field == REASON_KEY


def _word(kind: str, value: object, known: tuple[str, ...], tx: ReportTexts) -> str:
    return tx(f"{kind}.{value}") if value in known else str(value)


def _status_changes(
    protocol: Protocol, old: Mapping[str, JsonValue], new: Mapping[str, JsonValue], tx: ReportTexts
) -> tuple[Change, ...]:
    old_criteria = old.get("criteria")
    new_criteria = new.get("criteria")
    if not isinstance(old_criteria, dict) or not isinstance(new_criteria, dict):
        return ()
    rows = []
    for cid, status in new_criteria.items():
        before = old_criteria.get(cid)
        if before != status:
            label = tx.protocol.criterion_label(cid) if cid in protocol.criterion_map else ""
            rows.append(
                Change(
                    cid,
                    f"{cid} {label}".strip(),
                    _word("status_word", before, _STATUSES, tx),
                    _word("status_word", status, _STATUSES, tx),
                )
            )
    return tuple(rows)


def _amended_event_changes(record: RecordV1) -> tuple[list[FieldChange], int]:
    """The changes the audit trail lists since the last "amended" entry, merged per field."""
    start = max(
        (i for i, e in enumerate(record.audit_trail) if e.event == "amended"),
        default=len(record.audit_trail),
    )
    first_old: dict[str, JsonValue] = {}
    last_new: dict[str, JsonValue] = {}
    for event in record.audit_trail[start:]:
        for c in event.changes:
            first_old.setdefault(c.field, c.old)
            last_new[c.field] = c.new
    merged = [
        FieldChange(field=f, old=first_old[f], new=last_new[f])
        for f in first_old
        if first_old[f] != last_new[f]
    ]
    return merged, start


def describe_amendment(
    record: RecordV1,
    previous: RecordV1 | None,
    protocol: Protocol,
    texts: ReportTexts | None = None,
) -> Amendment | None:
    """How ``record`` amends ``previous`` (the version it names, if it could be read).

    None for a first version. ``previous`` must be the version the record links to; the caller
    checks the link (see nkscreen.records.chain) and shows a broken chain on its own.
    """
    link = record.previous
    if link is None:
        return None
    tx = texts or report_texts(protocol)
    from_trail, start = _amended_event_changes(record)
    event = record.audit_trail[start] if start < len(record.audit_trail) else None
    reason = (event.reason or "") if event is not None else ""
    who = event.by.name if event is not None else ""
    when = event.at if event is not None else None
    notes = _note_rows([c for c in from_trail if _is_note(c)], tx)
    from_trail = [c for c in from_trail if not _is_note(c)]
    if previous is not None:
        notes = _note_rows(note_changes(Notes.of(previous), Notes.of(record)), tx)
        answers = _answer_changes(
            protocol,
            diff_answers(previous.answers, record.answers),
            previous.answers,
            record.answers,
            tx,
        )
        criteria = _status_changes(protocol, previous.evaluation, record.evaluation, tx)
        verdict = None
        if previous.verdict != record.verdict:
            verdict = Change(
                "overall",
                tx("amend.verdict"),
                _word("verdict", previous.verdict, _VERDICTS, tx),
                _word("verdict", record.verdict, _VERDICTS, tx),
            )
    else:
        old = {c.field: c.old for c in from_trail}
        answers = _answer_changes(protocol, from_trail, old, record.answers, tx)
        criteria, verdict = (), None
    return Amendment(
        version=record.version,
        amends_version=link.version,
        amends_sha256=link.sha256,
        reason=reason,
        amended_by=who,
        amended_at=when,
        answers=answers,
        criteria=criteria,
        verdict=verdict,
        compared_with_previous=previous is not None,
        notes=notes,
    )


__all__ = ["Amendment", "Change", "describe_amendment", "format_answer"]
