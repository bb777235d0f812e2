"""The data folder's journal: one hash-chained line per record save, sign, co-sign and amend.

A signature only proves what the file still carries. A signature removed together with every
later one and their audit entries, or a whole record file deleted, leaves nothing behind in the
folder to verify; the journal is the memory of what was there. ``journal.jsonl`` in the data
folder gets one compact JSON line per save, appended (``O_APPEND``, one ``write`` per line,
``fsync``) under the journal lock, each naming the sha256 of the line before it, so that a line
edited, removed or reordered breaks the chain at the next line. ``nkscreen verify --all``
compares the folder with it (nkscreen.records.folder_check).

Line format (keys in this order, ASCII only)::

    {"v":1,"seq":7,"at":"2026-11-20T09:14:03.123456+00:00","event":"cosign",
     "file":"<assessment id>.v1.json","assessment_id":"...","record_id":"...","version":1,
     "sha256":"<record_hash of the record as saved>","signatures":2,"by":"<user id>",
     "prev":"<sha256 of the previous line's bytes, or 'genesis' on the first line>"}

The chain cannot show lines cut off the end together with the changes they recorded: that
needs a copy of the journal (or its last line) kept outside the folder.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import random
import stat
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, BinaryIO, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    ValidationError,
)

from nkscreen.records import texts_journal as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.atomic import (
    FILE_MODE,
    FileLock,
    LockedError,
    StorageError,
    describe_os_error,
    fsync_dir,
)
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.model import RecordV1
from nkscreen.records.reasons import RecordSentence as S
from nkscreen.sentences import said

JOURNAL_VERSION: Final = 1
GENESIS: Final = "genesis"
JOURNAL_LOCK_NAME: Final = "journal.lock"

#: A real line is about 400 bytes; anything longer is damage, not an entry.
MAX_LINE_BYTES: Final = 4096
#: About two million saves; a bigger file is not read (nor appended to).
MAX_JOURNAL_BYTES: Final = 1024**3
#: How much of the end of the journal an append reads to find the line it follows.
TAIL_BYTES: Final = 64 * 1024
#: How long a save waits for another process's append (each takes milliseconds).
LOCK_TIMEOUT_S: Final = 10.0
#: Problems kept from one reading; a journal of garbage must not fill the memory.
MAX_PROBLEMS: Final = 200

JournalEvent = Literal["save", "sign", "cosign", "amend"]


class JournalError(Exception):
    """An entry could not be appended; ``str()`` says why, for the user."""


class JournalUnreadableError(Exception):
    """The journal file as a whole cannot be read; ``str()`` says why."""


def _aware_iso(value: str) -> str:
    if datetime.fromisoformat(value).tzinfo is None:
        raise ValueError(S("journal.no_offset"))
    return value


def _utf8(value: str) -> str:
    value.encode("utf-8")  # a lone surrogate ("\ud800") cannot be printed or compared safely
    return value


_Hex32 = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}$")]
_Count = Annotated[int, Field(strict=True, ge=0, le=1_000_000)]


class JournalEntry(BaseModel):
    """One parsed journal line."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when used

    v: Literal[1]
    seq: Annotated[int, Field(strict=True, ge=1)]
    at: Annotated[str, StringConstraints(max_length=40), AfterValidator(_aware_iso)]
    event: JournalEvent
    file: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{32}\.v[1-9][0-9]{0,5}\.json$")]
    assessment_id: _Hex32
    record_id: _Hex32
    version: Annotated[int, Field(strict=True, ge=1, le=999_999)]
    sha256: Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]
    signatures: _Count
    by: Annotated[str, StringConstraints(min_length=1, max_length=200), AfterValidator(_utf8)]
    prev: Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64}|genesis)$")]

    def describe(self) -> str:
        """Where and what, for messages: "line 4: sign on ... by liwei"."""
        return S(
            "journal.entry_one" if self.signatures == 1 else "journal.entry",
            event=S(f"journal.event_{self.event}"),
            at=self.at,
            by=self.by,
            signatures=self.signatures,
        )


# ---------------------------------------------------------------- parsing


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(S("journal.duplicate_key", key=repr(key)))
        result[key] = value
    return result


def _reject_constant(name: str) -> object:
    raise ValueError(S("journal.constant", name=name))


def parse_line(line: bytes) -> JournalEntry | str:
    """A journal line (without its newline) as an entry, or what is wrong with it."""
    if len(line) > MAX_LINE_BYTES:
        return S("journal.too_long")
    if not line.strip():
        return S("journal.empty")
    try:
        data = json.loads(
            line.decode("utf-8"),
            object_pairs_hook=_no_duplicates,
            parse_constant=_reject_constant,
        )
    except UnicodeDecodeError:
        return S("journal.not_text")
    except (ValueError, RecursionError):
        return S("journal.not_json")
    if not isinstance(data, dict):
        return S("journal.not_object")
    try:
        return JournalEntry.model_validate(data)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"]) or "entry"
        return S("journal.field", where=where, error=error["msg"])


