"""Signing identities: one Ed25519 key pair per person, the private half sealed by a passphrase.

21 CFR 11.200 wants two distinct components for a signature (who you are and something only
you know): the identity file says who, and its private key only opens with the person's
passphrase. PKCS#8's "best available" encryption is PBKDF2 with 2048 iterations, far too cheap
to resist guessing, so the key is sealed here with scrypt (memory-hard) and AES-256-GCM, whose
authentication tag also tells a wrong passphrase apart from a right one.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final, Literal

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
)
from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from nkscreen.paths import ensure_dir
from nkscreen.records.atomic import atomic_write
from nkscreen.records.model import (
    Base64,
    NonEmpty,
    RecordFormatError,
    Sha256Hex,
    Timestamp,
    dumps_document,
    read_json_file,
    utc_now,
)
from nkscreen.safe_files import clip

#: scrypt cost as log2(N): 2**17 with r=8 takes about 0.5 s and 128 MiB, which makes guessing
#: slow on a stolen laptop. Tests lower it; the cost used is stored in each key file.
DEFAULT_SCRYPT_LOG2_N: Final = 17
SCRYPT_LOG2_N: int = DEFAULT_SCRYPT_LOG2_N
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
MIN_PASSPHRASE_LENGTH: Final = 10
PASSPHRASE_ENV: Final = "NKSCREEN_PASSPHRASE"

IDENTITY_FORMAT: Final = "nkscreen-identity"
TRUSTED_FORMAT: Final = "nkscreen-trusted-signers"

_USER_ID_RE = re.compile(r"^[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}$")
UserId = Annotated[str, StringConstraints(pattern=_USER_ID_RE.pattern)]


class IdentityError(Exception):
    """A problem with an identity; ``str()`` is a sentence for the user."""


class WrongPassphraseError(IdentityError):
    def __init__(self, user_id: str) -> None:
        self.user_id = user_id
        super().__init__(f"Wrong passphrase for identity {user_id}: nothing was written.")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class EncryptedKey(_Strict):
    kdf: Literal["scrypt"]
    log2_n: Annotated[int, Field(ge=10, le=22)]
    r: Annotated[int, Field(ge=1, le=32)]
    p: Annotated[int, Field(ge=1, le=16)]
    salt: Base64
    cipher: Literal["AES-256-GCM"]
    nonce: Base64
    ciphertext: Base64


class IdentityFileV1(_Strict):
    schema_version: Literal[1]
    format: Literal["nkscreen-identity"]
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    created_at: Timestamp
    public_key: Base64
    key_fingerprint: Sha256Hex
    private_key: EncryptedKey

    @property
    def public(self) -> PublicIdentity:
        return PublicIdentity(self.name, self.user_id, self.role, b64decode(self.public_key))


class TrustedSigner(_Strict):
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    public_key: Base64
    key_fingerprint: Sha256Hex


class TrustedSignersV1(_Strict):
    """The site's list of keys whose signatures it accepts, kept in the data folder."""

    schema_version: Literal[1]
    format: Literal["nkscreen-trusted-signers"]
    signers: list[TrustedSigner]

    def by_fingerprint(self) -> dict[str, TrustedSigner]:
        return {s.key_fingerprint: s for s in self.signers}


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(raw_public_key: bytes) -> str:
    """sha256 of the 32 raw public-key bytes, hex: short enough to read out over the phone."""
    return hashlib.sha256(raw_public_key).hexdigest()


