"""Public keys as nkscreen files carry them: base64 text, sha256 fingerprints, user ids.

Without pydantic, and with only cryptography's Ed25519 module when a key is used: the records
list and the trusted signers list are checked with these at start-up (see
:mod:`nkscreen.records.trust_plain`); :mod:`nkscreen.records.identity` re-exports them.
"""

from __future__ import annotations

import base64
import re
from typing import TYPE_CHECKING, Final

from nkscreen.core.digest import sha256_hex
from nkscreen.records import texts_identity as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.reasons import RecordSentence as S

if TYPE_CHECKING:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

#: A user id names a file in ``identities/``: a plain name, never a path.
_USER_ID_RE: Final = re.compile(r"^[A-Za-z0-9_@-][A-Za-z0-9._@-]{0,63}$")
#: Names Windows reserves for devices, with or without an extension (``CON.json`` is a device).
_WINDOWS_DEVICES: Final = frozenset(
    ["CON", "PRN", "AUX", "NUL"]
    + [f"COM{i}" for i in range(1, 10)]
    + [f"LPT{i}" for i in range(1, 10)]
)


def user_id_problem(user_id: str) -> str | None:
    """Why ``user_id`` is not a plain name usable as a file name, or None if it is."""
    if not _USER_ID_RE.match(user_id) or user_id.split(".")[0].upper() in _WINDOWS_DEVICES:
        return S("identity.bad_user_id", user_id=repr(user_id))
    return None


def b64encode(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def b64decode(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(raw_public_key: bytes) -> str:
    """sha256 of the 32 raw public-key bytes, hex: short enough to read out over the phone.

    CPython's own sha256 (:mod:`nkscreen.core.digest`): the same digest, without mapping
    OpenSSL's libcrypto into the process for it."""
    return sha256_hex(raw_public_key)


def format_fingerprint(fp: str) -> str:
    """Groups of four for display: ``1a2b 3c4d ...``."""
    return " ".join(fp[i : i + 4] for i in range(0, len(fp), 4))


def short_key(fp: str) -> str:
    """The first four groups of a fingerprint, as lists and reasons show a key."""
    return format_fingerprint(fp[:16]) + "..."


def public_key_from_raw(raw: bytes) -> Ed25519PublicKey:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

    return Ed25519PublicKey.from_public_bytes(raw)


__all__ = [
    "b64decode",
    "b64encode",
    "fingerprint",
    "format_fingerprint",
    "public_key_from_raw",
    "short_key",
    "user_id_problem",
]
