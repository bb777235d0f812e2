"""A trusted signers list as nkscreen writes it, checked without pydantic (a site's every start).

The records list at start-up needs only which keys the site trusts, under which name, user id
and role. :func:`plain_trusted_keys` gives them for a list exactly as nkscreen writes it, after
checking it in full: its shape (the schema of :class:`~nkscreen.records.trust.TrustedSignersV2`,
held strictly), every key against its fingerprint, and the administrator's Ed25519 signature
over the list, with cryptography, every time: nothing "already verified" is remembered, since
whoever can write a cache beside the list could forge trust with it. For anything else (no
list, an older, damaged, changed or merely unusual one) it returns None, and the caller reads
the list with :func:`~nkscreen.records.trust.load_trusted`, which says what is wrong. So it
only ever *accepts less* than ``load_trusted``, with the same entries (a test holds the two
together on valid, odd and hostile lists, each signed again so that the signature is not what
refuses them).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, Final

from nkscreen.plain_json import NotPlainError, plain_document
from nkscreen.records.canonical import CanonicalizationError, canonical_bytes
from nkscreen.records.keys import b64decode, fingerprint, public_key_from_raw, user_id_problem
from nkscreen.safe_files import (
    MAX_DOCUMENT_BYTES,
    FileRefusedError,
    read_document,
)

TRUSTED_FORMAT: Final = "nkscreen-trusted-signers"
#: Domain separation: a list signature can never pass for a record or identity signature.
TRUST_PURPOSE: Final = "nkscreen trusted signers list, version 2"

_LIST_KEYS: Final = frozenset(
    ("schema_version", "format", "administrator", "signers", "signed_at", "signature")
)
_ADMIN_KEYS: Final = frozenset(("name", "user_id", "role", "public_key", "key_fingerprint"))
_SIGNER_KEYS: Final = frozenset(
    ("key_fingerprint", "public_key", "name", "user_id", "role", "added_at")
)
# The schema's string types (nkscreen.records.model), as full matches.
_SHA256_HEX: Final = re.compile(r"[0-9a-f]{64}")
_BASE64: Final = re.compile(r"[A-Za-z0-9+/]+={0,2}")
_NON_EMPTY_MAX: Final = 200
#: A time as nkscreen writes it (``utc_now().isoformat()``): UTC, whole seconds or microseconds.
_UTC_TIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]{1,6})?\+00:00"
)


@dataclass(frozen=True, slots=True)
class PlainSigner:
    """One key the administrator's signed list vouches for (see vouching.SignerEntry)."""

    key_fingerprint: str
    name: str
    user_id: str
    role: str


def list_payload(document: Mapping[str, Any]) -> bytes:
    """The bytes the administrator signs: the list as JSON values, without its signature.

    Raises :class:`CanonicalizationError` for text canonical JSON cannot carry.
    """
    unsigned = {key: value for key, value in document.items() if key != "signature"}
    return canonical_bytes({"purpose": TRUST_PURPOSE, "list": unsigned})


def _exactly(value: object, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or value.keys() != keys:
        raise NotPlainError
    return value


def _matching(value: object, pattern: re.Pattern[str]) -> str:
    if type(value) is not str or not pattern.fullmatch(value):
        raise NotPlainError
    return value


def _non_empty(value: object) -> str:
    if type(value) is not str or not 1 <= len(value) <= _NON_EMPTY_MAX:
        raise NotPlainError
    return value


def _user_id(value: object) -> str:
    if type(value) is not str or user_id_problem(value) is not None:
        raise NotPlainError
    return value


def _utc_time(value: object) -> None:
    datetime.fromisoformat(_matching(value, _UTC_TIME))  # ValueError for 2026-02-30


def _key_holds(entry: Mapping[str, Any]) -> None:
    """The entry's key is an Ed25519 public key with the entry's fingerprint."""
    raw = b64decode(_matching(entry["public_key"], _BASE64))
    public_key_from_raw(raw)  # ValueError: not a key
    if fingerprint(raw) != _matching(entry["key_fingerprint"], _SHA256_HEX):
        raise NotPlainError


def _person(entry: Mapping[str, Any]) -> PlainSigner:
    return PlainSigner(
        key_fingerprint=_matching(entry["key_fingerprint"], _SHA256_HEX),
        name=_non_empty(entry["name"]),
        user_id=_user_id(entry["user_id"]),
        role=_non_empty(entry["role"]),
    )


def _checked(document: object) -> dict[str, PlainSigner]:
    data = _exactly(document, _LIST_KEYS)
    version = data["schema_version"]
    if type(version) is not int or version != 2 or data["format"] != TRUSTED_FORMAT:
        raise NotPlainError
    admin = _exactly(data["administrator"], _ADMIN_KEYS)
    _person(admin)
    _utc_time(data["signed_at"])
    signature = b64decode(_matching(data["signature"], _BASE64))
    signers = data["signers"]
    if type(signers) is not list:
        raise NotPlainError
    trusted: dict[str, PlainSigner] = {}
    for entry in signers:
        signer = _person(_exactly(entry, _SIGNER_KEYS))
        _utc_time(entry["added_at"])
        if signer.key_fingerprint in trusted:  # a key listed twice
            raise NotPlainError
        trusted[signer.key_fingerprint] = signer
    _key_holds(admin)
    from cryptography.exceptions import InvalidSignature

    try:
        public_key_from_raw(b64decode(admin["public_key"])).verify(signature, list_payload(data))
    except InvalidSignature:
        raise NotPlainError from None
    for entry in signers:
        _key_holds(entry)
    return trusted


def plain_trusted_keys(path: Path) -> dict[str, PlainSigner] | None:
    """The keys the list at ``path`` trusts, by fingerprint, if it is a list as nkscreen writes
    it and its administrator's signature holds; None for anything else (then
    :func:`~nkscreen.records.trust.load_trusted` decides, and says what is wrong)."""
    try:
        data = read_document(path, limit=MAX_DOCUMENT_BYTES, within=path.parent)
        document = plain_document(data, max_int_digits=3)
        return _checked(document)
    except (NotPlainError, FileRefusedError, ValueError, RecursionError, CanonicalizationError):
        # ValueError: not UTF-8 or JSON, too deep, bad base64, not a key, not a date.
        return None


__all__ = ["TRUSTED_FORMAT", "TRUST_PURPOSE", "PlainSigner", "list_payload", "plain_trusted_keys"]