def format_fingerprint(fp: str) -> str:
    """Groups of four for display: ``1a2b 3c4d ...``."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


@dataclass(frozen=True)
class PublicIdentity:
    name: str
    user_id: str
    role: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def as_trusted(self) -> TrustedSigner:
        return TrustedSigner(
            name=self.name,
            user_id=self.user_id,
            role=self.role,
            public_key=b64encode(self.public_key),
            key_fingerprint=self.fingerprint,
        )


class UnlockedIdentity:
    """An identity whose private key is in memory; keep it only for one signing."""

    def __init__(self, public: PublicIdentity, private_key: Ed25519PrivateKey) -> None:
        self.public = public
        self._private_key = private_key

    def sign(self, payload: bytes) -> bytes:
        return self._private_key.sign(payload)


def check_passphrase(passphrase: str) -> None:
    if len(passphrase) < MIN_PASSPHRASE_LENGTH:
        raise IdentityError(
            f"The passphrase must have at least {MIN_PASSPHRASE_LENGTH} characters."
        )


def check_user_id(user_id: str) -> None:
    if not _USER_ID_RE.match(user_id):
        raise IdentityError(
            "A user id has 1-64 characters: letters, digits, '.', '_', '@' or '-' "
            f"(and does not start with '.'): {user_id!r} is not one."
        )


def _passphrase_bytes(passphrase: str) -> bytes:
    # The same passphrase typed on another keyboard or system may arrive decomposed.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(_passphrase_bytes(passphrase))


def _aad(user_id: str, public_key: bytes) -> bytes:
    # Binds the sealed key to its identity: pasting it into another person's file fails.
    return b"nkscreen-identity-v1\x00" + user_id.encode("utf-8") + b"\x00" + public_key


def identity_path(folder: Path, user_id: str) -> Path:
    check_user_id(user_id)
    return folder / f"{user_id}.json"


def create_identity(folder: Path, *, name: str, role: str, user_id: str, passphrase: str) -> Path:
    """Generate a key pair, seal it and save it; refuses to replace an existing identity."""
    name, role = name.strip(), role.strip()
    if not name or not role:
        raise IdentityError("An identity needs a printed name and a role.")
    check_user_id(user_id)
    check_passphrase(passphrase)
    path = identity_path(folder, user_id)
    if path.exists():
        raise IdentityError(f"An identity for user id {user_id} already exists in {folder}.")
    private_key = Ed25519PrivateKey.generate()
    public_raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    private_raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(key).encrypt(nonce, private_raw, _aad(user_id, public_raw))
    document = IdentityFileV1(
        schema_version=1,
        format="nkscreen-identity",
        name=name,
        user_id=user_id,
        role=role,
        created_at=utc_now(),
        public_key=b64encode(public_raw),
        key_fingerprint=fingerprint(public_raw),
        private_key=EncryptedKey(
            kdf="scrypt",
            log2_n=SCRYPT_LOG2_N,
            r=SCRYPT_R,
            p=SCRYPT_P,
            salt=b64encode(salt),
            cipher="AES-256-GCM",
            nonce=b64encode(nonce),
            ciphertext=b64encode(sealed),
        ),
    )
    ensure_dir(folder)
    try:
        atomic_write(path, dumps_document(document.model_dump(mode="json")), overwrite=False)
    except FileExistsError:
        raise IdentityError(
            f"An identity for user id {user_id} already exists in {folder}."
        ) from None
    return path


def _decoded(text: str, length: int | None, what: str) -> bytes:
    """A base64 field of an identity or trust file, checked; ValueError names the field."""
    try:
        raw = b64decode(text)
    except ValueError:
        raise ValueError(f"{what} is not valid base64") from None
    if length is not None and len(raw) != length:
        raise ValueError(f"{what} has {len(raw)} bytes instead of {length}")
    return raw


#: scrypt needs 128 * r * 2**log2_n bytes: a key file must not make signing allocate more.
_MAX_SCRYPT_BYTES: Final = 1024 * 1024 * 1024


def _check_identity_values(identity: IdentityFileV1) -> None:
    public_raw = _decoded(identity.public_key, 32, "public_key")
    sealed = identity.private_key
    _decoded(sealed.salt, None, "private_key.salt")
    _decoded(sealed.nonce, 12, "private_key.nonce")
    _decoded(sealed.ciphertext, 32 + 16, "private_key.ciphertext")
    if 128 * sealed.r * 2**sealed.log2_n > _MAX_SCRYPT_BYTES:
        raise ValueError("private_key asks scrypt for more than 1 GiB of memory")
    if fingerprint(public_raw) != identity.key_fingerprint:
        raise ValueError("its fingerprint does not match its public key")


def load_identity(path: Path, *, within: Path | None = None) -> IdentityFileV1:
    """Read one identity file; :class:`IdentityError` (one sentence) for any problem.

    Only a regular file is read, size-checked first (``within``: the folder a link must stay
    in); base64 fields are decoded and their lengths checked here, so nothing later trips on
    a damaged value.
    """
    try:
        raw = read_json_file(path, within=within)
    except RecordFormatError as exc:
        raise IdentityError(f"Identity file {path.name} is unusable: {exc}.") from None
    if not isinstance(raw, dict) or raw.get("format") != IDENTITY_FORMAT:
        raise IdentityError(f"{path.name} is not an nkscreen identity file.")
    try:
        identity = IdentityFileV1.model_validate(raw)
    except ValidationError as exc:
        raise IdentityError(
            f"Identity file {path.name} is malformed ({exc.error_count()} errors)."
        ) from None
    try:
        _check_identity_values(identity)
    except ValueError as exc:
        raise IdentityError(f"Identity file {path.name} is damaged: {exc}.") from None
    return identity


def list_identities(folder: Path) -> list[IdentityFileV1]:
    """Readable identities, sorted by user id; unreadable files are skipped here."""
    return scan_identities(folder)[0]


def scan_identities(folder: Path) -> tuple[list[IdentityFileV1], list[str]]:
    """Readable identities sorted by user id, and one sentence per file that is not one."""
    found, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found.append(load_identity(path, within=folder))
        except IdentityError as exc:
            problems.append(str(exc))
    return found, problems


def unlock(identity: IdentityFileV1, passphrase: str) -> UnlockedIdentity:
    """Open the private key; :class:`WrongPassphraseError` if the passphrase is not its own."""
    sealed = identity.private_key
    public_raw = b64decode(identity.public_key)
    key = _derive(passphrase, b64decode(sealed.salt), sealed.log2_n, sealed.r, sealed.p)
    try:
        private_raw = AESGCM(key).decrypt(
            b64decode(sealed.nonce),
            b64decode(sealed.ciphertext),
            _aad(identity.user_id, public_raw),
        )
    except InvalidTag:
        raise WrongPassphraseError(identity.user_id) from None
    private_key = Ed25519PrivateKey.from_private_bytes(private_raw)
    if private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) != public_raw:
        raise IdentityError(f"Identity {identity.user_id} is damaged: its key halves do not match.")
    return UnlockedIdentity(identity.public, private_key)


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(raw)


# ---------------------------------------------------------------- trusted signers


def empty_trusted() -> TrustedSignersV1:
    return TrustedSignersV1(schema_version=1, format="nkscreen-trusted-signers", signers=[])


def load_trusted(path: Path) -> TrustedSignersV1:
    """The site's trusted signers; a missing file means nobody is trusted yet.

    Any problem (not a regular file, too large, not JSON, a damaged key) raises
    :class:`IdentityError` naming the file and, for a damaged entry, the signer.
    """
    try:
        raw = read_json_file(path, within=path.parent)
    except RecordFormatError as exc:
        if not path.exists() and not path.is_symlink():
            return empty_trusted()
        raise IdentityError(f"The trusted signers list {path} is unusable: {exc}.") from None
    if not isinstance(raw, dict) or raw.get("format") != TRUSTED_FORMAT:
        raise IdentityError(f"{path} is not an nkscreen trusted signers list.")
    try:
        trusted = TrustedSignersV1.model_validate(raw)
    except ValidationError as exc:
        raise IdentityError(
            f"The trusted signers list {path} is unusable: {_describe_errors(exc)}."
        ) from None
    for index, signer in enumerate(trusted.signers):
        try:
            public_raw = _decoded(signer.public_key, 32, f"signers[{index}].public_key")
        except ValueError as exc:
            raise IdentityError(
                f"The trusted signers list {path} is damaged: {exc} ({signer.user_id})."
            ) from None
        if fingerprint(public_raw) != signer.key_fingerprint:
            raise IdentityError(
                f"The trusted signers list {path} is damaged: the fingerprint of "
                f"{signer.user_id} does not match its key."
            )
    return trusted


def _describe_errors(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(p) for p in first["loc"]) or "file"
    more = exc.error_count() - 1
    return f"{clip(where, 80)}: {clip(first['msg'], 120)}" + (f" (and {more} more)" if more else "")


def add_trusted(path: Path, signer: TrustedSigner) -> bool:
    """Trust ``signer``'s key at this site; return False if it already was."""
    trusted = load_trusted(path)
    if any(s.key_fingerprint == signer.key_fingerprint for s in trusted.signers):
        return False
    updated = trusted.model_copy(update={"signers": [*trusted.signers, signer]})
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    atomic_write(path, dumps_document(updated.model_dump(mode="json")))
    return True


