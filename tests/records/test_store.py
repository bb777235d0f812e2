"""The records folder: saving, read-only signed records, amendments, listing, drafts."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.records import store as store_module
from nkscreen.records.atomic import LockedError
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import (
    AmendmentError,
    RecordReadOnlyError,
    amend_record,
    make_draft,
    record_hash,
    update_record,
)
from nkscreen.records.model import Actor, dumps_document, record_to_dict
from nkscreen.records.signing import VerificationState, sign_record
from nkscreen.records.store import RecordStore
from tests.records.helpers import (
    EVALUATION,
    PROTOCOL,
    answers,
    signed_record,
    unsigned_record,
    write_trusted,
)

NURSE = Actor(user_id="nurse1", name="Nurse One", role="study nurse")


def test_data_dir_precedence(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("NKSCREEN_DATA_DIR", str(tmp_path / "env"))
    assert paths.data_dir(str(tmp_path / "opt")) == tmp_path / "opt"
    assert paths.data_dir(None) == tmp_path / "env"
    monkeypatch.delenv("NKSCREEN_DATA_DIR")
    assert paths.data_dir(None).name == "nkscreen"


def test_folders_are_owner_only_and_files_0600(store: RecordStore) -> None:
    path = store.save(unsigned_record())
    for folder in (store.records_dir, store.drafts_dir, store.locks_dir):
        assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_prepare_removes_orphaned_temporary_files(store: RecordStore) -> None:
    orphan = store.records_dir / f".x.v1.json.{2**22 + 12345}.{'0' * 16}.tmp"
    orphan.write_bytes(b"half a record")
    assert orphan in store.prepare()
    assert not orphan.exists()


def test_save_edit_and_audit_trail(store: RecordStore) -> None:
    record = unsigned_record()
    path = store.save(record)
    assert path.name == f"{record.assessment_id}.v1.json"
    loaded = store.load(path)
    assert loaded.record == record
    assert loaded.verification.state is VerificationState.UNSIGNED
    edited = update_record(
        record, answers=answers(ecog=2, inr=None), evaluation=EVALUATION, actor=NURSE
    )
    store.save(edited)
    reread = store.load(path).record
    saved = reread.audit_trail[-1]
    assert saved.event == "saved"
    assert saved.by == NURSE
    assert [(c.field, c.old, c.new) for c in saved.changes] == [
        ("ecog", 1, 2),
        ("inr", "1.1", None),
    ]
    assert update_record(reread, answers=reread.answers, evaluation=EVALUATION, actor=NURSE) is (
        reread
    )


def test_signed_record_is_read_only(store: RecordStore, signer: UnlockedIdentity) -> None:
    record = signed_record(signer)
    path = store.save(record)
    before = path.read_bytes()
    with pytest.raises(RecordReadOnlyError, match="Amend"):
        update_record(record, answers=answers(ecog=3), evaluation=EVALUATION, actor=NURSE)
    forged = record.model_copy(update={"answers": answers(ecog=3)})
    with pytest.raises(RecordReadOnlyError):
        store.save(forged)
    assert path.read_bytes() == before


def test_cosignature_may_be_added_to_a_saved_signed_record(
    store: RecordStore, signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    record = signed_record(signer)
    path = store.save(record)
    store.save(sign_record(record, reviewer, "review"))
    write_trusted(paths.trusted_signers_path(store.base), signer, reviewer)
    loaded = store.load(path)
    assert loaded.verification.state is VerificationState.VALID
    assert len(loaded.record.signatures) == 2


def test_amendment_keeps_the_old_version_and_links_to_it(
    store: RecordStore, signer: UnlockedIdentity
) -> None:
    original = signed_record(signer)
    old_path = store.save(original)
    old_bytes = old_path.read_bytes()
    old = store.load(old_path)
    with pytest.raises(AmendmentError, match="reason"):
        amend_record(
            old.record,
            old.raw,
            old_path.name,
            answers=answers(ecog=2),
            evaluation=EVALUATION,
            protocol=PROTOCOL,
            actor=NURSE,
            reason="  ",
        )
    with pytest.raises(AmendmentError, match="changes nothing"):
        amend_record(
            old.record,
            old.raw,
            old_path.name,
            answers=old.record.answers,
            evaluation=EVALUATION,
            protocol=PROTOCOL,
            actor=NURSE,
            reason="typo",
        )
    amended = amend_record(
        old.record,
        old.raw,
        old_path.name,
        answers=answers(ecog=2),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=NURSE,
        reason="ECOG transcribed wrongly from the chart",
    )
    assert not amended.is_signed  # must be signed again
    assert amended.version == 2
    assert amended.assessment_id == original.assessment_id
    assert amended.previous is not None
    assert amended.previous.sha256 == record_hash(json.loads(old_bytes))
    assert amended.previous.file == old_path.name
    event = amended.audit_trail[-1]
    assert (event.event, event.reason) == ("amended", "ECOG transcribed wrongly from the chart")
    assert [(c.field, c.old, c.new) for c in event.changes] == [("ecog", 1, 2)]
    new_path = store.save(amended)
    assert new_path.name.endswith(".v2.json")
    signed_v2 = sign_record(amended, signer, "authorship")
    store.save(signed_v2)
    assert old_path.read_bytes() == old_bytes
    assert store.versions(original.assessment_id) == [old_path, new_path]
    write_trusted(paths.trusted_signers_path(store.base), signer)
    assert store.load(new_path).verification.state is VerificationState.VALID
    # A second, concurrent amendment of v1 cannot take the v2 slot.
    rival = amend_record(
        old.record,
        old.raw,
        old_path.name,
        answers=answers(ecog=3),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=NURSE,
        reason="other",
    )
    with pytest.raises(RecordReadOnlyError, match=r"another record|only the newest version"):
        store.save(rival)


def test_unsigned_record_is_edited_not_amended(store: RecordStore) -> None:
    record = unsigned_record()
    with pytest.raises(AmendmentError, match="signed"):
        amend_record(
            record,
            record_to_dict(record),
            "x.json",
            answers=answers(ecog=2),
            evaluation=EVALUATION,
            protocol=PROTOCOL,
            actor=NURSE,
            reason="r",
        )


def test_a_record_locked_elsewhere_cannot_be_saved(store: RecordStore) -> None:
    record = unsigned_record()
    path = store.save(record)
    before = path.read_bytes()
    other_window = store.lock(record.assessment_id)
    with other_window:
        changed = update_record(record, answers=answers(ecog=4), evaluation=EVALUATION, actor=NURSE)
        with pytest.raises(LockedError, match="open for editing in another window"):
            store.save(changed)
        assert path.read_bytes() == before
        # The holder itself saves through its lock.
        store.save(changed, lock=other_window)
    assert store.load(path).record.answers["ecog"] == 4


def _broken_files(folder: Path, valid_raw: dict[str, object]) -> dict[str, str]:
    text = dumps_document(valid_raw)
    future = dict(valid_raw, schema_version=2)
    files = {
        "truncated.json": (text[: len(text) // 2], "truncated"),
        "empty.json": (b"", "empty"),
        "foreign.json": (b'{"name": "shopping list"}', "not an nkscreen"),
        "future.json": (dumps_document(future), "newer nkscreen"),
        "binary.json": (os.urandom(64) + b"\xff", "not a text file"),
        "bad-field.json": (dumps_document(dict(valid_raw, version="two")), "malformed"),
    }
    for name, (data, _) in files.items():
        (folder / name).write_bytes(data)
    (folder / "folder.json").mkdir()
    return {name: words for name, (_, words) in files.items()}


def test_listing_shows_every_record_and_every_broken_file(
    store: RecordStore, signer: UnlockedIdentity
) -> None:
    signed = signed_record(signer, screening_id="HX-002")
    store.save(signed)
    draft = unsigned_record(screening_id="HX-001", assessment_date="2026-11-21")
    store.save(draft)
    tampered = record_to_dict(signed_record(signer, screening_id="HX-003"))
    tampered["answers"]["ecog"] = 0
    (store.records_dir / "tampered.json").write_bytes(dumps_document(tampered))
    expected_errors = _broken_files(store.records_dir, record_to_dict(draft))
    write_trusted(paths.trusted_signers_path(store.base), signer)

    rows = store.list_records()
    by_name = {r.path.name: r for r in rows}
    for name, words in expected_errors.items():
        assert by_name[name].status == "unreadable"
        assert words in (by_name[name].error or ""), name
    good = by_name[f"{signed.assessment_id}.v1.json"]
    assert (good.screening_number, good.initials, good.screening_date, good.verdict) == (
        "HX-002",
        "AB",
        "2026-11-20",
        "eligible",
    )
    assert good.status == "signed"
    assert good.verification is not None
    assert good.verification.state is VerificationState.VALID
    assert good.check is not None
    assert good.check.signers[0].name == "Dr Test Signer"
    unsigned_row = by_name[f"{draft.assessment_id}.v1.json"]
    assert unsigned_row.status == "draft"
    assert unsigned_row.verification is not None
    assert unsigned_row.verification.state is VerificationState.UNSIGNED
    bad = by_name["tampered.json"]
    assert bad.verification is not None
    assert bad.verification.state is VerificationState.INVALID
    assert "folder.json" not in by_name
    # Readable rows first, newest assessment first.
    assert rows[0].path.name == f"{draft.assessment_id}.v1.json"


def test_listing_uses_the_index_until_a_file_changes(
    store: RecordStore, signer: UnlockedIdentity, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store.save(signed_record(signer))
    first = store.list_records()
    assert store.index_path.exists()

    def must_not_read(p: Path) -> object:
        raise AssertionError(f"{p} re-read although unchanged")

    monkeypatch.setattr(store_module, "summarize", must_not_read)
    assert store.list_records() == first
    monkeypatch.undo()
    # Tamper, restoring size and mtime: ctime/inode still reveal the change.
    raw = json.loads(path.read_bytes())
    raw["answers"]["ecog"] = 9
    data = dumps_document(raw)
    st = path.stat()
    path.write_bytes(data)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    again = store.list_records()
    assert again[0].verification is not None
    assert again[0].verification.state is VerificationState.INVALID


def test_trust_changes_apply_without_re_reading(
    store: RecordStore, signer: UnlockedIdentity
) -> None:
    store.save(signed_record(signer))
    row = store.list_records()[0]
    assert row.verification is not None
    assert row.verification.state is VerificationState.UNTRUSTED
    write_trusted(paths.trusted_signers_path(store.base), signer)
    row = store.list_records()[0]
    assert row.verification is not None
    assert row.verification.state is VerificationState.VALID


def test_corrupt_index_is_ignored(store: RecordStore, signer: UnlockedIdentity) -> None:
    store.save(signed_record(signer))
    store.list_records()
    store.index_path.write_text('{"format": "nkscreen-records-index", "entries": [')
    assert len(store.list_records()) == 1
    store.index_path.write_text(
        json.dumps(
            {
                "format": "nkscreen-records-index",
                "index_version": 1,
                "app_version": "0.1.0",
                "entries": {
                    p.name: {"key": "junk", "summary": {}} for p in store.records_dir.iterdir()
                },
            }
        )
    )
    assert store.list_records()[0].screening_number == "HX-001"


def test_superseded_versions_are_marked(store: RecordStore, signer: UnlockedIdentity) -> None:
    original = signed_record(signer)
    old_path = store.save(original)
    old = store.load(old_path)
    amended = amend_record(
        old.record,
        old.raw,
        old_path.name,
        answers=answers(ecog=2),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=NURSE,
        reason="fix",
    )
    store.save(amended)
    rows = {r.version: r for r in store.list_records()}
    assert rows[1].superseded
    assert not rows[2].superseded
    assert rows[2].status == "draft"


def test_drafts_autosave_restore_and_discard(store: RecordStore) -> None:
    assert store.list_drafts() == []
    draft = make_draft(assessment_id="a" * 32, protocol_id="NCT06641648", answers={"ecog": 1})
    path = store.save_draft(draft)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    later = make_draft(
        assessment_id="a" * 32,
        protocol_id="NCT06641648",
        answers={"ecog": 2},
        created_at=draft.created_at,
    )
    store.save_draft(later)
    assert store.load_draft("a" * 32).answers == {"ecog": 2}
    (store.drafts_dir / ("b" * 32 + ".json")).write_text("{ broken")
    listed = store.list_drafts()
    assert len(listed) == 2
    assert [d.error is None for d in listed].count(True) == 1
    assert [d.draft.assessment_id for d in store.recoverable_drafts() if d.draft] == ["a" * 32]
    with store.lock("a" * 32) as lock:
        # Another window is editing it: not a crash leftover.
        assert store.recoverable_drafts() == []
        store.save_draft(later, lock=lock)
    assert store.discard_draft("a" * 32) is True
    assert store.discard_draft("a" * 32) is False
    with pytest.raises(Exception, match="no draft"):
        store.load_draft("a" * 32)


def test_draft_of_a_crashed_process_is_offered(store: RecordStore) -> None:
    import subprocess
    import sys

    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    )
    dead_pid = int(proc.stdout)
    draft = make_draft(assessment_id="c" * 32, protocol_id="NCT06641648", answers={})
    store.save_draft(draft)
    import socket

    (store.locks_dir / ("c" * 32 + ".lock")).write_text(
        json.dumps({"pid": dead_pid, "hostname": socket.gethostname(), "since": "then"})
    )
    assert [d.draft.assessment_id for d in store.recoverable_drafts() if d.draft] == ["c" * 32]


def test_full_disk_keeps_the_saved_record_and_frees_the_lock(
    store: RecordStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from nkscreen.records.atomic import StorageError

    record = unsigned_record()
    path = store.save(record)
    before = path.read_bytes()
    changed = update_record(record, answers=answers(ecog=3), evaluation=EVALUATION, actor=NURSE)

    def full(fd: int, data: object) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patch:
        patch.setattr(os, "write", full)
        with pytest.raises(StorageError, match="full"):
            store.save(changed)
    assert path.read_bytes() == before
    assert sorted(p.name for p in store.records_dir.iterdir()) == [path.name]
    assert list(store.locks_dir.iterdir()) == []
    store.save(changed)
    assert store.load(path).record.answers["ecog"] == 3
