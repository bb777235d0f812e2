"""Electronic signatures on screening records, and their verification.

What is signed: the RFC 8785 canonical bytes of ``{"purpose", "record", "signature"}`` where
``record`` is the whole record as written to disk (answers, evaluation, protocol and its hash,
ids, timestamps, the audit trail up to and including this signature's own "signed" entry, and
every earlier signature) and ``signature`` is this signature's block without its value: the
manifestation (printed name, user id, role, meaning, date and time with offset, key
fingerprint), the algorithm and the public key. So the signature cannot be moved onto another
record (21 CFR 11.70), any change to the record or to what the signer declared breaks it, and
a later co-signature (review, approval) leaves earlier ones intact. The file stays ordinary
indented JSON; canonicalisation only happens in memory.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Final

from nkscreen.records import texts_saving as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.canonical import CanonicalizationError, canonical_bytes
from nkscreen.records.identity import (
    UnlockedIdentity,
    b64decode,
    b64encode,
    fingerprint,
    public_key_from_raw,
)
from nkscreen.records.model import (
    MEANING_STATEMENTS,
    Actor,
    AuditEvent,
    Manifestation,
    Meaning,
    RecordV1,
    Signature,
    local_now,
    record_to_dict,
    utc_now,
)
from nkscreen.records.reasons import Reason, RecordSentence
from nkscreen.records.trust import SiteTrust
from nkscreen.records.verification import (
    SignatureCheck,
    SignerInfo,
    Verification,
    VerificationState,
)
from nkscreen.records.vouching import assess_known as assess_known

PURPOSE: Final = "nkscreen screening record signature, version 1"


class SigningError(Exception):
    """Signing was refused; ``str()`` is a sentence for the user."""


def _signer_info(manifestation: Manifestation) -> SignerInfo:
    return SignerInfo(
        name=manifestation.name,
        user_id=manifestation.user_id,
        role=manifestation.role,
        meaning=manifestation.meaning,
        signed_at=manifestation.signed_at.isoformat(),
        key_fingerprint=manifestation.key_fingerprint,
    )


def signing_payload(record: dict[str, Any], index: int, block: dict[str, Any]) -> bytes:
    """The exact bytes signature ``index`` signs or signed (``block`` without its value).

    Raises :class:`CanonicalizationError` for numbers canonical JSON cannot carry.
    """
    covers = block["covers_audit_entries"]
    content = dict(record)
    content["audit_trail"] = record["audit_trail"][:covers]
    content["signatures"] = record["signatures"][:index]
    unsigned_block = {key: value for key, value in block.items() if key != "value"}
    return canonical_bytes({"purpose": PURPOSE, "record": content, "signature": unsigned_block})


def signed_positions(record: RecordV1) -> list[int]:
    """Where this version's "signed" audit entries are, as ``covers_audit_entries`` values.

    An amendment carries the audit trail of the versions before it, whose "signed" entries
    belong to signatures in those files; only the entries after the last "amended" one are
    this version's. Each of them must be matched, in order, by one signature of this record.
    """
    audit = record.audit_trail
    start = 0
    for i, event in enumerate(audit):
        if event.event == "amended":
            start = i + 1
    return [i + 1 for i in range(start, len(audit)) if audit[i].event == "signed"]


def _removed_reason(recorded: int, carried: int) -> Reason:
    if carried:
        return Reason("signature.removed", recorded=recorded, carried=carried)
    which = "signature.removed_one_none" if recorded == 1 else "signature.removed_none"
    return Reason(which, recorded=recorded)


def check_signatures(raw: dict[str, Any], record: RecordV1) -> SignatureCheck:
    """Check every signature of ``record`` against ``raw``, the JSON object as read from disk.

    ``record`` must be ``raw`` validated; its typed view is used for structure, while the
    signed bytes are always recomputed from ``raw`` so that nothing the parser normalises can
    hide a change. Signature ``i`` covers the record, every audit entry up to its own "signed"
    entry and signatures ``0..i-1``, so a signature can only be dropped together with every
    later one and with its audit entries; a "signed" entry left without its signature makes
    the record INVALID (the journal reports the rest, see nkscreen.records.journal).
    """
    signers = tuple(_signer_info(s.manifestation) for s in record.signatures)
    audit = record.audit_trail
    positions = signed_positions(record)
    if len(positions) > len(record.signatures):
        return SignatureCheck(
            False, _removed_reason(len(positions), len(record.signatures)), signers
        )
    covered = 0
    for index, signature in enumerate(record.signatures):
        m = signature.manifestation
        who: dict[str, str | int] = {"index": index + 1, "name": m.name, "meaning": m.meaning}
        try:
            public_raw = b64decode(signature.public_key)
            public_key = public_key_from_raw(public_raw)
            value = b64decode(signature.value)
        except ValueError:
            return SignatureCheck(False, Reason("signature.damaged", **who), signers)
        if fingerprint(public_raw) != m.key_fingerprint:
            return SignatureCheck(False, Reason("signature.fingerprint", **who), signers)
        covers = signature.covers_audit_entries
        if index >= len(positions) or covers != positions[index]:
            return SignatureCheck(False, Reason("signature.audit_mismatch", **who), signers)
        event = audit[covers - 1]
        if event.event != "signed" or event.by.user_id != m.user_id or event.meaning != m.meaning:
            return SignatureCheck(False, Reason("signature.signed_entry_mismatch", **who), signers)
        covered = covers
        try:
            payload = signing_payload(raw, index, raw["signatures"][index])
        except CanonicalizationError:
            return SignatureCheck(False, Reason("signature.numbers"), signers)
        from cryptography.exceptions import InvalidSignature  # cryptography: when first needed

        try:
            public_key.verify(value, payload)
        except InvalidSignature:
            return SignatureCheck(False, Reason("signature.changed", **who), signers)
    if record.signatures and covered != len(audit):
        return SignatureCheck(False, Reason("signature.entries_added"), signers)
    return SignatureCheck(True, "", signers)


def assess(check: SignatureCheck, trusted: SiteTrust | None) -> Verification:
    """Combine a signature check with the site's trust list into the state shown to users."""
    return assess_known(check, trusted.by_fingerprint() if trusted is not None else {})


