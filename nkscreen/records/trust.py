"""The site's trusted signers: whose signatures count as valid here, vouched for by one person.

Anyone who can run nkscreen can make a key pair with any name on it, so a key is trusted only
once the site's administrator has signed it in. ``trusted-signers.json`` holds the
administrator's public identity, one entry per trusted key (its fingerprint, and the name,
user id and role the administrator vouches for), and the administrator's Ed25519 signature over
the RFC 8785 canonical bytes of everything else. A list whose signature fails, an unsigned list
and a list written by an older nkscreen (version 1, unsigned) trust nobody: :func:`load_trusted`
says why, and verification shows every signer as untrusted until the administrator signs the
list (again).

The administrator is set up once per data folder: the first identity created in a new data
folder becomes it (so one person alone can create an identity, sign and verify), or an
identity named with ``nkscreen identity trust --admin`` or in Preferences when the folder has
no list, or only an old unsigned one. Every later change needs the administrator's passphrase.

What this cannot stop: someone able to replace the whole data folder can also replace the
list with one signed by a key of their own. The administrator's fingerprint is shown in
Preferences and by ``nkscreen identity list`` so it can be compared with the one noted at
set-up.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, Literal

from pydantic import ValidationError, model_validator

from nkscreen.paths import ensure_dir
from nkscreen.records import texts_identity as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.atomic import atomic_write
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.identity import (
    IdentityError,
    IdentityFile,
    PublicIdentity,
    StrictModel,
    UnlockedIdentity,
    UserId,
    b64decode,
    b64encode,
    find_identity,
    fingerprint,
    public_key_from_raw,
    unlock,
)
from nkscreen.records.keys import short_key
from nkscreen.records.model import (
    MAX_RECORD_BYTES,
    Base64,
    NonEmpty,
    RecordFormatError,
    Sha256Hex,
    Timestamp,
    dumps_document,
    parse_json_document,
    utc_now,
)
from nkscreen.records.reasons import RecordSentence as S
from nkscreen.records.trust_plain import TRUST_PURPOSE as TRUST_PURPOSE
from nkscreen.records.trust_plain import TRUSTED_FORMAT, list_payload
from nkscreen.safe_files import FileRefusedError, read_document
from nkscreen.sentences import said

TRUSTED_SCHEMA_VERSION: Final = 2


class TrustError(IdentityError):
    """The trusted signers list cannot be used or changed; ``str()`` says why, for the user."""


class TrustedSigner(StrictModel):
    """One trusted key, and who the administrator vouches it belongs to."""

    key_fingerprint: Sha256Hex
    public_key: Base64
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    added_at: Timestamp

    def short_key(self) -> str:
        return short_key(self.key_fingerprint)


class Administrator(StrictModel):
    """The one identity whose signature makes the list count."""

    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    public_key: Base64
    key_fingerprint: Sha256Hex


class TrustedSignersV2(StrictModel):
    """``trusted-signers.json`` as written since version 2."""

    schema_version: Literal[2]
    format: Literal["nkscreen-trusted-signers"]
    administrator: Administrator
    signers: list[TrustedSigner]
    signed_at: Timestamp
    signature: Base64

    @model_validator(mode="after")
    def _one_entry_per_key(self) -> TrustedSignersV2:
        if len({s.key_fingerprint for s in self.signers}) != len(self.signers):
            raise ValueError("a key is listed twice")
        return self


class _LegacySigner(StrictModel):
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    public_key: Base64
    key_fingerprint: Sha256Hex


class _LegacyTrustedSignersV1(StrictModel):
    """Version 1: a plain unsigned list that anyone could add to."""

    schema_version: Literal[1]
    format: Literal["nkscreen-trusted-signers"]
    signers: list[_LegacySigner]


@dataclass(frozen=True)
class SiteTrust:
    """The trust that verification applies: the signed list's entries, or nobody.

    ``administrator`` is None when the data folder has no list yet.
    """

    administrator: Administrator | None = None
    signers: tuple[TrustedSigner, ...] = ()
    _index: dict[str, TrustedSigner] = field(default_factory=dict, init=False, compare=False)

    def __post_init__(self) -> None:
        self._index.update((s.key_fingerprint, s) for s in self.signers)

    def by_fingerprint(self) -> Mapping[str, TrustedSigner]:
        return self._index

    def entry(self, key_fingerprint: str) -> TrustedSigner | None:
        return self._index.get(key_fingerprint)

    def vouches_for(self, public: PublicIdentity) -> bool:
        """Whether the list trusts ``public``'s key under exactly its name, user id and role."""
        entry = self._index.get(public.fingerprint)
        return entry is not None and (entry.name, entry.user_id, entry.role) == (
            public.name,
            public.user_id,
            public.role,
        )

    def is_administrator(self, public: PublicIdentity) -> bool:
        return self.administrator is not None and (
            self.administrator.key_fingerprint == public.fingerprint
        )


def empty_trusted() -> SiteTrust:
    return SiteTrust()


