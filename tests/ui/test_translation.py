"""The UI's strings and the core's messages both go through Qt's translator."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

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
