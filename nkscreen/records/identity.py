"""Signing identities: one Ed25519 key pair per person, the private half sealed by a passphrase.

21 CFR 11.200 wants two distinct components for a signature (who you are and something only
you know): the identity file says who, and its private key only opens with the person's
passphrase. PKCS#8's "best available" encryption is PBKDF2 with 2048 iterations, far too cheap
to resist guessing, so the key is sealed here with scrypt (memory-hard) and AES-256-GCM, whose
authentication tag also tells a wrong passphrase apart from a right one.

The encryption covers only the private key, so the printed name, user id and role are bound to
the key another way: the file's public part is signed by its own key (the *self-signature*),
and a file whose name or role was edited afterwards is refused. Files written before that
(``schema_version`` 1) carry no self-signature; they still open, and get one the next time
their passphrase is typed, because only the key holder can make it (see
:func:`unlock_identity`). What a site vouches for is decided elsewhere: the administrator's
signed list of trusted signers (:mod:`nkscreen.records.trust`).
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, Final, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from nkscreen.paths import ensure_dir
from nkscreen.records import texts_identity as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.atomic import atomic_write
from nkscreen.records.canonical import CanonicalizationError, canonical_bytes

# Re-exported: the public-key helpers live in a module without pydantic (start-up uses them).
from nkscreen.records.keys import b64decode as b64decode
from nkscreen.records.keys import b64encode as b64encode
from nkscreen.records.keys import fingerprint as fingerprint
from nkscreen.records.keys import format_fingerprint as format_fingerprint
from nkscreen.records.keys import public_key_from_raw as public_key_from_raw
from nkscreen.records.keys import user_id_problem as user_id_problem
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
from nkscreen.records.reasons import RecordSentence as S
from nkscreen.sentences import Sentence, said

# cryptography is imported where a key is used (a tenth of the start-up time otherwise).
if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import (
        Ed25519PrivateKey,
    )

#: scrypt cost as log2(N): 2**17 with r=8 takes about 0.5 s and 128 MiB, which makes guessing
#: slow on a stolen laptop. Tests lower it; the cost used is stored in each key file.
DEFAULT_SCRYPT_LOG2_N: Final = 17
SCRYPT_LOG2_N: int = DEFAULT_SCRYPT_LOG2_N
SCRYPT_R: Final = 8
SCRYPT_P: Final = 1
MIN_PASSPHRASE_LENGTH: Final = 10

IDENTITY_FORMAT: Final = "nkscreen-identity"
PUBLIC_IDENTITY_FORMAT: Final = "nkscreen-public-identity"
#: Identity files written now; version 1 files (no self-signature) are still read.
IDENTITY_SCHEMA_VERSION: Final = 2
#: Domain separation: a self-signature can never be mistaken for a record or list signature.
SELF_SIGNATURE_PURPOSE: Final = "nkscreen identity: name, user id and role of this key, version 1"
#: The fields the self-signature covers, in an identity file and in an exported public identity.
PUBLIC_FIELDS: Final = ("name", "user_id", "role", "created_at", "public_key", "key_fingerprint")


class IdentityError(Exception):
    """A problem with an identity; ``str()`` is a sentence for the user."""


class WrongPassphraseError(IdentityError):
    def __init__(self, user_id: str) -> None:
        self.user_id = user_id
        super().__init__(S("identity.wrong_passphrase", user_id=user_id))


def check_user_id(user_id: str) -> None:
    problem = user_id_problem(user_id)
    if problem:
        raise IdentityError(problem)


def _valid_user_id(value: str) -> str:
    problem = user_id_problem(value)
    if problem:
        raise ValueError(problem)
    return value


UserId = Annotated[str, AfterValidator(_valid_user_id)]


class StrictModel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)  # built when used


class EncryptedKey(StrictModel):
    kdf: Literal["scrypt"]
    log2_n: Annotated[int, Field(ge=10, le=22)]
    r: Annotated[int, Field(ge=1, le=32)]
    p: Annotated[int, Field(ge=1, le=16)]
    salt: Base64
    cipher: Literal["AES-256-GCM"]
    nonce: Base64
    ciphertext: Base64


class IdentityFile(StrictModel):
    """``identities/<user id>.json``: version 2 carries a self-signature, version 1 does not."""

    schema_version: Literal[1, 2]
    format: Literal["nkscreen-identity"]
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    created_at: Timestamp
    public_key: Base64
    key_fingerprint: Sha256Hex
    self_signature: Base64 | None = None
    private_key: EncryptedKey

    @model_validator(mode="after")
    def _self_signature_matches_version(self) -> IdentityFile:
        if (self.schema_version >= 2) != (self.self_signature is not None):
            raise ValueError("version 2 identity files, and only they, carry a self_signature")
        return self

    @property
    def legacy(self) -> bool:
        """Written by an older nkscreen: its name and role are not yet bound to its key."""
        return self.self_signature is None

    @property
    def public(self) -> PublicIdentity:
        return PublicIdentity(self.name, self.user_id, self.role, b64decode(self.public_key))


@dataclass(frozen=True)
class PublicIdentity:
    name: str
    user_id: str
    role: str
    public_key: bytes

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public_key)

    def describe(self) -> str:
        return (
            f"{self.name} ({self.user_id}, {self.role}), key {format_fingerprint(self.fingerprint)}"
        )


class UnlockedIdentity:
    """An identity whose private key is in memory; keep it only for one signing."""

    def __init__(self, public: PublicIdentity, private_key: Ed25519PrivateKey) -> None:
        self.public = public
        self._private_key = private_key

    def sign(self, payload: bytes) -> bytes:
        return self._private_key.sign(payload)


def check_passphrase(passphrase: str) -> None:
    """A new passphrase: at least 10 characters, and not only spaces or other blanks."""
    if len(passphrase) < MIN_PASSPHRASE_LENGTH or not passphrase.strip():
        raise IdentityError(S("identity.short_passphrase", length=MIN_PASSPHRASE_LENGTH))


def _passphrase_bytes(passphrase: str) -> bytes:
    # The same passphrase typed on another keyboard or system may arrive decomposed.
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def _derive(passphrase: str, salt: bytes, log2_n: int, r: int, p: int) -> bytes:
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=32, n=2**log2_n, r=r, p=p).derive(_passphrase_bytes(passphrase))


def _aad(user_id: str, public_key: bytes) -> bytes:
    # Binds the sealed key to its identity: pasting it into another person's file fails.
    return b"nkscreen-identity-v1\x00" + user_id.encode("utf-8") + b"\x00" + public_key


# ---------------------------------------------------------------- self-signature


def self_signature_payload(document: Mapping[str, Any]) -> bytes:
    """The bytes a self-signature signs: the public fields of ``document`` as JSON values.

    Raises :class:`CanonicalizationError` for text canonical JSON cannot carry.
    """
    public = {key: document[key] for key in PUBLIC_FIELDS}
    return canonical_bytes({"purpose": SELF_SIGNATURE_PURPOSE, "identity": public})


def self_signature_holds(document: Mapping[str, Any]) -> bool:
    """Whether ``document`` (an identity or public identity file as read) signs itself."""
    from cryptography.exceptions import InvalidSignature
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public_raw = b64decode(str(document["public_key"]))
        value = b64decode(str(document["self_signature"]))
        payload = self_signature_payload(document)
        Ed25519PublicKey.from_public_bytes(public_raw).verify(value, payload)
    except (KeyError, ValueError, InvalidSignature, CanonicalizationError):
        return False
    return True


def _public_document(
    public: PublicIdentity, created_at: str, sign: Callable[[bytes], bytes]
) -> dict[str, Any]:
    """The public fields as JSON values, with their self-signature made by ``sign``."""
    document: dict[str, Any] = {
        "name": public.name,
        "user_id": public.user_id,
        "role": public.role,
        "created_at": created_at,
        "public_key": b64encode(public.public_key),
        "key_fingerprint": public.fingerprint,
    }
    document["self_signature"] = b64encode(sign(self_signature_payload(document)))
    return document


def _identity_document(
    public: dict[str, Any], private_key: EncryptedKey | dict[str, Any]
) -> dict[str, Any]:
    sealed = private_key.model_dump() if isinstance(private_key, EncryptedKey) else private_key
    return {
        "schema_version": IDENTITY_SCHEMA_VERSION,
        "format": IDENTITY_FORMAT,
        **public,
        "private_key": sealed,
    }


# ---------------------------------------------------------------- identity files


def identity_path(folder: Path, user_id: str) -> Path:
    """``folder/<user id>.json``; refuses a user id that is not a plain name."""
    check_user_id(user_id)
    return folder / f"{user_id}.json"


def create_identity(folder: Path, *, name: str, role: str, user_id: str, passphrase: str) -> Path:
    """Generate a key pair, seal it and save it; refuses to replace an existing identity."""
    name, role = name.strip(), role.strip()
    if not name or not role:
        raise IdentityError(S("identity.name_role"))
    check_user_id(user_id)
    check_passphrase(passphrase)
    path = identity_path(folder, user_id)
    if path.exists():
        raise IdentityError(S("identity.exists", user_id=user_id, folder=str(folder)))
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
        PublicFormat,
    )

    private_key = Ed25519PrivateKey.generate()
    public_raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    private_raw = private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    salt, nonce = os.urandom(16), os.urandom(12)
    key = _derive(passphrase, salt, SCRYPT_LOG2_N, SCRYPT_R, SCRYPT_P)
    sealed = AESGCM(key).encrypt(nonce, private_raw, _aad(user_id, public_raw))
    public = PublicIdentity(name, user_id, role, public_raw)
    created_at = utc_now().isoformat()
    document = _identity_document(
        _public_document(public, created_at, private_key.sign),
        EncryptedKey(
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
    try:
        IdentityFile.model_validate(document)
    except ValidationError as exc:
        raise IdentityError(S("identity.cannot_create", error=first_error(exc))) from None
    ensure_dir(folder)
    try:
        atomic_write(path, dumps_document(document), overwrite=False)
    except FileExistsError:
        raise IdentityError(S("identity.exists", user_id=user_id, folder=str(folder))) from None
    return path


def first_error(exc: ValidationError) -> str:
    error = exc.errors()[0]
    where = ".".join(str(part) for part in error["loc"]) or "the file"
    return f"{where}: {error['msg']}"


def public_key_of(document: Mapping[str, Any], where: str) -> bytes:
    """The raw public key, checked to be an Ed25519 key whose fingerprint is as stated."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    try:
        public_raw = b64decode(str(document["public_key"]))
        Ed25519PublicKey.from_public_bytes(public_raw)
    except ValueError:
        raise IdentityError(S("identity.key_unreadable", where=where)) from None
    if fingerprint(public_raw) != document["key_fingerprint"]:
        raise IdentityError(S("identity.fingerprint", where=where))
    return public_raw


