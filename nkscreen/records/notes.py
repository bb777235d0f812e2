"""Notes beside the answers: a comment on each criterion, the screen-failure reason, and the
value as typed for an answer converted from another unit (a weight typed in lb).

Record format decision. A record and a draft carry them in three optional top-level keys,
each left out of the file when empty, so ``schema_version`` stays 1 and a record made before
them is, byte for byte, what nkscreen wrote then (it still reads, verifies and can be
co-signed)::

    "comments": {"E9": "Discussed with the PI on 2026-11-20."},
    "screen_failure_reason": "ALT 4 x ULN on two tests.",
    "entered_as": {"<field id>": {"value": "154.3", "unit": "lb"}}

- They are part of the record, so a signature covers them like the answers: a comment changed
  after signing makes the record INVALID.
- A save lists each changed note in the audit trail like an answer, under the key
  ``comment:<criterion id>`` or ``screen_failure_reason``; an amendment's description lists
  them too (nkscreen.report.amendment).
- A comment or a reason is at most :data:`~nkscreen.records.model.MAX_NOTE_CHARS` characters,
  line breaks allowed, no other control character; surrounding spaces are trimmed and an empty
  one is no note.
- ``entered_as`` is kept only while converting it still gives the answer kept (see
  :func:`nkscreen.core.units.kept_source`): an answer changed since drops it.
- Case files carry answers only (their format is the specification's): ``nkscreen sign`` makes
  a record without notes, and ``nkscreen amend`` keeps the amended version's notes.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from nkscreen.core.frozen import Record, field
from nkscreen.core.units import EnteredValue, kept_source
from nkscreen.records.note_text import note_problem
from nkscreen.sentences import Sentence

if TYPE_CHECKING:
    from pydantic import JsonValue

    from nkscreen.core.protocol import Protocol
    from nkscreen.records.model import DraftV1, FieldChange, RecordV1

# The record models (pydantic) are imported where notes meet a record: the window's comment
# boxes and a new screening need none of them at start-up.

#: The audit-trail key of a criterion's comment ("comment:E9") and of the reason.
COMMENT_KEY = "comment:"
REASON_KEY = "screen_failure_reason"


class Notes(Record, kw_only=False):
    """The notes of one assessment (empty by default)."""

    comments: Mapping[str, str] = field(default_factory=dict)
    screen_failure_reason: str = ""
    entered_as: Mapping[str, EnteredValue] = field(default_factory=dict)

    @classmethod
    def of(cls, saved: RecordV1 | DraftV1) -> Notes:
        """The notes a saved record or draft holds."""
        return cls(
            dict(saved.comments),
            saved.screen_failure_reason or "",
            {fid: EnteredValue(e.value, e.unit) for fid, e in saved.entered_as.items()},
        )

    def cleaned(self) -> Notes:
        """Surrounding spaces trimmed, empty comments dropped."""
        comments = {cid: text.strip() for cid, text in self.comments.items() if text.strip()}
        return Notes(comments, self.screen_failure_reason.strip(), dict(self.entered_as))

    def problems(self, protocol: Protocol) -> list[str]:
        """Why a note cannot be saved, one sentence each (the wizard shows them beside the
        box, and Save refuses with them)."""
        found: list[str] = []
        for cid, text in self.cleaned().comments.items():
            problem = note_problem(text)
            if problem is not None:
                found.append(Sentence("notes.comment", criterion=cid, problem=problem))
            elif cid not in protocol.criterion_map:
                found.append(Sentence("notes.no_criterion", criterion=cid, protocol=protocol.id))
        problem = note_problem(self.screen_failure_reason.strip())
        if problem is not None:
            found.append(Sentence("notes.reason", problem=problem))
        return found

    def savable_part(self) -> Notes:
        """The notes that can be saved as they are (a draft keeps what it can while one
        comment still holds a problem the wizard shows beside it)."""
        clean = self.cleaned()
        comments = {cid: t for cid, t in clean.comments.items() if note_problem(t) is None}
        reason = clean.screen_failure_reason
        reason = reason if note_problem(reason) is None else ""
        return Notes(comments, reason, dict(clean.entered_as))

    def kept_for(self, protocol: Protocol, answers: Mapping[str, Any]) -> Notes:
        """These notes as a record keeps them with ``answers``: cleaned, and a typed value
        only while it is the source of its answer."""
        clean = self.cleaned()
        entered = {
            fid: typed
            for fid, typed in clean.entered_as.items()
            if fid in protocol.field_map
            and kept_source(protocol.field_map[fid], typed, answers.get(fid))
        }
        return Notes(clean.comments, clean.screen_failure_reason, entered)

    def record_keys(self) -> dict[str, Any]:
        """The keys a record or draft stores (empty notes store nothing)."""
        from nkscreen.records.model import EnteredAs

        return {
            "comments": dict(self.comments),
            "screen_failure_reason": self.screen_failure_reason or None,
            "entered_as": {
                fid: EnteredAs(value=e.value.strip(), unit=e.unit)
                for fid, e in self.entered_as.items()
            },
        }


def note_changes(old: Notes, new: Notes) -> list[FieldChange]:
    """Each changed comment (``comment:E9``) and the reason, for the audit trail; ``None``
    stands for "no note"."""
    from nkscreen.records.model import FieldChange

    changes = []
    for cid in sorted(set(old.comments) | set(new.comments)):
        before, after = old.comments.get(cid), new.comments.get(cid)
        if before != after:
            changes.append(FieldChange(field=COMMENT_KEY + cid, old=before, new=after))
    before_reason: JsonValue = old.screen_failure_reason or None
    after_reason: JsonValue = new.screen_failure_reason or None
    if before_reason != after_reason:
        changes.append(FieldChange(field=REASON_KEY, old=before_reason, new=after_reason))
    return changes


__all__ = ["COMMENT_KEY", "REASON_KEY", "Notes", "note_changes"]