def verify_record(raw: dict[str, Any], record: RecordV1, trusted: SiteTrust | None) -> Verification:
    return assess(check_signatures(raw, record), trusted)


def signed_by(record: RecordV1) -> Sequence[Manifestation]:
    return [s.manifestation for s in record.signatures]


def sign_record(
    record: RecordV1,
    identity: UnlockedIdentity,
    meaning: Meaning,
    statement: str | None = None,
) -> RecordV1:
    """Return ``record`` with a new signature by ``identity`` (the caller saves it).

    ``statement``: the words of ``meaning`` as the signer was shown them (the window's
    language, see nkscreen.records.meanings); default the English statement. Co-signing (a
    review after authorship) is allowed, but only on a record whose existing signatures are
    intact, and the same person cannot give the same meaning twice.
    """
    from nkscreen.records.meanings import is_statement_of

    if meaning not in MEANING_STATEMENTS:
        raise SigningError(RecordSentence("sign.unknown_meaning", meaning=repr(meaning)))
    if statement is None:
        statement = MEANING_STATEMENTS[meaning]
    elif not is_statement_of(meaning, statement):
        raise SigningError(
            RecordSentence("sign.statement", statement=repr(statement), meaning=meaning)
        )
    existing = check_signatures(record_to_dict(record), record)
    if not existing.intact:
        raise SigningError(RecordSentence("sign.cannot", reason=existing.reason))
    public = identity.public
    for m in signed_by(record):
        if m.user_id == public.user_id and m.meaning == meaning:
            raise SigningError(RecordSentence("sign.already", name=m.name, meaning=meaning))
    actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
    event = AuditEvent(event="signed", at=utc_now(), by=actor, meaning=meaning)
    manifestation = Manifestation(
        name=public.name,
        user_id=public.user_id,
        role=public.role,
        meaning=meaning,
        statement=statement,
        signed_at=local_now(),
        key_fingerprint=public.fingerprint,
    )
    with_event = record.model_copy(update={"audit_trail": [*record.audit_trail, event]})
    block: dict[str, Any] = {
        "manifestation": manifestation.model_dump(mode="json"),
        "algorithm": "Ed25519",
        "public_key": b64encode(public.public_key),
        "covers_audit_entries": len(with_event.audit_trail),
    }
    try:
        payload = signing_payload(record_to_dict(with_event), len(record.signatures), block)
    except CanonicalizationError as exc:
        raise SigningError(RecordSentence("sign.number", error=str(exc))) from None
    signature = Signature.model_validate({**block, "value": b64encode(identity.sign(payload))})
    signed = with_event.model_copy(update={"signatures": [*record.signatures, signature]})
    # Re-validate: model_copy does not, and a record that fails to load later is a lost record.
    return RecordV1.model_validate(record_to_dict(signed))


__all__ = [
    "PURPOSE",
    "SignatureCheck",
    "SignerInfo",
    "SigningError",
    "Verification",
    "VerificationState",
    "assess",
    "assess_known",
    "check_signatures",
    "sign_record",
    "signed_positions",
    "signing_payload",
    "verify_record",
]
