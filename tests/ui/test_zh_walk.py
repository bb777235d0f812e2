"""A walk through the whole window in 简体中文: no English a Chinese clinician would have to read.

The app runs in zh_CN (as ``--lang zh_CN`` starts it) and the walk visits what a user meets:
the home view with its records browser, every menu, every wizard page (an eligible, a not
eligible and a mistyped screening), the summary page, a signature, and each dialog
(preferences with the trusted signers, signing and creating an identity, the protocol choice,
about, the site name, the export scopes, the print and print preview dialogs, the file
dialogs' titles and filters). It collects the text of every visible widget (labels, buttons,
group boxes, tabs, combo items, placeholders, table and tree headers and cells, list items,
menus and their actions, window titles, message boxes) and fails listing every text that
still holds an English word.

Allowed: the abbreviations and units clinicians write in Latin letters (ALT, ULN, CrCl,
µmol/L...), ids (NCT numbers, criterion ids, screening ids typed here, user ids, hashes), file
names and paths, formats (PDF, JSON, CSV, REDCap, FHIR) and the protocol file's version. Also
excluded: each criterion's verbatim English registry text (``role="verbatim"``), which is
meant to be English, shown under its Chinese rendering.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtPrintSupport import QPrintDialog
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QMessageBox,
    QPushButton,
    QTabBar,
    QTableView,
    QTreeWidget,
    QWidget,
)

from nkscreen.records.identity import create_identity, load_identity, unlock
from nkscreen.records.trust import trust_first_identity
from nkscreen.ui import dialogs, print_actions, record_actions
from nkscreen.ui.export_actions import ExportScopeDialog
from nkscreen.ui.preferences import PreferencesDialog
from nkscreen.ui.protocol_dialog import ProtocolDialog
from nkscreen.ui.sign_dialog import IdentityDialog, SignDialog
from tests.ui.conftest import CASES

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]

PASSPHRASE = "correct horse battery staple"
SIGNER = ("张敏", "主要研究者", "zhangmin")
#: Latin-script words a Chinese clinician reads as they are: abbreviations, units, formats,
#: names of formulas and scales, the app's name.
_CLINICAL = """ALT AST INR APTT CrCl ECOG ULN MRD HSCT allo allo-HSCT DLI AML FLT3 IL-2 NK CR
    HBV HCV HIV DNA RNA HBV-DNA HCV-RNA HBsAg LVEF GVHD CMV EBV CNS TBIL Cockcroft-Gault Cockcroft
    Gault CAR-T CAR-NK CAR PD-1 G-CSF ATG MFC BMA MUGA II III IV"""
_UNITS = "µmol mol mg dL kg lb mL min mmol"
#: Formats, standards, ids, the app's name, and a language's own name in the language list.
_IDS = """PDF JSON CSV REDCap FHIR Questionnaire SHA-256 sha256 YYYY-MM-DD UTC GMT nkscreen
    Ed25519 English"""
#: The variable and option that choose the language, named in Preferences.
_OPTIONS = "NKSCREEN LANG lang"
#: Keys on the keyboard, and the words typed into a date field for "never" and "still given".
_KEYS = "Ctrl Alt Shift Enter Tab Esc F6 none ongoing"
#: What this walk types: screening ids, initials, an agent, a mistyped value, a user id.
_TYPED = "HX-001 HX-002 HX-003 AB CD cytarabine abc zhangmin"
ALLOWED = {
    word for group in (_CLINICAL, _UNITS, _IDS, _OPTIONS, _KEYS, _TYPED) for word in group.split()
}
_ID = re.compile(
    r"^(?:NCT\d+|[IE]\d+[A-Z]?|v\d+|U\+[0-9A-F]+|[0-9a-f]{6,}…?|[A-Z]{1,2}\d*|"
    r"[0-9]+[A-Za-z]*)$"
)
#: Paths, file names and patterns (the data folder, a record's file, "*.pdf"), and IANA
#: time zone names.
_PATHS = re.compile(
    r"(?:[A-Za-z]:)?(?:/[^\s/()（），]+)+/?|[\w.*-]+\.(?:json|pdf|csv|qm|png)\b|"
    r"\b[A-Z][A-Za-z_]+/[A-Za-z_/+-]+\b"
)
#: A key fingerprint as shown: 16 groups of 4 hex digits.
_FINGERPRINT = re.compile(r"\b(?:[0-9a-f]{4} ){3,}[0-9a-f]{4}\b")
_WORD = re.compile(r"[A-Za-zµ][A-Za-z0-9µ'’-]*")


def english_words(text: str, also: set[str]) -> list[str]:
    """The words of ``text`` a Chinese reader would need English for."""
    plain = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("&", "")
    for exact in also:  # ids that are whole phrases (the protocol file's version)
        plain = plain.replace(exact, " ")
    plain = _PATHS.sub(" ", plain)
    plain = _FINGERPRINT.sub(" ", plain)
    words = []
    for word in _WORD.findall(plain):
        word = word.strip("'’-")
        if not word or word in ALLOWED or _ID.match(word) or len(word) == 1:
            continue
        words.append(word)
    return words


def _shown(widget: QWidget) -> bool:
    return widget.isVisible() or (widget.isWindow() and widget.isVisibleTo(widget))


def widget_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text a user can see in ``root``'s window."""
    yield f"{root.objectName() or type(root).__name__} (title)", root.windowTitle()
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible():
            continue
        name = widget.objectName() or type(widget).__name__
        if isinstance(widget, QLabel):
            if widget.property("role") != "verbatim":  # the registry's English, by design
                yield name, widget.text()
        elif isinstance(widget, QAbstractButton):
            yield name, widget.text()
        elif isinstance(widget, QGroupBox):
            yield name, widget.title()
        elif isinstance(widget, QTabBar):
            for i in range(widget.count()):
                yield name, widget.tabText(i)
        elif isinstance(widget, QComboBox):
            # A time zone's IANA name is an id; the first entry is words.
            count = 1 if widget.objectName() == "pref_time_zone" else widget.count()
            for i in range(count):
                yield name, widget.itemText(i)
        elif isinstance(widget, QLineEdit):
            yield name, widget.placeholderText()
        elif isinstance(widget, QHeaderView):
            model = widget.model()
            if model is not None:
                for i in range(widget.count()):
                    yield name, str(model.headerData(i, widget.orientation()) or "")
        elif isinstance(widget, QTreeWidget):
            for item in _tree_items(widget):
                for column in range(widget.columnCount()):
                    yield name, item.text(column)
        elif isinstance(widget, QListWidget):
            for i in range(widget.count()):
                item = widget.item(i)
                if item is not None:
                    yield name, item.text()
        elif isinstance(widget, QTableView) and widget.model() is not None:
            model = widget.model()
            for row in range(model.rowCount()):
                for column in range(model.columnCount()):
                    yield name, str(model.index(row, column).data() or "")
        elif isinstance(widget, QMenu):
            yield from menu_texts(widget)


