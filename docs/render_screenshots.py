"""Regenerate docs/screenshots: every wizard page and dialog at 1366x768, as a clinician sees it.

Imports the example cases eligible_male and eligible_female into a window on a throwaway data
folder (offscreen, on a virtual 1366x768 screen: no display needed) and saves one PNG per page,
named by the page's key (``male-I5.png``, ``female-summary.png``...); then the summary of a
NOT ELIGIBLE screening (ecog_3) with a comment and a screen-failure reason typed in; then signs
one (a throwaway signer, 张敏) and saves the home view with the records browser and each dialog
(``dialog-preferences.png``, ``dialog-sign.png``...). Look at them for clipped text, alignment
and, in Chinese, boxes where a character has no glyph.

    python docs/render_screenshots.py                 # English, docs/screenshots/
    python docs/render_screenshots.py --lang zh_CN    # 简体中文, docs/screenshots/zh_CN/
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

    from nkscreen.ui.main_window import MainWindow

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CASES = ROOT / "tests" / "cases"
SIZE = (1366, 768)
PASSPHRASE = "correct horse battery staple"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", help="en (default) or zh_CN")
    parser.add_argument("--out", type=Path, help="folder (default: docs/screenshots[/LANG])")
    args = parser.parse_args(argv)
    screen_folder = tempfile.TemporaryDirectory()
    _virtual_screen(Path(screen_folder.name))
    from PySide6.QtWidgets import QApplication

    from nkscreen.language import ENGLISH, UnknownLanguageError, checked
    from nkscreen.ui.i18n import install_language

    try:
        language = checked(args.lang, "--lang")
    except UnknownLanguageError as exc:
        print(exc, file=sys.stderr)
        return 2
    out = args.out or (OUT if language == ENGLISH else OUT / language)
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    install_language(app, language)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _signer(data)
        window = _window(data)
        _pages(app, window, out)
        _not_eligible(app, window, out)
        _dialogs(app, window, data, out)
        window.session.release()
        window.close()
    screen_folder.cleanup()
    print(f"screenshots written to {out}")
    return 0


def _virtual_screen(folder: Path) -> None:
    """Qt's offscreen platform on one screen of SIZE (its own default is 800x800), so that
    dialogs size themselves as they would on a 1366x768 laptop."""
    config = folder / "screen.json"
    screen = {"name": "nkscreen", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1]}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config}")


def _signer(data: Path) -> None:
    """A trusted signer with a Chinese name, so signatures and the browser show one."""
    from nkscreen.records import identity
    from nkscreen.records.trust import trust_first_identity

    identity.SCRYPT_LOG2_N = 10  # a throwaway key: quick to open
    path = identity.create_identity(
        data / "identities",
        name="张敏",
        role="主要研究者",
        user_id="zhangmin",
        passphrase=PASSPHRASE,
    )
    trust_first_identity(data / "trusted-signers.json", identity.load_identity(path), PASSPHRASE)


def _window(data: Path) -> MainWindow:
    from nkscreen.ui import build_window

    window = build_window(data)
    window.resize(*SIZE)
    window.show()
    return window


def _pages(app: QApplication, window: MainWindow, out: Path) -> None:
    from unittest import mock

    from PySide6.QtWidgets import QFileDialog

    for sex in ("male", "female"):
        chosen = (str(CASES / f"eligible_{sex}.json"), "")
        with mock.patch.object(QFileDialog, "getOpenFileName", return_value=chosen):
            window.action_import_case.trigger()
        view = window.assessment
        for index, page in enumerate(view.pages):
            view.go_to_page(index)
            app.processEvents()
            window.grab().save(str(out / f"{sex}-{page.key}.png"))


def _not_eligible(app: QApplication, window: MainWindow, out: Path) -> None:
    """A NOT ELIGIBLE screening (ecog_3) with a comment under I3 and a screen-failure reason."""
    from unittest import mock

    from PySide6.QtWidgets import QFileDialog, QLineEdit, QPlainTextEdit

    chosen = (str(CASES / "ecog_3.json"), "")
    with mock.patch.object(QFileDialog, "getOpenFileName", return_value=chosen):
        window.action_import_case.trigger()
    view = window.assessment
    view.go_to_criterion("I3")
    comment = window.findChild(QLineEdit, "comment_I3")
    comment.setText("ECOG assessed by the PI on the ward round")
    view.go_to_page(view.page_of_criterion["I3"])
    app.processEvents()
    window.grab().save(str(out / "not-eligible-I3-comment.png"))
    view.go_to_summary()
    reason = window.findChild(QPlainTextEdit, "screen_failure_reason")
    reason.setPlainText("ECOG 3: bed-bound most of the day since the last cycle.")
    app.processEvents()
    window.grab().save(str(out / "not-eligible-summary.png"))
    window.session.release()


def _dialogs(app: QApplication, window: MainWindow, data: Path, out: Path) -> None:
    """The signed record's summary and banner, the home view with the records browser, and
    each dialog on its own."""
    from unittest import mock

    from PySide6.QtPrintSupport import QPrintDialog
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    from nkscreen.records.identity import load_identity, unlock
    from nkscreen.ui import dialogs, print_actions, record_actions
    from nkscreen.ui.export_actions import ExportScopeDialog
    from nkscreen.ui.preferences import PreferencesDialog
    from nkscreen.ui.protocol_dialog import ProtocolDialog
    from nkscreen.ui.sign_dialog import IdentityDialog, SignDialog

    identities = data / "identities"
    trusted = data / "trusted-signers.json"
    what = record_actions._signed_text(window, "eligible")
    shots: list[tuple[str, QWidget]] = [
        ("sign", SignDialog(identities, trusted, window, what)),
        ("identity", IdentityDialog(identities, trusted, window)),
        ("protocol", ProtocolDialog(window.library.protocols, 0, window)),
        *((f"export-{k}", ExportScopeDialog(k, [], window)) for k in ("redcap", "fhir", "log")),
    ]
    unlocked = unlock(load_identity(next(identities.glob("*.json"))), PASSPHRASE)
    with (
        mock.patch.object(dialogs, "ask_signature", return_value=(unlocked, "authorship")),
        mock.patch.object(QInputDialog, "getText", return_value=("北京大学第一医院", True)),
    ):
        window.action_sign.trigger()
    window.assessment.go_to_summary()
    app.processEvents()
    window.grab().save(str(out / "signed-summary.png"))
    window.show_home()
    app.processEvents()
    window.grab().save(str(out / "home.png"))
    shots.append(
        (
            "preferences",
            PreferencesDialog(
                window.settings, window.settings_path, window.library, window, data_dir=data
            ),
        )
    )
    summary = window.current_summary()
    preview = print_actions.make_preview_dialog(window, summary, window.settings)
    printer = print_actions.make_printer(summary, window.settings)
    shots += [("print-preview", preview), ("print", QPrintDialog(printer, window))]
    about = QMessageBox(window)
    shots.append(("about", about))

    def show_about(parent: QWidget, title: str, text: str) -> None:
        about.setWindowTitle(title)
        about.setText(text)

    with mock.patch.object(QMessageBox, "about", show_about):
        window.show_about()
    for name, dialog in shots:
        dialog.show()  # at the size it opens with, within the 1366x768 screen
        dialog.resize(min(dialog.width(), SIZE[0]), min(dialog.height(), SIZE[1]))
        app.processEvents()
        dialog.grab().save(str(out / f"dialog-{name}.png"))
        dialog.close()


if __name__ == "__main__":
    raise SystemExit(main())