def line_hash(line: bytes) -> str:
    """What the next line's ``prev`` names: the sha256 of this line's bytes, newline excluded."""
    return hashlib.sha256(line).hexdigest()


def encode_entry(entry: JournalEntry) -> bytes:
    """The line written for ``entry``, without its newline (ASCII, compact, field order fixed)."""
    return json.dumps(entry.model_dump(), ensure_ascii=True, separators=(",", ":")).encode()


# ---------------------------------------------------------------- appending


def _open_regular(path: Path, flags: int) -> int:
    """Open without following a symlink, without blocking on a FIFO, and only a regular file."""
    flags |= getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags | getattr(os, "O_NONBLOCK", 0), FILE_MODE)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise JournalUnreadableError(S("journal.symlink", path=str(path))) from None
        raise
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise JournalUnreadableError(S("journal.not_regular", path=str(path)))
    except BaseException:
        os.close(fd)
        raise
    return fd


def _read_at(fd: int, offset: int, size: int) -> bytes:
    os.lseek(fd, offset, os.SEEK_SET)
    chunks = []
    while size > 0:
        chunk = os.read(fd, size)
        if not chunk:
            break
        chunks.append(chunk)
        size -= len(chunk)
    return b"".join(chunks)


def _follow(fd: int, size: int) -> tuple[str, int, bytes]:
    """``prev``, ``seq`` and a separator for the line appended after ``size`` bytes of journal.

    The new line names the hash of the last line whatever it holds, so that a line cut short
    by a crash (reported by ``verify --all``) stays in the chain instead of breaking it; its
    sequence number follows the last line that can be read.
    """
    if size == 0:
        return GENESIS, 1, b""
    window = min(size, TAIL_BYTES)
    data = _read_at(fd, size - window, window)
    complete = data.endswith(b"\n")
    lines = (data[:-1] if complete else data).split(b"\n")
    if window < size:
        lines = lines[1:]  # the first one may start before the window
    if not lines:
        raise JournalError(S("journal.last_too_long"))
    seq = None
    for line in reversed(lines):
        entry = parse_line(line)
        if isinstance(entry, JournalEntry):
            seq = entry.seq + 1
            break
    if seq is None:
        if window < size:
            raise JournalError(S("journal.last_damaged"))
        seq = 1
    return line_hash(lines[-1]), seq, b"" if complete else b"\n"


