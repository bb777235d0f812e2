"""The UI's strings go through Qt's translator; the core's messages through the core's own
templates for the window's language, and never into what a record stores."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel, QPushButton

from nkscreen.core.messages import Message
from nkscreen.core.protocol import builtin_protocol
from nkscreen.ui import i18n
from nkscreen.ui.status_badge import StatusBadge

pytestmark = pytest.mark.gui

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN">
<context><name>words</name>
<message><source>Met</source><translation>符合</translation></message></context>
</TS>
"""


def test_ui_words_go_through_qt_translator(qapp, tmp_path):
    ts = tmp_path / "nkscreen_zh_CN.ts"
    ts.write_text(TS, "utf-8")
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run([lrelease, str(ts)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "nkscreen_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        badge = StatusBadge("status_test")
        badge.set_status("met")
        assert badge.text() == "✓ 符合"
    finally:
        QCoreApplication.removeTranslator(translator)


def test_core_messages_follow_the_window_language_but_records_stay_english(zh_language):
    protocol = builtin_protocol("NCT06641648")
    texts = i18n.protocol_texts(protocol)
    missing = Message("rule.missing", {"label": "Sex", "field": "sex"})
    assert i18n.message_text(missing, texts) == "性别：未填写"
    # What a record stores (engine.to_json: str(message)) does not follow the window.
    assert str(missing) == "Sex: not answered"
    unreadable = Message("case.no_answers", {})
    assert "answers" in i18n.message_text(unreadable)
    assert i18n.message_text(unreadable) != str(unreadable)


def test_the_window_speaks_chinese_with_the_committed_translation(qtbot, tmp_path):
    """The committed .qm reaches the widgets: menus, the home page, a field's buttons, the
    signing dialogs (texts lupdate once misread, now in their own contexts)."""
    from nkscreen.resources import resource_path
    from nkscreen.ui import build_window
    from nkscreen.ui.sign_dialog import IdentityDialog, SignDialog

    translator = QTranslator()
    assert translator.load(str(resource_path("translations", "nkscreen_zh_CN.qm")))
    QCoreApplication.installTranslator(translator)
    try:
        window = build_window(tmp_path / "data")
        qtbot.addWidget(window)
        menus = [a.text() for a in window.menuBar().actions()]
        assert menus[:3] == ["文件(&F)", "转到(&G)", "帮助(&H)"]
        window.new_assessment()
        view = window.assessment
        view.go_to_page(view.page_of_field["last_systemic_steroid_date"])
        never = window.findChild(QPushButton, "last_systemic_steroid_date__none")
        assert never is not None
        assert never.text() == "从未"
        identity = IdentityDialog(tmp_path / "data", tmp_path / "trusted.json")
        qtbot.addWidget(identity)
        labels = {w.text() for w in identity.findChildren(QLabel)}
        assert {"姓名（签名中显示）", "口令（至少 10 个字符）", "再次输入口令"} <= labels
        sign = SignDialog(tmp_path / "data", tmp_path / "trusted.json")
        qtbot.addWidget(sign)
        assert sign.windowTitle() == "签署本次筛选"
        assert sign.details.text() == "本计算机上尚无签名身份：请先创建。"
    finally:
        QCoreApplication.removeTranslator(translator)
