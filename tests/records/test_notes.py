"""Comments per criterion, the screen-failure reason and values typed in another unit: the
record format decision of nkscreen.records.notes (optional keys, absent when empty), what a
signature covers, the audit trail, and the plain refusal of a control character."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from nkscreen.core.protocol import builtin_protocol
from nkscreen.core.units import EnteredValue
from nkscreen.records.assessment import NotSavableError, prepare
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import amend_record, make_draft, update_record
from nkscreen.records.model import (
    parse_draft,
    parse_record,
    record_to_dict,
)
from nkscreen.records.note_text import MAX_NOTE_CHARS
from nkscreen.records.notes import Notes
from nkscreen.records.signing import VerificationState, sign_record, verify_record
from nkscreen.report.amendment import describe_amendment
from tests.records.helpers import (
    EVALUATION,
    PROTOCOL,
    actor_of,
    answers,
    trust_of,
    unsigned_record,
)

FIXTURES = Path(__file__).parent / "fixtures"
CASES = Path(__file__).resolve().parents[1] / "cases"
NOTES = Notes({"E9": "Discussed with the PI."}, "ALT 4 × ULN on two tests.")


def _noted(signer: UnlockedIdentity, notes: Notes = NOTES) -> Any:
    from nkscreen.records.lifecycle import new_record

    return new_record(
        protocol=PROTOCOL,
        answers=answers(),
        evaluation=EVALUATION,
        actor=actor_of(signer),
        notes=notes,
    )


def _reread(raw: dict[str, Any]) -> dict[str, Any]:
    return json.loads(json.dumps(raw))


def test_a_record_without_notes_has_none_of_their_keys() -> None:
    raw = record_to_dict(unsigned_record())
    assert not {"comments", "screen_failure_reason", "entered_as"} & set(raw)


@pytest.mark.parametrize("name", ["valid_authorship.json", "valid_reviewed.json", "unsigned.json"])
def test_a_record_made_before_notes_reads_back_byte_for_byte(name: str) -> None:
    """Loading and dumping an earlier record adds no key: its signatures still verify and it
    can still be co-signed (the co-signature signs what the file holds)."""
    raw = json.loads((FIXTURES / name).read_text("utf-8"))
    assert record_to_dict(parse_record(raw)) == raw
    assert Notes.of(parse_record(raw)) == Notes()


def test_notes_are_kept_and_read_back(signer: UnlockedIdentity) -> None:
    record = _noted(signer, Notes(NOTES.comments, NOTES.screen_failure_reason))
    raw = _reread(record_to_dict(record))
    assert raw["comments"] == {"E9": "Discussed with the PI."}
    assert raw["screen_failure_reason"] == "ALT 4 × ULN on two tests."
    assert Notes.of(parse_record(raw)) == NOTES


def test_a_signature_covers_the_comments_and_the_reason(signer: UnlockedIdentity) -> None:
    signed = sign_record(_noted(signer), signer, "authorship")
    raw = _reread(record_to_dict(signed))
    assert verify_record(raw, parse_record(raw), trust_of(signer)).state is VerificationState.VALID
    for key, value in (
        ("comments", {"E9": "Not discussed."}),
        ("screen_failure_reason", "Another reason."),
    ):
        changed = _reread(raw)
        changed[key] = value
        result = verify_record(changed, parse_record(changed), trust_of(signer))
        assert result.state is VerificationState.INVALID, key
    removed = _reread(raw)
    del removed["comments"]
    result = verify_record(removed, parse_record(removed), trust_of(signer))
    assert result.state is VerificationState.INVALID


def test_a_save_lists_each_changed_note_in_the_audit_trail(signer: UnlockedIdentity) -> None:
    record = _noted(signer)
    assert (
        update_record(record, answers=answers(), evaluation=EVALUATION, actor=actor_of(signer))
        is record
    )
    edited = Notes({"E9": "Discussed with the PI.", "I3": "ECOG by the ward nurse."}, "")
    saved = update_record(
        record, answers=answers(), evaluation=EVALUATION, actor=actor_of(signer), notes=edited
    )
    event = saved.audit_trail[-1]
    assert event.event == "saved"
    assert [(c.field, c.old, c.new) for c in event.changes] == [
        ("comment:I3", None, "ECOG by the ward nurse."),
        ("screen_failure_reason", "ALT 4 × ULN on two tests.", None),
    ]
    assert "screen_failure_reason" not in record_to_dict(saved)


def test_an_amendment_of_a_comment_only_is_allowed_and_described(signer: UnlockedIdentity) -> None:
    protocol = builtin_protocol("NCT06641648")
    signed = sign_record(_noted(signer), signer, "authorship")
    raw = record_to_dict(signed)
    notes = Notes({"E9": "Discussed with the PI and the sponsor."}, NOTES.screen_failure_reason)
    v2 = amend_record(
        signed,
        raw,
        "x.v1.json",
        answers=answers(),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=actor_of(signer),
        reason="comment completed",
        notes=notes,
    )
    assert [c.field for c in v2.audit_trail[-1].changes] == ["comment:E9"]
    amendment = describe_amendment(v2, signed, protocol)
    assert amendment is not None
    assert amendment.answers == ()
    assert [c.line() for c in amendment.notes] == [
        'Comment on E9: "Discussed with the PI." -> "Discussed with the PI and the sponsor."'
    ]
    # Without the earlier version at hand, the audit trail says the same.
    alone = describe_amendment(v2, None, protocol)
    assert alone is not None
    assert [c.id for c in alone.notes] == ["comment:E9"]
    # An amendment that keeps the notes (None: as nkscreen amend does) keeps them.
    kept = amend_record(
        signed,
        raw,
        "x.v1.json",
        answers=answers(ecog=2),
        evaluation=EVALUATION,
        protocol=PROTOCOL,
        actor=actor_of(signer),
        reason="ECOG re-assessed",
    )
    assert Notes.of(kept) == NOTES


@pytest.mark.parametrize(
    ("text", "said"),
    [
        ("bell \x07 here", "The comment on E9 cannot be saved: it holds a control character "
         "(U+0007); remove it."),
        ("\u202eevil", "The comment on E9 cannot be saved: it holds a control character "
         "(U+202E); remove it."),
        ("x" * (MAX_NOTE_CHARS + 1), f"The comment on E9 cannot be saved: it is "
         f"{MAX_NOTE_CHARS + 1} characters long; at most {MAX_NOTE_CHARS} are kept."),
    ],
)  # fmt: skip
def test_a_bad_comment_is_refused_in_plain_words(text: str, said: str) -> None:
    protocol = builtin_protocol("NCT06641648")
    with pytest.raises(NotSavableError) as caught:
        prepare(protocol, answers(), Notes({"E9": text}))
    assert caught.value.problems == [said]


def test_line_breaks_are_kept_and_surrounding_spaces_trimmed() -> None:
    protocol = builtin_protocol("NCT06641648")
    savable = prepare(protocol, answers(), Notes({"E9": "  two\nlines  ", "I3": "   "}, "  r  "))
    assert savable.notes.comments == {"E9": "two\nlines"}
    assert savable.notes.screen_failure_reason == "r"


def test_a_comment_on_no_criterion_is_refused() -> None:
    protocol = builtin_protocol("NCT06641648")
    with pytest.raises(NotSavableError, match="names no criterion"):
        prepare(protocol, answers(), Notes({"Z9": "?"}))


def test_a_record_file_with_a_control_character_in_a_note_is_refused(
    signer: UnlockedIdentity,
) -> None:
    raw = _reread(record_to_dict(_noted(signer)))
    raw["comments"]["E9"] = "bell \u0007"
    with pytest.raises(Exception, match="control character"):
        parse_record(raw)


def test_a_value_typed_in_lb_is_kept_only_while_it_is_the_source() -> None:
    protocol = builtin_protocol("NCT06641648")
    [weight] = [f.id for f in protocol.fields if f.unit_factors and not f.unit_field]
    typed = Notes(entered_as={weight: EnteredValue("154.3", "lb")})
    kept = prepare(protocol, answers(**{weight: "69.99"}), typed)
    assert kept.answers[weight] == Decimal("69.99")
    assert kept.notes.entered_as == {weight: EnteredValue("154.3", "lb")}
    stale = prepare(protocol, answers(**{weight: "68"}), typed)
    assert stale.notes.entered_as == {}


def test_a_draft_keeps_its_notes(signer: UnlockedIdentity) -> None:
    draft = make_draft(
        assessment_id="0" * 32,
        protocol_id="NCT06641648",
        answers=answers(),
        notes=Notes(
            NOTES.comments, NOTES.screen_failure_reason, {"w": EnteredValue("154.3", "lb")}
        ),
    )
    from nkscreen.records.model import draft_to_dict

    raw = _reread(draft_to_dict(draft))
    assert raw["entered_as"] == {"w": {"value": "154.3", "unit": "lb"}}
    assert Notes.of(parse_draft(raw)).screen_failure_reason == NOTES.screen_failure_reason


def test_nkscreen_amend_keeps_the_comments_and_drops_a_stale_typed_value(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A case file holds answers only: the amended version's comments and reason carry
    over, and a weight typed in lb stays only while it still gives the weight kept."""
    from nkscreen.cli import main
    from nkscreen.records.identity import load_identity, unlock
    from nkscreen.records.lifecycle import new_record
    from nkscreen.records.store import RecordStore
    from tests.records.helpers import PASSPHRASE

    monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(data_dir)]
    create = ["identity", "create", "--name", "Dr Li Wei", "--role", "investigator"]
    assert main([*base, *create, "--user-id", "liwei"]) == 0
    unlocked = unlock(load_identity(data_dir / "identities" / "liwei.json"), PASSPHRASE)
    protocol = builtin_protocol("NCT06641648")
    case = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    case["answers"]["weight_kg"] = "69.99"
    typed = Notes({"E9": "Discussed with the PI."}, "", {"weight_kg": EnteredValue("154.3", "lb")})
    savable = prepare(protocol, case["answers"], typed)
    record = new_record(
        protocol=savable.protocol,
        answers=savable.answers,
        evaluation=savable.evaluation,
        actor=actor_of(unlocked),
        notes=savable.notes,
    )
    store = RecordStore(data_dir)
    store.prepare()
    first = store.save(sign_record(record, unlocked, "authorship"))
    assert json.loads(first.read_text("utf-8"))["entered_as"]["weight_kg"]["unit"] == "lb"
    case["answers"]["weight_kg"] = 68
    fixed = data_dir.parent / "corrected.json"
    fixed.write_text(json.dumps(case), "utf-8")
    capsys.readouterr()
    amend = ["amend", str(first), str(fixed), "--reason", "re-weighed", "--meaning", "authorship"]
    assert main([*base, *amend]) == 0
    second = json.loads(Path(capsys.readouterr().out.strip()).read_text("utf-8"))
    assert second["comments"] == {"E9": "Discussed with the PI."}
    assert "entered_as" not in second
