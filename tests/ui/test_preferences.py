"""Preferences: the site's ULN defaults are saved and used by the next assessment."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLineEdit, QWidget

from nkscreen.settings import load_settings
from nkscreen.ui.preferences import PreferencesDialog

pytestmark = pytest.mark.gui


def test_saved_uln_defaults_prefill_new_assessments(window, qtbot):
    def edit_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        edit = dialog.findChild(QLineEdit, "pref_alt_uln_male")
        edit.setText("")
        qtbot.keyClicks(edit, "55")
        dialog._save()

    QTimer.singleShot(0, edit_and_save)
    window.open_preferences()
    assert (
        load_settings(window.settings_path).protocols["NCT06641648"].uln_defaults["alt_uln"].male
        == 55
    )
    window.new_assessment()
    qtbot.mouseClick(window.findChild(QWidget, "sex__male"), Qt.MouseButton.LeftButton)
    view = window.assessment
    view.go_to_page(view.page_of_field["alt_uln"])  # the lab page, as the user goes there
    assert window.findChild(QLineEdit, "alt_uln").placeholderText() == "site: 55"
    qtbot.mouseClick(window.findChild(QWidget, "fill_site_uln"), Qt.MouseButton.LeftButton)
    assert window.findChild(QLineEdit, "alt_uln").text() == "55"


def test_bad_value_is_refused_with_a_message(window, qtbot, monkeypatch):
    from nkscreen.ui import dialogs

    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    dialog = PreferencesDialog(window.settings, window.settings_path, window.library, window)
    qtbot.addWidget(dialog)
    dialog.findChild(QLineEdit, "pref_ast_uln_female").setText("forty")
    dialog._save()
    assert shown
    assert "ast_uln" in shown[0]
    assert not window.settings_path.exists()
