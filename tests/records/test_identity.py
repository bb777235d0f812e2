"""Signing identities: sealed private keys, passphrase and user id rules, and the
self-signature that binds the printed name, user id and role to the key."""

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
    create_identity,
    find_identity,
    list_identities,
    load_identity,
    scan_identities,
    unlock,
    unlock_identity,
)
from nkscreen.records.public_identity import export_public_identity, read_public_identity
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


@pytest.mark.parametrize("passphrase", [" " * 10, "\t" * 12, " \u00a0" * 6, "\n" * 20])
def test_blank_passphrase_is_refused_and_nothing_written(tmp_path: Path, passphrase: str) -> None:
    with pytest.raises(IdentityError, match="not only spaces"):
        _create(tmp_path / "ids", passphrase=passphrase)
    assert not (tmp_path / "ids").exists()


def test_passphrase_with_spaces_inside_is_fine(tmp_path: Path) -> None:
    identity = load_identity(_create(tmp_path, passphrase="  a b c d e  "))
    unlock(identity, "  a b c d e  ")


BAD_USER_IDS = [
    "",
    "../evil",
    "../../x/identities/liwei",
    "a/b",
    "a\\b",
    ".",
    "..",
    ".hidden",
    "a b",
    "x" * 65,
    "CON",
    "nul.txt",
    "liwei\x00",
]


@pytest.mark.parametrize("user_id", BAD_USER_IDS)
def test_unsafe_user_ids_are_refused(tmp_path: Path, user_id: str) -> None:
    with pytest.raises(IdentityError, match="plain name"):
        _create(tmp_path, user_id=user_id)
    assert not any(tmp_path.rglob("*.json"))


@pytest.mark.parametrize("user_id", BAD_USER_IDS)
def test_picking_an_identity_by_path_is_refused(tmp_path: Path, user_id: str) -> None:
    # The attack: --user-id ../../x/identities/liwei read an identity outside identities/.
    outside = tmp_path / "x" / "identities"
    _create(outside)
    with pytest.raises(IdentityError, match="plain name"):
        find_identity(tmp_path / "data" / "identities", user_id)


def test_identity_under_another_file_name_is_refused(tmp_path: Path) -> None:
    path = _create(tmp_path, "bob")
    path.rename(tmp_path / "liwei.json")
    with pytest.raises(IdentityError, match="holds the identity of bob, not liwei"):
        find_identity(tmp_path, "liwei")
    with pytest.raises(IdentityError, match="no identity with user id carol"):
        find_identity(tmp_path, "carol")


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


# ---------------------------------------------------------------- self-signature


def _edit(path: Path, **changes: object) -> None:
    data = json.loads(path.read_text())
    data.update(changes)
    path.write_text(json.dumps(data, indent=2))


def _make_legacy(path: Path) -> None:
    """Turn a file into what nkscreen wrote before self-signatures (schema version 1)."""
    data = json.loads(path.read_text())
    del data["self_signature"]
    data["schema_version"] = 1
    path.write_text(json.dumps(data, indent=2))


def test_new_identity_file_is_self_signed(tmp_path: Path) -> None:
    path = _create(tmp_path)
    data = json.loads(path.read_text())
    assert data["schema_version"] == 2
    payload = identity_module.self_signature_payload(data)
    assert b'"name":"Dr Li Wei"' in payload
    assert b'"role":"investigator"' in payload
    identity_module.public_key_from_raw(base64.b64decode(data["public_key"])).verify(
        base64.b64decode(data["self_signature"]), payload
    )
    assert not load_identity(path).legacy


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "Prof Wang Chief"),
        ("role", "PI"),
        ("user_id", "wangchief"),
        ("created_at", "2020-01-01T00:00:00+00:00"),
    ],
)
def test_edited_name_or_role_is_refused(tmp_path: Path, field: str, value: str) -> None:
    # The attack: editing name/role (not covered by the encryption) and signing as someone else.
    path = _create(tmp_path)
    _edit(path, **{field: value})
    with pytest.raises(IdentityError) as info:
        load_identity(path)
    assert str(info.value) == (
        f"The identity file {path} was changed: its name, user id or role no longer match its key."
    )
    assert list_identities(tmp_path) == []
    assert scan_identities(tmp_path)[1] == [str(info.value)]


