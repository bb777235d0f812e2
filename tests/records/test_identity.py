"""Signing identities: sealed private keys, passphrase rules, trusted signers."""

from __future__ import annotations

import base64
import hashlib
import json
import stat
from pathlib import Path

import pytest

from nkscreen.records import identity as identity_module
from nkscreen.records.identity import (
    IdentityError,
    WrongPassphraseError,
    add_trusted,
    create_identity,
    list_identities,
    load_identity,
    load_trusted,
    unlock,
)
from tests.records.helpers import PASSPHRASE


def _create(folder: Path, user_id: str = "liwei", passphrase: str = PASSPHRASE) -> Path:
    return create_identity(
        folder, name="Dr Li Wei", role="investigator", user_id=user_id, passphrase=passphrase
    )


def test_created_identity_unlocks_and_signs(tmp_path: Path) -> None:
    path = _create(tmp_path / "ids")
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    identity = load_identity(path)
    public_raw = base64.b64decode(identity.public_key)
    assert identity.key_fingerprint == hashlib.sha256(public_raw).hexdigest()
    assert identity.private_key.kdf == "scrypt"
    assert identity.private_key.cipher == "AES-256-GCM"
    unlocked = unlock(identity, PASSPHRASE)
    signature = unlocked.sign(b"payload")
    identity_module.public_key_from_raw(public_raw).verify(signature, b"payload")


def test_production_kdf_cost_works(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # conftest lowers the cost for speed; this one test pays the real price (about 1 s) to
    # prove the shipped parameters, 128 MiB of scrypt memory included, work end to end.
    assert identity_module.DEFAULT_SCRYPT_LOG2_N == 17
    assert (identity_module.SCRYPT_R, identity_module.SCRYPT_P) == (8, 1)
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", identity_module.DEFAULT_SCRYPT_LOG2_N)
    identity = load_identity(_create(tmp_path))
    assert identity.private_key.log2_n == 17
    unlock(identity, PASSPHRASE)


def test_wrong_passphrase_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    identity = load_identity(_create(tmp_path))
    with pytest.raises(WrongPassphraseError) as info:
        unlock(identity, "not the right one")
    assert str(info.value) == "Wrong passphrase for identity liwei: nothing was written."


def test_passphrase_is_unicode_normalised(tmp_path: Path) -> None:
    composed = "café-au-lait-42"
    decomposed = "cafe\u0301-au-lait-42"
    identity = load_identity(_create(tmp_path, passphrase=composed))
    unlock(identity, decomposed)


def test_short_passphrase_is_refused_and_nothing_written(tmp_path: Path) -> None:
    with pytest.raises(IdentityError, match="at least 10 characters"):
        _create(tmp_path / "ids", passphrase="short")
    assert not (tmp_path / "ids").exists()


@pytest.mark.parametrize("user_id", ["", "../evil", ".hidden", "a b", "x" * 65])
def test_unsafe_user_ids_are_refused(tmp_path: Path, user_id: str) -> None:
    with pytest.raises(IdentityError, match="user id"):
        _create(tmp_path, user_id=user_id)


def test_existing_identity_is_never_replaced(tmp_path: Path) -> None:
    path = _create(tmp_path)
    before = path.read_bytes()
    with pytest.raises(IdentityError, match="already exists"):
        _create(tmp_path)
    assert path.read_bytes() == before


def test_private_key_is_not_stored_in_clear(tmp_path: Path) -> None:
    path = _create(tmp_path)
    unlocked = unlock(load_identity(path), PASSPHRASE)
    from cryptography.hazmat.primitives.serialization import (
        Encoding,
        NoEncryption,
        PrivateFormat,
    )

    raw = unlocked._private_key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    text = path.read_bytes()
    assert raw not in text
    assert base64.b64encode(raw) not in text
    assert raw.hex().encode() not in text


def test_sealed_key_cannot_be_moved_to_another_identity(tmp_path: Path) -> None:
    a = load_identity(_create(tmp_path, "alice"))
    b = load_identity(_create(tmp_path, "bob"))
    forged = b.model_copy(update={"private_key": a.private_key})
    with pytest.raises(WrongPassphraseError):
        unlock(forged, PASSPHRASE)


def test_damaged_identity_file_is_reported(tmp_path: Path) -> None:
    path = _create(tmp_path)
    data = json.loads(path.read_text())
    data["key_fingerprint"] = "0" * 64
    path.write_text(json.dumps(data))
    with pytest.raises(IdentityError, match="damaged"):
        load_identity(path)
    (tmp_path / "junk.json").write_text("{")
    assert list_identities(tmp_path) == []


def test_trusted_signers_list(tmp_path: Path) -> None:
    trusted_path = tmp_path / "trusted-signers.json"
    assert load_trusted(trusted_path).signers == []
    identity = load_identity(_create(tmp_path / "ids"))
    assert add_trusted(trusted_path, identity.public.as_trusted()) is True
    assert add_trusted(trusted_path, identity.public.as_trusted()) is False
    trusted = load_trusted(trusted_path)
    assert [s.user_id for s in trusted.signers] == ["liwei"]
    assert identity.key_fingerprint in trusted.by_fingerprint()


def test_damaged_trusted_list_is_an_error_not_trust(tmp_path: Path) -> None:
    trusted_path = tmp_path / "trusted-signers.json"
    identity = load_identity(_create(tmp_path / "ids"))
    add_trusted(trusted_path, identity.public.as_trusted())
    data = json.loads(trusted_path.read_text())
    data["signers"][0]["key_fingerprint"] = "f" * 64
    trusted_path.write_text(json.dumps(data))
    with pytest.raises(IdentityError, match="damaged"):
        load_trusted(trusted_path)
    trusted_path.write_text("[1, 2")
    with pytest.raises(IdentityError, match="unusable"):
        load_trusted(trusted_path)
