"""The site's trusted signers: signed by its administrator, trusting nobody when it cannot be
relied on, and changed only with the administrator's key."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from nkscreen import paths
from nkscreen.records.identity import (
    UnlockedIdentity,
    create_identity,
    load_identity,
)
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import RecordStore
from nkscreen.records.trust import (
    SiteTrust,
    TrustError,
    add_trusted,
    administrator_identity,
    is_legacy_list,
    legacy_signers,
    load_trusted,
    remove_trusted,
    setup_administrator,
    trust_first_identity,
    trust_state,
)
from tests.records.helpers import PASSPHRASE, signed_record, throwaway_identity

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def trusted_path(tmp_path: Path) -> Path:
    return tmp_path / "data" / "trusted-signers.json"


@pytest.fixture
def admin() -> UnlockedIdentity:
    return throwaway_identity(50, name="Dr Site Admin", user_id="admin", role="PI")


def test_missing_list_trusts_nobody_and_has_no_administrator(trusted_path: Path) -> None:
    trust = load_trusted(trusted_path)
    assert trust == SiteTrust()
    assert trust.administrator is None
    assert dict(trust.by_fingerprint()) == {}


def test_first_identity_of_a_new_folder_becomes_its_administrator(tmp_path: Path) -> None:
    trusted_path = tmp_path / "trusted-signers.json"
    first = load_identity(
        create_identity(
            tmp_path / "ids", name="Dr Li Wei", role="PI", user_id="liwei", passphrase=PASSPHRASE
        )
    )
    assert trust_first_identity(trusted_path, first, PASSPHRASE) is True
    trust = load_trusted(trusted_path)
    assert trust.administrator is not None
    assert trust.administrator.user_id == "liwei"
    assert trust.vouches_for(first.public)
    assert trust_state(trust, first.public) == "administrator, trusted"
    assert administrator_identity(tmp_path / "ids", trust) == first

    second = load_identity(
        create_identity(
            tmp_path / "ids", name="Dr Bob", role="Sub-I", user_id="bob", passphrase=PASSPHRASE
        )
    )
    before = trusted_path.read_bytes()
    assert trust_first_identity(trusted_path, second, PASSPHRASE) is False
    assert trusted_path.read_bytes() == before
    assert not load_trusted(trusted_path).vouches_for(second.public)
    assert trust_state(load_trusted(trusted_path), second.public) == "not trusted here yet"


def test_administrator_signs_keys_in_and_out(
    trusted_path: Path, admin: UnlockedIdentity, signer: UnlockedIdentity
) -> None:
    setup_administrator(trusted_path, admin)
    assert add_trusted(trusted_path, signer.public, admin) is True
    assert add_trusted(trusted_path, signer.public, admin) is False
    trust = load_trusted(trusted_path)
    assert [s.user_id for s in trust.signers] == ["admin", "tsigner"]
    entry = trust.entry(signer.public.fingerprint)
    assert entry is not None
    assert (entry.name, entry.user_id, entry.role) == ("Dr Test Signer", "tsigner", "investigator")
    assert entry.added_at.utcoffset() is not None
    assert remove_trusted(trusted_path, signer.public.fingerprint, admin) is True
    assert remove_trusted(trusted_path, signer.public.fingerprint, admin) is False
    assert load_trusted(trusted_path).entry(signer.public.fingerprint) is None


def test_file_format(trusted_path: Path, admin: UnlockedIdentity) -> None:
    setup_administrator(trusted_path, admin)
    data = json.loads(trusted_path.read_text())
    assert set(data) == {
        "schema_version",
        "format",
        "administrator",
        "signers",
        "signed_at",
        "signature",
    }
    assert data["schema_version"] == 2
    assert data["administrator"]["key_fingerprint"] == admin.public.fingerprint
    assert set(data["signers"][0]) == {
        "key_fingerprint",
        "public_key",
        "name",
        "user_id",
        "role",
        "added_at",
    }


def test_only_the_administrator_can_change_the_list(
    trusted_path: Path, admin: UnlockedIdentity, signer: UnlockedIdentity
) -> None:
    setup_administrator(trusted_path, admin)
    before = trusted_path.read_bytes()
    intruder = throwaway_identity(66, name="Mallory", user_id="mallory")
    with pytest.raises(TrustError, match=r"Only the administrator of this data folder, Dr Site"):
        add_trusted(trusted_path, intruder.public, intruder)
    with pytest.raises(TrustError, match="Only the administrator"):
        remove_trusted(trusted_path, admin.public.fingerprint, intruder)
    with pytest.raises(TrustError, match="already has an administrator"):
        setup_administrator(trusted_path, intruder)
    assert trusted_path.read_bytes() == before


def _tamper(path: Path, change) -> None:
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data, indent=2))


def _rename(data: dict) -> None:
    data["signers"][1]["name"] = "Prof Wang Chief"


def _role(data: dict) -> None:
    data["signers"][1]["role"] = "PI"


def _add_stranger(data: dict) -> None:
    stranger = dict(data["signers"][1])
    other = throwaway_identity(77).public
    stranger.update(key_fingerprint=other.fingerprint, user_id="stranger")
    data["signers"].append(stranger)


def _swap_admin(data: dict) -> None:
    other = throwaway_identity(78).public
    import base64

    data["administrator"]["public_key"] = base64.b64encode(other.public_key).decode()
    data["administrator"]["key_fingerprint"] = other.fingerprint


def _drop_signer(data: dict) -> None:
    del data["signers"][1]


@pytest.mark.parametrize("change", [_rename, _role, _add_stranger, _swap_admin, _drop_signer])
def test_tampered_list_trusts_nobody(
    trusted_path: Path, admin: UnlockedIdentity, signer: UnlockedIdentity, change
) -> None:
    setup_administrator(trusted_path, admin)
    add_trusted(trusted_path, signer.public, admin)
    _tamper(trusted_path, change)
    with pytest.raises(TrustError) as info:
        load_trusted(trusted_path)
    assert str(trusted_path) in str(info.value)
    assert "changed after its administrator Dr Site Admin (admin) signed it" in str(info.value)
    with pytest.raises(TrustError):  # the administrator is told to look, not to re-sign blindly
        setup_administrator(trusted_path, admin)
    with pytest.raises(TrustError):
        add_trusted(trusted_path, signer.public, admin)


def test_unsigned_list_trusts_nobody(
    trusted_path: Path, admin: UnlockedIdentity, signer: UnlockedIdentity
) -> None:
    setup_administrator(trusted_path, admin)
    _tamper(trusted_path, lambda d: d.pop("signature"))
    with pytest.raises(TrustError, match="is not signed by an administrator"):
        load_trusted(trusted_path)


@pytest.mark.parametrize(
    "text",
    [
        "{",
        "[1, 2]",
        '{"format": "nkscreen-trusted-signers", "schema_version": 2, "administrator": '
        '{"public_key": "A"}, "signers": [], "signature": "A"}',
    ],
)
def test_damaged_list_is_a_sentence_not_a_traceback(trusted_path: Path, text: str) -> None:
    trusted_path.parent.mkdir(parents=True)
    trusted_path.write_text(text)
    with pytest.raises(TrustError) as info:
        load_trusted(trusted_path)
    assert str(info.value).endswith(".")


def test_administrator_key_not_matching_fingerprint(
    trusted_path: Path, admin: UnlockedIdentity
) -> None:
    setup_administrator(trusted_path, admin)
    _tamper(trusted_path, lambda d: d["administrator"].update(key_fingerprint="a" * 64))
    with pytest.raises(TrustError, match="administrator's key does not match"):
        load_trusted(trusted_path)


def test_legacy_list_is_untrusted_until_the_administrator_signs_it(
    trusted_path: Path, admin: UnlockedIdentity, signer: UnlockedIdentity
) -> None:
    trusted_path.parent.mkdir(parents=True)
    trusted_path.write_bytes((FIXTURES / "trust" / "legacy_v1.json").read_bytes())
    with pytest.raises(TrustError) as info:
        load_trusted(trusted_path)
    message = str(info.value)
    assert "written by an older nkscreen" in message
    assert "nkscreen identity trust --admin USER_ID" in message
    assert "Preferences > Trusted signers" in message
    assert is_legacy_list(trusted_path)
    carried = legacy_signers(trusted_path)
    assert [s.user_id for s in carried] == ["fx-author", "fx-review"]
    setup_administrator(trusted_path, admin, carried)
    trust = load_trusted(trusted_path)
    assert [s.user_id for s in trust.signers] == ["fx-author", "fx-review", "admin"]
    assert not is_legacy_list(trusted_path)


@pytest.mark.parametrize("name", ["tampered_entry.json", "unsigned.json", "legacy_v1.json"])
def test_trust_fixtures_make_every_signer_untrusted(store: RecordStore, name: str) -> None:
    from tests.records import make_fixtures

    trusted = paths.trusted_signers_path(store.base)
    trusted.write_bytes((FIXTURES / "trust" / name).read_bytes())
    store.save(signed_record(make_fixtures.AUTHOR))
    rows = store.list_records()
    assert rows[0].verification is not None
    assert rows[0].verification.state is VerificationState.UNTRUSTED
    assert store.trusted_error is not None
    assert str(trusted) in store.trusted_error
    assert store.trusted() is None
    trusted.write_bytes((FIXTURES / "trusted-signers.json").read_bytes())
    assert store.list_records()[0].verification.state is VerificationState.VALID
    assert store.trusted_error is None
