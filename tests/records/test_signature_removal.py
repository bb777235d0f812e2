"""Signatures cannot be dropped unseen: what each one covers, and a "signed" audit entry left
without its signature makes the record INVALID (never an editable unsigned record)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest
from cryptography.exceptions import InvalidSignature

from nkscreen import paths
from nkscreen.records.identity import UnlockedIdentity, b64decode, public_key_from_raw
from nkscreen.records.lifecycle import RecordReadOnlyError, amend_record, update_record
from nkscreen.records.model import parse_record, record_to_dict
from nkscreen.records.signing import (
    SigningError,
    VerificationState,
    check_signatures,
    sign_record,
    signing_payload,
)
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


def _check(raw: dict[str, Any]):
    raw = json.loads(json.dumps(raw))
    return check_signatures(raw, parse_record(raw))


def _verifies(raw: dict[str, Any], index: int) -> bool:
    """Whether signature ``index`` still verifies over ``raw`` (nothing else checked)."""
    block = raw["signatures"][index]
    key = public_key_from_raw(b64decode(block["public_key"]))
    try:
        key.verify(b64decode(block["value"]), signing_payload(raw, index, block))
    except InvalidSignature:
        return False
    return True


def _reviewed(signer: UnlockedIdentity, reviewer: UnlockedIdentity) -> dict[str, Any]:
    return record_to_dict(sign_record(signed_record(signer), reviewer, "review"))


def _earlier_parts(raw: dict[str, Any]) -> list[tuple[str, Callable[[dict[str, Any]], None]]]:
    """One edit per earlier audit entry and per field of the first signature block."""
    edits: list[tuple[str, Callable[[dict[str, Any]], None]]] = []
    covered = raw["signatures"][1]["covers_audit_entries"]
    for i in range(covered - 1):  # every audit entry before the reviewer's own

        def edit_entry(r: dict[str, Any], i: int = i) -> None:
            r["audit_trail"][i]["at"] = "2020-01-01T00:00:00+00:00"

        edits.append((f"audit entry {i}", edit_entry))
    for key in ("manifestation", "algorithm", "public_key", "covers_audit_entries", "value"):

        def edit_block(r: dict[str, Any], key: str = key) -> None:
            block = r["signatures"][0]
            if key == "manifestation":
                block[key]["name"] = "Someone Else"
            elif key == "covers_audit_entries":
                block[key] += 1
            else:
                block[key] = block[key][:-4] + ("AAA=" if block[key][-4:] != "AAA=" else "BBB=")

        edits.append((f"signature 1 {key}", edit_block))
    return edits


def test_a_cosignature_covers_every_earlier_signature_and_audit_entry(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    raw = _reviewed(signer, reviewer)
    assert _verifies(raw, 1)
    edits = _earlier_parts(raw)
    assert len(edits) == 2 + 5  # created, the author's "signed"; five block fields
    for name, edit in edits:
        changed = copy.deepcopy(raw)
        edit(changed)
        assert changed != raw, name
        assert not _verifies(changed, 1), f"the review signature does not cover {name}"


def test_removed_signature_with_its_audit_entry_kept_is_invalid(
    signer: UnlockedIdentity,
) -> None:
    raw = record_to_dict(signed_record(signer))
    raw["signatures"] = []
    check = _check(raw)
    assert not check.intact
    assert check.reason == (
        "the audit trail records 1 signature but the record carries none: a signature was removed"
    )


def test_removed_cosignature_with_its_audit_entry_kept_is_invalid(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    raw = _reviewed(signer, reviewer)
    raw["signatures"].pop()
    check = _check(raw)
    assert not check.intact
    assert check.reason == (
        "the audit trail records 2 signatures but the record carries 1: a signature was removed"
    )
    # With its audit entry gone too, the record alone cannot tell (the journal does: see
    # test_journal.py); the first signature is intact.
    raw["audit_trail"].pop()
    assert _check(raw).intact


def test_a_signature_cannot_be_matched_to_another_signed_entry(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    raw = _reviewed(signer, reviewer)
    del raw["signatures"][0]
    check = _check(raw)
    assert not check.intact
    assert "a signature was removed" in check.reason


def test_an_amendment_counts_only_its_own_signatures(signer: UnlockedIdentity) -> None:
    v1 = signed_record(signer)
    v1_raw = record_to_dict(v1)
    v2 = amend_record(
        v1,
        v1_raw,
        "x.v1.json",
        answers=answers(ecog=2),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=actor_of(signer),
        reason="ECOG re-assessed",
    )
    assert [e.event for e in v2.audit_trail] == ["created", "signed", "amended"]
    assert _check(record_to_dict(v2)).intact  # v1's "signed" entry belongs to v1's file
    signed_v2 = record_to_dict(sign_record(v2, signer, "authorship"))
    assert _check(signed_v2).intact
    signed_v2["signatures"] = []
    check = _check(signed_v2)
    assert not check.intact
    assert "records 1 signature but the record carries none" in check.reason


def test_a_record_whose_signature_was_removed_cannot_be_signed_again(
    signer: UnlockedIdentity,
) -> None:
    raw = record_to_dict(signed_record(signer))
    raw["signatures"] = []
    with pytest.raises(SigningError, match="a signature was removed"):
        sign_record(parse_record(raw), signer, "authorship")


def _strip_signatures(path) -> bytes:
    data = json.loads(path.read_text("utf-8"))
    data["signatures"] = []
    path.write_text(json.dumps(data, indent=2), "utf-8")
    return path.read_bytes()


def test_store_opens_it_read_only_and_never_overwrites_it(
    store: RecordStore, signer: UnlockedIdentity
) -> None:
    unsigned = unsigned_record(signer)
    path = store.save(unsigned)
    store.save(sign_record(unsigned, signer, "authorship"))
    write_trusted(paths.trusted_signers_path(store.base), signer)
    stripped = _strip_signatures(path)

    loaded = store.load(path)
    assert not loaded.record.is_signed
    assert loaded.verification.state is VerificationState.INVALID
    assert "a signature was removed" in loaded.verification.reason

    # Editing what was opened is refused before anything is written...
    edited = update_record(
        loaded.record, answers=answers(ecog=3), evaluation=EVALUATION, actor=actor_of(signer)
    )
    with pytest.raises(RecordReadOnlyError, match="a signature was removed"):
        store.save(edited)
    # ...and so is a stale window's unsigned copy saved over the file.
    stale = update_record(
        unsigned, answers=answers(ecog=3), evaluation=EVALUATION, actor=actor_of(signer)
    )
    with pytest.raises(RecordReadOnlyError, match=r"fails verification .*left untouched"):
        store.save(stale)
    assert path.read_bytes() == stripped


def test_listing_shows_it_invalid(store: RecordStore, signer: UnlockedIdentity) -> None:
    path = store.save(signed_record(signer))
    store.list_records()  # fills the index cache before the edit
    _strip_signatures(path)
    (row,) = store.list_records()
    assert row.verification is not None
    assert row.verification.state is VerificationState.INVALID