def _take(lock: FileLock, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    delay = 0.001
    while True:
        try:
            lock.acquire()
            return
        except LockedError as exc:
            if time.monotonic() >= deadline:
                who = exc.holder.describe() if exc.holder else S("journal.unknown_process")
                seconds = f"{timeout_s:.0f}"
                raise JournalError(S("journal.kept_locked", seconds=seconds, who=who)) from None
        except StorageError as exc:
            raise JournalError(S("journal.lock_failed", error=said(exc))) from None
        time.sleep(delay * (1 + random.random()))  # jitter: two waiters do not retry in step
        delay = min(delay * 2, 0.05)


def append_entry(
    path: Path,
    lock_path: Path,
    *,
    event: JournalEvent,
    file: str,
    record: RecordV1,
    raw: dict[str, Any],
    lock_timeout_s: float = LOCK_TIMEOUT_S,
) -> JournalEntry:
    """Append one entry for ``record`` (``raw`` as written to ``file``); raise JournalError.

    The actor is the person of the record's latest audit entry. One ``write`` of the whole
    line on a file opened with ``O_APPEND``, then ``fsync``: a crash leaves the line whole,
    absent, or cut short (reported by verify, followed by the next append).
    """
    try:
        digest = record_hash(raw)
    except CanonicalizationError:
        raise JournalError(S("journal.not_hashable")) from None
    lock = FileLock(lock_path, "The data folder's journal")
    _take(lock, lock_timeout_s)
    try:
        try:
            fd = _open_regular(path, os.O_RDWR | os.O_APPEND | os.O_CREAT)
        except JournalUnreadableError as exc:
            raise JournalError(said(exc)) from None
        except IsADirectoryError:
            raise JournalError(S("journal.folder", path=str(path))) from None
        try:
            size = os.fstat(fd).st_size
            if size > MAX_JOURNAL_BYTES:
                raise JournalError(
                    S("journal.file_too_large", path=str(path), limit=MAX_JOURNAL_BYTES)
                )
            prev, seq, separator = _follow(fd, size)
            entry = JournalEntry(
                v=JOURNAL_VERSION,
                seq=seq,
                at=datetime.now(UTC).isoformat(timespec="microseconds"),
                event=event,
                file=file,
                assessment_id=record.assessment_id,
                record_id=record.record_id,
                version=record.version,
                sha256=digest,
                signatures=len(record.signatures),
                by=record.audit_trail[-1].by.user_id,
                prev=prev,
            )
            data = separator + encode_entry(entry) + b"\n"
            written = os.write(fd, data)
            if written != len(data):  # a regular file writes all or fails, unless the disk fills
                raise OSError(28, "No space left on device")
            os.fsync(fd)
        finally:
            os.close(fd)
        if size == 0:
            fsync_dir(path.parent)  # a new journal's directory entry must survive a power cut
    except OSError as exc:
        raise JournalError(describe_os_error(exc, path)) from None
    finally:
        lock.release()
    return entry


# ---------------------------------------------------------------- reading


@dataclass(frozen=True)
class JournalLine:
    number: int
    entry: JournalEntry

    def describe(self) -> str:
        return S("journal.line", number=self.number, entry=self.entry.describe())


@dataclass
class JournalReading:
    """What verification needs from a journal, gathered in one streaming pass."""

    path: Path
    exists: bool = False
    lines: int = 0
    first_at: str | None = None
    #: The latest entry per record file name, and the one with the most signatures.
    latest: dict[str, JournalLine] = field(default_factory=dict)
    most_signatures: dict[str, JournalLine] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    def _problem(self, text: str) -> None:
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(text)
        else:
            self.more_problems += 1

    @property
    def problem_count(self) -> int:
        return len(self.problems) + self.more_problems


def _read_lines(handle: BinaryIO) -> Iterator[tuple[bytes | None, str, bool]]:
    """(line bytes or None if too long, sha256, ends with a newline) for each line."""
    while True:
        chunk: bytes = handle.readline(MAX_LINE_BYTES + 1)
        if not chunk:
            return
        if chunk.endswith(b"\n"):
            body = chunk[:-1]
            yield body, line_hash(body), True
            continue
        if len(chunk) <= MAX_LINE_BYTES:  # end of file without a newline
            yield chunk, line_hash(chunk), False
            return
        hasher = hashlib.sha256(chunk)
        complete = False
        while True:  # consume the rest of an over-long line, hashing it for the chain
            more: bytes = handle.readline(65536)
            if not more:
                break
            if more.endswith(b"\n"):
                hasher.update(more[:-1])
                complete = True
                break
            hasher.update(more)
        yield None, hasher.hexdigest(), complete
        if not complete:
            return


def read_journal(path: Path) -> JournalReading:
    """Read and check the whole chain; raise :class:`JournalUnreadableError` if it cannot be.

    A missing journal reads as empty (``exists`` False). Damaged lines, chain breaks and
    sequence jumps are collected as sentences in ``problems``; nothing raises for them.
    """
    reading = JournalReading(path)
    try:
        fd = _open_regular(path, os.O_RDONLY)
    except FileNotFoundError:
        return reading
    except OSError as exc:
        raise _unreadable(path, exc) from None
    reading.exists = True
    with os.fdopen(fd, "rb") as handle:
        if os.fstat(fd).st_size > MAX_JOURNAL_BYTES:
            raise JournalUnreadableError(
                S("journal.too_large", path=str(path), limit=MAX_JOURNAL_BYTES)
            )
        try:
            _check_chain(reading, handle)
        except OSError as exc:
            raise _unreadable(path, exc) from None
    return reading


def _unreadable(path: Path, exc: OSError) -> JournalUnreadableError:
    error = exc.strerror if isinstance(exc.strerror, str) and exc.strerror else said(exc)
    return JournalUnreadableError(S("journal.unreadable", path=str(path), error=error))


def _check_chain(reading: JournalReading, handle: BinaryIO) -> None:
    previous: str | None = None
    last_seq = 0
    for number, (line, digest, complete) in enumerate(_read_lines(handle), start=1):
        reading.lines = number
        entry = parse_line(line) if line is not None else S("journal.too_long")
        if isinstance(entry, str):
            if not complete:
                entry = S("journal.incomplete")
            reading._problem(S("journal.damaged", number=number, problem=entry))
        else:
            _link(reading, number, entry, previous, last_seq)
            last_seq = entry.seq
            here = JournalLine(number, entry)
            if reading.first_at is None:
                reading.first_at = entry.at
            reading.latest[entry.file] = here
            most = reading.most_signatures.get(entry.file)
            if most is None or entry.signatures > most.entry.signatures:
                reading.most_signatures[entry.file] = here
        previous = digest


def _link(
    reading: JournalReading,
    number: int,
    entry: JournalEntry,
    previous: str | None,
    last_seq: int,
) -> None:
    if previous is None and entry.prev != GENESIS:
        reading._problem(S("journal.first_removed"))
    elif previous is not None and entry.prev != previous:
        reading._problem(S("journal.chain", number=number, previous=number - 1))
    if entry.seq != last_seq + 1:
        reading._problem(S("journal.sequence", number=number, seq=entry.seq, expected=last_seq + 1))


__all__ = [
    "GENESIS",
    "JOURNAL_LOCK_NAME",
    "JournalEntry",
    "JournalError",
    "JournalEvent",
    "JournalLine",
    "JournalReading",
    "JournalUnreadableError",
    "append_entry",
    "encode_entry",
    "line_hash",
    "parse_line",
    "read_journal",
]
