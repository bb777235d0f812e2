"""Signatures: what they cover, what breaks them, and the three verification states."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from nkscreen.records.identity import UnlockedIdentity, b64encode
from nkscreen.records.model import RecordV1, dumps_document, parse_record, record_to_dict
from nkscreen.records.signing import (
    SigningError,
    Verification,
    VerificationState,
    sign_record,
    verify_record,
)
from nkscreen.records.trust import SiteTrust, empty_trusted
from tests.records.helpers import signed_record, throwaway_identity, trust_of, unsigned_record

_trust = trust_of


def _verify(raw: dict[str, Any], trusted: SiteTrust) -> Verification:
    """As if read from disk: the typed view is parsed from the (possibly edited) JSON."""
    raw = json.loads(json.dumps(raw))
    return verify_record(raw, parse_record(raw), trusted)


def test_fresh_signature_is_valid_for_a_trusted_signer(signer: UnlockedIdentity) -> None:
    record = signed_record(signer)
    result = _verify(record_to_dict(record), _trust(signer))
    assert result.state is VerificationState.VALID
    assert "Dr Test Signer (tsigner, investigator) as authorship" in result.reason
    m = record.signatures[0].manifestation
    assert (m.name, m.user_id, m.role, m.meaning) == (
        "Dr Test Signer",
        "tsigner",
        "investigator",
        "authorship",
    )
    assert m.signed_at.utcoffset() is not None
    assert m.key_fingerprint == signer.public.fingerprint
    assert [e.event for e in record.audit_trail] == ["created", "signed"]


def test_unknown_signer_is_untrusted_not_invalid(signer: UnlockedIdentity) -> None:
    result = _verify(record_to_dict(signed_record(signer)), empty_trusted())
    assert result.state is VerificationState.UNTRUSTED
    assert "not in this site's trusted signers" in result.reason


def test_trusted_key_used_under_another_name_is_untrusted(signer: UnlockedIdentity) -> None:
    impostor = throwaway_identity(1, name="Someone Else", user_id="other")
    result = _verify(record_to_dict(signed_record(impostor)), _trust(signer))
    assert result.state is VerificationState.UNTRUSTED
    assert "belongs to Dr Test Signer" in result.reason


def test_unsigned_record_is_reported_as_such() -> None:
    result = _verify(record_to_dict(unsigned_record()), empty_trusted())
    assert result.state is VerificationState.UNSIGNED


def _mutations() -> list[tuple[str, Any]]:
    def answer(raw: dict[str, Any]) -> None:
        raw["answers"]["ecog"] = 2

    def added_answer(raw: dict[str, Any]) -> None:
        raw["answers"]["lvef_pct"] = 60

    def verdict(raw: dict[str, Any]) -> None:
        raw["evaluation"]["overall"] = "not_eligible"

    def protocol_hash(raw: dict[str, Any]) -> None:
        raw["protocol"]["sha256"] = "0" * 64

    def meaning(raw: dict[str, Any]) -> None:
        raw["signatures"][0]["manifestation"]["meaning"] = "approval"
        raw["audit_trail"][-1]["meaning"] = "approval"

    def printed_name(raw: dict[str, Any]) -> None:
        raw["signatures"][0]["manifestation"]["name"] = "Dr Someone Else"

    def signed_at(raw: dict[str, Any]) -> None:
        raw["signatures"][0]["manifestation"]["signed_at"] = "2020-01-01T00:00:00+00:00"

    def audit_entry(raw: dict[str, Any]) -> None:
        raw["audit_trail"][0]["by"]["name"] = "Forger"

    def appended_audit(raw: dict[str, Any]) -> None:
        raw["audit_trail"].append(copy.deepcopy(raw["audit_trail"][0]))

    def swapped_key(raw: dict[str, Any]) -> None:
        other = throwaway_identity(99).public
        raw["signatures"][0]["public_key"] = b64encode(other.public_key)
        raw["signatures"][0]["manifestation"]["key_fingerprint"] = other.fingerprint

    def fingerprint_only(raw: dict[str, Any]) -> None:
        raw["signatures"][0]["manifestation"]["key_fingerprint"] = "a" * 64

    def timestamp(raw: dict[str, Any]) -> None:
        raw["saved_at"] = "2026-01-01T00:00:00+00:00"

    return [
        (f.__name__, f)
        for f in (
            answer,
            added_answer,
            verdict,
            protocol_hash,
            meaning,
            printed_name,
            signed_at,
            audit_entry,
            appended_audit,
            swapped_key,
            fingerprint_only,
            timestamp,
        )
    ]


@pytest.mark.parametrize(("name", "mutate"), _mutations())
def test_any_change_after_signing_is_invalid(signer: UnlockedIdentity, name: str, mutate) -> None:
    raw = record_to_dict(signed_record(signer))
    mutate(raw)
    result = _verify(raw, _trust(signer))
    assert result.state is VerificationState.INVALID, name
    assert result.reason


def test_signature_block_copied_onto_another_record_fails(signer: UnlockedIdentity) -> None:
    genuine = record_to_dict(signed_record(signer, screening_id="HX-001"))
    other = record_to_dict(unsigned_record(signer, screening_id="HX-002"))
    # Even with the audit entry copied too, the block does not belong to the other record.
    other["audit_trail"].append(genuine["audit_trail"][-1])
    other["signatures"] = genuine["signatures"]
    result = _verify(other, _trust(signer))
    assert result.state is VerificationState.INVALID
    assert "another record" in result.reason


def test_same_answers_different_record_still_fails(signer: UnlockedIdentity) -> None:
    a = record_to_dict(signed_record(signer))
    b = record_to_dict(signed_record(signer))  # identical answers, another record id
    b["signatures"] = a["signatures"]
    b["audit_trail"] = a["audit_trail"]
    assert _verify(b, _trust(signer)).state is VerificationState.INVALID


def test_reformatting_the_file_keeps_it_valid(signer: UnlockedIdentity) -> None:
    raw = record_to_dict(signed_record(signer))
    reordered = json.loads(json.dumps(raw, sort_keys=True, indent=None))
    assert _verify(reordered, _trust(signer)).state is VerificationState.VALID


def test_cosignature_keeps_the_first_one_valid(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    authored = signed_record(signer)
    reviewed = sign_record(authored, reviewer, "review")
    result = _verify(record_to_dict(reviewed), _trust(signer, reviewer))
    assert result.state is VerificationState.VALID
    assert [s.meaning for s in result.signers] == ["authorship", "review"]
    assert [e.event for e in reviewed.audit_trail] == ["created", "signed", "signed"]
    # Stripping the review leaves an audit entry no signature covers.
    raw = record_to_dict(reviewed)
    raw["signatures"].pop()
    assert _verify(raw, _trust(signer, reviewer)).state is VerificationState.INVALID
    # Removing the first signature breaks the second, which covers it.
    raw = record_to_dict(reviewed)
    raw["signatures"].pop(0)
    assert _verify(raw, _trust(signer, reviewer)).state is VerificationState.INVALID


def test_one_untrusted_cosigner_makes_the_record_untrusted(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    reviewed = sign_record(signed_record(signer), reviewer, "review")
    result = _verify(record_to_dict(reviewed), _trust(signer))
    assert result.state is VerificationState.UNTRUSTED
    assert "Dr Review" in result.reason


def test_same_person_same_meaning_twice_is_refused(signer: UnlockedIdentity) -> None:
    with pytest.raises(SigningError, match="already signed"):
        sign_record(signed_record(signer), signer, "authorship")
    sign_record(signed_record(signer), signer, "approval")


def test_a_tampered_record_cannot_be_cosigned(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    raw = record_to_dict(signed_record(signer))
    raw["answers"]["ecog"] = 0
    with pytest.raises(SigningError, match="cannot be signed"):
        sign_record(parse_record(raw), reviewer, "review")


_answer_values = st.one_of(
    st.text(max_size=20),
    st.integers(min_value=-(2**60), max_value=2**60),
    st.decimals(allow_nan=False, allow_infinity=False, places=3),
    st.booleans(),
    st.lists(st.text(max_size=5), max_size=3),
)
_answer_dicts = st.dictionaries(st.text(min_size=1, max_size=12), _answer_values, max_size=8)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(extra=_answer_dicts, data=st.data())
def test_property_any_answers_sign_and_any_answer_change_breaks(
    signer: UnlockedIdentity, extra: dict[str, Any], data: st.DataObject
) -> None:
    record: RecordV1 = signed_record(signer, **{f"x_{k}": v for k, v in extra.items()})
    text = dumps_document(record_to_dict(record))
    raw = json.loads(text)
    assert _verify(raw, _trust(signer)).state is VerificationState.VALID
    field = data.draw(st.sampled_from(sorted(raw["answers"])))
    raw["answers"][field] = [raw["answers"][field], "changed"]
    assert _verify(raw, _trust(signer)).state is VerificationState.INVALID


def test_name_or_role_not_vouched_for_is_untrusted_with_the_reason(
    signer: UnlockedIdentity,
) -> None:
    # The same key, signing under a name and role the site's administrator never vouched for.
    renamed = throwaway_identity(1, name="Prof Wang Chief", role="PI")
    result = _verify(record_to_dict(signed_record(renamed)), _trust(signer))
    assert result.state is VerificationState.UNTRUSTED
    fp = signer.public.fingerprint
    assert result.trust_problems == (
        f"the signature names Prof Wang Chief (PI), but this site trusts key "
        f"{fp[:4]} {fp[4:8]} {fp[8:12]} {fp[12:16]}... as Dr Test Signer (tsigner, investigator)",
    )
    assert result.reason == "signatures intact, but " + result.trust_problems[0]
    role_only = throwaway_identity(1, role="PI")
    result = _verify(record_to_dict(signed_record(role_only)), _trust(signer))
    assert result.state is VerificationState.UNTRUSTED
    assert "names Dr Test Signer (PI)" in result.reason


def test_another_key_for_a_trusted_user_id_is_reported(signer: UnlockedIdentity) -> None:
    same_user = throwaway_identity(5)  # same name, user id and role, another key
    result = _verify(record_to_dict(signed_record(same_user)), _trust(signer))
    assert result.state is VerificationState.UNTRUSTED
    assert "this site trusts a different key for tsigner" in result.reason
    assert f"{signer.public.fingerprint[:4]} " in result.reason


def test_a_user_with_two_trusted_keys_verifies_with_either(signer: UnlockedIdentity) -> None:
    # A new role means a new identity (the old one's role is bound to its key): both stay valid.
    promoted = throwaway_identity(5, role="PI")
    trust = _trust(signer, promoted)
    assert _verify(record_to_dict(signed_record(signer)), trust).ok
    assert _verify(record_to_dict(signed_record(promoted)), trust).ok


def test_co_signer_not_vouched_for_names_only_that_signer(
    signer: UnlockedIdentity, reviewer: UnlockedIdentity
) -> None:
    renamed_reviewer = throwaway_identity(2, name="Prof Wang Chief", user_id="reviewer", role="PI")
    reviewed = sign_record(signed_record(signer), renamed_reviewer, "review")
    result = _verify(record_to_dict(reviewed), _trust(signer, reviewer))
    assert result.state is VerificationState.UNTRUSTED
    assert len(result.trust_problems) == 1
    assert "Prof Wang Chief" in result.trust_problems[0]
