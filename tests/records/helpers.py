"""Shared builders for the records tests, the fixture script and the benchmark."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from nkscreen.records.identity import PublicIdentity, UnlockedIdentity
from nkscreen.records.lifecycle import new_record
from nkscreen.records.model import Actor, Meaning, ProtocolRef, RecordV1
from nkscreen.records.signing import sign_record
from nkscreen.records.trust import SiteTrust

PASSPHRASE = "correct horse battery staple"
PROTOCOL = ProtocolRef(
    id="NCT06641648", version="test protocol 1", sha256=hashlib.sha256(b"protocol").hexdigest()
)
EVALUATION: dict[str, Any] = {
    "protocol": "NCT06641648",
    "overall": "eligible",
    "criteria": {"I1": "met", "I3": "met", "E2": "absent"},
    "reasons": [],
    "missing": [],
    "warnings": [],
    "derived": {"age_years": 46, "alt_x_uln": 1.125, "tbil_x_uln": 0.7142857142857143},
}


def answers(screening_id: str = "HX-001", **changes: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "screening_id": screening_id,
        "patient_initials": "AB",
        "assessment_date": "2026-11-20",
        "sex": "male",
        "ecog": 1,
        "inr": "1.1",
        "antitumor_agents": [{"agent": "cytarabine", "last_dose": "2026-11-01"}],
        "hbv_active": "no",
    }
    base.update(changes)
    return {k: v for k, v in base.items() if v is not None}


def throwaway_identity(
    seed: int = 1,
    name: str = "Dr Test Signer",
    user_id: str = "tsigner",
    role: str = "investigator",
) -> UnlockedIdentity:
    """A deterministic key that never touches disk (fixtures, tests, benchmarks)."""
    private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"seed {seed}".encode()).digest())
    public_raw = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return UnlockedIdentity(PublicIdentity(name, user_id, role, public_raw), private)


def actor_of(identity: UnlockedIdentity) -> Actor:
    p = identity.public
    return Actor(user_id=p.user_id, name=p.name, role=p.role)


def unsigned_record(identity: UnlockedIdentity | None = None, **answer_changes: Any) -> RecordV1:
    actor = actor_of(identity) if identity else Actor(user_id="nurse", name="Nurse")
    return new_record(
        protocol=PROTOCOL, answers=answers(**answer_changes), evaluation=EVALUATION, actor=actor
    )


def signed_record(
    identity: UnlockedIdentity, meaning: Meaning = "authorship", **answer_changes: Any
) -> RecordV1:
    return sign_record(unsigned_record(identity, **answer_changes), identity, meaning)


def write_trusted(
    path: Path, *identities: UnlockedIdentity, admin: UnlockedIdentity | None = None
) -> None:
    """A signed trusted signers list at ``path`` trusting ``identities``; ``admin`` (by default
    the first of them) is its administrator."""
    from nkscreen.records.trust import setup_administrator, trusted_entry

    signer = admin or identities[0]
    setup_administrator(path, signer, [trusted_entry(i.public) for i in identities])


def trust_of(*identities: UnlockedIdentity) -> SiteTrust:
    """In-memory trust in ``identities``, as a verified list would give (no file, no admin)."""
    from nkscreen.records.trust import trusted_entry

    return SiteTrust(signers=tuple(trusted_entry(i.public) for i in identities))
