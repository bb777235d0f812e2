"""Where one saved version stands among the versions of its screening.

A signature only proves that a file is unchanged since it was signed. A monitor also needs to
know whether the version in front of them is still the one to act on (a newer version
*supersedes* it, though its signature stays valid) and whether the versions it amends are
still the ones it was made from (the *chain*: each amendment names the version it replaces by
the sha256 of that version's exact content, so a deleted, altered or swapped earlier version
is detected even when every file's own signature is intact).

Everything here works on small :class:`VersionRef` facts, so the records browser can judge
10,000 files from its cached index without re-reading them; :mod:`nkscreen.records.store`
builds the refs from the folder.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import TYPE_CHECKING, Any

from nkscreen.core.frozen import Record
from nkscreen.records.reasons import Reason
from nkscreen.records.verification import Verification, VerificationState

if TYPE_CHECKING:
    from nkscreen.records.model import RecordV1


class VersionRef(Record, kw_only=False):
    """What the chain needs to know of one version's file."""

    version: int
    file_name: str
    record_id: str
    #: sha256 of the file's canonical content; empty when it cannot be computed.
    content_hash: str
    #: The version this one amends: (record id, version, sha256), or None for version 1.
    previous: tuple[str, int, str] | None
    #: The first signature's printed name and time (the authorship), when signed.
    signer: str | None
    signed_at: datetime | None
    saved_at: datetime | None

    @classmethod
    def of(cls, file_name: str, raw: dict[str, Any], record: RecordV1) -> VersionRef:
        # Here, not above: the records list is judged from cached refs without the models.
        from nkscreen.records.canonical import CanonicalizationError
        from nkscreen.records.lifecycle import record_hash

        try:
            content_hash = record_hash(raw)
        except CanonicalizationError:
            content_hash = ""
        prev = record.previous
        first = record.signatures[0].manifestation if record.signatures else None
        return cls(
            version=record.version,
            file_name=file_name,
            record_id=record.record_id,
            content_hash=content_hash,
            previous=(prev.record_id, prev.version, prev.sha256) if prev else None,
            signer=first.name if first else None,
            signed_at=first.signed_at if first else None,
            saved_at=record.saved_at,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            "version": self.version,
            "file_name": self.file_name,
            "record_id": self.record_id,
            "content_hash": self.content_hash,
            "previous": list(self.previous) if self.previous else None,
            "signer": self.signer,
            "signed_at": self.signed_at.isoformat() if self.signed_at else None,
            "saved_at": self.saved_at.isoformat() if self.saved_at else None,
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> VersionRef:
        prev = data["previous"]
        return cls(
            version=int(data["version"]),
            file_name=str(data["file_name"]),
            record_id=str(data["record_id"]),
            content_hash=str(data["content_hash"]),
            previous=(str(prev[0]), int(prev[1]), str(prev[2])) if prev else None,
            signer=None if data["signer"] is None else str(data["signer"]),
            signed_at=_parse_time(data["signed_at"]),
            saved_at=_parse_time(data["saved_at"]),
        )


def _parse_time(value: object) -> datetime | None:
    return datetime.fromisoformat(value) if isinstance(value, str) else None


class Superseded(Record, kw_only=False):
    """The newest version of the screening, which replaces the one being looked at."""

    version: int
    file_name: str
    #: Who signed the newest version first, and when; None while it is not signed yet.
    signer: str | None
    signed_at: datetime | None
    saved_at: datetime | None

    def describe(self) -> Reason:
        """ "superseded by version 2 (file, signed by NAME on DATE)", for command-line output."""
        if self.signer is not None and self.signed_at is not None:
            return Reason(
                "chain.superseded_signed",
                version=self.version,
                file=self.file_name,
                signer=self.signer,
                date=f"{self.signed_at:%Y-%m-%d}",
            )
        return Reason("chain.superseded_unsigned", version=self.version, file=self.file_name)


class ChainBreak(Record, kw_only=False):
    """The first broken link, walking back from the version being looked at."""

    #: The earlier version that is missing, changed or replaced.
    version: int
    #: The version whose link to it is broken.
    linked_from: int
    kind: str  # "missing" | "changed" | "replaced"

    def describe(self) -> Reason:
        """ "version 1 missing (version 2 amends it)", and the like (see records.reasons)."""
        kind = self.kind if self.kind in ("missing", "replaced") else "changed"
        return Reason(f"chain.{kind}", version=self.version, linked_from=self.linked_from)


class Standing(Record, kw_only=False):
    """A version's place among its screening's versions; the default is "alone and intact"."""

    superseded: Superseded | None = None
    chain_break: ChainBreak | None = None

    @property
    def is_newest(self) -> bool:
        return self.superseded is None


def standing_of(ref: VersionRef, versions: Mapping[int, VersionRef]) -> Standing:
    """Judge ``ref`` against every version of its screening found beside it (``versions``,
    keyed by version number; ``ref`` itself may or may not be among them).
    """
    newest = max(versions, default=ref.version)
    superseded = None
    if newest > ref.version:
        top = versions[newest]
        superseded = Superseded(top.version, top.file_name, top.signer, top.signed_at, top.saved_at)
    return Standing(superseded, _chain_break(ref, versions))


def _chain_break(ref: VersionRef, versions: Mapping[int, VersionRef]) -> ChainBreak | None:
    current = ref
    while current.previous is not None:
        record_id, version, sha256 = current.previous
        # A link forward or to itself (only a hand-made file has one) leads nowhere.
        earlier = versions.get(version) if version < current.version else None
        if earlier is None:
            return ChainBreak(version, current.version, "missing")
        if earlier.record_id != record_id:
            return ChainBreak(version, current.version, "replaced")
        if earlier.content_hash != sha256:
            return ChainBreak(version, current.version, "changed")
        current = earlier
    return None


def with_chain(verification: Verification, standing: Standing) -> Verification:
    """A broken chain is its own state: the file's signatures may be intact, but the history
    it claims is not. An INVALID signature stays INVALID (the worse news).
    """
    if standing.chain_break is None or verification.state is VerificationState.INVALID:
        return verification
    chain_break = standing.chain_break.describe()
    if verification.state is VerificationState.UNSIGNED:
        reason = Reason("chain.broken", chain_break=chain_break)
    else:
        reason = Reason("chain.broken_intact", chain_break=chain_break, reason=verification.reason)
    return Verification(VerificationState.BROKEN_CHAIN, reason, verification.signers)


__all__ = [
    "ChainBreak",
    "Standing",
    "Superseded",
    "VersionRef",
    "standing_of",
    "with_chain",
]
