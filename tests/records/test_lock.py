"""The edit lock: held by the operating system, refused with the holder's name, never doubled."""

from __future__ import annotations

import getpass
import json
import os
import signal
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from nkscreen.records import oslock
from nkscreen.records.atomic import FileLock, LockedError, StorageError
from nkscreen.records.store import RecordStore

pytestmark = pytest.mark.skipif(os.name != "posix", reason="the tests drive POSIX processes")

_HOLD = (
    "import sys; from pathlib import Path; from nkscreen.records.atomic import FileLock;"
    "lock = FileLock(Path(sys.argv[1])); lock.acquire(); print('locked', flush=True);"
    "sys.stdin.readline(); lock.release()"
)


@contextmanager
def held_elsewhere(path: Path) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the lock at ``path`` until the block ends."""
    proc = subprocess.Popen(
        [sys.executable, "-c", _HOLD, str(path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "locked"
        yield proc
    finally:
        proc.communicate("\n", timeout=20)  # also closes the pipes of a killed holder


def test_second_lock_in_the_same_process_is_refused_naming_the_holder(tmp_path: Path) -> None:
    first = FileLock(tmp_path / "a.lock", "Screening HX-001")
    second = FileLock(tmp_path / "a.lock", "Screening HX-001")
    with first:
        holder = json.loads((tmp_path / "a.lock").read_text())
        assert holder["pid"] == os.getpid()
        assert holder["hostname"] == socket.gethostname()
        assert holder["user"] == getpass.getuser()
        with pytest.raises(LockedError) as info:
            second.acquire()
        message = str(info.value)
        assert message.startswith(
            "Screening HX-001 is open for editing in another window or process "
            f"(user {getpass.getuser()}, process {os.getpid()} on this computer, since "
        )
        assert second.in_use()
        assert not second.held
        with pytest.raises(LockedError):
            first.acquire()  # not re-entrant either: one holder, one release
    assert not (tmp_path / "a.lock").exists()
    with second:
        assert second.held
        assert first.in_use()


def test_another_process_is_refused_with_its_name(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    with held_elsewhere(path) as proc:
        lock = FileLock(path)
        assert lock.in_use()
        with pytest.raises(LockedError, match=f"process {proc.pid} on this computer, since"):
            lock.acquire()
        assert lock.in_use()  # probing did not take it away from the holder
        assert path.exists()
    assert not path.exists()
    with FileLock(path) as lock:
        assert lock.held


def test_lock_dies_with_its_killed_process(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    with held_elsewhere(path) as proc:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=20)
        assert path.exists()  # a killed process cannot clean up, but its lock is gone
        lock = FileLock(path)
        assert not lock.in_use()
        assert not path.exists()  # the probe removed the free leftover
        with lock:
            assert json.loads(path.read_text())["pid"] == os.getpid()
    assert not path.exists()


def test_file_content_alone_locks_nothing(tmp_path: Path) -> None:
    # What a PID-file lock would have called "held on another host" or "half written":
    # only the OS lock counts, so these are free and taken over without any guessing.
    path = tmp_path / "a.lock"
    for content in (
        json.dumps({"pid": 1, "hostname": "ward-7-pc", "since": "09:00"}),
        json.dumps({"pid": os.getpid(), "hostname": socket.gethostname(), "since": "now"}),
        "",
    ):
        path.write_text(content)
        lock = FileLock(path)
        with lock:
            assert json.loads(path.read_text())["pid"] == os.getpid()
        assert not path.exists()


def test_no_lock_files_pile_up(tmp_path: Path) -> None:
    store = RecordStore(tmp_path / "data")
    store.prepare()
    for n in range(20):
        with store.lock(f"{n:032x}") as lock:
            assert lock.path.exists()
    assert list(store.locks_dir.iterdir()) == []
    # Killed holders leave files behind; the next start removes the free ones only.
    for n in range(3):
        with held_elsewhere(store.locks_dir / f"{n:032x}.lock") as proc:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=20)
    with held_elsewhere(store.locks_dir / f"{9:032x}.lock"):
        assert len(list(store.locks_dir.iterdir())) == 4
        removed = store.prepare()
        assert sorted(p.name for p in removed) == [f"{n:032x}.lock" for n in range(3)]
        assert [p.name for p in store.locks_dir.iterdir()] == [f"{9:032x}.lock"]
        assert store.lock(f"{9:032x}").in_use()
    assert list(store.locks_dir.iterdir()) == []


def test_a_lock_file_removed_under_its_holder_is_not_removed_again(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    first = FileLock(path)
    first.acquire()
    path.unlink()  # someone outside nkscreen deleted it: the old holder's lock is on nothing
    second = FileLock(path)
    second.acquire()
    first.release()
    assert path.exists()
    assert second.in_use()
    second.release()
    assert not path.exists()


def test_a_fifo_in_place_of_the_lock_file_is_an_error_not_a_hang(tmp_path: Path) -> None:
    path = tmp_path / "a.lock"
    os.mkfifo(path)
    lock = FileLock(path)
    with pytest.raises(StorageError, match="not a regular file"):
        lock.acquire()
    assert lock.read_holder() is None
    assert not lock.held


def test_full_disk_while_writing_the_holder_frees_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "a.lock"
    lock = FileLock(path)

    def full(fd: int, data: object) -> int:
        raise OSError(28, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)
        with pytest.raises(StorageError, match="full"):
            lock.acquire()
    assert not lock.held
    assert not path.exists()
    with lock:
        assert lock.held


_RACER = """
import os, sys, time
from pathlib import Path
from nkscreen.records.atomic import FileLock, LockedError

