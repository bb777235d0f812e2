"""Crash-safe file writes and a cross-process edit lock, without Qt.

A screening record must never be lost or half-written: every write goes to a temporary file
in the destination folder, is flushed to disk, then renamed over the target, and the folder
itself is flushed so that the rename survives a power cut. A process killed in the middle
leaves either the old file or the new one, plus at worst an orphaned temporary file, which
:func:`cleanup_orphans` removes on the next start.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import re
import time
from pathlib import Path
from types import TracebackType
from typing import Final

from nkscreen.core.frozen import Record
from nkscreen.records import oslock
from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.reasons import RecordSentence

FILE_MODE = 0o600

_TMP_SUFFIX = ".tmp"
# ".<target name>.<pid>.<random>.tmp": the pid tells the cleaner whether the writer is alive.
_TMP_RE = re.compile(r"^\.(?P<target>.+)\.(?P<pid>\d+)\.(?P<rand>[0-9a-f]{16})\.tmp$")

# An orphan whose writer pid is alive is still removed after this long: the pid may have been
# recycled, or the folder may be shared with another computer whose pids mean nothing here.
ORPHAN_MAX_AGE_S = 3600.0

# Windows reports a rename onto a file another program (antivirus, indexer, backup) has open as
# a sharing violation; such locks are short-lived, so retry for a moment.
_WINDOWS_RETRY_ERRORS = {5, 32, 33}
_WINDOWS_RETRIES = 20


class StorageError(OSError):
    """A write failed; the message is for the user and says that nothing saved was damaged."""

    def __str__(self) -> str:
        # OSError would print "[Errno 28] ..." in front of the sentence meant for the user.
        return str(self.strerror) if self.strerror else super().__str__()


def describe_os_error(exc: OSError, path: Path) -> str:
    """Turn an OSError into a sentence a ward nurse can act on."""
    folder = str(path.parent)
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return RecordSentence("disk.full", folder=folder)
    if exc.errno == errno.EROFS:
        return RecordSentence("disk.read_only", folder=folder)
    if exc.errno in (errno.EACCES, errno.EPERM):
        return RecordSentence("disk.no_permission", folder=folder)
    if exc.errno == errno.ENOENT:
        return RecordSentence("disk.no_folder", folder=folder)
    error = exc.strerror if isinstance(exc.strerror, str) else str(exc)
    return RecordSentence("disk.other", error=error or str(exc), folder=folder)


def _tmp_name(target: Path) -> Path:
    return target.with_name(f".{target.name}.{os.getpid()}.{os.urandom(8).hex()}{_TMP_SUFFIX}")


def fsync_dir(folder: Path) -> None:
    """Flush a folder entry so a rename in it is durable (a no-op where unsupported)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_tmp(target: Path, data: bytes) -> Path:
    tmp = _tmp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), FILE_MODE)
    try:
        view = memoryview(data)
        while view:
            written = os.write(fd, view)
            view = view[written:]
        os.fsync(fd)
    except BaseException:
        os.close(fd)
        _unlink_quietly(tmp)
        raise
    os.close(fd)
    return tmp


def _unlink_quietly(path: Path) -> None:
    with contextlib.suppress(OSError):
        os.unlink(path)


def _replace(src: Path, dst: Path) -> None:
    if os.name != "nt":
        os.replace(src, dst)
        return
    for attempt in range(_WINDOWS_RETRIES):  # pragma: no cover - Windows only
        try:
            os.replace(src, dst)
            return
        except OSError as exc:
            if getattr(exc, "winerror", None) not in _WINDOWS_RETRY_ERRORS:
                raise
            if attempt == _WINDOWS_RETRIES - 1:
                raise
            time.sleep(0.05 * (attempt + 1))


def _publish_new(tmp: Path, target: Path) -> None:
    """Move ``tmp`` to ``target`` unless ``target`` exists, even against a concurrent writer."""
    try:
        os.link(tmp, target)
    except FileExistsError:
        _unlink_quietly(tmp)
        raise
    except OSError as exc:
        # Some file systems (FAT, a few network shares) have no hard links: fall back to a
        # checked rename, which is only racy against writers that ignore the assessment lock.
        if exc.errno not in (
            errno.EPERM,
            errno.ENOTSUP,
            errno.EOPNOTSUPP,
            errno.EXDEV,
            errno.EMLINK,
        ):
            _unlink_quietly(tmp)
            raise
        if target.exists():
            _unlink_quietly(tmp)
            raise FileExistsError(errno.EEXIST, "File exists", str(target)) from exc
        _replace(tmp, target)
        return
    _unlink_quietly(tmp)