def test_removed_self_signature_is_refused(tmp_path: Path) -> None:
    path = _create(tmp_path)
    data = json.loads(path.read_text())
    del data["self_signature"]  # version 2 without it: not a legacy file, a damaged one
    path.write_text(json.dumps(data))
    with pytest.raises(IdentityError, match="malformed"):
        load_identity(path)


def test_self_signature_of_another_identity_is_refused(tmp_path: Path) -> None:
    a = _create(tmp_path, "alice")
    b = _create(tmp_path, "bob")
    _edit(b, self_signature=json.loads(a.read_text())["self_signature"])
    with pytest.raises(IdentityError, match="was changed"):
        load_identity(b)


@pytest.mark.parametrize("key", ["A", "AAAA", base64.b64encode(b"x" * 31).decode()])
def test_unreadable_public_key_is_a_sentence_not_a_traceback(tmp_path: Path, key: str) -> None:
    path = _create(tmp_path)
    _edit(path, public_key=key)
    with pytest.raises(IdentityError, match=r"liwei\.json"):
        load_identity(path)


def test_legacy_identity_gets_its_self_signature_at_the_next_unlock(tmp_path: Path) -> None:
    path = _create(tmp_path)
    sealed_before = json.loads(path.read_text())["private_key"]
    _make_legacy(path)
    legacy = load_identity(path)
    assert legacy.legacy
    with pytest.raises(WrongPassphraseError):
        unlock_identity(tmp_path, legacy, "not the passphrase")
    assert load_identity(path).legacy  # a wrong passphrase writes nothing
    unlocked = unlock_identity(tmp_path, legacy, PASSPHRASE)
    upgraded = load_identity(path)
    assert not upgraded.legacy
    assert json.loads(path.read_text())["private_key"] == sealed_before
    assert unlocked.public == upgraded.public
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    _edit(path, role="PI")  # and from now on an edit is caught
    with pytest.raises(IdentityError, match="was changed"):
        load_identity(path)


def test_legacy_identity_that_cannot_be_rewritten_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = _create(tmp_path)
    _make_legacy(path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(identity_module, "atomic_write", refuse)
    with pytest.raises(IdentityError, match="Could not update the identity file"):
        unlock_identity(tmp_path, load_identity(path), PASSPHRASE)
    assert path.read_bytes() == before


# ---------------------------------------------------------------- exported public identities


def test_public_identity_export_round_trip(tmp_path: Path) -> None:
    identity = load_identity(_create(tmp_path / "ids"))
    exported = tmp_path / "liwei.public.json"
    exported.write_bytes(export_public_identity(identity))
    data = json.loads(exported.read_text())
    assert data["format"] == "nkscreen-public-identity"
    assert "private_key" not in data
    assert read_public_identity(exported) == identity.public


def test_edited_public_identity_is_refused(tmp_path: Path) -> None:
    identity = load_identity(_create(tmp_path / "ids"))
    exported = tmp_path / "liwei.public.json"
    exported.write_bytes(export_public_identity(identity))
    _edit(exported, role="PI")
    with pytest.raises(IdentityError, match="was changed"):
        read_public_identity(exported)
    other = load_identity(_create(tmp_path / "ids", "bob"))
    exported.write_bytes(export_public_identity(identity))
    _edit(exported, public_key=other.public_key, key_fingerprint=other.key_fingerprint)
    with pytest.raises(IdentityError, match="was changed"):
        read_public_identity(exported)


def test_old_export_and_legacy_identity_need_a_fresh_export(tmp_path: Path) -> None:
    path = _create(tmp_path / "ids")
    identity = load_identity(path)
    old = tmp_path / "old.json"
    old.write_text(
        json.dumps(
            {
                "name": identity.name,
                "user_id": identity.user_id,
                "role": identity.role,
                "public_key": identity.public_key,
                "key_fingerprint": identity.key_fingerprint,
            }
        )
    )
    with pytest.raises(IdentityError, match="older nkscreen"):
        read_public_identity(old)
    _make_legacy(path)
    with pytest.raises(IdentityError, match="older nkscreen"):
        export_public_identity(load_identity(path))
