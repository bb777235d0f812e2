"""Atomic writes and orphan clean-up (the edit lock: test_lock.py)."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nkscreen.records import atomic
from nkscreen.records.atomic import (
    StorageError,
    atomic_write,
    cleanup_orphans,
)


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


def test_write_creates_owner_only_file(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    atomic_write(target, b"one")
    assert target.read_bytes() == b"one"
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    atomic_write(target, b"two")
    assert target.read_bytes() == b"two"
    assert _leftovers(tmp_path) == []


def test_create_only_never_clobbers(tmp_path: Path) -> None:
    target = tmp_path / "r.json"
    atomic_write(target, b"first", overwrite=False)
    with pytest.raises(FileExistsError):
        atomic_write(target, b"second", overwrite=False)
    assert target.read_bytes() == b"first"
    assert _leftovers(tmp_path) == []


@pytest.mark.parametrize(
    ("err", "words"),
    [(errno.ENOSPC, "disk .* is full"), (errno.EROFS, "read-only"), (errno.EACCES, "permission")],
)
def test_failed_write_keeps_old_file_and_says_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, err: int, words: str
) -> None:
    target = tmp_path / "r.json"
    atomic_write(target, b"saved before")

    def failing_write(fd: int, data: object) -> int:
        raise OSError(err, os.strerror(err))

    monkeypatch.setattr(os, "write", failing_write)
    with pytest.raises(StorageError, match=words) as info:
        atomic_write(target, b"new content")
    assert "Nothing already saved was changed" in str(info.value)
    assert target.read_bytes() == b"saved before"
    assert _leftovers(tmp_path) == []


def test_read_only_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_open = os.open

    def refusing_open(path: object, flags: int, mode: int = 0o777) -> int:
        if str(path).endswith(".tmp"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, mode)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "open", refusing_open)
    with pytest.raises(StorageError, match="read-only disk"):
        atomic_write(tmp_path / "r.json", b"x")
    assert not (tmp_path / "r.json").exists()


def test_failed_rename_removes_temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def failing_replace(src: object, dst: object) -> None:
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "replace", failing_replace)
    with pytest.raises(StorageError):
        atomic_write(tmp_path / "r.json", b"x")
    assert list(tmp_path.iterdir()) == []


def _orphan(folder: Path, pid: int, age_s: float = 0.0) -> Path:
    path = folder / f".r.json.{pid}.{os.urandom(8).hex()}.tmp"
    path.write_bytes(b"half")
    if age_s:
        old = time.time() - age_s
        os.utime(path, (old, old))
    return path


def test_cleanup_removes_orphans_of_dead_writers_only(tmp_path: Path) -> None:
    dead = _orphan(tmp_path, _dead_pid())
    alive = _orphan(tmp_path, os.getpid())
    stale_alive = _orphan(tmp_path, os.getpid(), age_s=2 * atomic.ORPHAN_MAX_AGE_S)
    unrelated = tmp_path / ".hidden.tmp"
    unrelated.write_bytes(b"not ours")
    removed = cleanup_orphans(tmp_path)
    assert sorted(removed) == sorted([dead, stale_alive])
    assert alive.exists()
    assert unrelated.exists()


def test_cleanup_of_missing_folder_is_harmless(tmp_path: Path) -> None:
    assert cleanup_orphans(tmp_path / "nope") == []
