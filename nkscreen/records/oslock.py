"""Exclusive locks held by the operating system, so that they die with their process.

A lock file that merely *exists* (a PID file) has to be guessed stale when its writer dies,
and two processes guessing at once can both take it over. Here the lock is an advisory OS
lock on an open file instead: ``flock`` on POSIX, ``msvcrt.locking`` on Windows. The kernel
grants it to one open file at a time and drops it when the holder exits or is killed, so
nothing is guessed and two holders are impossible.

The file is removed on release so that lock files do not pile up. Removing a lock file is
the delicate part: another process may have opened the old file and be about to lock it
just as it disappears. The classic protocol makes that safe: only the holder unlinks, and
only while holding; whoever locks a file then checks that the path still names the file it
locked (``fstat`` against ``stat``) and starts over if not. A file left by a killed process
is simply free: the next acquirer locks it, uses it and removes it.

``flock`` locks belong to one open file, so two opens in one process already exclude each
other on a local disk; some network file systems emulate ``flock`` with per-process locks
instead. A process-wide registry of held files therefore refuses a second lock in the same
process (two windows of one app) before the file is even opened. It is keyed by the file's
identity (device, inode): a held file can leave its path (unlinked) but never come back to it,
so a ``stat`` before opening is enough to recognise it.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import threading
from pathlib import Path

from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.reasons import RecordSentence

FILE_MODE = 0o600

#: How many times to start over when the file locked was unlinked by its previous holder.
#: Each restart means another process released the lock in between: a few are normal under
#: contention, this many means the lock is never free for long, so report it as busy.
_MAX_ATTEMPTS = 100

#: The most of a lock file read back for the holder's description.
MAX_INFO_BYTES = 4096

_FileKey = tuple[int, int]

_registry_guard = threading.Lock()
_held_here: set[_FileKey] = set()

# Never follow a symlink planted in the lock folder, never block on a FIFO put there.
_OPEN_FLAGS = (
    os.O_RDWR
    | getattr(os, "O_NOFOLLOW", 0)
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_BINARY", 0)
)

if sys.platform == "win32":  # pragma: no cover - written for Windows, not testable here
    import msvcrt

    # msvcrt locks byte ranges, and a locked range cannot be read by other processes: lock one
    # byte far past the holder description so that it stays readable. Windows allows locking
    # beyond the end of a file.
    _WINDOWS_LOCK_OFFSET = 0x7FFFFFF0

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError as exc:
            if exc.errno in (errno.EACCES, errno.EDEADLK):
                return False
            raise
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


def _key(st: os.stat_result) -> _FileKey:
    return (st.st_dev, st.st_ino)


def _key_at(path: Path) -> _FileKey | None:
    try:
        return _key(os.stat(path, follow_symlinks=False))
    except FileNotFoundError:
        return None


class OsLock:
    """One exclusive, non-blocking OS lock on the file at ``path``; not re-entrant.

    Holds an open file descriptor while held. Raises :class:`OSError` only when the lock
    file cannot be created or locked at all (missing folder, no permission, a file system
    without locks); a lock held elsewhere is a plain ``False`` from :meth:`try_acquire`.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._held: tuple[int, _FileKey] | None = None  # (descriptor, file identity)

    @property
    def held(self) -> bool:
        return self._held is not None

    def try_acquire(self, *, create: bool = True) -> bool:
        """Take the lock if nobody (this process included) holds it; return whether taken.

        With ``create=False`` a missing lock file raises :class:`FileNotFoundError`.
        """
        if self._held is not None:
            return False
        flags = _OPEN_FLAGS | (os.O_CREAT if create else 0)
        with _registry_guard:
            for _ in range(_MAX_ATTEMPTS):
                if _key_at(self.path) in _held_here:
                    return False  # another OsLock of this process: never open it twice
                fd = os.open(self.path, flags, FILE_MODE)
                try:
                    outcome = self._lock_opened(fd)
                except BaseException:
                    os.close(fd)
                    raise
                if outcome is None:
                    os.close(fd)
                    return False
                if outcome:
                    return True
                os.close(fd)
            return False

    def _lock_opened(self, fd: int) -> bool | None:
        """Lock the freshly opened ``fd``: True held, None busy, False start over."""
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise OSError(errno.EINVAL, RecordSentence("disk.lock_not_file"), str(self.path))
        if not _try_lock(fd):
            return None
        mine = _key(st)
        if _key_at(self.path) != mine:
            # The previous holder removed this file after we opened it: nobody else will
            # look at the file we locked. Start over with whatever the path names now.
            _unlock(fd)
            return False
        _held_here.add(mine)
        self._held = (fd, mine)
        return True

    def write_info(self, data: bytes) -> None:
        """Replace the lock file's content (who holds it) while holding the lock."""
        if self._held is None:
            raise RuntimeError("write_info() needs the lock held")
        fd = self._held[0]
        os.ftruncate(fd, 0)
        os.lseek(fd, 0, os.SEEK_SET)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]

    def release(self) -> None:
        """Remove the lock file, then drop the lock; a no-op if not held."""
        if self._held is None:
            return
        fd, key = self._held
        with _registry_guard:
            self._held = None
            _held_here.discard(key)
            # Unlink only a path that still names the file we hold: someone outside the
            # protocol may have replaced it, and that file is not ours to remove.
            ours = _key_at(self.path) == key
            if os.name == "nt":  # pragma: no cover - Windows cannot remove an open file
                # Close first, then remove. A process that opened the file in between keeps
                # it open, so Windows refuses the removal and the file stays for it: safe.
                _unlock(fd)
                os.close(fd)
                if ours:
                    with contextlib.suppress(OSError):
                        os.unlink(self.path)
                return
            if ours:
                with contextlib.suppress(OSError):
                    os.unlink(self.path)
            _unlock(fd)
            os.close(fd)


def is_free(path: Path) -> bool:
    """Whether nobody holds the lock at ``path``; a free leftover file is removed on the way."""
    probe = OsLock(path)
    try:
        taken = probe.try_acquire(create=False)
    except FileNotFoundError:
        return True
    if taken:
        probe.release()
    return taken


def read_info(path: Path) -> bytes | None:
    """The lock file's content (at most :data:`MAX_INFO_BYTES`), or None if it is not there.

    Only a regular file is read, without blocking: a FIFO or device put in its place must not
    hang the caller.
    """
    try:
        fd = os.open(
            path,
            os.O_RDONLY
            | getattr(os, "O_NONBLOCK", 0)
            | getattr(os, "O_NOFOLLOW", 0)
            | getattr(os, "O_BINARY", 0),
        )
    except OSError:
        return None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return None
        return os.read(fd, MAX_INFO_BYTES)
    except OSError:
        return None
    finally:
        os.close(fd)


def remove_free_lock_files(folder: Path, suffix: str = ".lock") -> list[Path]:
    """Remove the lock files in ``folder`` that nobody holds (left by killed processes)."""
    removed: list[Path] = []
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return removed
    for entry in entries:
        if not entry.name.endswith(suffix) or not entry.is_file(follow_symlinks=False):
            continue
        path = Path(entry.path)
        with contextlib.suppress(OSError):
            if is_free(path) and not path.exists():
                removed.append(path)
    return removed