def trusted_entry(public: PublicIdentity) -> TrustedSigner:
    """The entry that vouches for ``public``'s key under its name, user id and role, from now."""
    return TrustedSigner(
        key_fingerprint=public.fingerprint,
        public_key=b64encode(public.public_key),
        name=public.name,
        user_id=public.user_id,
        role=public.role,
        added_at=utc_now(),
    )


def trust_state(trust: SiteTrust, public: PublicIdentity) -> str:
    """One phrase on how this site regards ``public`` (identity lists, the sign dialog)."""
    entry = trust.entry(public.fingerprint)
    if entry is None:
        return "not trusted here yet"
    if not trust.vouches_for(public):
        return f"trusted as {entry.name} ({entry.user_id}, {entry.role}), not as shown"
    return "administrator, trusted" if trust.is_administrator(public) else "trusted"


# ---------------------------------------------------------------- reading


def _read_raw(path: Path) -> dict[str, Any] | None:
    """The list's JSON object, or None if there is no list; :class:`TrustError` otherwise."""
    # Only a regular file of the data folder is read (never a pipe, a device or a link out of
    # it), its size checked before reading.
    try:
        data = read_document(path, limit=MAX_RECORD_BYTES, within=path.parent)
    except FileRefusedError as exc:
        if exc.kind == "missing" and not path.is_symlink():
            return None
        raise TrustError(S("trust.unreadable", path=str(path), reason=said(exc))) from None
    try:
        raw = parse_json_document(data)
    except RecordFormatError as exc:
        raise TrustError(S("trust.unusable", path=str(path), reason=said(exc))) from None
    if not isinstance(raw, dict) or raw.get("format") != TRUSTED_FORMAT:
        raise TrustError(S("trust.not_list", path=str(path)))
    return raw


def _key_matches(public_key: str, key_fingerprint: str) -> bool:
    try:
        raw = b64decode(public_key)
        public_key_from_raw(raw)
    except ValueError:
        return False
    return fingerprint(raw) == key_fingerprint


def load_trusted(path: Path) -> SiteTrust:
    """The signed list at ``path`` as verification uses it; no file means nobody is trusted.

    Raises :class:`TrustError` (a sentence naming the file) for a list that cannot be relied
    on: unreadable, damaged, unsigned, from an older nkscreen, or changed after the
    administrator signed it. Callers then trust nobody and show the sentence.

    The records list first tries :func:`~nkscreen.records.trust_plain.plain_trusted_keys`
    (the same checks without pydantic, for a list as nkscreen writes it); a change to what
    this function accepts must be made there too (tests/records/test_trust_plain.py).
    """
    raw = _read_raw(path)
    if raw is None:
        return SiteTrust()
    if raw.get("schema_version") == 1:
        raise TrustError(S("trust.legacy", path=str(path)))
    if "signature" not in raw or "administrator" not in raw:
        raise TrustError(S("trust.unsigned", path=str(path)))
    try:
        trusted = TrustedSignersV2.model_validate(raw)
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(part) for part in error["loc"])
        raise TrustError(
            S("trust.malformed", path=str(path), where=where, error=error["msg"])
        ) from None
    admin = trusted.administrator
    if not _key_matches(admin.public_key, admin.key_fingerprint):
        raise TrustError(S("trust.admin_key", path=str(path)))
    from cryptography.exceptions import InvalidSignature  # cryptography: when first needed

    try:
        public_key_from_raw(b64decode(admin.public_key)).verify(
            b64decode(trusted.signature), list_payload(raw)
        )
    except (ValueError, InvalidSignature, CanonicalizationError):
        raise TrustError(
            S("trust.changed", path=str(path), name=admin.name, user_id=admin.user_id)
        ) from None
    for signer in trusted.signers:
        if not _key_matches(signer.public_key, signer.key_fingerprint):
            raise TrustError(S("trust.signer_key", path=str(path), user_id=signer.user_id))
    return SiteTrust(admin, tuple(trusted.signers))


def legacy_signers(path: Path) -> list[TrustedSigner]:
    """The entries of a version 1 (unsigned) list, for the administrator to sign in again.

    An empty list if ``path`` is not a readable version 1 list.
    """
    try:
        raw = _read_raw(path)
        if raw is None or raw.get("schema_version") != 1:
            return []
        old = _LegacyTrustedSignersV1.model_validate(raw)
    except (TrustError, ValidationError):
        return []
    now = utc_now()
    return [
        TrustedSigner(
            key_fingerprint=s.key_fingerprint,
            public_key=s.public_key,
            name=s.name,
            user_id=s.user_id,
            role=s.role,
            added_at=now,
        )
        for s in old.signers
        if _key_matches(s.public_key, s.key_fingerprint)
    ]


def administrator_identity(identities: Path, trust: SiteTrust) -> IdentityFile:
    """The administrator's identity file on this computer, checked against the list's key."""
    admin = trust.administrator
    if admin is None:
        raise TrustError(S("trust.no_admin"))
    try:
        identity = find_identity(identities, admin.user_id)
    except IdentityError as exc:
        raise TrustError(
            S("trust.admin_identity", name=admin.name, user_id=admin.user_id, reason=said(exc))
        ) from None
    if identity.key_fingerprint != admin.key_fingerprint:
        raise TrustError(S("trust.admin_other_key", user_id=admin.user_id, folder=str(identities)))
    return identity