lock_path, log_path, marker, go = Path(sys.argv[1]), sys.argv[2], sys.argv[3], Path(sys.argv[4])
rounds = int(sys.argv[5])
pid = os.getpid()
log = os.open(log_path, os.O_WRONLY | os.O_APPEND)
while not go.exists():
    time.sleep(0.001)
done = 0
while done < rounds:
    lock = FileLock(lock_path)
    try:
        lock.acquire()
    except LockedError:
        time.sleep(0.0002)
        continue
    try:
        os.write(log, f"enter {pid}\\n".encode())
        try:
            os.close(os.open(marker, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            os.write(log, f"overlap {pid}\\n".encode())
        else:
            time.sleep(0.0002)
            os.unlink(marker)
        os.write(log, f"exit {pid}\\n".encode())
    finally:
        lock.release()
    done += 1
"""


def test_racing_processes_never_hold_the_lock_together(tmp_path: Path) -> None:
    """Four processes take one lock 100 times each, starting from a killed holder's file.

    Holds and retries are short so that releases (which remove the file) keep meeting
    processes halfway through opening it: without the protocol's check that the path still
    names the locked file, this test saw two holders in every one of 8 runs.
    """
    workers, rounds = 4, 100
    lock_path = tmp_path / "locks" / "a.lock"
    lock_path.parent.mkdir()
    lock_path.write_text(json.dumps({"pid": 1, "hostname": socket.gethostname(), "since": "x"}))
    log_path, marker, go = tmp_path / "log", tmp_path / "inside", tmp_path / "go"
    log_path.touch()
    script = tmp_path / "racer.py"
    script.write_text(_RACER)
    args = [str(p) for p in (script, lock_path, log_path, marker, go)]
    procs = [subprocess.Popen([sys.executable, *args, str(rounds)]) for _ in range(workers)]
    go.touch()
    for proc in procs:
        assert proc.wait(timeout=120) == 0
    lines = log_path.read_text().splitlines()
    assert not [line for line in lines if line.startswith("overlap")]
    assert len(lines) == 2 * workers * rounds
    for enter, leave in zip(lines[::2], lines[1::2], strict=True):
        # Strictly alternating, and each exit from the process that entered: never two inside.
        assert enter.split() == ["enter", leave.split()[1]]
        assert leave.startswith("exit ")
    entries = Counter(line.split()[1] for line in lines[::2])
    assert sorted(entries.values()) == [rounds] * workers
    assert not lock_path.exists()
    assert not marker.exists()


def test_registry_forgets_released_locks(tmp_path: Path) -> None:
    for _ in range(3):
        with FileLock(tmp_path / "a.lock"):
            assert len(oslock._held_here) == 1
    assert oslock._held_here == set()
