"""The records folder: one JSON file per saved version of an assessment, plus drafts.

Layout of the data folder::

    records/<assessment id>.v<version>.json   saved records (a signed one is never rewritten,
                                             except to add a co-signature)
    drafts/<assessment id>.json               autosaved unsaved work, for crash recovery
    locks/<assessment id>.lock                who is editing an assessment right now
    locks/journal.lock                        one journal writer at a time
    journal.jsonl                             hash-chained log of every save (journal.py)
    cache/records-index.json                  disposable listing cache
    identities/<user id>.json                 signing identities (see identity.py)
    trusted-signers.json                      keys this site trusts, signed by its administrator

File names use the random assessment id rather than the screening id: they show up in
backups and logs, and they must be safe whatever a screening id contains.
"""

from __future__ import annotations

import contextlib
import gc
import logging
import os
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkscreen import paths
from nkscreen.core.frozen import Record, field
from nkscreen.core.library import ProtocolLibrary
from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.atomic import (
    FileLock,
    LockedError,
    StorageError,
    atomic_write,
    cleanup_orphans,
    describe_os_error,
)
from nkscreen.records.chain import Standing, VersionRef, standing_of, with_chain
from nkscreen.records.listing import (
    RECORD_NAME_RE,
    RecordSummary,
    folder_problem,
    list_folder,
    read_record_file,
    summarize,
)
from nkscreen.records.oslock import remove_free_lock_files
from nkscreen.records.reasons import RecordSentence
from nkscreen.records.verification import Verification, VerificationState
from nkscreen.safe_files import FileRefusedError, read_document
from nkscreen.sentences import said

if TYPE_CHECKING:
    from nkscreen.records.journal import JournalEvent
    from nkscreen.records.model import DraftV1, RecordV1
    from nkscreen.records.trust import SiteTrust
    from nkscreen.records.vouching import SignerEntry

# The record models (pydantic), the journal, the trust list and signature checks
# (cryptography) are imported by the methods that read or write records: opening the app on
# a data folder lists its records from the index without them (see nkscreen.records.listing).

_log = logging.getLogger(__name__)


class LoadedRecord(Record, kw_only=False):
    """A record as opened: the bytes' JSON, its typed view, and its verification."""

    path: Path
    raw: dict[str, Any]
    record: RecordV1
    #: Signatures, trust and the amendment chain, as they stand now.
    verification: Verification
    #: Superseded by a newer version beside it? Its chain intact?
    standing: Standing = field(default_factory=Standing)


def open_record(
    path: Path, trusted: SiteTrust | None, *, within: Path | None = None
) -> LoadedRecord:
    """Read and verify a record anywhere on disk (``nkscreen verify``, imports).

    Its standing is judged against the other versions of its screening in the same folder:
    the data folder's records, or a copy of them (an export, a backup) kept together.
    ``within``: see :func:`read_record_file`.
    """
    from nkscreen.records.signing import assess, check_signatures

    raw, record = read_record_file(path, within=within)
    standing = standing_of(
        VersionRef.of(path.name, raw, record), sibling_versions(path.parent, record.assessment_id)
    )
    verification = with_chain(assess(check_signatures(raw, record), trusted), standing)
    return LoadedRecord(path, raw, record, verification, standing)


def previous_version(loaded: LoadedRecord) -> RecordV1 | None:
    """The version ``loaded`` amends, read from beside it, if its link to it is intact."""
    from nkscreen.records.model import RecordFormatError

    link = loaded.record.previous
    if link is None or loaded.standing.chain_break is not None:
        return None
    # Only the file where the store writes that version, checked again as the chain checks it
    # (it may have changed since ``loaded`` was opened): one read, not the whole folder's.
    assessment_id = loaded.record.assessment_id
    folder = loaded.path.parent
    path = folder / record_file_name(assessment_id, link.version)
    try:
        raw, record = read_record_file(path, within=folder)
    except RecordFormatError:
        return None
    ref = VersionRef.of(path.name, raw, record)
    if (
        record.assessment_id != assessment_id
        or record.version != link.version
        or ref.record_id != link.record_id
        or ref.content_hash != link.sha256
    ):
        return None
    return record