# ---------------------------------------------------------------- changing (administrator)


def _write(
    path: Path, admin: UnlockedIdentity, signers: Iterable[TrustedSigner], *, new: bool
) -> SiteTrust:
    public = admin.public
    document: dict[str, Any] = {
        "schema_version": TRUSTED_SCHEMA_VERSION,
        "format": TRUSTED_FORMAT,
        "administrator": {
            "name": public.name,
            "user_id": public.user_id,
            "role": public.role,
            "public_key": b64encode(public.public_key),
            "key_fingerprint": public.fingerprint,
        },
        "signers": [s.model_dump(mode="json") for s in signers],
        "signed_at": utc_now().isoformat(),
    }
    try:
        document["signature"] = b64encode(admin.sign(list_payload(document)))
        trusted = TrustedSignersV2.model_validate(document)
    except (CanonicalizationError, ValidationError) as exc:
        raise TrustError(S("trust.not_written", error=str(exc))) from None
    ensure_dir(path.parent)
    try:
        atomic_write(path, dumps_document(document), overwrite=not new)
    except FileExistsError:
        raise TrustError(S("trust.created_meanwhile", path=str(path))) from None
    return SiteTrust(trusted.administrator, tuple(trusted.signers))


def _require_administrator(trust: SiteTrust, admin: UnlockedIdentity) -> None:
    if not trust.is_administrator(admin.public):
        who = trust.administrator
        if who is None:
            raise TrustError(S("trust.only_admin"))
        raise TrustError(S("trust.only_named_admin", name=who.name, user_id=who.user_id))


def setup_administrator(
    path: Path, admin: UnlockedIdentity, keep: Iterable[TrustedSigner] = ()
) -> SiteTrust:
    """Make ``admin`` the administrator of a data folder whose list is missing or version 1.

    The administrator is trusted, and so are the entries of ``keep`` (the old list's, which
    the administrator re-signs knowingly). Any other list is never replaced this way: a signed
    one already has its administrator, and a damaged or changed one must be looked at first.
    """
    raw = _read_raw(path)
    if raw is not None and raw.get("schema_version") != 1:
        current = load_trusted(path)  # raises for a damaged or changed list
        who = current.administrator
        if who is None:
            raise TrustError(S("trust.has_admin"))
        raise TrustError(S("trust.has_named_admin", name=who.name, user_id=who.user_id))
    entries = {s.key_fingerprint: s for s in keep}
    entries.setdefault(admin.public.fingerprint, trusted_entry(admin.public))
    return _write(path, admin, entries.values(), new=raw is None)


def is_legacy_list(path: Path) -> bool:
    """Whether ``path`` is a version 1 list, waiting for an administrator to sign it."""
    try:
        raw = _read_raw(path)
    except TrustError:
        return False
    return raw is not None and raw.get("schema_version") == 1


def add_trusted(path: Path, public: PublicIdentity, admin: UnlockedIdentity) -> bool:
    """Trust ``public``'s key (as who it says it is), signed by ``admin``; False if already.

    In a data folder without a list, ``admin`` becomes its administrator first.
    """
    trust = load_trusted(path)
    if trust.administrator is None:
        trust = setup_administrator(path, admin)
    _require_administrator(trust, admin)
    if trust.vouches_for(public):
        return False
    kept = [s for s in trust.signers if s.key_fingerprint != public.fingerprint]
    _write(path, admin, [*kept, trusted_entry(public)], new=False)
    return True


def remove_trusted(path: Path, key_fingerprint: str, admin: UnlockedIdentity) -> bool:
    """Stop trusting a key, signed by ``admin``; False if it was not trusted."""
    trust = load_trusted(path)
    _require_administrator(trust, admin)
    kept = [s for s in trust.signers if s.key_fingerprint != key_fingerprint]
    if len(kept) == len(trust.signers):
        return False
    _write(path, admin, kept, new=False)
    return True


def trust_first_identity(path: Path, identity: IdentityFile, passphrase: str) -> bool:
    """In a new data folder (no list yet), make ``identity`` its administrator, trusted.

    Returns False, changing nothing, when the folder already has a list: a new key then waits
    for the administrator. ``passphrase`` is the one just chosen for ``identity``.
    """
    if path.exists() or path.is_symlink():
        return False
    unlocked = unlock(identity, passphrase)
    try:
        setup_administrator(path, unlocked)
    except TrustError:
        if path.exists():  # another process set the folder up meanwhile
            return False
        raise
    return True


__all__ = [
    "Administrator",
    "SiteTrust",
    "TrustError",
    "TrustedSigner",
    "TrustedSignersV2",
    "add_trusted",
    "administrator_identity",
    "empty_trusted",
    "is_legacy_list",
    "legacy_signers",
    "load_trusted",
    "remove_trusted",
    "setup_administrator",
    "trust_first_identity",
    "trust_state",
    "trusted_entry",
]
