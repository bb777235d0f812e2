"""Which records an export carries, and why the others stay behind.

By default an export carries the newest *signed* version of each screening: what a clinician
signed is what reaches the EDC. A record is left out, with its reason, when it is

- not signed (a draft), unless drafts are asked for;
- superseded: a newer version of the same screening is beside it (a signed one; with drafts,
  any) - the newer one goes out instead;
- not valid: a signature that fails, a signer this site does not trust, a broken chain of
  versions;
- unreadable, or made with a protocol this nkscreen does not know;
- one of several screenings that share a screening id (the EDC's record id would collide).

The first three are *problems* (:attr:`Skipped.problem`): the command line exits 1 for them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from nkscreen.core.protocol import Protocol, ProtocolError, builtin_protocol
from nkscreen.export.identity_fields import Identity, identity_of
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import LoadedRecord, RecordStore, sibling_versions


@dataclass(frozen=True, slots=True)
class Outgoing:
    """A record that goes out, with its protocol and who and when it screened."""

    loaded: LoadedRecord
    protocol: Protocol
    identity: Identity

    @property
    def signed(self) -> bool:
        return self.loaded.record.is_signed

    def describe(self) -> str:
        """ "screening HX-001, version 2" for messages."""
        return f"screening {self.identity.screening_number}, version {self.loaded.record.version}"


@dataclass(frozen=True, slots=True)
class Skipped:
    """A record left out: its file, its screening (when readable) and why."""

    file_name: str
    screening_number: str
    reason: str
    #: Something is wrong with it (unreadable, not valid...), rather than left out by rule.
    problem: bool

    def line(self) -> str:
        who = f" (screening {self.screening_number})" if self.screening_number else ""
        return f"{self.file_name}{who}: {self.reason}"


@dataclass(slots=True)
class Selection:
    """What goes out (sorted by protocol, assessment date and screening id) and what does not."""

    records: list[Outgoing] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    #: Why the records folder could not be listed, if it could not.
    listing_error: str | None = None

    @property
    def problems(self) -> list[Skipped]:
        return [s for s in self.skipped if s.problem]


_STATE_REASONS = {
    VerificationState.INVALID: "signature not valid",
    VerificationState.UNTRUSTED: "signer not trusted at this site",
    VerificationState.BROKEN_CHAIN: "broken chain of versions",
}


def _protocol_of(loaded: LoadedRecord) -> Protocol | str:
    """The record's protocol, or why it cannot be had."""
    try:
        return builtin_protocol(loaded.record.protocol.id)
    except ProtocolError:
        return f"its protocol {loaded.record.protocol.id} is not known to this nkscreen"


def _newer_version(loaded: LoadedRecord, include_drafts: bool) -> int | None:
    """The newest version beside ``loaded`` that would go out instead of it, if any."""
    record = loaded.record
    newer = [
        ref.version
        for ref in sibling_versions(loaded.path.parent, record.assessment_id).values()
        if ref.version > record.version and (include_drafts or ref.signer is not None)
    ]
    return max(newer, default=None)


def _judge(loaded: LoadedRecord, include_drafts: bool) -> Outgoing | Skipped:
    record = loaded.record
    name = loaded.path.name
    protocol = _protocol_of(loaded)
    if isinstance(protocol, str):
        return Skipped(name, "", protocol, True)
    identity = identity_of(record, protocol)
    sid = identity.screening_number
    state = loaded.verification.state
    if state in _STATE_REASONS:
        reason = f"{_STATE_REASONS[state]}: {loaded.verification.reason}"
        return Skipped(name, sid, reason, True)
    if state is VerificationState.UNSIGNED and not include_drafts:
        return Skipped(name, sid, "not signed (a draft; drafts go out only when asked for)", False)
    newer = _newer_version(loaded, include_drafts)
    if newer is not None:
        return Skipped(name, sid, f"superseded by version {newer}, which goes out instead", False)
    if not sid:
        return Skipped(name, sid, "the record has no screening id", True)
    return Outgoing(loaded, protocol, identity)


def _one_per_screening(chosen: list[Outgoing], selection: Selection) -> list[Outgoing]:
    """One version per screening, and never two screenings under one screening id."""
    newest: dict[str, Outgoing] = {}
    for item in chosen:
        key = item.loaded.record.assessment_id
        other = newest.get(key)
        if other is None or item.loaded.record.version > other.loaded.record.version:
            if other is not None:
                selection.skipped.append(_replaced(other, item))
            newest[key] = item
        else:
            selection.skipped.append(_replaced(item, other))
    by_id: dict[tuple[str, str], list[Outgoing]] = {}
    for item in newest.values():
        by_id.setdefault((item.protocol.id, item.identity.screening_number), []).append(item)
    kept: list[Outgoing] = []
    for (_, sid), items in by_id.items():
        if len(items) == 1:
            kept += items
            continue
        files = ", ".join(i.loaded.path.name for i in items)
        for item in items:
            reason = (
                f"the screening id {sid} is used by {len(items)} different screenings "
                f"({files}): correct it before exporting"
            )
            selection.skipped.append(Skipped(item.loaded.path.name, sid, reason, True))
    return kept


def _replaced(older: Outgoing, newer: Outgoing) -> Skipped:
    reason = f"superseded by version {newer.loaded.record.version}, which goes out instead"
    return Skipped(older.loaded.path.name, older.identity.screening_number, reason, False)


def select_records(
    store: RecordStore,
    paths: Sequence[Path] | None = None,
    *,
    include_drafts: bool = False,
) -> Selection:
    """Judge ``paths`` (default: every record of the data folder); never raises for a file."""
    selection = Selection()
    if paths is None:
        listed = store.list_records()
        selection.listing_error = store.listing_error
        candidates: Iterable[Path] = [s.path for s in listed]
    else:
        candidates = paths
    chosen: list[Outgoing] = []
    seen: set[str] = set()
    for path in candidates:
        key = str(path.resolve()) if path.exists() else str(path)
        if key in seen:
            continue
        seen.add(key)
        try:
            loaded = store.load(path)
        except RecordFormatError as exc:
            selection.skipped.append(Skipped(path.name, "", f"cannot be read: {exc}", True))
            continue
        verdict = _judge(loaded, include_drafts)
        if isinstance(verdict, Skipped):
            selection.skipped.append(verdict)
        else:
            chosen.append(verdict)
    records = _one_per_screening(chosen, selection)
    records.sort(
        key=lambda o: (o.protocol.id, o.identity.screening_date, o.identity.screening_number)
    )
    selection.records = records
    return selection


__all__ = ["Outgoing", "Selection", "Skipped", "select_records"]
