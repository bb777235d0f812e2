"""A signature keeps its meaning as an id and the statement as the signer read it, in the
language it was shown; old records (English statements) verify as before."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.meanings import STATEMENTS, is_statement_of, statement
from nkscreen.records.model import MEANING_STATEMENTS, parse_record, record_to_dict
from nkscreen.records.signing import SigningError, VerificationState, sign_record, verify_record
from tests.records.helpers import signed_record, trust_of, unsigned_record

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def _verify(raw: dict[str, Any], signer: UnlockedIdentity) -> VerificationState:
    raw = json.loads(json.dumps(raw))
    return verify_record(raw, parse_record(raw), trust_of(signer)).state


def test_every_language_states_every_meaning() -> None:
    for texts in STATEMENTS.values():
        assert set(texts) == set(MEANING_STATEMENTS)
    assert statement("approval", "zh_CN") == "本人批准本次筛选并确认入组资格结论。"
    assert statement("approval", "fr") == MEANING_STATEMENTS["approval"]


def test_a_chinese_statement_is_kept_as_shown_and_verifies(signer: UnlockedIdentity) -> None:
    shown = statement("authorship", "zh_CN")
    record = sign_record(unsigned_record(), signer, "authorship", shown)
    manifestation = record.signatures[0].manifestation
    assert (manifestation.meaning, manifestation.statement) == ("authorship", shown)
    assert _verify(record_to_dict(record), signer) is VerificationState.VALID
    # The statement is signed: changing its language afterwards breaks the signature.
    raw = record_to_dict(record)
    raw["signatures"][0]["manifestation"]["statement"] = MEANING_STATEMENTS["authorship"]
    assert _verify(raw, signer) is VerificationState.INVALID


def test_the_default_statement_is_english(signer: UnlockedIdentity) -> None:
    record = signed_record(signer)
    assert record.signatures[0].manifestation.statement == MEANING_STATEMENTS["authorship"]


@pytest.mark.parametrize(
    "text", ["I agree.", statement("review", "zh_CN"), MEANING_STATEMENTS["approval"]]
)
def test_words_nkscreen_never_shows_for_that_meaning_are_refused(
    signer: UnlockedIdentity, text: str
) -> None:
    assert not is_statement_of("authorship", text)
    with pytest.raises(SigningError, match="is not what nkscreen shows"):
        sign_record(unsigned_record(), signer, "authorship", text)


def test_records_signed_before_hold_the_english_statement_of_their_meaning() -> None:
    raw = json.loads((FIXTURES / "valid_reviewed.json").read_text("utf-8"))
    record = parse_record(raw)
    assert [s.manifestation.statement for s in record.signatures] == [
        MEANING_STATEMENTS["authorship"],
        MEANING_STATEMENTS["review"],
    ]
    assert all(
        is_statement_of(s.manifestation.meaning, s.manifestation.statement)
        for s in record.signatures
    )
