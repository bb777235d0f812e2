"""Identities and trust in the GUI: the first identity administers the data folder, later ones
wait until the administrator signs them in (Preferences, with the administrator's passphrase),
blank passphrases are refused, and a list that cannot be relied on is shown as such."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton

from nkscreen.records.identity import load_identity
from nkscreen.records.trust import load_trusted
from nkscreen.ui import dialogs
from nkscreen.ui.sign_dialog import IdentityDialog, SignDialog
from nkscreen.ui.trusted_signers import TrustedSignersBox

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_keys")]
PASSPHRASE = "correct horse battery staple"
FIXTURES = Path(__file__).resolve().parents[1] / "records" / "fixtures"


@pytest.fixture
def passphrases(monkeypatch) -> list[str]:
    """Answer every passphrase prompt with the test passphrase; record what each prompt said."""
    prompts: list[str] = []

    def answer(parent, title, prompt):
        prompts.append(prompt)
        return PASSPHRASE

    monkeypatch.setattr(dialogs, "ask_passphrase", answer)
    return prompts


def _paths(data_dir: Path) -> tuple[Path, Path]:
    return data_dir / "identities", data_dir / "trusted-signers.json"


def create_in_dialog(qtbot, data_dir, name, user_id, passphrase=PASSPHRASE) -> IdentityDialog:
    dialog = IdentityDialog(*_paths(data_dir))
    qtbot.addWidget(dialog)
    for field, text in (
        ("identity_name", name),
        ("identity_role", "Investigator"),
        ("identity_user_id", user_id),
        ("identity_passphrase", passphrase),
        ("identity_confirm", passphrase),
    ):
        edit = dialog.findChild(QLineEdit, field)
        edit.setFocus()
        qtbot.keyClicks(edit, text)
    dialog.create_identity()
    return dialog


def sign_dialog(qtbot, data_dir) -> SignDialog:
    dialog = SignDialog(*_paths(data_dir))
    qtbot.addWidget(dialog)
    return dialog


@pytest.mark.parametrize("passphrase", [" " * 10, " " * 25, "short"])
def test_identity_dialog_refuses_a_weak_passphrase(qtbot, data_dir, passphrase):
    dialog = create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei", passphrase)
    assert dialog.created is None
    assert "at least 10 characters and not only spaces" in dialog.error.text()
    assert not data_dir.exists() or not any(data_dir.rglob("*.json"))


def test_identity_dialog_refuses_a_user_id_with_a_path(qtbot, data_dir):
    dialog = create_in_dialog(qtbot, data_dir, "Dr Li Wei", "../liwei")
    assert dialog.created is None
    assert "plain name" in dialog.error.text()


def test_first_identity_administers_the_folder_and_the_second_waits(qtbot, data_dir):
    identities, trusted = _paths(data_dir)
    first = create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei")
    assert first.created == identities / "liwei.json"
    assert first.administrator is True
    trust = load_trusted(trusted)
    assert trust.administrator is not None
    assert trust.administrator.user_id == "liwei"
    details = sign_dialog(qtbot, data_dir).findChild(QLabel, "sign_details").text()
    assert "A trusted signer at this site." in details

    second = create_in_dialog(qtbot, data_dir, "Dr Bob", "bob")
    assert second.created == identities / "bob.json"
    assert second.administrator is False
    assert not load_trusted(trusted).vouches_for(load_identity(second.created).public)
    dialog = sign_dialog(qtbot, data_dir)
    dialog.identity.setCurrentIndex(0)  # sorted by user id: bob first
    details = dialog.findChild(QLabel, "sign_details").text()
    assert "Dr Bob" in details
    assert "Not a trusted signer at this site yet" in details
    assert "the administrator, Dr Li Wei, signs this key in" in details


def test_administrator_signs_a_local_identity_in_from_preferences(
    qtbot, data_dir, monkeypatch, errors, passphrases
):
    identities, trusted = _paths(data_dir)
    create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei")
    create_in_dialog(qtbot, data_dir, "Dr Bob", "bob")
    bob = load_identity(identities / "bob.json")
    box = TrustedSignersBox(trusted, identities)
    qtbot.addWidget(box)
    assert box.table.rowCount() == 1
    choices: list[list[str]] = []
    monkeypatch.setattr(
        dialogs, "ask_choice", lambda parent, title, prompt, items: choices.append(items) or 0
    )

    # A wrong administrator passphrase changes nothing.
    before = trusted.read_bytes()
    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *a: "not the passphrase")
    assert not box.add_local()
    assert "Wrong passphrase for identity liwei" in errors[-1]
    assert trusted.read_bytes() == before
    monkeypatch.setattr(dialogs, "ask_passphrase", lambda *a: None)  # cancelled
    assert not box.add_local()
    assert trusted.read_bytes() == before

    monkeypatch.setattr(
        dialogs,
        "ask_passphrase",
        lambda parent, title, prompt: passphrases.append(prompt) or PASSPHRASE,
    )
    assert box.add_local()
    assert choices[-1] == ["Dr Bob (bob, Investigator)"]
    assert "Trust the signatures of Dr Bob (bob, Investigator), key" in passphrases[-1]
    assert "Passphrase of Dr Li Wei (liwei)" in passphrases[-1]
    assert load_trusted(trusted).vouches_for(bob.public)
    assert box.table.rowCount() == 2
    assert not box.add_local()
    assert "already a trusted signer" in errors[-1]


def test_old_unsigned_list_is_shown_and_signed_again_by_a_new_administrator(
    qtbot, data_dir, monkeypatch, errors, passphrases
):
    identities, trusted = _paths(data_dir)
    data_dir.mkdir()
    shutil.copy(FIXTURES / "trust" / "legacy_v1.json", trusted)
    dialog = create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei")
    assert dialog.administrator is False  # an old list exists: nobody is made administrator
    box = TrustedSignersBox(trusted, identities)
    qtbot.addWidget(box)
    state = box.findChild(QLabel, "trusted_state").text()
    assert "written by an older nkscreen" in state
    assert "Every signer is treated as untrusted." in state
    assert box.table.rowCount() == 2  # what a set-up would sign in again
    setup = box.findChild(QPushButton, "trusted_setup")
    assert not setup.isHidden()
    assert not box.findChild(QPushButton, "trusted_add").isEnabled()
    monkeypatch.setattr(dialogs, "ask_choice", lambda parent, title, prompt, items: 0)
    assert box.setup_administrator()
    assert "Make Dr Li Wei (liwei, Investigator)" in passphrases[-1]
    assert "Dr Fixture Author (fx-author, investigator)" in passphrases[-1]
    trust = load_trusted(trusted)
    assert [s.user_id for s in trust.signers] == ["fx-author", "fx-review", "liwei"]
    assert setup.isHidden()
    assert "Administrator: Dr Li Wei (liwei)" in box.findChild(QLabel, "trusted_state").text()
    assert errors == []


def test_tampered_list_is_shown_in_preferences_and_the_browser(
    qtbot, data_dir, monkeypatch, errors
):
    from nkscreen.ui import build_window

    identities, trusted = _paths(data_dir)
    create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei")
    data = json.loads(trusted.read_text())
    data["signers"][0]["name"] = "Prof Wang Chief"
    trusted.write_text(json.dumps(data))
    box = TrustedSignersBox(trusted, identities)
    qtbot.addWidget(box)
    state = box.findChild(QLabel, "trusted_state").text()
    assert "was changed after its administrator Dr Li Wei (liwei) signed it" in state
    assert box.table.rowCount() == 0
    assert box.findChild(QPushButton, "trusted_setup").isHidden()
    window = build_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(20)
    window.show_home()
    warning = window.findChild(QLabel, "records_trust_warning")
    assert not warning.isHidden()
    assert "was changed after its administrator" in warning.text()
    assert "Every signer is treated as untrusted." in warning.text()


def test_signing_with_an_old_identity_file_binds_its_name(qtbot, data_dir):
    identities, _ = _paths(data_dir)
    identities.mkdir(parents=True)
    shutil.copy(FIXTURES / "identities" / "legacy_v1.json", identities / "legacy_v1.json")
    assert load_identity(identities / "legacy_v1.json").legacy
    dialog = sign_dialog(qtbot, data_dir)
    dialog.passphrase.setText(PASSPHRASE)
    dialog.sign()
    assert dialog.unlocked is not None
    assert not load_identity(identities / "legacy_v1.json").legacy


def test_edited_identity_file_is_not_offered_for_signing(qtbot, data_dir):
    identities, _ = _paths(data_dir)
    identities.mkdir(parents=True)
    shutil.copy(FIXTURES / "identities" / "tampered_name.json", identities / "tampered_name.json")
    dialog = sign_dialog(qtbot, data_dir)
    assert dialog.identity.count() == 0
    details = dialog.findChild(QLabel, "sign_details").text()
    assert "tampered_name.json was changed" in details
    dialog.passphrase.setText(PASSPHRASE)
    dialog.sign()
    assert dialog.unlocked is None


def test_export_my_public_key_from_preferences(qtbot, data_dir, monkeypatch, tmp_path, errors):
    from PySide6.QtWidgets import QFileDialog

    from nkscreen.records.public_identity import read_public_identity

    identities, trusted = _paths(data_dir)
    create_in_dialog(qtbot, data_dir, "Dr Li Wei", "liwei")
    target = tmp_path / "liwei.public.json"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    box = TrustedSignersBox(trusted, identities)
    qtbot.addWidget(box)
    box.export_mine()
    assert errors == []
    assert read_public_identity(target).user_id == "liwei"