def atomic_write(target: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``target`` so that readers only ever see the old or the new bytes.

    With ``overwrite=False`` the file is published with a hard link, which fails if
    ``target`` already exists: two writers can never clobber each other's signed record.
    Raises :class:`StorageError` (with the target untouched) or :class:`FileExistsError`.
    """
    try:
        tmp = _write_tmp(target, data)
    except OSError as exc:
        raise _save_failed(exc, target) from exc
    try:
        if overwrite:
            _replace(tmp, target)
        else:
            _publish_new(tmp, target)
        fsync_dir(target.parent)
    except FileExistsError:
        raise
    except OSError as exc:
        _unlink_quietly(tmp)
        raise _save_failed(exc, target) from exc


def _save_failed(exc: OSError, target: Path) -> StorageError:
    problem = describe_os_error(exc, target)
    return StorageError(
        exc.errno, RecordSentence("disk.save_failed", name=target.name, problem=problem)
    )


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name != "posix":  # pragma: no cover - Windows: no cheap probe without pywin32
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def cleanup_orphans(folder: Path, *, max_age_s: float = ORPHAN_MAX_AGE_S) -> list[Path]:
    """Delete temporary files left by writers that died; return what was removed.

    A temporary file whose writer is still running is kept (it is about to be renamed),
    unless it is older than ``max_age_s``.
    """
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    now = time.time()
    for entry in entries:
        match = _TMP_RE.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = int(match["pid"])
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except FileNotFoundError:
            continue
        if _pid_alive(pid) and age < max_age_s:
            continue
        try:
            os.unlink(entry.path)
        except FileNotFoundError:
            continue
        removed.append(Path(entry.path))
    return removed


class LockHolder(Record, kw_only=False):
    """Who holds a lock, as written into the lock file by the holder: for messages only."""

    pid: int
    hostname: str
    since: str
    user: str = ""

    def describe(self) -> str:
        import socket  # here: the socket module takes milliseconds to import at start-up

        where: str = self.hostname
        if self.hostname == socket.gethostname():
            where = RecordSentence("lock.this_computer")
        if self.user:
            return RecordSentence(
                "lock.holder_user", user=self.user, pid=self.pid, where=where, since=self.since
            )
        return RecordSentence("lock.holder", pid=self.pid, where=where, since=self.since)


class LockedError(Exception):
    """Someone else is editing; ``str()`` is a complete sentence for the user."""

    def __init__(self, what: str, holder: LockHolder | None) -> None:
        self.what = what
        self.holder = holder
        who = holder.describe() if holder else RecordSentence("lock.another_program")
        shown: str = _WHAT.get(what, what)
        super().__init__(RecordSentence("lock.held", what=shown, who=who))


#: What a lock guards, as :class:`FileLock` and the store name it, by its sentence.
_WHAT: Final[dict[str, str]] = {
    "This screening": RecordSentence("lock.screening"),
    "This record": RecordSentence("lock.record"),
    "The data folder's journal": RecordSentence("lock.journal"),
}


def _current_user() -> str:
    import getpass  # (with termios and fcntl: only when a lock is taken, not at every start)

    try:
        return getpass.getuser()
    except (OSError, KeyError, ImportError):  # no login name: the pid and host still say who
        return ""


class FileLock:
    """An exclusive lock for one assessment, shared by windows and processes.

    The lock is held by the operating system (see :mod:`nkscreen.records.oslock`): it dies
    with its process, two processes never hold it together, and a second window of the same
    process is refused too. The holder writes who it is into the lock file so that the refusal
    can name them; the file is removed on release. Like QLockFile this is advisory: it protects
    nkscreen from itself, not from editors.
    """

    def __init__(self, path: Path, what: str = "This record") -> None:
        self.path = path
        self.what = what
        self._lock = oslock.OsLock(path)

    @property
    def held(self) -> bool:
        return self._lock.held

    def _storage_error(self, exc: OSError) -> StorageError:
        # A lock that cannot be taken means the save would fail too: say why, up front.
        problem = describe_os_error(exc, self.path)
        return StorageError(exc.errno, RecordSentence("disk.lock_failed", problem=problem))

    def read_holder(self) -> LockHolder | None:
        """Who holds the lock, or None if the lock file is missing, empty or unreadable.

        Only meaningful while the lock is held: a file left by a killed process still names it.
        """
        data = oslock.read_info(self.path)
        if not data:
            return None
        try:
            raw = json.loads(data)
            return LockHolder(
                int(raw["pid"]),
                str(raw["hostname"]),
                str(raw["since"]),
                str(raw.get("user", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError, RecursionError):
            return None

    def in_use(self) -> bool:
        """Whether someone (this process included) holds the lock, without taking it.

        A lock that cannot even be probed (unreadable folder) counts as in use: the caller
        then leaves the assessment alone rather than editing it twice.
        """
        if self.held:
            return True
        try:
            return not oslock.is_free(self.path)
        except OSError:
            return True

    def acquire(self) -> None:
        """Take the lock or raise :class:`LockedError` (or :class:`StorageError`)."""
        if self.held:
            raise LockedError(self.what, self.read_holder())
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            taken = self._lock.try_acquire()
        except OSError as exc:
            raise self._storage_error(exc) from exc
        if not taken:
            raise LockedError(self.what, self.read_holder())
        import socket  # see LockHolder.describe

        holder = {
            "user": _current_user(),
            "pid": os.getpid(),
            "hostname": socket.gethostname(),
            "since": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        }
        try:
            self._lock.write_info(json.dumps(holder).encode())
        except OSError as exc:
            self._lock.release()
            raise self._storage_error(exc) from exc

    def release(self) -> None:
        """Give the lock up and remove its file; a no-op if not held."""
        self._lock.release()

    def __enter__(self) -> FileLock:
        self.acquire()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()
