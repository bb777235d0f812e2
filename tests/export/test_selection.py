"""Which records go out: the newest signed version of each screening, and why not the others."""

from __future__ import annotations

import json
from pathlib import Path

from nkscreen.core.protocol import Protocol
from nkscreen.export.identity_fields import identity_fields, identity_of
from nkscreen.export.selection import select_records
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.store import RecordStore
from tests.export.conftest import Saver


def _reasons(selection) -> dict[str, str]:
    return {s.file_name: s.reason for s in selection.skipped}


def test_signed_records_go_out_drafts_stay_behind(store: RecordStore, saver: Saver) -> None:
    signed = saver.save("eligible_male", "S-1")
    draft = saver.save("eligible_female", "S-2", signers=())
    selection = select_records(store)
    assert [o.loaded.path for o in selection.records] == [signed]
    assert "not signed" in _reasons(selection)[draft.name]
    assert not selection.problems  # a draft is left out by rule, not for a problem

    with_drafts = select_records(store, include_drafts=True)
    assert {o.identity.screening_number for o in with_drafts.records} == {"S-1", "S-2"}
    assert not with_drafts.skipped


def test_newest_signed_version_supersedes_the_older(store: RecordStore, saver: Saver) -> None:
    v1 = saver.save("eligible_male", "S-1")
    v2 = saver.amend(v1, weight_kg=68)
    selection = select_records(store)
    assert [o.loaded.path for o in selection.records] == [v2]
    assert _reasons(selection)[v1.name] == "superseded by version 2, which goes out instead"
    # chosen explicitly, the older version is still superseded
    explicit = select_records(store, [v1])
    assert explicit.records == []
    assert "superseded by version 2" in _reasons(explicit)[v1.name]


def test_an_unsigned_amendment_leaves_the_signed_version_out_front(
    store: RecordStore, saver: Saver
) -> None:
    v1 = saver.save("eligible_male", "S-1")
    v2 = saver.amend(v1, sign=False, weight_kg=68)
    selection = select_records(store)
    assert [o.loaded.path for o in selection.records] == [v1]
    assert "not signed" in _reasons(selection)[v2.name]
    # with drafts, the amendment in progress is the newest and goes out instead
    drafts = select_records(store, include_drafts=True)
    assert [o.loaded.path for o in drafts.records] == [v2]


def test_records_with_problems_are_left_out_with_the_reason(
    store: RecordStore, saver: Saver, stranger: UnlockedIdentity
) -> None:
    good = saver.save("eligible_male", "S-1")
    tampered = saver.save("eligible_female", "S-2")
    raw = json.loads(tampered.read_text("utf-8"))
    raw["answers"]["weight_kg"] = 90
    tampered.write_text(json.dumps(raw), "utf-8")
    untrusted = saver.save("alt_4x", "S-3", signers=((stranger, "authorship"),))
    v1 = saver.save("pregnant", "S-4")
    v2 = saver.amend(v1, weight_kg=61)
    v1.unlink()  # the chain of S-4 is broken
    garbage = store.records_dir / "0123456789abcdef0123456789abcdef.v1.json"
    garbage.write_text("{not json", "utf-8")

    selection = select_records(store)
    assert [o.loaded.path for o in selection.records] == [good]
    reasons = _reasons(selection)
    assert reasons[tampered.name].startswith("signature not valid: ")
    assert reasons[untrusted.name].startswith("signer not trusted at this site: ")
    assert reasons[v2.name].startswith("broken chain of versions: ")
    assert reasons[garbage.name].startswith("cannot be read: ")
    assert {s.file_name for s in selection.problems} == set(reasons)


def test_two_screenings_with_one_screening_id_are_both_left_out(
    store: RecordStore, saver: Saver
) -> None:
    first = saver.save("eligible_male", "S-1")
    second = saver.save("eligible_female", "S-1")
    other = saver.save("alt_4x", "S-2")
    selection = select_records(store)
    assert [o.loaded.path for o in selection.records] == [other]
    reasons = _reasons(selection)
    for path in (first, second):
        assert "the screening id S-1 is used by 2 different screenings" in reasons[path.name]


def test_a_file_named_twice_goes_out_once(store: RecordStore, saver: Saver) -> None:
    path = saver.save("eligible_male", "S-1")
    selection = select_records(store, [path, Path(str(path))])
    assert len(selection.records) == 1
    assert selection.skipped == []


def test_records_are_sorted_by_assessment_date_then_id(store: RecordStore, saver: Saver) -> None:
    saver.save("eligible_male", "S-2", assessment_date="2026-11-20")
    saver.save("eligible_male", "S-3", assessment_date="2026-11-19")
    saver.save("eligible_male", "S-1", assessment_date="2026-11-20")
    ids = [o.identity.screening_number for o in select_records(store).records]
    assert ids == ["S-3", "S-1", "S-2"]


def test_identity_is_read_through_one_function(protocol: Protocol, saver: Saver) -> None:
    record = saver.record("eligible_female", "HX-77")
    identity = identity_of(record, protocol)
    assert (identity.screening_number, identity.initials, identity.screening_date) == (
        "HX-77",
        "AB",
        "2026-11-20",
    )
    fields = identity_fields(protocol)
    assert set(fields.identifiers) == {"patient_initials", "date_of_birth"}
    assert all(f in protocol.field_map for f in (fields.screening_number, fields.initials))
