"""The site's name and time zone in the window: chosen in Preferences, asked before the first
signature, and every time on screen shown in that zone with its UTC offset."""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
)

from nkscreen.core.pages import page_of_field, wizard_pages
from nkscreen.records.identity import load_identity, unlock
from nkscreen.report.appendix import page_title
from nkscreen.settings import load_settings
from nkscreen.ui import dialogs
from nkscreen.ui.preferences import PreferencesDialog
from tests.ui.test_records_gui import PASSPHRASE, identity, import_case, make_window, records

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
ISO_TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d")


def sign(window, data_dir, monkeypatch) -> None:
    """Sign with the test identity; the site name dialog is left to each test."""
    unlocked = unlock(load_identity(next((data_dir / "identities").glob("*.json"))), PASSPHRASE)
    monkeypatch.setattr(
        dialogs, "ask_signature", lambda parent, a, b, *what: (unlocked, "authorship")
    )
    window.action_sign.trigger()


def _choose_zone(qtbot, window, name: str) -> str:
    """Open Preferences, type the zone's name into the time zone list, Save; the example."""
    seen: list[str] = []

    def choose_and_save() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, PreferencesDialog)
        box = dialog.findChild(QComboBox, "pref_time_zone")
        assert box.currentData() == ""  # the default: this computer's zone
        assert box.currentText().startswith("This computer's time zone (")
        box.setFocus()
        qtbot.keyClicks(box, name)  # a closed list selects the item typed, as on any desktop
        assert box.currentData() == name
        seen.append(dialog.findChild(QLabel, "pref_time_zone_example").text())
        buttons = dialog.findChild(QDialogButtonBox)
        buttons.button(QDialogButtonBox.StandardButton.Save).click()

    QTimer.singleShot(0, choose_and_save)
    window.open_preferences()
    return seen[0]


def test_time_zone_preference_sets_every_time_on_screen(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    example = _choose_zone(qtbot, window, "Asia/Tokyo")
    assert re.fullmatch(
        r"Times are shown and printed like this: \d{4}-\d\d-\d\d \d\d:\d\d UTC\+09:00 "
        r"\(records keep UTC\)",
        example,
    )
    assert load_settings(window.settings_path).time_zone == "Asia/Tokyo"
    assert window.settings.time_zone == "Asia/Tokyo"
    # The autosave message.
    window.new_assessment()
    window.assessment.focus_field("screening_id")
    qtbot.keyClicks(window.findChild(QLineEdit, "screening_id"), "HX-TZ")
    assert window.session.flush_autosave()
    message = window.statusBar().currentMessage()
    assert re.fullmatch(r"Draft autosaved at \d{4}-\d\d-\d\d \d\d:\d\d UTC\+09:00", message)
    # The signature banner: readable, in Tokyo time, never raw ISO text.
    import_case(window, monkeypatch)
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    sign(window, data_dir, monkeypatch)
    assert errors == []
    banner = window.findChild(QLabel, "record_banner").text()
    assert re.search(r" at \d{4}-\d\d-\d\d \d\d:\d\d UTC\+09:00\.", banner), banner
    assert not ISO_TIME.search(banner), banner
    # The printout of the signed record: one offset, the site's.
    summary = window.current_summary()
    assert summary.time_zone == "Asia/Tokyo, UTC+09:00"
    assert summary.printed_at.endswith("UTC+09:00")
    assert summary.signatures[0].signed_at.endswith("UTC+09:00")


def test_signing_asks_for_the_site_name_once_and_keeps_it(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    asked: list[str] = []
    signature_asked: list[str] = []
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: asked.append("site") or None)
    monkeypatch.setattr(dialogs, "ask_signature", lambda *a: signature_asked.append("sig") or None)
    window.action_sign.trigger()  # cancelled: no name, so no signature is asked for
    assert asked == ["site"]
    assert signature_asked == []
    assert records(data_dir) == []
    assert not window.settings_path.exists()
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    sign(window, data_dir, monkeypatch)
    assert errors == []
    assert len(records(data_dir)) == 1
    assert load_settings(window.settings_path).site_name == "Ward 7 North"
    assert window.current_summary().site_text() == "Ward 7 North"

    def never(parent):
        raise AssertionError("the site name was asked again")

    monkeypatch.setattr(dialogs, "ask_site_name", never)
    window.new_assessment()
    import_case(window, monkeypatch, "eligible_female")
    sign(window, data_dir, monkeypatch)
    assert errors == []
    assert len(records(data_dir)) == 2


def test_an_unwritable_settings_file_stops_the_signature(qtbot, data_dir, monkeypatch, errors):
    from nkscreen import settings as settings_module

    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)

    def disk_full(path, settings):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(settings_module, "save_settings", disk_full)
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    sign(window, data_dir, monkeypatch)
    assert records(data_dir) == []
    assert "The site name could not be saved" in errors[0]
    assert "Nothing was signed." in errors[0]
    assert window.assessment.answers()["screening_id"] == "HX-001"  # nothing lost


def test_the_wizard_places_every_field_where_the_appendix_says(window):
    """The answers appendix groups answers as the wizard's pages: one model of the pages."""
    view = window.assessment
    assert view.page_of_field == page_of_field(window.protocol)
    headings = [page.title for page in view.pages[:-1]]  # the last page is the summary
    assert headings == [page_title(page) for page in wizard_pages(window.protocol)]
