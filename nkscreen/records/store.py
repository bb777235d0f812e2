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
import json
import logging
import os
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from nkscreen import __version__, paths
from nkscreen.core.library import ProtocolLibrary
from nkscreen.records.atomic import (
    FileLock,
    LockedError,
    StorageError,
    atomic_write,
    cleanup_orphans,
    describe_os_error,
)
from nkscreen.records.chain import Standing, VersionRef, standing_of, with_chain
from nkscreen.records.journal import JOURNAL_LOCK_NAME, JournalError, JournalEvent, append_entry
from nkscreen.records.lifecycle import RecordReadOnlyError
from nkscreen.records.model import (
    MAX_RECORD_BYTES,
    DraftV1,
    RecordFormatError,
    RecordV1,
    draft_to_dict,
    dumps_document,
    parse_draft,
    parse_json_document,
    parse_record,
    read_json_file,
    record_to_dict,
)
from nkscreen.records.oslock import remove_free_lock_files
from nkscreen.records.signing import (
    SignatureCheck,
    Verification,
    VerificationState,
    assess,
    assess_known,
    check_signatures,
)
from nkscreen.records.trust import SiteTrust, TrustError, load_trusted
from nkscreen.safe_files import FileRefusedError, check_json_text, read_document

_log = logging.getLogger(__name__)
_RECORD_NAME_RE = re.compile(r"^(?P<assessment>[0-9a-f]{32})\.v(?P<version>[1-9][0-9]{0,5})\.json$")
_INDEX_FORMAT: Final = "nkscreen-records-index"
#: Bump when what the index stores, or how signatures are checked, changes.
_INDEX_VERSION: Final = 4
#: The index holds a few hundred bytes per record: room for 100,000 records.
_INDEX_MAX_BYTES: Final = 64 * 1024 * 1024


@dataclass(frozen=True)
class LoadedRecord:
    """A record as opened: the bytes' JSON, its typed view, and its verification."""

    path: Path
    raw: dict[str, Any]
    record: RecordV1
    #: Signatures, trust and the amendment chain, as they stand now.
    verification: Verification
    #: Superseded by a newer version beside it? Its chain intact?
    standing: Standing = field(default_factory=Standing)


def read_record_file(path: Path, *, within: Path | None = None) -> tuple[dict[str, Any], RecordV1]:
    """Parse ``path`` as a record; raise :class:`RecordFormatError` with a user-facing reason.

    Only a regular file is read (never a pipe or a device), its size checked before reading;
    ``within`` is the folder a link must stay in (the data folder, for files listed from it).
    """
    raw = read_json_file(path, within=within)
    record = parse_record(raw)
    return raw, record


def open_record(
    path: Path, trusted: SiteTrust | None, *, within: Path | None = None
) -> LoadedRecord:
    """Read and verify a record anywhere on disk (``nkscreen verify``, imports).

    Its standing is judged against the other versions of its screening in the same folder:
    the data folder's records, or a copy of them (an export, a backup) kept together.
    ``within``: see :func:`read_record_file`.
    """
    raw, record = read_record_file(path, within=within)
    standing = standing_of(
        VersionRef.of(path.name, raw, record), sibling_versions(path.parent, record.assessment_id)
    )
    verification = with_chain(assess(check_signatures(raw, record), trusted), standing)
    return LoadedRecord(path, raw, record, verification, standing)


def previous_version(loaded: LoadedRecord) -> RecordV1 | None:
    """The version ``loaded`` amends, read from beside it, if its link to it is intact."""
    link = loaded.record.previous
    if link is None or loaded.standing.chain_break is not None:
        return None
    versions = sibling_versions(loaded.path.parent, loaded.record.assessment_id)
    ref = versions.get(link.version)
    if ref is None or ref.record_id != link.record_id or ref.content_hash != link.sha256:
        return None
    try:
        _, record = read_record_file(loaded.path.parent / ref.file_name, within=loaded.path.parent)
    except RecordFormatError:
        return None
    return record


def sibling_versions(folder: Path, assessment_id: str) -> dict[int, VersionRef]:
    """Every readable version of one screening in ``folder``, by version number.

    A file whose name and content disagree about the screening or version is left out: the
    chain only trusts a version found where the store would have written it.
    """
    found: dict[int, VersionRef] = {}
    try:
        candidates = list(folder.glob(f"{assessment_id}.v*.json"))
    except OSError:
        return found
    for path in candidates:
        match = _RECORD_NAME_RE.match(path.name)
        if not match or match["assessment"] != assessment_id:
            continue
        try:
            raw, record = read_record_file(path, within=folder)
        except RecordFormatError:
            continue
        if record.assessment_id == assessment_id and record.version == int(match["version"]):
            found[record.version] = VersionRef.of(path.name, raw, record)
    return found


