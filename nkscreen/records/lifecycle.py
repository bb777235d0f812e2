"""Creating, editing and amending records in memory, with their audit trail.

These functions never touch the disk and never evaluate anything: the caller passes the
evaluation made at save time, so the records layer works with any protocol engine and the
audit trail always says what the verdict was when a person saved or signed.
"""

from __future__ import annotations

import getpass
import hashlib
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pydantic import JsonValue

from nkscreen import __version__
from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.canonical import canonical_bytes
from nkscreen.records.ids import new_id as new_id
from nkscreen.records.model import (
    Actor,
    AuditEvent,
    DraftV1,
    FieldChange,
    PreviousVersion,
    ProtocolRef,
    RecordV1,
    to_json_object,
    utc_now,
)
from nkscreen.records.notes import Notes, note_changes
from nkscreen.records.reasons import RecordSentence


class RecordReadOnlyError(Exception):
    """A signed record was about to be edited; ``str()`` is a sentence for the user."""


class AmendmentError(Exception):
    """An amendment was refused; ``str()`` is a sentence for the user."""


def os_actor() -> Actor:
    """The person at the keyboard when no signing identity is involved (autosave, save)."""
    try:
        login = getpass.getuser()
    except (OSError, KeyError):  # no login name (some containers): still record something
        login = "unknown"
    return Actor(user_id=login, name=login)


def diff_answers(old: Mapping[str, JsonValue], new: Mapping[str, JsonValue]) -> list[FieldChange]:
    """Field-by-field changes, sorted by field id; ``None`` marks an absent answer."""
    changes = []
    for field in sorted(set(old) | set(new)):
        before, after = old.get(field), new.get(field)
        if before != after or type(before) is not type(after):
            changes.append(FieldChange(field=field, old=before, new=after))
    return changes


def record_hash(raw: dict[str, Any]) -> str:
    """sha256 of a record's RFC 8785 bytes: stable across re-indenting, broken by any edit."""
    return hashlib.sha256(canonical_bytes(raw)).hexdigest()


def new_record(
    *,
    protocol: ProtocolRef,
    answers: Mapping[str, Any],
    evaluation: Mapping[str, Any],
    actor: Actor,
    assessment_id: str | None = None,
    app_version: str = __version__,
    notes: Notes | None = None,
) -> RecordV1:
    """Version 1 of a screening; ``notes``: its comments, reason and typed values."""
    now = utc_now()
    return RecordV1(
        schema_version=1,
        format="nkscreen-screening-record",
        record_id=new_id(),
        assessment_id=assessment_id or new_id(),
        version=1,
        previous=None,
        app_version=app_version,
        protocol=protocol,
        created_at=now,
        saved_at=now,
        answers=to_json_object(dict(answers), "answers"),
        evaluation=to_json_object(dict(evaluation), "evaluation", keep_floats=True),
        audit_trail=[AuditEvent(event="created", at=now, by=actor)],
        signatures=[],
        **(notes or Notes()).record_keys(),
    )


def update_record(
    record: RecordV1,
    *,
    answers: Mapping[str, Any],
    evaluation: Mapping[str, Any],
    actor: Actor,
    protocol: ProtocolRef | None = None,
    app_version: str = __version__,
    notes: Notes | None = None,
) -> RecordV1:
    """The record after a save of new answers (and ``notes``; None keeps the record's),
    with a "saved" entry listing what changed.

    Returns ``record`` itself when nothing changed, so that an idle save writes nothing.
    """
    if record.is_signed:
        raise RecordReadOnlyError(RecordSentence("store.signed"))
    new_answers = to_json_object(dict(answers), "answers")
    new_evaluation = to_json_object(dict(evaluation), "evaluation", keep_floats=True)
    old_notes = Notes.of(record)
    notes = old_notes if notes is None else notes
    changes = diff_answers(record.answers, new_answers) + note_changes(old_notes, notes)
    protocol = protocol or record.protocol
    unchanged = new_evaluation == record.evaluation and protocol == record.protocol
    if not changes and unchanged and notes == old_notes:
        return record
    now = utc_now()
    event = AuditEvent(event="saved", at=now, by=actor, changes=changes)
    return RecordV1.model_validate(
        {
            **record.model_dump(),
            "answers": new_answers,
            "evaluation": new_evaluation,
            "protocol": protocol.model_dump(),
            "saved_at": now,
            "app_version": app_version,
            "audit_trail": [*record.model_dump()["audit_trail"], event.model_dump()],
            **notes.record_keys(),
        }
    )


def amend_record(
    previous: RecordV1,
    previous_raw: dict[str, Any],
    previous_file: str,
    *,
    answers: Mapping[str, Any],
    evaluation: Mapping[str, Any],
    protocol: ProtocolRef,
    actor: Actor,
    reason: str,
    app_version: str = __version__,
    notes: Notes | None = None,
) -> RecordV1:
    """A new, unsigned version replacing the signed ``previous``, which stays untouched.

    It keeps the assessment id and the audit trail so far, links to the previous version by
    the hash of its exact content, and records who amended what, when and why. ``notes``: the
    new version's (None keeps the previous version's).
    """
    reason = reason.strip()
    if not reason:
        raise AmendmentError(RecordSentence("amend.no_reason"))
    if not previous.is_signed:
        raise AmendmentError(RecordSentence("amend.unsigned"))
    new_answers = to_json_object(dict(answers), "answers")
    old_notes = Notes.of(previous)
    notes = old_notes if notes is None else notes
    changes = diff_answers(previous.answers, new_answers) + note_changes(old_notes, notes)
    if not changes and protocol == previous.protocol:
        raise AmendmentError(RecordSentence("amend.nothing"))
    now = utc_now()
    event = AuditEvent(event="amended", at=now, by=actor, changes=changes, reason=reason)
    return RecordV1(
        schema_version=1,
        format="nkscreen-screening-record",
        record_id=new_id(),
        assessment_id=previous.assessment_id,
        version=previous.version + 1,
        previous=PreviousVersion(
            record_id=previous.record_id,
            version=previous.version,
            file=previous_file,
            sha256=record_hash(previous_raw),
        ),
        app_version=app_version,
        protocol=protocol,
        created_at=now,
        saved_at=now,
        answers=new_answers,
        evaluation=to_json_object(dict(evaluation), "evaluation", keep_floats=True),
        audit_trail=[*previous.audit_trail, event],
        signatures=[],
        **notes.record_keys(),
    )


def make_draft(
    *,
    assessment_id: str,
    protocol_id: str,
    answers: Mapping[str, Any],
    based_on: str | None = None,
    amendment_reason: str | None = None,
    created_at: datetime | None = None,
    app_version: str = __version__,
    notes: Notes | None = None,
) -> DraftV1:
    """A crash-recovery snapshot of the answers (and notes) being edited (``created_at``
    kept on update)."""
    now = utc_now()
    return DraftV1(
        schema_version=1,
        format="nkscreen-draft",
        assessment_id=assessment_id,
        protocol_id=protocol_id,
        based_on=based_on,
        amendment_reason=amendment_reason,
        answers=to_json_object(dict(answers), "answers"),
        created_at=created_at or now,
        updated_at=now,
        app_version=app_version,
        **(notes or Notes()).record_keys(),
    )
