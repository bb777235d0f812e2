"""Electronic signature: who signs, what the signature means, and the passphrase every time.

21 CFR 11.200: two components (the identity's key file and the passphrase) at every signing.
The manifestation (printed name, role, meaning, date and time) is shown before it is signed,
with whether this site trusts the signer as shown. A wrong passphrase is refused in the
dialog and nothing is written. The first identity created in a new data folder becomes its
administrator and is trusted; later ones wait for the administrator (Preferences).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from nkscreen.records.identity import (
    IdentityError,
    IdentityFile,
    UnlockedIdentity,
    WrongPassphraseError,
    check_passphrase,
    create_identity,
    format_fingerprint,
    load_identity,
    scan_identities,
    unlock_identity,
)
from nkscreen.records.meanings import name as meaning_name
from nkscreen.records.meanings import statement as meaning_statement
from nkscreen.records.model import MEANING_STATEMENTS, Meaning
from nkscreen.records.trust import SiteTrust, TrustError, load_trusted, trust_first_identity
from nkscreen.ui.i18n import current_language, label_separator, said_text
from nkscreen.ui.markup import escape
from nkscreen.ui.style import set_role


class IdentityDialog(QDialog):
    """First signing: create this person's signing identity (key pair, passphrase)."""

    def __init__(self, folder: Path, trusted_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("identity_dialog")
        self.setWindowTitle(QCoreApplication.translate("SignDialog", "Create signing identity"))
        self.folder = folder
        self.trusted_path = trusted_path
        self.created: Path | None = None
        #: The new identity became the data folder's administrator (its first identity).
        self.administrator = False
        form = QFormLayout(self)
        self.name = QLineEdit()
        self.name.setObjectName("identity_name")
        self.role = QLineEdit()
        self.role.setObjectName("identity_role")
        self.user_id = QLineEdit()
        self.user_id.setObjectName("identity_user_id")
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("identity_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setObjectName("identity_confirm")
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        form.addRow(QCoreApplication.translate("SignDialog", "Printed name"), self.name)
        form.addRow(QCoreApplication.translate("SignDialog", "Role (e.g. Investigator)"), self.role)
        form.addRow(QCoreApplication.translate("SignDialog", "User ID"), self.user_id)
        form.addRow(
            QCoreApplication.translate("SignDialog", "Passphrase (10 characters or more)"),
            self.passphrase,
        )
        form.addRow(QCoreApplication.translate("SignDialog", "Passphrase again"), self.confirm)
        self.error = QLabel("")
        self.error.setObjectName("identity_error")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        form.addRow(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.create_identity)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def create_identity(self) -> None:
        if self.passphrase.text() != self.confirm.text():
            self.error.setText(
                QCoreApplication.translate("SignDialog", "The two passphrases differ.")
            )
            return
        try:
            check_passphrase(self.passphrase.text())
            path = create_identity(
                self.folder,
                name=self.name.text().strip(),
                role=self.role.text().strip(),
                user_id=self.user_id.text().strip(),
                passphrase=self.passphrase.text(),
            )
        except (IdentityError, ValueError, OSError) as exc:
            self.error.setText(said_text(exc))
            return
        self.created = path
        try:
            self.administrator = trust_first_identity(
                self.trusted_path, load_identity(path), self.passphrase.text()
            )
        except (IdentityError, OSError) as exc:
            # The identity exists; only the set-up of the folder's trust failed: say so.
            self.error.setText(
                QCoreApplication.translate(
                    "SignDialog", "The identity was created, but it is not trusted yet: %s"
                )
                % said_text(exc)
            )
            return
        finally:
            self.passphrase.clear()
            self.confirm.clear()
        self.accept()


class SignDialog(QDialog):
    """Choose identity and meaning, type the passphrase; ``unlocked`` is set on success."""

    def __init__(
        self, folder: Path, trusted_path: Path, parent: QWidget | None = None, what: str = ""
    ) -> None:
        """``what``: the screening being signed, as the signer must see it (screening id,
        initials and the verdict signed)."""
        super().__init__(parent)
        self.setObjectName("sign_dialog")
        self.setWindowTitle(QCoreApplication.translate("SignDialog", "Sign this screening"))
        self.folder = folder
        self.trusted_path = trusted_path
        self.unlocked: UnlockedIdentity | None = None
        self.meaning: Meaning = "authorship"
        layout = QVBoxLayout(self)
        self.what = QLabel(what)
        self.what.setObjectName("sign_what")
        self.what.setWordWrap(True)
        self.what.setVisible(bool(what))
        layout.addWidget(self.what)
        form = QFormLayout()
        self.identity = QComboBox()
        self.identity.setObjectName("sign_identity")
        self.identity.currentIndexChanged.connect(self._show_identity)
        form.addRow(QCoreApplication.translate("SignDialog", "Signer"), self.identity)
        self.details = QLabel("")
        self.details.setObjectName("sign_details")
        self.details.setWordWrap(True)
        form.addRow("", self.details)
        self.fingerprint = QLabel("")
        self.fingerprint.setObjectName("sign_fingerprint")
        self.fingerprint.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.fingerprint.setWordWrap(False)  # whole, on its own line: never under a button
        form.addRow("", self.fingerprint)
        new = QPushButton(QCoreApplication.translate("SignDialog", "New identity…"))
        new.setObjectName("sign_new_identity")
        new.clicked.connect(self._new_identity)
        form.addRow("", new)
        layout.addLayout(form)
        layout.addWidget(
            QLabel(
                "<b>"
                + QCoreApplication.translate("SignDialog", "Meaning of this signature")
                + "</b>"
            )
        )
        self.meanings = QButtonGroup(self)
        # The statement as the signature will keep it, in the window's language.
        language = current_language()
        for value in MEANING_STATEMENTS:
            meaning: Meaning = value  # type: ignore[assignment]
            name = meaning_name(meaning, language)
            button = QRadioButton(
                f"{name}{label_separator()}{meaning_statement(meaning, language)}"
            )
            button.setObjectName(f"sign_meaning_{value}")
            button.setChecked(value == "authorship")
            button.toggled.connect(lambda on, v=value: self._set_meaning(v) if on else None)
            self.meanings.addButton(button)
            layout.addWidget(button)
        pass_form = QFormLayout()
        self.passphrase = QLineEdit()
        self.passphrase.setObjectName("sign_passphrase")
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        pass_form.addRow(QCoreApplication.translate("SignDialog", "Passphrase"), self.passphrase)
        layout.addLayout(pass_form)
        self.error = QLabel("")
        self.error.setObjectName("sign_error")
        set_role(self.error, "error")
        self.error.setWordWrap(True)
        layout.addWidget(self.error)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            QCoreApplication.translate("SignDialog", "Sign")
        )
        buttons.accepted.connect(self.sign)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._identities: list[IdentityFile] = []
        self._problems: list[str] = []
        self._trust = SiteTrust()
        self._trust_error: str | None = None
        self._reload()

    def _set_meaning(self, value: str) -> None:
        self.meaning = value  # type: ignore[assignment]

    def _reload(self) -> None:
        self._identities, self._problems = scan_identities(self.folder)
        try:
            self._trust, self._trust_error = load_trusted(self.trusted_path), None
        except TrustError as exc:
            self._trust, self._trust_error = SiteTrust(), said_text(exc)
        self.identity.clear()
        for identity in self._identities:
            self.identity.addItem(f"{identity.name} ({identity.user_id})")
        self._show_identity()

    def _show_identity(self) -> None:
        index = self.identity.currentIndex()
        skipped = "".join(f"<br><small>{escape(p)}</small>" for p in self._problems)
        if not self._identities or index < 0:
            self.details.setText(
                QCoreApplication.translate(
                    "SignDialog", "No signing identity on this computer yet: create one."
                )
                + skipped
            )
            self.fingerprint.setText("")
            return
        public = self._identities[index].public
        if self._trust_error:
            trust = self._trust_error
        elif self._trust.vouches_for(public):
            trust = QCoreApplication.translate("SignDialog", "A trusted signer at this site.")
        elif self._trust.administrator is not None:
            admin = self._trust.administrator
            trust = (
                QCoreApplication.translate(
                    "SignDialog",
                    "Not a trusted signer at this site yet: records signed now show as "
                    "untrusted until the administrator, %s, signs this key in "
                    "(Preferences > Trusted signers).",
                )
                % admin.name
            )
        else:
            trust = QCoreApplication.translate(
                "SignDialog",
                "Not a trusted signer at this site: it has no administrator yet "
                "(Preferences > Trusted signers).",
            )
        self.details.setText(
            f"{escape(public.name)} · {escape(public.role)} · "
            f"{escape(public.user_id)}<br>"
            f"<small>{escape(trust)}</small>{skipped}"
        )
        self.fingerprint.setText(
            QCoreApplication.translate("SignDialog", "Key fingerprint: %s")
            % format_fingerprint(public.fingerprint)
        )

    def _new_identity(self) -> None:
        dialog = IdentityDialog(self.folder, self.trusted_path, self)
        if dialog.exec():
            self._reload()
            self.identity.setCurrentIndex(max(0, self.identity.count() - 1))

    def sign(self) -> None:
        index = self.identity.currentIndex()
        if not self._identities or index < 0:
            self.error.setText(
                QCoreApplication.translate(
                    "SignDialog", "Choose or create a signing identity first."
                )
            )
            return
        try:
            self.unlocked = unlock_identity(
                self.folder, self._identities[index], self.passphrase.text()
            )
        except WrongPassphraseError as exc:
            self.error.setText(said_text(exc))
            self.passphrase.selectAll()
            return
        except IdentityError as exc:
            self.error.setText(said_text(exc))
            return
        finally:
            self.passphrase.clear()  # never keep the passphrase around
        self.accept()
