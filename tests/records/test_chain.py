"""Versions of one screening: superseded versions and the amendment chain (issues 10, 11)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import RecordReadOnlyError, amend_record
from nkscreen.records.model import Actor, RecordV1, dumps_document, record_to_dict
from nkscreen.records.signing import VerificationState, sign_record
from nkscreen.records.store import RecordStore, open_record, previous_version
from tests.records.helpers import EVALUATION, PROTOCOL, answers, signed_record, write_trusted

NURSE = Actor(user_id="nurse1", name="Nurse One", role="study nurse")


def _amend(
    store: RecordStore, path: Path, signer: UnlockedIdentity, **changes: object
) -> tuple[Path, RecordV1]:
    old = store.load(path)
    amended = amend_record(
        old.record,
        old.raw,
        path.name,
        answers={**old.record.answers, **changes},
        evaluation={**EVALUATION, "overall": "not_eligible"},
        protocol=PROTOCOL,
        actor=NURSE,
        reason="weight re-measured",
    )
    signed = sign_record(amended, signer, "authorship")
    return store.save(signed), signed


@pytest.fixture
def chain(store: RecordStore, signer: UnlockedIdentity) -> tuple[Path, Path]:
    write_trusted(paths.trusted_signers_path(store.base), signer)
    v1 = store.save(signed_record(signer))
    v2, _ = _amend(store, v1, signer, ecog=2)
    return v1, v2


def test_an_older_version_is_superseded_but_its_signature_stays_valid(
    store: RecordStore, chain: tuple[Path, Path]
) -> None:
    v1, v2 = chain
    old = store.load(v1)
    assert old.verification.state is VerificationState.VALID
    superseded = old.standing.superseded
    assert superseded is not None
    assert (superseded.version, superseded.file_name) == (2, v2.name)
    assert superseded.signer == "Dr Test Signer"
    assert superseded.signed_at is not None
    new = store.load(v2)
    assert new.standing.is_newest
    assert new.standing.chain_break is None
    assert new.verification.state is VerificationState.VALID


def test_listing_shows_the_same_standing_fresh_and_from_the_cache(
    store: RecordStore, chain: tuple[Path, Path]
) -> None:
    for _ in range(2):  # the second listing comes from the index
        rows = {r.version: r for r in store.list_records()}
        assert rows[1].superseded
        assert rows[1].standing.superseded is not None
        assert rows[1].standing.superseded.version == 2
        assert not rows[2].superseded
        assert rows[2].verification is not None
        assert rows[2].verification.state is VerificationState.VALID


def test_a_missing_earlier_version_breaks_the_chain(
    store: RecordStore, chain: tuple[Path, Path]
) -> None:
    v1, v2 = chain
    v1.unlink()
    loaded = store.load(v2)
    assert loaded.verification.state is VerificationState.BROKEN_CHAIN
    assert "version 1 missing" in loaded.verification.reason
    assert "signatures themselves are intact" in loaded.verification.reason
    row = next(r for r in store.list_records() if r.version == 2)
    assert row.verification is not None
    assert row.verification.state is VerificationState.BROKEN_CHAIN


def test_an_earlier_version_replaced_by_another_signed_record_breaks_the_chain(
    store: RecordStore, chain: tuple[Path, Path], signer: UnlockedIdentity
) -> None:
    v1, v2 = chain
    original = json.loads(v1.read_bytes())
    # Re-signed with the same (trusted) key: its own signature is VALID.
    forged = sign_record(
        RecordV1.model_validate(
            {
                **{k: v for k, v in original.items() if k not in ("signatures",)},
                "answers": {**original["answers"], "ecog": 0},
                "audit_trail": original["audit_trail"][:1],
                "signatures": [],
            }
        ),
        signer,
        "authorship",
    )
    v1.write_bytes(dumps_document(record_to_dict(forged)))
    assert store.load(v1).verification.state is VerificationState.VALID
    loaded = store.load(v2)
    assert loaded.verification.state is VerificationState.BROKEN_CHAIN
    assert "version 1 changed since version 2 was made from it" in loaded.verification.reason


def test_another_record_in_place_of_an_earlier_version_is_named(
    store: RecordStore, chain: tuple[Path, Path], signer: UnlockedIdentity
) -> None:
    v1, v2 = chain
    other = signed_record(signer, screening_id="HX-999")
    other_raw = {**record_to_dict(other), "assessment_id": store.load(v1).record.assessment_id}
    # An unsigned stranger with the right assessment id and version in the slot of version 1.
    other_raw["signatures"] = []
    other_raw["audit_trail"] = other_raw["audit_trail"][:1]
    v1.write_bytes(dumps_document(other_raw))
    loaded = store.load(v2)
    assert loaded.verification.state is VerificationState.BROKEN_CHAIN
    assert "version 1 was replaced by another record" in loaded.verification.reason


def test_a_break_further_back_is_seen_from_the_newest_version(
    store: RecordStore, chain: tuple[Path, Path], signer: UnlockedIdentity
) -> None:
    v1, v2 = chain
    v3, _ = _amend(store, v2, signer, ecog=3)
    data = json.loads(v1.read_bytes())
    data["answers"]["ecog"] = 0
    v1.write_bytes(dumps_document(data))
    assert store.load(v1).verification.state is VerificationState.INVALID  # its own signature
    for path in (v2, v3):
        loaded = store.load(path)
        assert loaded.verification.state is VerificationState.BROKEN_CHAIN
        assert "version 1 changed since version 2" in loaded.verification.reason


def test_a_chain_is_checked_in_a_copied_folder_too(
    store: RecordStore, chain: tuple[Path, Path], tmp_path: Path
) -> None:
    v1, v2 = chain
    copy = tmp_path / "binder"
    copy.mkdir()
    shutil.copy(v2, copy / v2.name)
    trusted = store.trusted()
    alone = open_record(copy / v2.name, trusted)
    assert alone.verification.state is VerificationState.BROKEN_CHAIN
    shutil.copy(v1, copy / v1.name)
    together = open_record(copy / v2.name, trusted)
    assert together.verification.state is VerificationState.VALID
    assert open_record(copy / v1.name, trusted).standing.superseded is not None


def test_only_the_newest_version_can_be_amended_or_co_signed(
    store: RecordStore, chain: tuple[Path, Path], signer: UnlockedIdentity
) -> None:
    v1, _ = chain
    with pytest.raises(RecordReadOnlyError, match="only the newest version can be amended"):
        _amend(store, v1, signer, ecog=4)
    from tests.records.helpers import throwaway_identity

    reviewer = throwaway_identity(2, name="Dr Review", user_id="reviewer", role="PI")
    cosigned = sign_record(store.load(v1).record, reviewer, "review")
    with pytest.raises(RecordReadOnlyError, match="superseded"):
        store.save(cosigned)


def test_previous_version_is_read_only_through_an_intact_link(
    store: RecordStore, chain: tuple[Path, Path]
) -> None:
    v1, v2 = chain
    prev = previous_version(store.load(v2))
    assert prev is not None
    assert prev.version == 1
    assert previous_version(store.load(v1)) is None
    data = json.loads(v1.read_bytes())
    data["answers"]["ecog"] = 0
    v1.write_bytes(dumps_document(data))
    assert previous_version(store.load(v2)) is None


def test_unreadable_sibling_files_do_not_hide_a_break(
    store: RecordStore, chain: tuple[Path, Path]
) -> None:
    v1, v2 = chain
    v1.write_text("{ not json")
    loaded = store.load(v2)
    assert loaded.verification.state is VerificationState.BROKEN_CHAIN
    assert answers()["screening_id"] == loaded.record.answers["screening_id"]