#: scrypt needs 128 * r * 2**log2_n bytes: a key file must not make signing allocate more.
_MAX_SCRYPT_BYTES: Final = 1024 * 1024 * 1024


def _sealed_key_problem(sealed: EncryptedKey) -> str | None:
    """What is wrong with the sealed private key's values, checked before any use of them."""
    expected = {"salt": None, "nonce": 12, "ciphertext": 32 + 16}  # Ed25519 key + GCM tag
    for name, length in expected.items():
        try:
            raw = b64decode(getattr(sealed, name))
        except ValueError:
            return f"private_key.{name} is not valid base64"
        if length is not None and len(raw) != length:
            return f"private_key.{name} has {len(raw)} bytes instead of {length}"
    if 128 * sealed.r * 2**sealed.log2_n > _MAX_SCRYPT_BYTES:
        return "private_key asks scrypt for more than 1 GiB of memory"
    return None


def load_identity(path: Path, *, within: Path | None = None) -> IdentityFile:
    """Read an identity file; refuse it if its name, user id or role no longer match its key.

    Only a regular file is read, its size checked first (``within``: the folder a link must
    stay in); every base64 value is checked here, so nothing later trips on a damaged one.
    """
    try:
        raw = read_json_file(path, within=within)
    except RecordFormatError as exc:
        raise IdentityError(S("identity.unusable", name=path.name, reason=said(exc))) from None
    if not isinstance(raw, dict) or raw.get("format") != IDENTITY_FORMAT:
        raise IdentityError(S("identity.not_identity", name=path.name))
    if isinstance(raw.get("schema_version"), int) and raw["schema_version"] > 2:
        raise IdentityError(S("identity.newer", name=path.name))
    try:
        identity = IdentityFile.model_validate(raw)
    except ValidationError as exc:
        raise IdentityError(
            S("identity.malformed", name=path.name, error=first_error(exc))
        ) from None
    public_key_of(raw, S("identity.file", name=path.name))
    problem = _sealed_key_problem(identity.private_key)
    if problem is not None:
        raise IdentityError(S("identity.damaged", name=path.name, problem=problem))
    if not identity.legacy and not self_signature_holds(raw):
        raise IdentityError(S("identity.changed", path=str(path)))
    return identity