def record_file_name(assessment_id: str, version: int) -> str:
    """Where the store writes one version of a screening (named by the random assessment id)."""
    return f"{assessment_id}.v{version}.json"


def sibling_versions(folder: Path, assessment_id: str) -> dict[int, VersionRef]:
    """Every readable version of one screening in ``folder``, by version number.

    A file whose name and content disagree about the screening or version is left out: the
    chain only trusts a version found where the store would have written it.
    """
    from nkscreen.records.model import RecordFormatError

    found: dict[int, VersionRef] = {}
    try:
        candidates = list(folder.glob(f"{assessment_id}.v*.json"))
    except OSError:
        return found
    for path in candidates:
        match = RECORD_NAME_RE.match(path.name)
        if not match or match["assessment"] != assessment_id:
            continue
        try:
            raw, record = read_record_file(path, within=folder)
        except RecordFormatError:
            continue
        if record.assessment_id == assessment_id and record.version == int(match["version"]):
            found[record.version] = VersionRef.of(path.name, raw, record)
    return found


class DraftSummary(Record, kw_only=False):
    path: Path
    draft: DraftV1 | None
    error: str | None
    #: Another live window or process is editing this assessment: not a crash leftover.
    in_use: bool = False


def _ensure(folder: Path) -> None:
    try:
        paths.ensure_dir(folder)
    except OSError as exc:
        problem = describe_os_error(exc, folder / "x")
        raise StorageError(
            exc.errno, RecordSentence("disk.prepare_failed", folder=str(folder), problem=problem)
        ) from exc


