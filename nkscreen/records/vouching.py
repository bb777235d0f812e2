"""Whether the site vouches for a record's signers: a signature check and the trusted keys
give the state people see (valid, untrusted, invalid, unsigned).

Plain values only (no pydantic, no cryptography): the records list applies the trust list to
thousands of cached signature checks with this at start-up. ``known`` maps a key fingerprint to
the entry the administrator signed for it: a :class:`~nkscreen.records.trust.TrustedSigner`,
or the same fields read by :mod:`nkscreen.records.trust_plain`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol

from nkscreen.records.keys import short_key
from nkscreen.records.reasons import Reason
from nkscreen.records.verification import (
    SignatureCheck,
    SignerInfo,
    Verification,
    VerificationState,
)


class SignerEntry(Protocol):
    """What a trusted signers list says of one key."""

    @property
    def key_fingerprint(self) -> str: ...

    @property
    def name(self) -> str: ...

    @property
    def user_id(self) -> str: ...

    @property
    def role(self) -> str: ...


def _trust_problem(signer: SignerInfo, known: Mapping[str, SignerEntry]) -> Reason | None:
    """Why the site does not vouch for ``signer`` as its manifestation shows it, or None."""
    entry = known.get(signer.key_fingerprint)
    if entry is None:
        fp = short_key(signer.key_fingerprint)
        # Only on this (rare) path: a listing of 10,000 trusted rows never scans the list.
        others = [e for e in known.values() if e.user_id == signer.user_id]
        if others:
            keys = ", ".join(short_key(e.key_fingerprint) for e in others)
            return Reason(
                "trust.other_key", user_id=signer.user_id, keys=keys, key=fp, name=signer.name
            )
        return Reason("trust.unknown", name=signer.name, user_id=signer.user_id, key=fp)
    if entry.user_id != signer.user_id:
        return Reason(
            "trust.other_user",
            name=signer.name,
            user_id=signer.user_id,
            entry_name=entry.name,
            entry_user_id=entry.user_id,
        )
    if (entry.name, entry.role) != (signer.name, signer.role):
        return Reason(
            "trust.other_name",
            name=signer.name,
            role=signer.role,
            key=short_key(signer.key_fingerprint),
            entry_name=entry.name,
            entry_user_id=entry.user_id,
            entry_role=entry.role,
        )
    return None


def assess_known(check: SignatureCheck, known: Mapping[str, SignerEntry]) -> Verification:
    """The state shown for a signature check, given the site's trusted keys by fingerprint.

    Each manifestation (printed name, user id, role) is compared with the entry the site's
    administrator signed for its key, so a name or role edited into an identity file, or a new
    key made under a trusted user id, shows as untrusted with the reason.
    """
    if not check.intact:
        return Verification(VerificationState.INVALID, check.reason, check.signers)
    if not check.signers:
        return Verification(VerificationState.UNSIGNED, Reason("state.unsigned"), check.signers)
    problems = tuple(p for p in (_trust_problem(s, known) for s in check.signers) if p)
    if problems:
        return Verification(
            VerificationState.UNTRUSTED,
            Reason("state.untrusted", problems=problems),
            check.signers,
            problems,
        )
    described = tuple(
        Reason(
            "state.signer",
            name=s.name,
            user_id=s.user_id,
            role=s.role,
            meaning=s.meaning,
            signed_at=s.signed_at,
        )
        for s in check.signers
    )
    return Verification(
        VerificationState.VALID, Reason("state.valid", signers=described), check.signers
    )


__all__ = ["SignerEntry", "assess_known"]
