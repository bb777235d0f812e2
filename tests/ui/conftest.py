"""GUI fixtures: a main window on a temporary data folder, and a keyboard-only driver."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from nkscreen.ui import build_window
from nkscreen.ui.field_editors import AgentListEditor, ChoiceButtons, UnitCombo

CASES = Path(__file__).resolve().parent.parent / "cases"

pytestmark = pytest.mark.gui


@pytest.fixture
def fast_keys(monkeypatch):
    """Throwaway signing keys that open in milliseconds (scrypt N = 2^10)."""
    from nkscreen.records import identity

    monkeypatch.setattr(identity, "SCRYPT_LOG2_N", 10)


@pytest.fixture
def fast_records(fast_keys, monkeypatch):
    """Quick keys, and autosave after 30 ms rather than the app's pause after typing."""
    from nkscreen.ui import record_session

    monkeypatch.setattr(record_session, "AUTOSAVE_DELAY_MS", 30)


@pytest.fixture
def data_dir(tmp_path) -> Path:
    """The data folder of a test's window (created by the app as it would be)."""
    return tmp_path / "data"


@pytest.fixture
def errors(monkeypatch) -> list[str]:
    """The texts of the error dialogs the window would have shown."""
    from nkscreen.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    return shown


def load_case(name: str) -> dict:
    return json.loads((CASES / f"{name}.json").read_text("utf-8"), parse_float=Decimal)


@pytest.fixture
def zh_language(qapp):
    """The window in 简体中文 for this test (as ``--lang zh_CN`` makes it), English after."""
    from nkscreen.ui.i18n import install_language

    font = QApplication.font()
    install_language(qapp, "zh_CN")
    yield "zh_CN"
    install_language(qapp, "en")
    QApplication.setFont(font)


@pytest.fixture
def window(qtbot, tmp_path):
    win = build_window(tmp_path / "data")
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    return win


class KeyboardDriver:
    """Completes an assessment the way a keyboard user does: Tab, type, Space, Enter."""

    def __init__(self, qtbot, window) -> None:
        self.qtbot = qtbot
        self.window = window
        self.view = window.assessment

    def focused(self) -> QWidget | None:
        return QApplication.focusWidget()

    def tab_to(self, target: QWidget, limit: int = 40) -> None:
        for _ in range(limit):
            if self.focused() is target:
                return
            self.qtbot.keyClick(self.focused() or self.window, Qt.Key.Key_Tab)
        raise AssertionError(f"Tab never reached {target.objectName()!r}")

    def fill(self, field_id: str, value: object) -> None:
        row = self.view.rows[field_id]
        editor = row.editor
        if isinstance(editor, ChoiceButtons):
            self.tab_to(editor.focus_target())
            for option, button in editor.buttons.items():
                if option == value:
                    break
                self.qtbot.keyClick(button, Qt.Key.Key_Tab)
            self.qtbot.keyClick(self.focused(), Qt.Key.Key_Space)
        elif isinstance(editor, UnitCombo):
            self.tab_to(editor.combo)
            index = editor.combo.findData(value)
            self.qtbot.keyClick(editor.combo, Qt.Key.Key_Home)
            for _ in range(index):
                self.qtbot.keyClick(editor.combo, Qt.Key.Key_Down)
        elif isinstance(editor, AgentListEditor):
            assert value == [], "the driver types only an explicit empty list"
            self.tab_to(editor.none_box)
            self.qtbot.keyClick(editor.none_box, Qt.Key.Key_Space)
        else:
            target = editor.focus_target()
            assert isinstance(target, QLineEdit)
            self.tab_to(target)
            target.selectAll()
            self.qtbot.keyClicks(target, str(value))

    def complete(self, answers: dict, next_key: str = "enter") -> None:
        """Walks every page in order, filling the page's fields, then moves on."""
        view = self.view
        for index in range(len(view.pages) - 1):
            assert view.stack.currentIndex() == index
            on_page = [  # the page is built now that it is shown: the others are not
                fid for fid, page in view.page_of_field.items() if page == index and fid in answers
            ]
            for fid in self._tab_order(on_page):
                if view.rows[fid].editor.focus_target().isVisible():
                    self.fill(fid, answers[fid])
            widget = self.focused() or self.window
            if next_key == "enter":
                self.qtbot.keyClick(widget, Qt.Key.Key_Return)
            else:
                self.qtbot.keyClick(widget, Qt.Key.Key_N, Qt.KeyboardModifier.AltModifier)

    def _tab_order(self, field_ids: list[str]) -> list[str]:
        """The page's fields in the order Tab visits them."""
        targets = {self.view.rows[f].editor.focus_target(): f for f in field_ids}
        order: list[str] = []
        start = self.focused()
        widget = start
        for _ in range(400):
            if widget in targets and targets[widget] not in order:
                order.append(targets[widget])
            widget = widget.nextInFocusChain() if widget is not None else None
            if widget is None or widget is start:
                break
        return order + [f for f in field_ids if f not in order]