class RecordStore:
    """All records, drafts and locks under one data folder."""

    def __init__(self, base: Path, library: ProtocolLibrary | None = None) -> None:
        self.base = base
        #: The protocols the records are listed with (their roles name each screening).
        self.library = library
        self._trusted_error: str | None = None
        self._listing_error: str | None = None
        #: Set by :meth:`save` when the record was written but its journal entry was not: a
        #: sentence for the user (None after a fully journaled save).
        self.journal_error: str | None = None

    def __repr__(self) -> str:
        return f"RecordStore({self.base!r})"

    @property
    def protocols(self) -> ProtocolLibrary:
        if self.library is None:
            self.library = ProtocolLibrary.for_data_dir(self.base)
        return self.library

    def _roles(self) -> dict[str, dict[str, str]]:
        return {pid: self.protocols.roles(pid) for pid in self.protocols.ids()}

    # -------------------------------------------------------------- folders

    @property
    def records_dir(self) -> Path:
        return paths.records_dir(self.base)

    @property
    def drafts_dir(self) -> Path:
        return paths.drafts_dir(self.base)

    @property
    def locks_dir(self) -> Path:
        return paths.locks_dir(self.base)

    @property
    def journal_path(self) -> Path:
        return paths.journal_path(self.base)

    @property
    def journal_lock_path(self) -> Path:
        from nkscreen.records.journal import JOURNAL_LOCK_NAME

        return self.locks_dir / JOURNAL_LOCK_NAME

    @property
    def index_path(self) -> Path:
        return paths.cache_dir(self.base) / "records-index.json"

    def prepare(self) -> list[Path]:
        """Create the folders; remove temporary files and free lock files left by crashes.

        Called once at start-up (GUI) or before the first write (CLI); returns what was removed.
        """
        removed: list[Path] = []
        for folder in (
            self.records_dir,
            self.drafts_dir,
            self.locks_dir,
            paths.cache_dir(self.base),
        ):
            _ensure(folder)
            removed += cleanup_orphans(folder)
        if self.base.is_dir():
            removed += cleanup_orphans(self.base)
        removed += remove_free_lock_files(self.locks_dir)
        return removed

    def record_path(self, assessment_id: str, version: int) -> Path:
        return self.records_dir / record_file_name(assessment_id, version)

    def draft_path(self, assessment_id: str) -> Path:
        return self.drafts_dir / f"{assessment_id}.json"

    def lock(self, assessment_id: str, what: str = "This screening") -> FileLock:
        """The edit lock of an assessment; hold it while a window shows it editable."""
        return FileLock(self.locks_dir / f"{assessment_id}.lock", what)

    @contextlib.contextmanager
    def _locked(self, assessment_id: str, lock: FileLock | None) -> Iterator[None]:
        if lock is not None:
            expected = self.locks_dir / f"{assessment_id}.lock"
            if not lock.held or lock.path != expected:
                raise LockedError("This screening", lock.read_holder())
            yield
            return
        with self.lock(assessment_id):
            yield

    # -------------------------------------------------------------- trust

    def trusted(self) -> SiteTrust | None:
        """The administrator-signed trusted signers, or None (trusting nobody) if the list
        cannot be relied on: damaged, unsigned, old or changed (see :attr:`trusted_error`)."""
        from nkscreen.records.trust import TrustError, load_trusted

        try:
            trusted = load_trusted(paths.trusted_signers_path(self.base))
        except TrustError as exc:
            self._trusted_error = said(exc)
            return None
        self._trusted_error = None
        return trusted

    @property
    def trusted_error(self) -> str | None:
        return self._trusted_error

    @property
    def listing_error(self) -> str | None:
        """Why the last :meth:`list_records` or :meth:`list_drafts` found no folder to list."""
        return self._listing_error

    # -------------------------------------------------------------- records

    def load(self, path: Path) -> LoadedRecord:
        """Open and verify a record; raises :class:`RecordFormatError` for a bad file.

        A file of the records folder may only be a link inside the data folder, like every
        file listed; one picked elsewhere (File > Open) is read wherever the user chose it.
        """
        inside = os.path.abspath(path.parent) == os.path.abspath(self.records_dir)
        return open_record(path, self.trusted(), within=self.base if inside else None)

    def versions(self, assessment_id: str) -> list[Path]:
        """Saved versions of one assessment, oldest first."""
        found = []
        for path in self.records_dir.glob(f"{assessment_id}.v*.json"):
            match = RECORD_NAME_RE.match(path.name)
            if match and match["assessment"] == assessment_id:
                found.append((int(match["version"]), path))
        return [path for _, path in sorted(found)]

    def save(self, record: RecordV1, *, lock: FileLock | None = None) -> Path:
        """Write ``record`` to its file, atomically.

        An unsigned record replaces its previous state; a signed one is written once and
        afterwards only accepts added co-signatures. A new version (an amendment) must follow
        a signed previous version and is never written over another file. Raises
        :class:`RecordReadOnlyError`, :class:`LockedError` or :class:`StorageError`.
        """
        from nkscreen.records.lifecycle import RecordReadOnlyError
        from nkscreen.records.model import dumps_document, record_to_dict
        from nkscreen.records.signing import check_signatures

        path = self.record_path(record.assessment_id, record.version)
        _ensure(self.records_dir)
        new_raw = record_to_dict(record)
        check = check_signatures(new_raw, record)
        if not check.intact:
            raise RecordReadOnlyError(RecordSentence("store.not_intact", reason=check.reason))
        self.journal_error = None
        with self._locked(record.assessment_id, lock):
            exists = path.exists()
            old_signatures = 0
            if exists:
                old_signatures = self._check_overwrite(path, record, new_raw)
            elif record.version > 1:
                self._check_new_version(record)
            data = dumps_document(new_raw)
            try:
                atomic_write(path, data, overwrite=exists)
            except FileExistsError:
                raise RecordReadOnlyError(
                    RecordSentence("store.created_meanwhile", name=path.name)
                ) from None
            # Still under the assessment lock, so the journal orders this file's saves as
            # they were written.
            self._journal_save(path, record, new_raw, exists, old_signatures)
        return path

    def _journal_save(
        self,
        path: Path,
        record: RecordV1,
        raw: dict[str, Any],
        existed: bool,
        old_signatures: int,
    ) -> None:
        """Append the save to the journal; a failure is kept in :attr:`journal_error`.

        The record is already on disk by then and stays: undoing a signed save because the
        journal could not grow would lose a clinical document. The caller tells the user, and
        ``nkscreen verify --all`` reports the file until a later save is journaled.
        """
        from nkscreen.records.journal import JournalError, append_entry

        count = len(record.signatures)
        if count > old_signatures:
            event: JournalEvent = "sign" if old_signatures == 0 else "cosign"
        elif record.version > 1 and not existed:
            event = "amend"
        else:
            event = "save"
        _log.info("%s %s (version %d)", event, path.name, record.version)
        try:
            append_entry(
                self.journal_path,
                self.journal_lock_path,
                event=event,
                file=path.name,
                record=record,
                raw=raw,
            )
        except JournalError as exc:
            _log.warning("journal not updated for %s: %s", path.name, exc)
            self.journal_error = RecordSentence(
                "store.journal_failed", name=path.name, error=said(exc)
            )

    def _check_overwrite(self, path: Path, record: RecordV1, new_raw: dict[str, Any]) -> int:
        """Refuse what would change a signed or failing file; the old signature count."""
        from nkscreen.records.lifecycle import RecordReadOnlyError
        from nkscreen.records.model import RecordFormatError
        from nkscreen.records.signing import check_signatures

        try:
            old_raw, old = read_record_file(path, within=self.base)
        except RecordFormatError as exc:
            raise RecordReadOnlyError(
                RecordSentence("store.unreadable_existing", name=path.name, reason=said(exc))
            ) from None
        if old.record_id != record.record_id:
            if record.previous is not None and old.is_signed:
                raise RecordReadOnlyError(RecordSentence("store.older_signed", version=old.version))
            raise RecordReadOnlyError(
                RecordSentence("store.another_record", name=path.name, version=old.version)
            )
        old_check = check_signatures(old_raw, old)
        if not old_check.intact:
            raise RecordReadOnlyError(
                RecordSentence("store.fails_verification", name=path.name, reason=old_check.reason)
            )
        if not old.is_signed:
            return 0
        if self.record_path(record.assessment_id, record.version + 1).exists():
            raise RecordReadOnlyError(RecordSentence("store.superseded", version=record.version))
        audit_n, sig_n = len(old_raw["audit_trail"]), len(old_raw["signatures"])
        prefix = {
            **new_raw,
            "audit_trail": new_raw["audit_trail"][:audit_n],
            "signatures": new_raw["signatures"][:sig_n],
        }
        added = new_raw["audit_trail"][audit_n:]
        if prefix != old_raw or any(e.get("event") != "signed" for e in added):
            raise RecordReadOnlyError(RecordSentence("store.signed"))
        return sig_n

    def _check_new_version(self, record: RecordV1) -> None:
        from nkscreen.records.lifecycle import RecordReadOnlyError
        from nkscreen.records.model import RecordFormatError

        previous = record.previous
        if previous is None or previous.version != record.version - 1:
            raise RecordReadOnlyError(RecordSentence("store.no_previous"))
        prev_path = self.record_path(record.assessment_id, previous.version)
        try:
            _, prev = read_record_file(prev_path, within=self.base)
        except RecordFormatError as exc:
            raise RecordReadOnlyError(
                RecordSentence("store.previous_unreadable", reason=said(exc))
            ) from None
        if prev.record_id != previous.record_id or not prev.is_signed:
            raise RecordReadOnlyError(RecordSentence("store.not_latest"))

    # -------------------------------------------------------------- listing

    def list_records(self) -> list[RecordSummary]:
        """Every file in the records folder, newest first, each verified; never raises.

        The trust list is read afresh on each call (see :func:`list_folder` for the cache).
        """
        known: Mapping[str, SignerEntry] = {}
        trusted_path = paths.trusted_signers_path(self.base)
        if os.path.lexists(trusted_path):
            from nkscreen.records.trust_plain import plain_trusted_keys

            # A list as nkscreen writes it is checked in full without pydantic; any other
            # goes through load_trusted, which says what is wrong with it.
            plain = plain_trusted_keys(trusted_path)
            if plain is not None:
                known, self._trusted_error = plain, None
            else:
                trusted = self.trusted()
                known = trusted.by_fingerprint() if trusted is not None else {}
        else:  # no list: nobody is trusted, and there is nothing to read (or to import)
            self._trusted_error = None
        # Tens of thousands of objects that all stay alive: the cyclic collector would walk
        # them again and again while they are made (a sixth of a 10,000-record listing).
        collecting = gc.isenabled()
        gc.disable()
        try:
            summaries, self._listing_error = list_folder(
                self.records_dir, self.index_path, self.base, self._roles(), known
            )
        finally:
            if collecting:
                gc.enable()
        return summaries

    # -------------------------------------------------------------- drafts

    def save_draft(self, draft: DraftV1, *, lock: FileLock | None = None) -> Path:
        """Autosave: replace the assessment's draft atomically (cheap enough to call often)."""
        from nkscreen.records.model import draft_to_dict, dumps_document

        path = self.draft_path(draft.assessment_id)
        _ensure(self.drafts_dir)
        with self._locked(draft.assessment_id, lock):
            atomic_write(path, dumps_document(draft_to_dict(draft)))
        return path

    def load_draft(self, assessment_id: str) -> DraftV1:
        from nkscreen.records.model import parse_draft, parse_json_document

        return parse_draft(parse_json_document(self._draft_bytes(self.draft_path(assessment_id))))

    def _draft_bytes(self, path: Path) -> bytes:
        from nkscreen.records.model import MAX_RECORD_BYTES, RecordFormatError

        try:
            return read_document(path, limit=MAX_RECORD_BYTES, within=self.base)
        except FileRefusedError as exc:
            if exc.kind == "missing":
                raise RecordFormatError("unreadable", RecordSentence("store.no_draft")) from None
            kind = "foreign" if exc.kind == "too_large" else "unreadable"
            raise RecordFormatError(
                kind, RecordSentence("format.draft_unreadable", reason=exc.reason)
            ) from None

    def discard_draft(self, assessment_id: str) -> bool:
        """Delete the draft after a save or on the user's request; False if there was none."""
        try:
            os.unlink(self.draft_path(assessment_id))
        except FileNotFoundError:
            return False
        return True

    def list_drafts(self) -> list[DraftSummary]:
        """Drafts left on disk, most recent first; unreadable ones are listed with the error."""
        result = []
        try:
            names = sorted(
                e.name
                for e in os.scandir(self.drafts_dir)
                if e.name.endswith(".json") and not e.name.startswith(".")
            )
        except FileNotFoundError:
            return []
        except OSError as exc:
            self._listing_error = folder_problem(self.drafts_dir, exc)
            return []
        if not names:  # the usual start: nothing to read, nothing to import
            return []
        from nkscreen.records.model import RecordFormatError, parse_draft, parse_json_document

        for name in names:
            path = self.drafts_dir / name
            try:
                draft: DraftV1 | None = parse_draft(parse_json_document(self._draft_bytes(path)))
                error = None
            except RecordFormatError as exc:
                draft, error = None, said(exc)
            in_use = draft is not None and self.lock(draft.assessment_id).in_use()
            result.append(DraftSummary(path, draft, error, in_use))
        result.sort(key=lambda d: d.draft.updated_at.isoformat() if d.draft else "", reverse=True)
        return result

    def recoverable_drafts(self) -> list[DraftSummary]:
        """Drafts to offer for restore at start-up: readable and not open in another window."""
        return [d for d in self.list_drafts() if d.draft is not None and not d.in_use]


__all__ = [
    "DraftSummary",
    "LoadedRecord",
    "LockedError",
    "RecordStore",
    "RecordSummary",
    "StorageError",
    "VerificationState",
    "open_record",
    "previous_version",
    "read_record_file",
    "sibling_versions",
    "summarize",
]
