"""The UI's strings and the core's messages both go through Qt's translator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtWidgets import QLabel, QPushButton

from nkscreen.core import messages
from nkscreen.core.messages import Message
from nkscreen.ui.i18n import core_template
from nkscreen.ui.status_badge import StatusBadge

pytestmark = pytest.mark.gui

TS = """<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS><TS version="2.1" language="zh_CN">
<context><name>words</name>
<message><source>Met</source><translation>符合</translation></message></context>
<context><name>core</name>
<message><source>{label}: not answered</source><translation>{label}：未填写</translation></message>
</context></TS>
"""


def test_ui_and_core_strings_are_translated(qapp, tmp_path, monkeypatch):
    ts = tmp_path / "nkscreen_zh_CN.ts"
    ts.write_text(TS, "utf-8")
    lrelease = shutil.which("pyside6-lrelease") or str(
        Path(sys.executable).parent / "pyside6-lrelease"
    )
    subprocess.run([lrelease, str(ts)], check=True, capture_output=True)
    translator = QTranslator()
    assert translator.load(str(tmp_path / "nkscreen_zh_CN.qm"))
    QCoreApplication.installTranslator(translator)
    monkeypatch.setattr(messages, "_template_for", core_template)
    try:
        badge = StatusBadge("status_test")
        badge.set_status("met")
        assert badge.text() == "✓ 符合"
        assert str(Message("rule.missing", {"label": "LVEF"})) == "LVEF：未填写"
    finally:
        QCoreApplication.removeTranslator(translator)


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
