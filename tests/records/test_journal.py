"""The data folder's journal and ``nkscreen verify --all``: lost records and signatures found,
chain breaks found, damage reported (never a traceback), appends whole and fsynced."""

from __future__ import annotations

import errno
import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from nkscreen import paths
from nkscreen.cli import main
from nkscreen.records import journal as journal_module
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.journal import GENESIS, line_hash, parse_line, read_journal
from nkscreen.records.lifecycle import amend_record, record_hash, update_record
from nkscreen.records.model import record_to_dict
from nkscreen.records.signing import sign_record
from nkscreen.records.store import RecordStore
from tests.records.helpers import (
    EVALUATION,
    PROTOCOL,
    actor_of,
    answers,
    signed_record,
    unsigned_record,
    write_trusted,
)

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def verify_all(data_dir: Path, capsys: pytest.CaptureFixture[str]):
    """``nkscreen --data-dir DATA verify --all``: (exit code, stdout lines, stderr)."""

    def run() -> tuple[int, list[str], str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), "verify", "--all"])
        out, err = capsys.readouterr()
        assert "Traceback" not in out + err
        return code, out.splitlines(), err

    return run


def _lines(store: RecordStore) -> list[bytes]:
    return store.journal_path.read_bytes().splitlines()


def _entries(store: RecordStore) -> list[dict[str, Any]]:
    return [json.loads(line) for line in _lines(store)]