def _tree_items(tree: QTreeWidget) -> Iterator:
    stack = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    while stack:
        item = stack.pop()
        if item is None:
            continue
        yield item
        stack.extend(item.child(i) for i in range(item.childCount()))


def menu_texts(menu: QMenu) -> Iterator[tuple[str, str]]:
    yield f"menu {menu.title()}", menu.title()
    for action in menu.actions():
        sub = action.menu()
        if isinstance(sub, QMenu):
            yield from menu_texts(sub)
        elif not action.isSeparator():
            yield f"menu {menu.title()} > {action.objectName()}", action.text()


class Walk:
    """Collects what is seen, by where it was seen."""

    def __init__(self, also: set[str]) -> None:
        self.also = also
        self.seen: dict[str, set[str]] = {}

    def see(self, where: str, texts: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> None:
        for name, text in texts:
            if text and text.strip():
                self.seen.setdefault(text, set()).add(f"{where}/{name}")

    def offenders(self) -> list[str]:
        found = []
        for text, places in sorted(self.seen.items()):
            words = english_words(text, self.also)
            if words:
                where = sorted(places)[0]
                shown = " ".join(text.split())[:160]
                found.append(f"{where}: {shown!r} -> {', '.join(dict.fromkeys(words))}")
        return found


@pytest.fixture
def data_dir(tmp_path) -> Path:
    base = tmp_path / "data"
    name, role, user_id = SIGNER
    path = create_identity(
        base / "identities", name=name, role=role, user_id=user_id, passphrase=PASSPHRASE
    )
    assert trust_first_identity(base / "trusted-signers.json", load_identity(path), PASSPHRASE)
    return base


def _capture_message_boxes(monkeypatch, walk: Walk) -> None:
    """Message boxes and input dialogs say their words to the walk and answer at once."""

    def box(kind: str, answer: object):
        def shown(parent, title, text, *args, **kwargs):
            walk.see(f"QMessageBox.{kind}", [("title", title), ("text", text)])
            return answer

        return shown

    yes = QMessageBox.StandardButton.Yes
    for kind, answer in (
        ("warning", QMessageBox.StandardButton.Ok),
        ("information", QMessageBox.StandardButton.Ok),
        ("critical", QMessageBox.StandardButton.Ok),
        ("question", yes),
        ("about", None),
    ):
        monkeypatch.setattr(QMessageBox, kind, box(kind, answer))

    def get_text(parent, title, label, *args, **kwargs):
        walk.see("QInputDialog.getText", [("title", title), ("label", label)])
        return "北京大学第一医院 血液科", True

    monkeypatch.setattr(QInputDialog, "getText", get_text)

    def file_dialog(kind: str, chosen: str):
        def shown(parent, caption="", folder="", filters="", *args, **kwargs):
            walk.see(f"QFileDialog.{kind}", [("caption", caption), ("filter", filters)])
            return chosen, ""

        return shown

    monkeypatch.setattr(QFileDialog, "getOpenFileName", file_dialog("open", ""))
    monkeypatch.setattr(QFileDialog, "getSaveFileName", file_dialog("save", ""))


def _see_dialog(qtbot, walk: Walk, dialog: QWidget, where: str) -> None:
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    walk.see(where, widget_texts(dialog))
    dialog.close()


def _walk_pages(qtbot, walk: Walk, window, case: str) -> None:
    view = window.assessment
    for index, page in enumerate(view.pages):
        view.go_to_page(index)
        fill = window.findChild(QPushButton, "fill_site_uln")
        if fill is not None and fill.isVisible():
            fill.click()  # the site-default hint beside the filled ULNs
        QApplication.processEvents()
        walk.see(f"{case} page {page.key}", widget_texts(window))


def test_every_page_dialog_and_menu_reads_in_chinese(qtbot, zh_language, data_dir, monkeypatch):
    from nkscreen.ui import build_window

    window = build_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    protocol = window.protocol
    walk = Walk({protocol.version, *(p.version for p in window.library.protocols)})
    _capture_message_boxes(monkeypatch, walk)

    # Home, menus.
    walk.see("home", widget_texts(window))
    for action in window.menuBar().actions():
        menu = action.menu()
        if isinstance(menu, QMenu):
            walk.see("menu bar", menu_texts(menu))

    # The wizard: three screenings, every page and the summary of each.
    for case, number in (("eligible_female", "HX-001"), ("alt_4x", "HX-002")):
        chosen = str(CASES / f"{case}.json")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, c=chosen, **k: (c, ""))
        window.action_import_case.trigger()
        answers = {**window.assessment.answers(), "screening_id": number}
        window.assessment.load_answers(answers)
        _walk_pages(qtbot, walk, window, case)
    window.new_assessment()
    window.assessment.load_answers(
        {"screening_id": "HX-003", "patient_initials": "CD", "alt": "abc", "sex": "female"}
    )
    _walk_pages(qtbot, walk, window, "mistyped")

    # Save and sign (in Chinese: the statement the signer reads is kept as read).
    window.new_assessment()
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASES / "alt_4x.json"), "")
    )
    window.action_import_case.trigger()
    assert window.save_record()
    walk.see("saved", widget_texts(window))
    identities = data_dir / "identities"
    trusted = data_dir / "trusted-signers.json"
    what = record_actions._signed_text(window, "not_eligible")
    _see_dialog(qtbot, walk, SignDialog(identities, trusted, window, what), "sign dialog")
    _see_dialog(qtbot, walk, IdentityDialog(identities, trusted, window), "identity dialog")
    unlocked = unlock(load_identity(next(identities.glob("*.json"))), PASSPHRASE)
    monkeypatch.setattr(dialogs, "ask_signature", lambda *a: (unlocked, "authorship"))
    window.action_sign.trigger()  # asks the site's name first (captured)
    assert window.session.signed
    walk.see("signed", widget_texts(window))
    window.assessment.go_to_summary()
    walk.see("signed summary", widget_texts(window))

    # Dialogs.
    window.show_about()
    _see_dialog(
        qtbot,
        walk,
        PreferencesDialog(
            window.settings, window.settings_path, window.library, window, data_dir=data_dir
        ),
        "preferences",
    )
    _see_dialog(qtbot, walk, ProtocolDialog(window.library.protocols, 0, window), "protocol")
    for kind in ("redcap", "fhir", "log"):
        _see_dialog(qtbot, walk, ExportScopeDialog(kind, [], window), f"export {kind}")
    summary = window.current_summary()
    preview = print_actions.make_preview_dialog(window, summary, window.settings)
    _see_dialog(qtbot, walk, preview, "print preview")
    printer = print_actions.make_printer(summary, window.settings)
    _see_dialog(qtbot, walk, QPrintDialog(printer, window), "print dialog")
    print_actions.ask_pdf_path(window, "summary.pdf")
    dialogs.ask_case_file(window)
    dialogs.ask_record_file(window, data_dir)

    # The records browser with what was saved and signed.
    window.show_home()
    walk.see("home with records", widget_texts(window))

    # A modal dialog left open would fail later tests: none may remain.
    QTimer.singleShot(0, lambda: None)
    assert not [
        w for w in QApplication.topLevelWidgets() if isinstance(w, QDialog) and w.isVisible()
    ]

    offenders = walk.offenders()
    assert not offenders, f"{len(offenders)} texts hold English:\n" + "\n".join(offenders)


def test_the_walk_tells_english_from_allowed_latin() -> None:
    also = {"2024-10-11 registry text (ClinConnect copy); nkscreen interpretation 1"}
    assert english_words("ALT 45 U/L / ULN 40 = 1.13 × ULN", also) == []
    assert english_words("肌酐 88 µmol/L（Cockcroft-Gault公式）CrCl", also) == []
    assert english_words("/tmp/data/records/ab12.v1.json 已保存", also) == []
    assert (
        english_words(
            "NCT06641648 · 2024-10-11 registry text (ClinConnect copy); nkscreen interpretation 1",
            also,
        )
        == []
    )
    assert english_words("I4A 符合；E2 不存在", also) == []
    assert english_words("&File", also) == ["File"]
    assert english_words("<b>Verdict:</b> 符合", also) == ["Verdict"]
    assert english_words("Why: 性别：未填写", also) == ["Why"]