@dataclass(slots=True)
class RecordSummary:
    """One row of the records browser; ``error`` is set (and the rest empty) for bad files.

    Holds the folder and the file name rather than a Path: building 10,000 Path objects
    is a quarter of the time budget of a listing.
    """

    folder: Path
    file_name: str
    error: str | None = None
    error_kind: str | None = None
    assessment_id: str = ""
    record_id: str = ""
    version: int = 0
    #: The answers of the fields with these roles in the record's protocol ("" if unknown).
    screening_number: str = ""
    initials: str = ""
    screening_date: str = ""
    verdict: str = ""
    signed: bool = False
    check: SignatureCheck | None = None
    ref: VersionRef | None = None
    verification: Verification | None = None
    standing: Standing = field(default_factory=Standing)

    @property
    def path(self) -> Path:
        return self.folder / self.file_name

    @property
    def superseded(self) -> bool:
        return self.standing.superseded is not None

    @property
    def status(self) -> str:
        if self.error is not None:
            return "unreadable"
        return "signed" if self.signed else "draft"

    def _cache_json(self) -> dict[str, Any]:
        return {
            "error": self.error,
            "error_kind": self.error_kind,
            "assessment_id": self.assessment_id,
            "record_id": self.record_id,
            "version": self.version,
            "screening_number": self.screening_number,
            "initials": self.initials,
            "screening_date": self.screening_date,
            "verdict": self.verdict,
            "signed": self.signed,
            "check": self.check.to_json() if self.check else None,
            "ref": self.ref.to_json() if self.ref else None,
        }

    @classmethod
    def _from_cache(cls, folder: Path, name: str, data: dict[str, Any]) -> RecordSummary:
        check, ref = data["check"], data["ref"]
        return cls(
            folder=folder,
            file_name=name,
            error=data["error"],
            error_kind=data["error_kind"],
            assessment_id=str(data["assessment_id"]),
            record_id=str(data["record_id"]),
            version=int(data["version"]),
            screening_number=str(data["screening_number"]),
            initials=str(data["initials"]),
            screening_date=str(data["screening_date"]),
            verdict=str(data["verdict"]),
            signed=bool(data["signed"]),
            check=SignatureCheck.from_json(check) if check else None,
            ref=VersionRef.from_json(ref) if ref else None,
        )


#: Which field plays each role, by protocol id (see ProtocolLibrary.roles).
RolesOf = Mapping[str, Mapping[str, str]]


def summarize(
    path: Path, *, within: Path | None = None, roles: RolesOf | None = None
) -> RecordSummary:
    """Read one file into a listing row; never raises for a bad file.

    ``roles`` names, per protocol, the fields that identify a screening; without it (or for a
    protocol not installed) those columns stay empty.
    """
    try:
        raw, record = read_record_file(path, within=within)
    except RecordFormatError as exc:
        return RecordSummary(path.parent, path.name, error=str(exc), error_kind=exc.kind)
    named = (roles or {}).get(record.protocol.id, {})

    def answer(role: str) -> str:
        field_id = named.get(role)
        return record.answer_text(field_id) if field_id else ""

    return RecordSummary(
        path.parent,
        path.name,
        assessment_id=record.assessment_id,
        record_id=record.record_id,
        version=record.version,
        screening_number=answer("screening_number"),
        initials=answer("initials"),
        screening_date=answer("screening_date"),
        verdict=record.verdict,
        signed=record.is_signed,
        check=check_signatures(raw, record),
        ref=VersionRef.of(path.name, raw, record),
    )


def _judge_versions(summaries: list[RecordSummary]) -> None:
    """Superseded and chain state of every row, from the rows themselves (no re-reading)."""
    by_assessment: dict[str, dict[int, VersionRef]] = {}
    for s in summaries:
        if s.ref is None:
            continue
        match = _RECORD_NAME_RE.match(s.file_name)
        if match and match["assessment"] == s.assessment_id and int(match["version"]) == s.version:
            by_assessment.setdefault(s.assessment_id, {})[s.version] = s.ref
    for s in summaries:
        if s.ref is None:
            continue
        s.standing = standing_of(s.ref, by_assessment.get(s.assessment_id, {}))
        if s.verification is not None:
            s.verification = with_chain(s.verification, s.standing)


@dataclass(frozen=True)
class DraftSummary:
    path: Path
    draft: DraftV1 | None
    error: str | None
    #: Another live window or process is editing this assessment: not a crash leftover.
    in_use: bool = False


