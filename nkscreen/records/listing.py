"""Listing the records folder: one row per file (a damaged one too, with its error), each
verified, with its place among the versions of its screening.

Thousands of records are listed in well under a second: each file's signature check is cached
in ``cache/records-index.json`` by size, mtime, ctime and inode, and re-done when any of them
changes; which answers name a screening (its number, initials and date) comes from the roles of
its protocol, so the cache is dropped when the installed protocols' roles change.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from nkscreen import __version__, paths, sentences
from nkscreen.core.frozen import MutableRecord, field
from nkscreen.records import texts_files as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.atomic import atomic_write
from nkscreen.records.chain import Standing, VersionRef, standing_of, with_chain
from nkscreen.records.reasons import RecordSentence
from nkscreen.records.verification import SignatureCheck, Verification
from nkscreen.safe_files import FileRefusedError, check_json_text, read_document
from nkscreen.sentences import said

if TYPE_CHECKING:
    from nkscreen.records.model import RecordV1
    from nkscreen.records.vouching import SignerEntry

# The record models (pydantic) and signature checks (cryptography) are imported by the
# functions that read a record file: a listing served from the index needs neither, so the
# app shows its records list at start-up without them.

RECORD_NAME_RE: Final = re.compile(
    r"^(?P<assessment>[0-9a-f]{32})\.v(?P<version>[1-9][0-9]{0,5})\.json$"
)
_INDEX_FORMAT: Final = "nkscreen-records-index"
#: Bump when what the index stores, or how signatures are checked, changes.
_INDEX_VERSION: Final = 5
#: The index holds a few hundred bytes per record: room for 100,000 records.
_INDEX_MAX_BYTES: Final = 64 * 1024 * 1024


def read_record_file(path: Path, *, within: Path | None = None) -> tuple[dict[str, Any], RecordV1]:
    """Parse ``path`` as a record; raise :class:`RecordFormatError` with a user-facing reason.

    Only a regular file is read (never a pipe or a device), its size checked before reading;
    ``within`` is the folder a link must stay in (the data folder, for files listed from it).
    """
    from nkscreen.records.model import parse_record, read_json_file

    raw = read_json_file(path, within=within)
    record = parse_record(raw)
    return raw, record


class RecordSummary(MutableRecord):
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

    def __init__(
        self,
        folder: Path,
        file_name: str,
        *,
        error: str | None = None,
        error_kind: str | None = None,
        assessment_id: str = "",
        record_id: str = "",
        version: int = 0,
        screening_number: str = "",
        initials: str = "",
        screening_date: str = "",
        verdict: str = "",
        signed: bool = False,
        check: SignatureCheck | None = None,
        ref: VersionRef | None = None,
        verification: Verification | None = None,
        standing: Standing | None = None,
    ) -> None:
        """Written out, not the records' generic one: a big folder builds ten thousand rows at
        every listing, and this is four times quicker (a test holds the two alike)."""
        self.folder = folder
        self.file_name = file_name
        self.error = error
        self.error_kind = error_kind
        self.assessment_id = assessment_id
        self.record_id = record_id
        self.version = version
        self.screening_number = screening_number
        self.initials = initials
        self.screening_date = screening_date
        self.verdict = verdict
        self.signed = signed
        self.check = check
        self.ref = ref
        self.verification = verification
        self.standing = Standing() if standing is None else standing

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
            "error_said": sentences.to_json(self.error),
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
            error=_cached_error(data["error"], data.get("error_said")),
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
    from nkscreen.records.model import RecordFormatError
    from nkscreen.records.signing import check_signatures

    try:
        raw, record = read_record_file(path, within=within)
    except RecordFormatError as exc:
        return RecordSummary(path.parent, path.name, error=said(exc), error_kind=exc.kind)
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
        match = RECORD_NAME_RE.match(s.file_name)
        if match and match["assessment"] == s.assessment_id and int(match["version"]) == s.version:
            by_assessment.setdefault(s.assessment_id, {})[s.version] = s.ref
    for s in summaries:
        if s.ref is None:
            continue
        s.standing = standing_of(s.ref, by_assessment.get(s.assessment_id, {}))
        if s.verification is not None:
            s.verification = with_chain(s.verification, s.standing)


def _cached_error(error: object, said: object) -> str | None:
    """A cached file's error, the sentence it was again (so it is shown in any language)."""
    return None if error is None else sentences.from_json(str(error), said)


def folder_problem(folder: Path, exc: OSError) -> str:
    if isinstance(exc, NotADirectoryError):
        return RecordSentence("listing.under_file", folder=str(folder))
    error = exc.strerror if isinstance(exc.strerror, str) and exc.strerror else str(exc)
    return RecordSentence("listing.unreadable", folder=str(folder), error=error)


def _stat_key(entry: os.DirEntry[str]) -> list[int]:
    st = entry.stat(follow_symlinks=False)
    # ctime and inode change on any write or utime(), so a file edited and given back its old
    # mtime is still re-read.
    return [st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino]


def list_folder(
    folder: Path,
    index_path: Path,
    base: Path,
    roles: RolesOf,
    known: Mapping[str, SignerEntry],
) -> tuple[list[RecordSummary], str | None]:
    """Every file in ``folder``, newest first, each verified against the ``known`` trusted
    keys; never raises. Returns the rows and why the folder could not be listed, if it could
    not. ``base``: the data folder a link may point into; ``roles``: see :func:`summarize`.

    Signature checks are cached in ``index_path`` by file size, mtime, ctime and inode; the
    trust list is applied afresh on each call. Opening a record always re-verifies it.
    """
    try:
        entries = [
            e for e in os.scandir(folder) if e.name.endswith(".json") and not e.name.startswith(".")
        ]
    except FileNotFoundError:
        return [], None
    except OSError as exc:  # a file where the folder should be, no permission...
        return [], folder_problem(folder, exc)
    cache = _read_index(index_path, roles)
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
            summary = summarize(folder / name, within=base, roles=roles)
            changed = True
            fresh[name] = {"key": key, "summary": summary._cache_json()}
        else:
            fresh[name] = hit
        if summary.check is not None:
            from nkscreen.records.vouching import assess_known

            summary.verification = assess_known(summary.check, known)
        summaries.append(summary)
    if changed or len(fresh) != len(cache):
        _write_index(index_path, fresh, roles)
    _judge_versions(summaries)
    summaries.sort(
        key=lambda s: (s.error is None, s.screening_date, s.screening_number, s.version),
        reverse=True,
    )
    return summaries, None


def _read_index(index_path: Path, roles: RolesOf) -> dict[str, Any]:
    # A cache: anything wrong with it (a pipe, too deep, not JSON) means "re-read the files".
    try:
        text = read_document(index_path, limit=_INDEX_MAX_BYTES).decode("utf-8")
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


def _write_index(index_path: Path, entries: dict[str, Any], roles: RolesOf) -> None:
    document = {
        "format": _INDEX_FORMAT,
        "index_version": _INDEX_VERSION,
        "app_version": __version__,
        "roles": roles,
        "entries": entries,
    }
    # The index is a cache: failing to write it (full disk) must not fail the listing.
    with contextlib.suppress(OSError):
        paths.ensure_dir(index_path.parent)
        atomic_write(index_path, json.dumps(document, separators=(",", ":")).encode())


__all__ = [
    "RECORD_NAME_RE",
    "RecordSummary",
    "RolesOf",
    "folder_problem",
    "list_folder",
    "read_record_file",
    "summarize",
]
