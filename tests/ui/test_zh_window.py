"""The window in 简体中文: the protocol's own words from its side file, the core's messages in
Chinese, Qt's own buttons, Chinese input, the records browser's order and search, printing in
the window's language, and records that do not depend on the language they were signed in."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontDatabase, QFontInfo, QInputMethodEvent, QTextLayout
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
)

from nkscreen.core.engine import evaluate
from nkscreen.records.identity import load_identity, unlock
from nkscreen.records.meanings import statement
from nkscreen.records.model import MEANING_STATEMENTS
from nkscreen.report.fonts import CJK_FAMILY, WINDOW_CJK_FAMILY
from nkscreen.report.glyphs import printed_text
from nkscreen.settings import load_settings, settings_file
from nkscreen.ui import app as app_module
from nkscreen.ui import dialogs, i18n, print_actions, window_fonts
from nkscreen.ui.preferences import PreferencesDialog
from nkscreen.ui.sign_dialog import IdentityDialog
from tests.ui.conftest import load_case
from tests.ui.test_records_gui import PASSPHRASE, identity, import_case, make_window

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
#: Zhé (four dragons, CJK Extension B): a letter no usual font has.
RARE = "\U0002a6a5"


def label(window, name: str) -> str:
    found = window.findChild(QLabel, name)
    assert found is not None, name
    return found.text()


def sign(window, data_dir, monkeypatch, meaning="authorship") -> Path:
    unlocked = unlock(load_identity(next((data_dir / "identities").glob("*.json"))), PASSPHRASE)
    monkeypatch.setattr(dialogs, "ask_signature", lambda parent, a, b, *what: (unlocked, meaning))
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "北京大学第一医院")
    window.action_sign.trigger()
    return next((data_dir / "records").glob("*.json"))


def test_the_wizard_shows_the_protocol_and_the_core_in_chinese(qtbot, zh_language, data_dir):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    view = window.assessment
    texts = view.texts
    assert texts.locale == "zh_CN"
    assert texts.translated
    assert label(window, "label_sex") == "性别"
    assert label(window, "heading_patient") == "患者信息与日期"
    assert window.findChild(QPushButton, "sex__female").text() == "女"
    # Each criterion in Chinese, its verbatim English registry text under it.
    for c in view.protocol.all_criteria:
        view.go_to_criterion(c.id)  # its page is built when first shown
        rendering = window.findChild(QLabel, f"rendering_{c.id}")
        verbatim = window.findChild(QLabel, f"verbatim_{c.id}")
        assert rendering.text() == texts.criterion_text(c.id)
        assert verbatim.text() == texts.registry_text(c.id)
        assert verbatim.property("role") == "verbatim"
    # The core's words: a field's problem and a criterion's evidence.
    view.focus_field("alt")
    qtbot.keyClicks(window.findChild(QLineEdit, "alt"), "abc")
    assert "'abc' 不是数字" in label(window, "error_alt")
    assert "未填写" in label(window, "explain_I1")
    view.go_to_summary()
    assert "性别" in label(window, "summary_missing")
    # Qt's own words (standard buttons) come from Qt's translation.
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == "取消"


def test_a_record_signed_in_chinese_opens_verifies_and_prints_in_english(
    qtbot, zh_language, data_dir, monkeypatch, errors, qapp
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch, "alt_4x")  # not eligible: the record keeps reasons
    path = sign(window, data_dir, monkeypatch, "approval")
    assert errors == []
    saved = json.loads(path.read_text("utf-8"))
    manifestation = saved["signatures"][0]["manifestation"]
    assert manifestation["meaning"] == "approval"
    assert manifestation["statement"] == statement("approval", "zh_CN")
    # Ids and values only: the evaluation is the one an English window stores.
    english = evaluate(window.protocol, load_case("alt_4x")["answers"]).to_json()
    assert saved["evaluation"]["reasons"] == english["reasons"] != []
    window.close()

    i18n.install_language(qapp, "en")
    second = make_window(qtbot, data_dir)
    second.open_record(path)
    assert errors == []
    assert second.findChild(QLabel, "record_banner").property("banner") == "valid"
    assert label(second, "label_sex") == "Sex"
    summary = second.current_summary()
    assert summary.locale == "en"
    printed = printed_text(summary)
    assert "NOT ELIGIBLE" in printed
    assert statement("approval", "zh_CN") in printed  # what the signer read, as read


def test_a_record_signed_in_english_opens_and_prints_in_chinese(
    qtbot, data_dir, monkeypatch, errors, qapp
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    path = sign(window, data_dir, monkeypatch)
    manifestation = json.loads(path.read_text("utf-8"))["signatures"][0]["manifestation"]
    assert manifestation["statement"] == MEANING_STATEMENTS["authorship"]
    window.close()

    font = QApplication.font()
    i18n.install_language(qapp, "zh_CN")
    try:
        second = make_window(qtbot, data_dir)
        second.open_record(path)
        assert errors == []
        assert second.findChild(QLabel, "record_banner").property("banner") == "valid"
        assert label(second, "label_sex") == "性别"
        summary = second.current_summary()
        assert summary.locale == "zh_CN"
        printed = printed_text(summary)
        assert "入选标准" in printed
        assert MEANING_STATEMENTS["authorship"] in printed
    finally:
        i18n.install_language(qapp, "en")
        QApplication.setFont(font)


def test_the_language_is_chosen_in_preferences_for_the_next_start(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    path = settings_file(data_dir)
    dialog = PreferencesDialog(window.settings, path, window.library, window, data_dir=data_dir)
    qtbot.addWidget(dialog)
    choice = dialog.findChild(QComboBox, "pref_language")
    items = [choice.itemText(i) for i in range(choice.count())]
    assert items[1:] == ["English", "简体中文"]
    assert choice.currentData() == ""  # the computer's language until someone chooses
    assert "started again" in dialog.findChild(QLabel, "pref_language_note").text()
    choice.setCurrentIndex(choice.findData("zh_CN"))
    dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save).click()
    assert load_settings(path).language == "zh_CN"
    assert i18n.current_language() == "en"  # this window stays as it is
    assert app_module.window_language(data_dir) == "zh_CN"  # the next start
    monkeypatch.setenv("NKSCREEN_LANG", "en")
    assert app_module.window_language(data_dir) == "en"
    assert app_module.window_language(data_dir, "zh_CN") == "zh_CN"


def _compose(qtbot, edit: QLineEdit, typed: str, chosen: str) -> None:
    """An input method at work: pinyin shown as preedit while typing, then the characters."""
    edit.setFocus()
    for end in range(1, len(typed) + 1):
        QApplication.sendEvent(edit, QInputMethodEvent(typed[:end], []))
    commit = QInputMethodEvent("", [])
    commit.setCommitString(chosen)
    QApplication.sendEvent(edit, commit)


def test_names_and_initials_take_chinese_from_an_input_method(
    qtbot, zh_language, data_dir, tmp_path
):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    initials = window.findChild(QLineEdit, "patient_initials")
    assert initials.validator() is None
    assert initials.testAttribute(Qt.WidgetAttribute.WA_InputMethodEnabled)
    _compose(qtbot, initials, "zhangm", "张敏")
    assert initials.text() == "张敏"
    assert window.assessment.answers()["patient_initials"] == "张敏"
    assert not window.findChild(QLabel, "error_patient_initials").isVisible()
    dialog = IdentityDialog(tmp_path / "ids", tmp_path / "trusted.json")
    qtbot.addWidget(dialog)
    dialog.show()
    for name, typed, chosen in (
        ("identity_name", "zhangmin", "张敏"),
        ("identity_role", "zhu", "主要研究者"),
    ):
        edit = dialog.findChild(QLineEdit, name)
        assert edit is not None
        assert edit.validator() is None
        _compose(qtbot, edit, typed, chosen)
        assert edit.text() == chosen


def test_the_records_browser_sorts_chinese_by_pinyin_and_finds_it_by_substring(
    qtbot, zh_language, data_dir, monkeypatch, errors
):
    window = make_window(qtbot, data_dir)
    case = load_case("eligible_male")["answers"]
    for number, name in (("HX-001", "张敏"), ("HX-002", "李娜"), ("HX-003", "王伟")):
        window.new_assessment()
        window.assessment.load_answers({**case, "screening_id": number, "patient_initials": name})
        assert window.save_record(), errors
    window.show_home()
    browser = window.home.browser
    browser.table.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    shown = [browser.proxy.index(r, 1).data() for r in range(browser.proxy.rowCount())]
    assert shown == ["李娜", "王伟", "张敏"]
    _compose(qtbot, browser.search, "na", "娜")  # typed as a Chinese user types it
    assert [browser.proxy.index(r, 1).data() for r in range(browser.proxy.rowCount())] == ["李娜"]


def test_an_exported_pdf_is_in_the_window_language_and_names_unprintable_characters(
    qtbot, zh_language, data_dir, monkeypatch, tmp_path
):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    case = load_case("eligible_male")["answers"]
    window.assessment.load_answers({**case, "patient_initials": f"张{RARE}"})
    out = tmp_path / "summary.pdf"
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(out))
    warned: list[tuple[str, str]] = []
    monkeypatch.setattr(
        print_actions, "show_failure", lambda parent, title, text: warned.append((title, text))
    )
    window.action_export_pdf.trigger()
    assert out.is_file()
    assert window.current_summary().locale == "zh_CN"
    assert len(warned) == 1
    assert "U+2A6A5" in warned[0][1]
    assert str(out) in warned[0][1]


def test_a_chinese_window_uses_the_bundled_font_and_an_english_one_loads_none(qapp):
    font = QApplication.font()
    try:
        assert window_fonts.ensure_window_font("en") == ""
        assert QApplication.font().families() == font.families()  # English: nothing loaded
        assert window_fonts.ensure_window_font("zh_CN") == ""
        own = QFontInfo(font).family()
        assert QApplication.font().families() == [own, WINDOW_CJK_FAMILY, CJK_FAMILY]
        # The print pair has GB 2312: fontconfig counts it a Simplified Chinese font (the small
        # pair has too few characters to be counted one, and is drawn from all the same).
        assert CJK_FAMILY in QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
        # What a label draws, never a missing glyph: Latin in the platform's font, the app's
        # Chinese in the window's small pair, and a name's character the app's texts never
        # use (鑫, 婷) in the printout's GB 2312 pair behind it, bold as well.
        for text, expected in (
            ("筛选号", WINDOW_CJK_FAMILY),
            ("鑫婷", CJK_FAMILY),
            ("Exclusion", own),
        ):
            for bold in (False, True):
                shown = QApplication.font()
                shown.setBold(bold)
                layout = QTextLayout(text, shown)
                layout.beginLayout()
                layout.createLine()
                layout.endLayout()
                runs = layout.glyphRuns()
                assert {r.rawFont().familyName() for r in runs} == {expected}, (text, bold)
                assert all(0 not in r.glyphIndexes() for r in runs)
    finally:
        QApplication.setFont(font)
