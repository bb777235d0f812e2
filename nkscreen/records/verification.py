"""What verifying a record found, as plain values (no pydantic, no cryptography).

The records browser lists thousands of rows from its cached index with these alone, so the
app can show the records list at start-up without loading the record models or the
cryptography behind :mod:`nkscreen.records.signing` (which makes and checks signatures and
re-exports these names).
"""

from __future__ import annotations

import enum
from typing import Any

from nkscreen.core.frozen import Record
from nkscreen.records import reasons


class VerificationState(enum.StrEnum):
    VALID = "valid"
    #: The signatures are intact but the site does not vouch for a signer as shown: the key is
    #: not on its trusted list, or the list knows it under another name, user id or role.
    UNTRUSTED = "untrusted"
    #: Changed after signing, or a signature that does not belong to this record.
    INVALID = "invalid"
    #: The signatures are intact, but a version this amendment was made from is missing or
    #: has changed since (see nkscreen.records.chain).
    BROKEN_CHAIN = "broken_chain"
    UNSIGNED = "unsigned"


class SignerInfo(Record, kw_only=False):
    name: str
    user_id: str
    role: str
    meaning: str
    signed_at: str
    key_fingerprint: str

    def describe(self) -> str:
        return f"{self.name} ({self.user_id}, {self.role}) as {self.meaning} on {self.signed_at}"


class SignatureCheck(Record, kw_only=False):
    """The cryptographic half of verification, independent of the trust list (so cacheable).

    ``reason`` (and Verification's ``reason`` and ``trust_problems``) is English text; the
    records layer's own are :class:`~nkscreen.records.reasons.Reason` objects, which the
    window, the printout and the CLI render in their language (reasons.render).
    """

    intact: bool
    reason: str
    signers: tuple[SignerInfo, ...]

    def to_json(self) -> dict[str, Any]:
        return {
            "intact": self.intact,
            "reason": self.reason,
            "reason_id": reasons.to_json(self.reason),
            "signers": [vars(s) for s in self.signers],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SignatureCheck:
        return cls(
            bool(data["intact"]),
            reasons.from_json(str(data["reason"]), data.get("reason_id")),
            tuple(SignerInfo(**s) for s in data["signers"]),
        )


class Verification(Record, kw_only=False):
    state: VerificationState
    reason: str
    signers: tuple[SignerInfo, ...] = ()
    #: For UNTRUSTED: one phrase per signer the site does not vouch for as shown.
    trust_problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        return self.state is VerificationState.VALID


__all__ = ["SignatureCheck", "SignerInfo", "Verification", "VerificationState"]