def _ensure(folder: Path) -> None:
    try:
        paths.ensure_dir(folder)
    except OSError as exc:
        raise StorageError(
            exc.errno,
            f"Could not prepare the folder {folder}: {describe_os_error(exc, folder / 'x')}. "
            "Nothing already saved was changed.",
        ) from exc


def _folder_problem(folder: Path, exc: OSError) -> str:
    if isinstance(exc, NotADirectoryError):
        return f"{folder} cannot be listed: it, or a folder above it, is a file."
    return f"{folder} cannot be listed: {exc.strerror or exc}."


def _stat_key(entry: os.DirEntry[str]) -> list[int]:
    st = entry.stat(follow_symlinks=False)
    # ctime and inode change on any write or utime(), so a file edited and given back its old
    # mtime is still re-read.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


@dataclass
class RecordStore:
    """All records, drafts and locks under one data folder."""

    base: Path
    _trusted_error: str | None = field(default=None, init=False)
    _listing_error: str | None = field(default=None, init=False)
    #: Set by :meth:`save` when the record was written but its journal entry was not: a
    #: sentence for the user (None after a fully journaled save).
    journal_error: str | None = field(default=None, init=False)
    #: The protocols the records are listed with (their roles name each screening).
    library: ProtocolLibrary | None = None

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
        return self.records_dir / f"{assessment_id}.v{version}.json"

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
        try:
            trusted = load_trusted(paths.trusted_signers_path(self.base))
        except TrustError as exc:
            self._trusted_error = str(exc)
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
            match = _RECORD_NAME_RE.match(path.name)
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
        path = self.record_path(record.assessment_id, record.version)
        _ensure(self.records_dir)
        new_raw = record_to_dict(record)
        check = check_signatures(new_raw, record)
        if not check.intact:
            raise RecordReadOnlyError(f"The record cannot be saved: {check.reason}.")
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
                    f"{path.name} was created by someone else meanwhile; reopen the screening."
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
            self.journal_error = (
                f"{path.name} was saved, but the data folder's journal could not be updated: "
                f"{exc}. 'nkscreen verify --all' will report this record as not journaled."
            )

    def _check_overwrite(self, path: Path, record: RecordV1, new_raw: dict[str, Any]) -> int:
        """Refuse what would change a signed or failing file; the old signature count."""
        try:
            old_raw, old = read_record_file(path, within=self.base)
        except RecordFormatError as exc:
            raise RecordReadOnlyError(
                f"{path.name} exists but cannot be read ({exc}); it was left untouched."
            ) from None
        if old.record_id != record.record_id:
            if record.previous is not None and old.is_signed:
                raise RecordReadOnlyError(
                    f"Version {old.version} of this screening already exists and is signed: only "
                    "the newest version can be amended. Open the newest version."
                )
            raise RecordReadOnlyError(
                f"{path.name} holds another record (version {old.version} of this screening "
                "was saved from elsewhere); reopen the screening."
            )
        old_check = check_signatures(old_raw, old)
        if not old_check.intact:
            raise RecordReadOnlyError(
                f"{path.name} fails verification ({old_check.reason}); it was left untouched."
            )
        if not old.is_signed:
            return 0
        if self.record_path(record.assessment_id, record.version + 1).exists():
            raise RecordReadOnlyError(
                f"Version {record.version} has been superseded by a newer version of this "
                "screening: sign the newest version instead."
            )
        audit_n, sig_n = len(old_raw["audit_trail"]), len(old_raw["signatures"])
        prefix = {
            **new_raw,
            "audit_trail": new_raw["audit_trail"][:audit_n],
            "signatures": new_raw["signatures"][:sig_n],
        }
        added = new_raw["audit_trail"][audit_n:]
        if prefix != old_raw or any(e.get("event") != "signed" for e in added):
            raise RecordReadOnlyError(
                "This record is signed and can no longer be changed. Use Amend to make a new "
                "version with a reason."
            )
        return sig_n

    def _check_new_version(self, record: RecordV1) -> None:
        previous = record.previous
        if previous is None or previous.version != record.version - 1:
            raise RecordReadOnlyError("A new version must name the version it replaces.")
        prev_path = self.record_path(record.assessment_id, previous.version)
        try:
            _, prev = read_record_file(prev_path, within=self.base)
        except RecordFormatError as exc:
            raise RecordReadOnlyError(f"The version being amended cannot be read: {exc}.") from None
        if prev.record_id != previous.record_id or not prev.is_signed:
            raise RecordReadOnlyError(
                "Only the latest signed version of a screening can be amended."
            )

    # -------------------------------------------------------------- listing

    def list_records(self) -> list[RecordSummary]:
        """Every file in the records folder, newest first, each verified; never raises.

        Signature checks are cached by file size, mtime, ctime and inode; the trust list is
        applied afresh on each call. Opening a record always re-verifies it from its bytes.
        """
        self._listing_error = None
        try:
            entries = [
                e
                for e in os.scandir(self.records_dir)
                if e.name.endswith(".json") and not e.name.startswith(".")
            ]
        except FileNotFoundError:
            return []
        except OSError as exc:  # a file where the folder should be, no permission...
            self._listing_error = _folder_problem(self.records_dir, exc)
            return []
        roles = self._roles()
        cache = self._read_index(roles)
        trusted = self.trusted()
        known = trusted.by_fingerprint() if trusted is not None else {}
        folder = self.records_dir
        fresh: dict[str, Any] = {}
        summaries = []
        changed = False
        for entry in entries:
            try:
                if entry.is_dir(follow_symlinks=False):
                    continue
                key = _stat_key(entry)
            except OSError:
                continue
            name = entry.name
            hit = cache.get(name)
            summary = None
            # A link's own stat says nothing of its target's content: always re-read it.
            if hit is not None and hit.get("key") == key and not entry.is_symlink():
                with contextlib.suppress(KeyError, TypeError, ValueError):
                    summary = RecordSummary._from_cache(folder, name, hit["summary"])
            if summary is None:
                summary = summarize(folder / name, within=self.base, roles=roles)
                changed = True
                fresh[name] = {"key": key, "summary": summary._cache_json()}
            else:
                fresh[name] = hit
            if summary.check is not None:
                summary.verification = assess_known(summary.check, known)
            summaries.append(summary)
        if changed or len(fresh) != len(cache):
            self._write_index(fresh, roles)
        _judge_versions(summaries)
        summaries.sort(
            key=lambda s: (s.error is None, s.screening_date, s.screening_number, s.version),
            reverse=True,
        )
        return summaries

    def _read_index(self, roles: RolesOf) -> dict[str, Any]:
        # A cache: anything wrong with it (a pipe, too deep, not JSON) means "re-read the files".
        try:
            text = read_document(self.index_path, limit=_INDEX_MAX_BYTES).decode("utf-8")
            check_json_text(text)
            data = json.loads(text)
        except (FileRefusedError, ValueError):
            return {}
        if (
            not isinstance(data, dict)
            or data.get("format") != _INDEX_FORMAT
            or data.get("index_version") != _INDEX_VERSION
            or data.get("app_version") != __version__
            or data.get("roles") != roles  # a protocol added or changed: names may differ
            or not isinstance(data.get("entries"), dict)
        ):
            return {}
        entries: dict[str, Any] = data["entries"]
        return entries

    def _write_index(self, entries: dict[str, Any], roles: RolesOf) -> None:
        document = {
            "format": _INDEX_FORMAT,
            "index_version": _INDEX_VERSION,
            "app_version": __version__,
            "roles": roles,
            "entries": entries,
        }
        # The index is a cache: failing to write it (full disk) must not fail the listing.
        with contextlib.suppress(OSError):
            paths.ensure_dir(self.index_path.parent)
            atomic_write(self.index_path, json.dumps(document, separators=(",", ":")).encode())

    # -------------------------------------------------------------- drafts

    def save_draft(self, draft: DraftV1, *, lock: FileLock | None = None) -> Path:
        """Autosave: replace the assessment's draft atomically (cheap enough to call often)."""
        path = self.draft_path(draft.assessment_id)
        _ensure(self.drafts_dir)
        with self._locked(draft.assessment_id, lock):
            atomic_write(path, dumps_document(draft_to_dict(draft)))
        return path

    def load_draft(self, assessment_id: str) -> DraftV1:
        return parse_draft(parse_json_document(self._draft_bytes(self.draft_path(assessment_id))))

    def _draft_bytes(self, path: Path) -> bytes:
        try:
            return read_document(path, limit=MAX_RECORD_BYTES, within=self.base)
        except FileRefusedError as exc:
            if exc.kind == "missing":
                raise RecordFormatError(
                    "unreadable", "there is no draft for this screening"
                ) from None
            kind = "foreign" if exc.kind == "too_large" else "unreadable"
            raise RecordFormatError(kind, f"cannot read the draft: {exc.reason}") from None

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
            self._listing_error = _folder_problem(self.drafts_dir, exc)
            return []
        for name in names:
            path = self.drafts_dir / name
            try:
                draft: DraftV1 | None = parse_draft(parse_json_document(self._draft_bytes(path)))
                error = None
            except RecordFormatError as exc:
                draft, error = None, str(exc)
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
