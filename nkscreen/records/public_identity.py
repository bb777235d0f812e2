"""Public identities as ``nkscreen identity export`` writes them: a person's name, user id,
role and public key, self-signed, for another site to trust (``identity trust FILE``).

A file whose name, user id or role no longer matches its key's self-signature is refused:
nobody can pass off a colleague's key under their own name.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import ValidationError

from nkscreen.records import texts_identity as _texts  # noqa: F401  (registers the sentences)
from nkscreen.records.identity import (
    PUBLIC_FIELDS,
    PUBLIC_IDENTITY_FORMAT,
    IdentityError,
    IdentityFile,
    PublicIdentity,
    StrictModel,
    UserId,
    first_error,
    public_key_of,
    self_signature_holds,
)
from nkscreen.records.model import (
    Base64,
    NonEmpty,
    RecordFormatError,
    Sha256Hex,
    Timestamp,
    dumps_document,
    read_json_file,
)
from nkscreen.records.reasons import RecordSentence as S
from nkscreen.sentences import said


class PublicIdentityFile(StrictModel):
    """What ``nkscreen identity export`` writes: the public part and its self-signature."""

    schema_version: Literal[1]
    format: Literal["nkscreen-public-identity"]
    name: NonEmpty
    user_id: UserId
    role: NonEmpty
    created_at: Timestamp
    public_key: Base64
    key_fingerprint: Sha256Hex
    self_signature: Base64


def export_public_identity(identity: IdentityFile) -> bytes:
    """The public-identity file of ``identity`` (needs its self-signature: not legacy)."""
    if identity.self_signature is None:
        raise IdentityError(S("public.legacy", user_id=identity.user_id))
    document = {
        "schema_version": 1,
        "format": PUBLIC_IDENTITY_FORMAT,
        **identity.model_dump(mode="json", include=set(PUBLIC_FIELDS)),
        "self_signature": identity.self_signature,
    }
    if not self_signature_holds(document):  # a timestamp not written the way nkscreen writes it
        raise IdentityError(S("public.not_exportable", user_id=identity.user_id))
    return dumps_document(document)


def read_public_identity(path: Path) -> PublicIdentity:
    """A public identity exported with ``nkscreen identity export``, checked against its key.

    Raises :class:`IdentityError` with a sentence for the user.
    """
    try:
        raw = read_json_file(path)  # named by the user: a link anywhere, to a regular file
    except RecordFormatError as exc:
        raise IdentityError(S("public.unusable", path=str(path), reason=said(exc))) from None
    if not isinstance(raw, dict) or raw.get("format") != PUBLIC_IDENTITY_FORMAT:
        old = isinstance(raw, dict) and "self_signature" not in raw and "public_key" in raw
        raise IdentityError(S("public.old_export" if old else "public.not_public", path=str(path)))
    try:
        document = PublicIdentityFile.model_validate(raw)
    except ValidationError as exc:
        raise IdentityError(S("public.unusable", path=str(path), reason=first_error(exc))) from None
    public_raw = public_key_of(raw, str(path))
    if not self_signature_holds(raw):
        raise IdentityError(S("public.changed", path=str(path)))
    return PublicIdentity(document.name, document.user_id, document.role, public_raw)


__all__ = ["PublicIdentityFile", "export_public_identity", "read_public_identity"]
