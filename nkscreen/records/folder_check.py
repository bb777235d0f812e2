"""``nkscreen verify --all``: every record of a data folder checked, and the folder against its
journal.

A signature check sees one file as it is now. The journal (nkscreen.records.journal) remembers
what was saved, so together they also find what the folder has lost: a record file deleted, a
co-signature removed with its audit entry (the earlier signatures stay valid), a file edited or
written by something other than nkscreen. Nothing here raises for a bad file or a damaged
journal: each becomes a finding, one sentence for the user.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Final

from nkscreen import paths
from nkscreen.records import texts_journal as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.chain import Superseded
from nkscreen.records.journal import (
    JournalLine,
    JournalReading,
    JournalUnreadableError,
    read_journal,
)
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.model import RecordFormatError
from nkscreen.records.reasons import RecordSentence as S
from nkscreen.records.signing import SignerInfo, VerificationState
from nkscreen.records.state_words import state_words
from nkscreen.records.store import LoadedRecord, open_record
from nkscreen.records.trust import SiteTrust
from nkscreen.sentences import said

#: Labels of findings that are not a verification state.
UNREADABLE: Final = "UNREADABLE"
NOT_JOURNALED: Final = "NOT JOURNALED"
CHANGED: Final = "CHANGED SINCE JOURNALED"
SIGNATURE_REMOVED: Final = "SIGNATURE REMOVED"
MISSING: Final = "MISSING"


@dataclass(frozen=True)
class Finding:
    """One line of the report: ``records/<file>: LABEL: message``."""

    name: str
    label: str
    message: str
    problem: bool
    #: For a verification finding, what its message is made of, so the command line can
    #: word it in another language: the state, the verification's reason (an English
    #: sentence), its signers and the newer version that supersedes the record.
    state: VerificationState | None = None
    reason: str = ""
    signers: tuple[SignerInfo, ...] = ()
    superseded: Superseded | None = None


@dataclass
class FolderCheck:
    base: Path
    findings: list[Finding] = field(default_factory=list)
    records_checked: int = 0
    journal: JournalReading | None = None
    journal_unreadable: str | None = None

    @property
    def problems(self) -> int:
        journal = self.journal.problem_count if self.journal else 0
        return sum(f.problem for f in self.findings) + journal


def _record_files(records_dir: Path) -> list[os.DirEntry[str]]:
    try:
        entries = list(os.scandir(records_dir))
    except FileNotFoundError:
        return []
    wanted = [e for e in entries if e.name.endswith(".json") and not e.name.startswith(".")]
    return sorted(wanted, key=lambda e: e.name)


def _journal_finding(name: str, loaded: LoadedRecord, journal: JournalReading) -> Finding | None:
    """How the file compares with its journal entries (None: it matches the latest one)."""
    shown = f"records/{name}"
    latest = journal.latest.get(name)
    if latest is None:
        if not journal.exists:
            why = S("finding.no_journal")
        elif journal.first_at is not None and loaded.record.saved_at < datetime.fromisoformat(
            journal.first_at
        ):
            saved = loaded.record.saved_at.isoformat()
            why = S("finding.before_journal", saved=saved, begun=journal.first_at)
        else:
            why = S("finding.not_journaled")
        return Finding(shown, NOT_JOURNALED, why, True)
    try:
        digest = record_hash(loaded.raw)
    except CanonicalizationError:
        return Finding(shown, CHANGED, S("finding.not_hashable"), True)
    carried = len(loaded.record.signatures)
    most: JournalLine = journal.most_signatures.get(name, latest)
    if carried < most.entry.signatures:
        which = "finding.removed_one" if most.entry.signatures == 1 else "finding.removed"
        removed = S(
            which if carried else f"{which}_none",
            recorded=most.entry.signatures,
            line=most.describe(),
            carried=carried,
        )
        return Finding(shown, SIGNATURE_REMOVED, removed, True)
    if digest != latest.entry.sha256:
        return Finding(
            shown,
            CHANGED,
            S("finding.changed", line=latest.describe()),
            True,
        )
    return None


def check_folder(
    base: Path, trusted: SiteTrust | None, *, allow_untrusted: bool = False
) -> FolderCheck:
    """Verify every record file in ``base``'s records folder and compare them with the journal.

    Unsigned records are listed but are no problem (work in progress); untrusted signers are a
    problem unless ``allow_untrusted``. A journal that cannot be read at all is reported in
    ``journal_unreadable`` and the records are still verified.
    """
    result = FolderCheck(base)
    try:
        result.journal = read_journal(paths.journal_path(base))
    except JournalUnreadableError as exc:
        result.journal_unreadable = said(exc)
    journal = result.journal
    seen: set[str] = set()
    for entry in _record_files(paths.records_dir(base)):
        shown = f"records/{entry.name}"
        seen.add(entry.name)
        try:
            regular = entry.is_file(follow_symlinks=False)
            if not regular and entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            regular = False
        result.records_checked += 1
        if not regular:
            result.findings.append(Finding(shown, UNREADABLE, S("finding.not_regular"), True))
            continue
        try:
            loaded = open_record(Path(entry.path), trusted)
        except RecordFormatError as exc:
            result.findings.append(Finding(shown, UNREADABLE, said(exc), True))
            continue
        state = loaded.verification.state
        problem = state in (VerificationState.INVALID, VerificationState.BROKEN_CHAIN) or (
            state is VerificationState.UNTRUSTED and not allow_untrusted
        )
        label = state_words(state).label
        reason = message = loaded.verification.reason
        newer = loaded.standing.superseded
        if newer is not None:
            message += f"; {newer.describe()}"
        signers = loaded.verification.signers
        result.findings.append(
            Finding(shown, label, message, problem, state, reason, signers, newer)
        )
        if journal is not None:
            finding = _journal_finding(entry.name, loaded, journal)
            if finding is not None:
                result.findings.append(finding)
    if journal is not None:
        for name, line in sorted(journal.latest.items()):
            if name not in seen:
                result.findings.append(
                    Finding(
                        f"records/{name}",
                        MISSING,
                        S("finding.missing", line=line.describe()),
                        True,
                    )
                )
    return result


__all__ = ["Finding", "FolderCheck", "check_folder"]