def _reviewed_in_store(
    store: RecordStore, signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> Path:
    record = signed_record(signer)
    path = store.save(record)
    store.save(sign_record(record, reviewer, "review"))
    write_trusted(paths.trusted_signers_path(store.base), signer, reviewer)
    return path


def test_every_save_sign_cosign_and_amend_is_journaled(
    store: RecordStore, signer: UnlockedIdentity, reviewer: UnlockedIdentity, verify_all
) -> None:
    actor = actor_of(signer)
    draft = unsigned_record(signer)
    path = store.save(draft)
    draft = update_record(draft, answers=answers(ecog=2), evaluation=EVALUATION, actor=actor)
    store.save(draft)
    signed = sign_record(draft, signer, "authorship")
    store.save(signed)
    reviewed = sign_record(signed, reviewer, "review")
    store.save(reviewed)
    raw = record_to_dict(reviewed)
    amended = amend_record(
        reviewed,
        raw,
        path.name,
        answers=answers(ecog=1),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=actor,
        reason="chart re-read",
    )
    v2 = store.save(amended)
    store.save(sign_record(amended, signer, "authorship"))
    assert store.journal_error is None

    entries = _entries(store)
    assert [(e["event"], e["file"], e["signatures"]) for e in entries] == [
        ("save", path.name, 0),
        ("save", path.name, 0),
        ("sign", path.name, 1),
        ("cosign", path.name, 2),
        ("amend", v2.name, 0),
        ("sign", v2.name, 1),
    ]
    assert [e["seq"] for e in entries] == [1, 2, 3, 4, 5, 6]
    assert entries[0]["prev"] == GENESIS
    lines = _lines(store)
    assert all(e["prev"] == line_hash(p) for e, p in zip(entries[1:], lines, strict=False))
    assert entries[3]["by"] == "reviewer"
    assert entries[3]["sha256"] == record_hash(json.loads(path.read_bytes()))
    assert entries[0]["at"].endswith("+00:00")
    assert (entries[4]["version"], entries[4]["record_id"]) == (2, amended.record_id)
    assert all(isinstance(parse_line(line), journal_module.JournalEntry) for line in lines)

    write_trusted(paths.trusted_signers_path(store.base), signer, reviewer)
    code, out, _ = verify_all()
    assert code == 0, out
    assert out[0].startswith("journal: 6 line(s), chain intact, begun on ")
    assert f"records/{path.name}: VALID: signed by Dr Test Signer" in out[1]
    assert out[-1].endswith("2 record file(s) checked in " + str(store.base) + ": no problems.")


def test_removed_cosignature_and_its_audit_entry_are_reported(
    store: RecordStore, signer: UnlockedIdentity, reviewer: UnlockedIdentity, verify_all
) -> None:
    path = _reviewed_in_store(store, signer, reviewer)
    data = json.loads(path.read_text("utf-8"))
    data["signatures"].pop()
    data["audit_trail"].pop()
    path.write_text(json.dumps(data, indent=2), "utf-8")
    # The record alone still verifies: the first signature does not cover later ones.
    assert main(["--data-dir", str(store.base), "verify", str(path)]) == 0

    code, out, _ = verify_all()
    assert code == 1
    removed = [line for line in out if "SIGNATURE REMOVED" in line]
    assert len(removed) == 1
    assert removed[0].startswith(f"records/{path.name}: SIGNATURE REMOVED: the journal records 2")
    assert "line 2: cosign on " in removed[0]
    assert "by reviewer" in removed[0]
    assert removed[0].endswith("but the file carries 1: a signature was removed")
    assert out[-1].endswith(": 1 problem(s).")


def test_deleted_record_file_is_reported_missing(
    store: RecordStore, signer: UnlockedIdentity, verify_all
) -> None:
    kept = store.save(signed_record(signer))
    lost = store.save(signed_record(signer, screening_id="HX-002"))
    write_trusted(paths.trusted_signers_path(store.base), signer)
    lost.unlink()
    code, out, _ = verify_all()
    assert code == 1
    assert f"records/{kept.name}: VALID" in "\n".join(out)
    (missing,) = [line for line in out if "MISSING" in line]
    assert missing.startswith(f"records/{lost.name}: MISSING: the file is not in the folder")
    assert "journaled (line 2: sign on " in missing
    assert "by tsigner, 1 signature" in missing


def test_record_edited_outside_nkscreen_is_reported(store: RecordStore, verify_all) -> None:
    path = store.save(unsigned_record())  # unsigned: no signature can notice the edit
    data = json.loads(path.read_text("utf-8"))
    data["answers"]["ecog"] = 0
    path.write_text(json.dumps(data), "utf-8")
    code, out, _ = verify_all()
    assert code == 1
    assert f"records/{path.name}: NOT SIGNED: the record has not been signed yet" in out
    (changed,) = [line for line in out if "CHANGED SINCE JOURNALED" in line]
    assert "differs from its last journal entry (line 1: save on " in changed


@pytest.mark.parametrize(
    ("name", "tamper", "expected"),
    [
        (
            "edited",
            lambda lines: [
                lines[0],
                lines[1].replace(b'"by":"tsigner"', b'"by":"someone"'),
                *lines[2:],
            ],
            "line 3 does not follow line 2: the chain is broken",
        ),
        (
            "removed",
            lambda lines: [lines[0], *lines[2:]],
            "line 2 does not follow line 1: the chain is broken",
        ),
        (
            "reordered",
            lambda lines: [lines[1], lines[0], lines[2]],
            "line 1 does not begin a journal",
        ),
    ],
)
def test_journal_lines_edited_removed_or_reordered_break_the_chain(
    store: RecordStore, signer: UnlockedIdentity, verify_all, name: str, tamper, expected: str
) -> None:
    for screening in ("HX-1", "HX-2", "HX-3"):
        store.save(signed_record(signer, screening_id=screening))
    write_trusted(paths.trusted_signers_path(store.base), signer)
    assert verify_all()[0] == 0
    lines = _lines(store)
    store.journal_path.write_bytes(b"\n".join(tamper(lines)) + b"\n")
    code, out, _ = verify_all()
    assert code == 1, name
    problems = [line for line in out if line.startswith("journal: PROBLEM: ")]
    assert any(expected in p for p in problems), out


HOSTILE_LINES = [
    (b"x" * 10_000, "it is too long to be a journal entry"),
    (b"[" * 2000 + b"]" * 2000, "it is not a valid JSON entry"),
    (b'{"v":1,"by":"\\ud800"}', "field "),
    (b"\xff\xfe", "it is not text"),
    (b"[1, 2]", "it is not a JSON object"),
    (b'{"v":1,"v":1}', "it is not a valid JSON entry"),
    (b'{"v":NaN}', "it is not a valid JSON entry"),
    (b"", "it is empty"),
]


def test_damaged_journal_lines_are_reported_never_raised(
    store: RecordStore, signer: UnlockedIdentity, verify_all
) -> None:
    store.save(signed_record(signer))
    write_trusted(paths.trusted_signers_path(store.base), signer)
    with store.journal_path.open("ab") as handle:
        for line, _ in HOSTILE_LINES:
            handle.write(line + b"\n")
    code, out, _ = verify_all()
    assert code == 1
    problems = [line for line in out if line.startswith("journal: PROBLEM: ")]
    for number, (_, reason) in enumerate(HOSTILE_LINES, start=2):
        assert any(f"line {number} is damaged: {reason}" in p for p in problems), (number, out)
    # A later save still joins the chain: it follows the last line, whatever that holds.
    store.save(signed_record(signer, screening_id="HX-9"))
    assert store.journal_error is None
    reading = read_journal(store.journal_path)
    assert len(reading.problems) == len(HOSTILE_LINES)
    assert not any("does not follow" in p or "sequence" in p for p in reading.problems)


def test_a_line_cut_short_by_a_crash_is_reported_and_the_next_save_follows_it(
    store: RecordStore, signer: UnlockedIdentity
) -> None:
    store.save(signed_record(signer))
    whole = store.journal_path.read_bytes()
    with store.journal_path.open("ab") as handle:
        handle.write(whole[:100])  # the start of an entry, no newline: the writer died
    reading = read_journal(store.journal_path)
    assert reading.problems == [
        "line 2 is damaged: it is incomplete (a save was interrupted, or is being written now)"
    ]
    store.save(signed_record(signer, screening_id="HX-2"))
    lines = _lines(store)
    assert len(lines) == 3
    assert json.loads(lines[2])["seq"] == 2
    assert json.loads(lines[2])["prev"] == line_hash(whole[:100])
    # Now a whole line, still damaged; the chain runs through it.
    assert read_journal(store.journal_path).problems == [
        "line 2 is damaged: it is not a valid JSON entry"
    ]


@pytest.mark.parametrize("kind", ["folder", "fifo", "symlink"])
def test_an_unreadable_journal_exits_2(
    store: RecordStore, signer: UnlockedIdentity, verify_all, tmp_path: Path, kind: str
) -> None:
    if kind == "fifo" and not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this system")
    path = store.save(signed_record(signer))
    write_trusted(paths.trusted_signers_path(store.base), signer)
    store.journal_path.unlink()
    if kind == "folder":
        store.journal_path.mkdir()
    elif kind == "fifo":
        os.mkfifo(store.journal_path)
    else:
        target = tmp_path / "elsewhere.jsonl"
        target.write_bytes(b"")
        store.journal_path.symlink_to(target)
    code, out, _ = verify_all()
    assert code == 2
    assert out[0].startswith("journal: UNREADABLE: ")
    assert str(store.journal_path) in out[0]
    assert f"records/{path.name}: VALID" in "\n".join(out)  # the records are still checked
    # Saving still works; the user is told the journal could not take the entry.
    store.save(signed_record(signer, screening_id="HX-2"))
    assert store.journal_error is not None
    assert "could not be updated: " + str(store.journal_path) in store.journal_error


def test_records_saved_before_the_journal_are_said_to_be_not_journaled(
    store: RecordStore, verify_all
) -> None:
    old = store.save(unsigned_record(screening_id="HX-old"))
    store.journal_path.unlink()
    code, out, _ = verify_all()
    assert code == 1
    assert out[0] == (
        f"journal: NONE: {store.journal_path} does not exist (no record was saved with one)"
    )
    assert f"records/{old.name}: NOT JOURNALED: this data folder has no journal" in "\n".join(out)
    # A journal begun later: the old record is named as saved before it.
    data = json.loads(old.read_text("utf-8"))
    data["saved_at"] = "2020-01-01T00:00:00+00:00"
    old.write_text(json.dumps(data), "utf-8")
    store.save(unsigned_record(screening_id="HX-new"))
    code, out, _ = verify_all()
    assert code == 1
    (line,) = [line for line in out if "NOT JOURNALED" in line]
    assert line.startswith(
        f"records/{old.name}: NOT JOURNALED: saved on 2020-01-01T00:00:00+00:00, before this "
        "data folder's journal began on "
    )


def _fail_journal_writes(monkeypatch: pytest.MonkeyPatch, journal: Path) -> None:
    """A full disk for the journal only: the record file itself is written."""
    real_write = os.write

    def write(fd: int, data: Any) -> int:
        if os.path.samefile(f"/proc/self/fd/{fd}", journal):
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", write)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="needs /proc")
def test_a_failed_journal_append_keeps_the_record_and_says_so(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch, verify_all
) -> None:
    store.journal_path.touch()
    record = unsigned_record()
    _fail_journal_writes(monkeypatch, store.journal_path)
    path = store.save(record)
    monkeypatch.undo()
    assert path.exists()
    assert store.journal_error == (
        f"{path.name} was saved, but the data folder's journal could not be updated: the disk "
        f"holding {store.base} is full. 'nkscreen verify --all' will report this record as "
        "not journaled."
    )
    code, out, _ = verify_all()
    assert code == 1
    assert f"records/{path.name}: NOT JOURNALED: it is not in this data folder's journal" in (
        "\n".join(out)
    )
    store.save(
        update_record(
            record, answers=answers(ecog=2), evaluation=EVALUATION, actor=record.audit_trail[0].by
        )
    )
    assert store.journal_error is None
    assert verify_all()[0] == 0


def test_append_is_one_whole_line_written_then_fsynced(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.save(unsigned_record(screening_id="HX-1"))
    inode = store.journal_path.stat().st_ino
    calls: list[tuple[str, Any]] = []
    real_write, real_fsync = os.write, os.fsync

    def write(fd: int, data: Any) -> int:
        if os.fstat(fd).st_ino == inode:
            calls.append(("write", bytes(data)))
        return real_write(fd, data)

    def fsync(fd: int) -> None:
        if os.fstat(fd).st_ino == inode:
            calls.append(("fsync", os.fstat(fd).st_size))
        real_fsync(fd)

    monkeypatch.setattr(os, "write", write)
    monkeypatch.setattr(os, "fsync", fsync)
    store.save(unsigned_record(screening_id="HX-2"))
    monkeypatch.undo()
    size = store.journal_path.stat().st_size
    assert [kind for kind, _ in calls] == ["write", "fsync"]
    line = calls[0][1]
    assert line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert isinstance(parse_line(line[:-1]), journal_module.JournalEntry)
    assert calls[1][1] == size  # the fsync came after the whole line was in the file
    assert store.journal_path.stat().st_mode & 0o777 == 0o600
    assert not list(store.locks_dir.iterdir())  # the journal lock was released


_WRITER = """
import sys
import time
from pathlib import Path
from nkscreen.records.lifecycle import update_record
from nkscreen.records.store import RecordStore
from tests.records.helpers import EVALUATION, answers, unsigned_record

base, me = Path(sys.argv[1]), sys.argv[2]
store = RecordStore(base)
(base / f"ready-{me}").touch()
while not (base / "go").exists():
    time.sleep(0.001)
record = unsigned_record(screening_id=f"{me}-0")
for i in range(50):
    if i:
        record = update_record(record, answers=answers(screening_id=f"{me}-{i}"),
                               evaluation=EVALUATION, actor=record.audit_trail[0].by)
    store.save(record)
    if store.journal_error is not None:
        sys.exit(store.journal_error)
"""


def test_two_processes_saving_at_once_keep_the_chain_intact(store: RecordStore) -> None:
    base = store.base
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", _WRITER, str(base), me], cwd=ROOT, env=env)
        for me in ("A", "B")
    ]
    while not all((base / f"ready-{me}").exists() for me in ("A", "B")):
        if any(p.poll() is not None for p in procs):
            break
        time.sleep(0.001)
    (base / "go").touch()
    assert [p.wait() for p in procs] == [0, 0]
    reading = read_journal(store.journal_path)
    assert reading.problems == []
    assert reading.lines == 100
    assert len(reading.latest) == 2
    entries = _entries(store)
    assert [e["seq"] for e in entries] == list(range(1, 101))
    for name, line in reading.latest.items():
        raw = json.loads((store.records_dir / name).read_bytes())
        assert line.entry.sha256 == record_hash(raw)
        assert raw["answers"]["screening_id"].endswith("-49")


def test_verify_takes_files_or_all_not_both(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for argv in (["verify"], ["verify", "--all", "x.json"]):
        assert main(["--data-dir", str(data_dir), *argv]) == 2
        assert "give record files to verify, or --all" in capsys.readouterr().err
