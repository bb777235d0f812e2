"""The site's trusted signers, managed in Preferences: whose signatures count as valid here.

The list is signed by the site's administrator (see ``nkscreen.records.trust``), so every
change here asks for the administrator's passphrase, and the passphrase prompt says exactly
what is being vouched for. A colleague's key arrives as a public-key file (``nkscreen identity
export USER_ID``, or *Export my public key* below); its fingerprint is shown so it can be
checked with its owner. A data folder without an administrator (or with a list written by an
older nkscreen) gets one with *Set up the administrator*.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkscreen.records.atomic import atomic_write
from nkscreen.records.identity import (
    IdentityError,
    IdentityFile,
    PublicIdentity,
    UnlockedIdentity,
    find_identity,
    format_fingerprint,
    scan_identities,
    unlock_identity,
)
from nkscreen.records.public_identity import export_public_identity, read_public_identity
from nkscreen.records.trust import (
    SiteTrust,
    TrustedSigner,
    TrustError,
    add_trusted,
    administrator_identity,
    is_legacy_list,
    legacy_signers,
    load_trusted,
    remove_trusted,
    setup_administrator,
)
from nkscreen.ui import dialogs
from nkscreen.ui.i18n import said_text
from nkscreen.ui.style import set_role


class TrustedSignersBox(QGroupBox):
    def __init__(self, trusted_path: Path, identities: Path, parent: QWidget | None = None):
        super().__init__(
            QCoreApplication.translate("TrustedSigners", "Trusted signers at this site"), parent
        )
        self.setObjectName("trusted_signers")
        self.trusted_path = trusted_path
        self.identities = identities
        self.trust = SiteTrust()
        self.trust_error: str | None = None
        layout = QVBoxLayout(self)
        self.state = QLabel("")
        self.state.setObjectName("trusted_state")
        self.state.setWordWrap(True)
        layout.addWidget(self.state)
        self.table = QTableWidget(0, 5, self)
        self.table.setObjectName("trusted_table")
        self.table.setHorizontalHeaderLabels(
            [
                QCoreApplication.translate("TrustedSigners", "Name"),
                QCoreApplication.translate("TrustedSigners", "User ID"),
                QCoreApplication.translate("TrustedSigners", "Role"),
                QCoreApplication.translate("TrustedSigners", "Key fingerprint"),
                QCoreApplication.translate("TrustedSigners", "Added"),
            ]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMaximumHeight(140)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (
            (
                "trusted_add",
                QCoreApplication.translate("TrustedSigners", "Add from public-key file…"),
                self.add_from_file,
            ),
            (
                "trusted_add_local",
                QCoreApplication.translate("TrustedSigners", "Add an identity of this computer…"),
                self.add_local,
            ),
            (
                "trusted_remove",
                QCoreApplication.translate("TrustedSigners", "Remove selected"),
                self.remove_selected,
            ),
            (
                "trusted_export",
                QCoreApplication.translate("TrustedSigners", "Export my public key…"),
                self.export_mine,
            ),
            (
                "trusted_setup",
                QCoreApplication.translate("TrustedSigners", "Set up the administrator…"),
                self.setup_administrator,
            ),
        ):
            button = QPushButton(text, self)
            button.setObjectName(name)
            button.clicked.connect(slot)
            row.addWidget(button)
            self.buttons[name] = button
        row.addStretch(1)
        layout.addLayout(row)
        self.reload()

    # -------------------------------------------------------------- showing

    def reload(self) -> None:
        """Show the list as verification sees it; a list that cannot be relied on says why."""
        try:
            self.trust, self.trust_error = load_trusted(self.trusted_path), None
        except TrustError as exc:
            self.trust, self.trust_error = SiteTrust(), said_text(exc)
        legacy = self.trust_error is not None and is_legacy_list(self.trusted_path)
        admin = self.trust.administrator
        if self.trust_error:
            text = (
                self.trust_error
                + " "
                + QCoreApplication.translate(
                    "TrustedSigners", "Every signer is treated as untrusted."
                )
            )
        elif admin is not None:
            text = QCoreApplication.translate(
                "TrustedSigners",
                "Administrator: %s (%s), key %s. Adding or removing a signer needs the "
                "administrator's passphrase.",
            ) % (admin.name, admin.user_id, format_fingerprint(admin.key_fingerprint))
        else:
            text = QCoreApplication.translate(
                "TrustedSigners",
                "This data folder has no administrator yet: the first identity created here "
                "becomes it, or set one up.",
            )
        self.state.setText(text)
        set_role(self.state, "error" if self.trust_error else "")
        can_setup = admin is None and (self.trust_error is None or legacy)
        self.buttons["trusted_setup"].setVisible(can_setup)
        for name in ("trusted_add", "trusted_add_local", "trusted_remove"):
            self.buttons[name].setEnabled(admin is not None)
        # An old list's entries are shown so the administrator sees what a set-up signs in.
        self._fill(legacy_signers(self.trusted_path) if legacy else list(self.trust.signers))

    def _fill(self, signers: list[TrustedSigner]) -> None:
        self.table.setRowCount(0)
        for signer in signers:
            r = self.table.rowCount()
            self.table.insertRow(r)
            added = signer.added_at.astimezone().isoformat(sep=" ", timespec="minutes")
            values = [
                signer.name,
                signer.user_id,
                signer.role,
                format_fingerprint(signer.key_fingerprint),
                added,
            ]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(Qt.ItemDataRole.UserRole, signer.key_fingerprint)
                self.table.setItem(r, c, item)

    # -------------------------------------------------------------- administrator

    def _unlock(self, identity: IdentityFile, what: str) -> UnlockedIdentity | None:
        """Ask ``identity``'s passphrase, saying ``what`` it will sign; None if not given."""
        passphrase = dialogs.ask_passphrase(
            self,
            QCoreApplication.translate("TrustedSigners", "Administrator's passphrase"),
            what
            + "\n\n"
            + QCoreApplication.translate("TrustedSigners", "Passphrase of %s (%s):")
            % (identity.name, identity.user_id),
        )
        if passphrase is None:
            return None
        try:
            return unlock_identity(self.identities, identity, passphrase)
        except IdentityError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "Nothing was changed"),
                said_text(exc),
            )
            return None

    def _unlock_administrator(self, what: str) -> UnlockedIdentity | None:
        try:
            identity = administrator_identity(self.identities, self.trust)
        except IdentityError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "Nothing was changed"),
                said_text(exc),
            )
            return None
        return self._unlock(identity, what)

    def _trust(self, subject: PublicIdentity) -> bool:
        what = (
            QCoreApplication.translate("TrustedSigners", "Trust the signatures of %s at this site?")
            % subject.describe()
        )
        admin = self._unlock_administrator(what)
        if admin is None:
            return False
        return self._change_list(
            QCoreApplication.translate("TrustedSigners", "Not added"),
            lambda: add_trusted(self.trusted_path, subject, admin),
        )

    def _change_list(self, failed: str, change: Callable[[], object]) -> bool:
        """Write the signed list; a refusal or a disk error is shown under ``failed``, and the
        list is read again either way (what is on disk is what the dialog shows)."""
        try:
            change()
        except (IdentityError, OSError) as exc:
            dialogs.show_error(self, failed, said_text(exc))
            return False
        finally:
            self.reload()
        return True

    # -------------------------------------------------------------- actions

    def add_from_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            QCoreApplication.translate("TrustedSigners", "Public key of the signer"),
            dialogs.documents_folder(),
            QCoreApplication.translate("TrustedSigners", "Public keys (*.json)"),
        )
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> bool:
        """Sign the public key in ``path`` into the list (the administrator's passphrase)."""
        try:
            subject = read_public_identity(path)
        except IdentityError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("TrustedSigners", "Not added"), said_text(exc)
            )
            return False
        return self._trust(subject)

    def add_local(self) -> bool:
        """Sign in an identity of this data folder that the site does not trust yet."""
        identities, _ = scan_identities(self.identities)
        waiting = [i for i in identities if not self.trust.vouches_for(i.public)]
        if not waiting:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "Nothing to add"),
                QCoreApplication.translate(
                    "TrustedSigners", "Every identity on this computer is already a trusted signer."
                ),
            )
            return False
        index = dialogs.ask_choice(
            self,
            QCoreApplication.translate("TrustedSigners", "Add an identity of this computer"),
            QCoreApplication.translate("TrustedSigners", "Identity to trust:"),
            [f"{i.name} ({i.user_id}, {i.role})" for i in waiting],
        )
        return index is not None and self._trust(waiting[index].public)

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()})
        chosen: list[tuple[str, str]] = []
        for r in rows:
            item = self.table.item(r, 0)
            if item is not None:
                chosen.append((str(item.data(Qt.ItemDataRole.UserRole)), item.text()))
        if not chosen:
            return
        what = QCoreApplication.translate(
            "TrustedSigners", "Stop trusting the signatures of %s?"
        ) % ", ".join(n for _, n in chosen)
        admin = self._unlock_administrator(what)
        if admin is None:
            return

        def remove() -> None:
            for fp, _name in chosen:
                remove_trusted(self.trusted_path, fp, admin)

        self._change_list(QCoreApplication.translate("TrustedSigners", "Not removed"), remove)

    def setup_administrator(self) -> bool:
        """Make an identity of this computer the administrator; an old list is signed again."""
        identities, _ = scan_identities(self.identities)
        if not identities:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "No identity"),
                QCoreApplication.translate(
                    "TrustedSigners",
                    "There is no signing identity on this computer: create one first (sign a "
                    "screening, or 'nkscreen identity create').",
                ),
            )
            return False
        index = dialogs.ask_choice(
            self,
            QCoreApplication.translate("TrustedSigners", "Set up the administrator"),
            QCoreApplication.translate(
                "TrustedSigners", "Who administers this site's trusted signers?"
            ),
            [f"{i.name} ({i.user_id}, {i.role})" for i in identities],
        )
        if index is None:
            return False
        chosen = identities[index]
        carried = legacy_signers(self.trusted_path)
        what = QCoreApplication.translate(
            "TrustedSigners", "Make %s the administrator of this site's trusted signers?"
        ) % (chosen.public.describe())
        if carried:
            what += "\n" + QCoreApplication.translate(
                "TrustedSigners", "The old list's signers are signed in again: %s."
            ) % ", ".join(f"{s.name} ({s.user_id}, {s.role})" for s in carried)
        admin = self._unlock(chosen, what)
        if admin is None:
            return False
        return self._change_list(
            QCoreApplication.translate("TrustedSigners", "Nothing was changed"),
            lambda: setup_administrator(self.trusted_path, admin, carried),
        )

    def export_mine(self) -> None:
        identities, _ = scan_identities(self.identities)
        if not identities:
            dialogs.show_error(
                self,
                QCoreApplication.translate("TrustedSigners", "No identity"),
                QCoreApplication.translate(
                    "TrustedSigners", "There is no signing identity on this computer."
                ),
            )
            return
        index = 0
        if len(identities) > 1:
            picked = dialogs.ask_choice(
                self,
                QCoreApplication.translate("TrustedSigners", "Export public key"),
                QCoreApplication.translate("TrustedSigners", "Whose public key?"),
                [f"{i.name} ({i.user_id})" for i in identities],
            )
            if picked is None:
                return
            index = picked
        identity = identities[index]
        if identity.legacy:
            what = QCoreApplication.translate(
                "TrustedSigners",
                "This identity was made by an older nkscreen: its passphrase binds its name and "
                "role to its key once.",
            )
            if self._unlock(identity, what) is None:
                return
            try:
                identity = find_identity(self.identities, identity.user_id)
            except IdentityError as exc:
                dialogs.show_error(
                    self,
                    QCoreApplication.translate("TrustedSigners", "Not exported"),
                    said_text(exc),
                )
                return
        path, _ = QFileDialog.getSaveFileName(
            self,
            QCoreApplication.translate("TrustedSigners", "Export public key"),
            dialogs.documents_folder(f"{identity.user_id}.public.json"),
            "JSON (*.json)",
        )
        if not path:
            return
        try:
            atomic_write(Path(path), export_public_identity(identity))
        except (IdentityError, OSError) as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("TrustedSigners", "Not exported"), said_text(exc)
            )