def remove_trusted(path: Path, key_fingerprint: str) -> bool:
    """Stop trusting a key at this site; return False if it was not trusted."""
    trusted = load_trusted(path)
    kept = [s for s in trusted.signers if s.key_fingerprint != key_fingerprint]
    if len(kept) == len(trusted.signers):
        return False
    updated = trusted.model_copy(update={"signers": kept})
    atomic_write(path, dumps_document(updated.model_dump(mode="json")))
    return True


def read_public_key_file(path: Path) -> TrustedSigner:
    """A public key exported with ``nkscreen identity export``, checked against its fingerprint.

    Raises :class:`IdentityError` with a sentence for the user.
    """
    try:
        raw = read_json_file(path)
        signer = TrustedSigner.model_validate(raw)
        public_raw = _decoded(signer.public_key, 32, "public_key")
    except RecordFormatError as exc:
        raise IdentityError(f"{path}: {exc}") from None
    except ValidationError as exc:
        raise IdentityError(f"{path} is not a usable public key: {_describe_errors(exc)}") from None
    except ValueError as exc:
        raise IdentityError(f"{path} is not a usable public key: {exc}") from None
    if fingerprint(public_raw) != signer.key_fingerprint:
        raise IdentityError(f"{path} is not a usable public key: the fingerprint does not match")
    return signer