def find_identity(folder: Path, user_id: str) -> IdentityFile:
    """The identity of ``user_id`` in ``folder`` (a plain user id, never a path)."""
    path = identity_path(folder, user_id)
    if not path.exists():
        raise IdentityError(S("identity.none", user_id=user_id, folder=str(folder)))
    identity = load_identity(path, within=folder)
    if identity.user_id != user_id:
        raise IdentityError(
            S("identity.other_user", path=str(path), found=identity.user_id, user_id=user_id)
        )
    return identity


def scan_identities(folder: Path) -> tuple[list[IdentityFile], list[str]]:
    """Readable identities sorted by user id, and one sentence per file that was skipped."""
    found, problems = [], []
    for path in sorted(folder.glob("*.json")) if folder.is_dir() else []:
        try:
            found.append(load_identity(path, within=folder))
        except IdentityError as exc:
            problems.append(said(exc))
    return found, problems


def list_identities(folder: Path) -> list[IdentityFile]:
    """Readable identities, sorted by user id (see :func:`scan_identities` for the others)."""
    return scan_identities(folder)[0]


def unlock(identity: IdentityFile, passphrase: str) -> UnlockedIdentity:
    """Open the private key; :class:`WrongPassphraseError` if the passphrase is not its own."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    sealed = identity.private_key
    try:
        public_raw = b64decode(identity.public_key)
        salt, nonce = b64decode(sealed.salt), b64decode(sealed.nonce)
        ciphertext = b64decode(sealed.ciphertext)
    except ValueError:
        raise IdentityError(S("identity.not_readable", user_id=identity.user_id)) from None
    key = _derive(passphrase, salt, sealed.log2_n, sealed.r, sealed.p)
    try:
        private_raw = AESGCM(key).decrypt(nonce, ciphertext, _aad(identity.user_id, public_raw))
    except InvalidTag:
        raise WrongPassphraseError(identity.user_id) from None
    try:
        private_key = Ed25519PrivateKey.from_private_bytes(private_raw)
    except ValueError:
        raise IdentityError(S("identity.not_readable", user_id=identity.user_id)) from None
    if private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw) != public_raw:
        raise IdentityError(S("identity.halves", user_id=identity.user_id))
    return UnlockedIdentity(identity.public, private_key)


def add_self_signature(
    path: Path, identity: IdentityFile, unlocked: UnlockedIdentity
) -> IdentityFile:
    """Rewrite a version 1 identity file as version 2, signed by its own (unlocked) key.

    Only the key holder can do this, with the name and role they were just shown; the sealed
    private key is kept byte for byte. Raises :class:`IdentityError` if the file cannot be
    written (the old file is then untouched).
    """
    if unlocked.public.public_key != b64decode(identity.public_key):
        raise IdentityError(S("identity.other_key", user_id=identity.user_id))
    document = _identity_document(
        _public_document(identity.public, identity.created_at.isoformat(), unlocked.sign),
        identity.private_key,
    )
    try:
        atomic_write(path, dumps_document(document))
    except OSError as exc:
        error = said(exc) if isinstance(exc.strerror, Sentence) else str(exc.strerror or exc)
        raise IdentityError(S("identity.not_updated", path=str(path), error=error)) from None
    return IdentityFile.model_validate(document)


def unlock_identity(folder: Path, identity: IdentityFile, passphrase: str) -> UnlockedIdentity:
    """:func:`unlock`, then give a version 1 file its self-signature (see the module notes).

    Used wherever a person types their passphrase (signing, the administrator's changes,
    export), so old files are brought up to date by the only one who can.
    """
    unlocked = unlock(identity, passphrase)
    if identity.legacy:
        add_self_signature(identity_path(folder, identity.user_id), identity, unlocked)
    return unlocked
