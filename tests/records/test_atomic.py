"""Atomic writes, orphan clean-up and the edit lock."""

from __future__ import annotations

import errno
import json
import os
import socket
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nkscreen.records import atomic
from nkscreen.records.atomic import (
    FileLock,
    LockedError,
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


def test_lock_excludes_a_second_writer(tmp_path: Path) -> None:
    first = FileLock(tmp_path / "a.lock", "Screening HX-001")
    second = FileLock(tmp_path / "a.lock", "Screening HX-001")
    with first:
        holder = json.loads((tmp_path / "a.lock").read_text())
        assert holder["pid"] == os.getpid()
        assert holder["hostname"] == socket.gethostname()
        with pytest.raises(LockedError) as info:
            second.acquire()
        message = str(info.value)
        assert "Screening HX-001 is open for editing in another window or process" in message
        assert str(os.getpid()) in message
        assert second.in_use()
    assert not (tmp_path / "a.lock").exists()
    with second:
        assert second.held


def test_lock_of_a_dead_process_is_taken_over(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    path.write_text(
        json.dumps({"pid": _dead_pid(), "hostname": socket.gethostname(), "since": "x"})
    )
    lock = FileLock(path)
    assert not lock.in_use()
    with lock:
        assert json.loads(path.read_text())["pid"] == os.getpid()


def test_lock_held_on_another_host_is_respected(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    path.write_text(json.dumps({"pid": 1, "hostname": "ward-7-pc", "since": "09:00"}))
    with pytest.raises(LockedError, match="ward-7-pc"):
        FileLock(path).acquire()


def test_lock_held_by_another_live_process(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    code = (
        "import sys, time; from pathlib import Path; from nkscreen.records.atomic import FileLock;"
        f"lock = FileLock(Path({str(path)!r})); lock.acquire(); print('locked', flush=True);"
        "sys.stdin.readline(); lock.release()"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        with pytest.raises(LockedError, match=f"process {proc.pid} on this computer"):
            FileLock(path).acquire()
    finally:
        proc.communicate("\n", timeout=20)
    assert not path.exists()
    FileLock(path).acquire()


def test_half_written_old_lock_counts_as_stale(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    path.write_bytes(b"")
    old = time.time() - 60
    os.utime(path, (old, old))
    FileLock(path).acquire()
