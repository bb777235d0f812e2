"""The protocol library in the window: which protocol a new screening uses (asked when there
are several, keyboard only), a broken site file listed but never in the way, and a record whose
protocol file changed or is gone still shown as signed, with a notice on screen and paper."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QLabel

from nkscreen.core.protocol import builtin_protocol
from nkscreen.records.lifecycle import new_record
from nkscreen.records.model import ProtocolRef
from nkscreen.records.signing import sign_record
from nkscreen.records.store import RecordStore
from nkscreen.ui import dialogs
from nkscreen.ui.preferences import PreferencesDialog
from nkscreen.ui.protocol_dialog import ProtocolDialog
from tests.records.helpers import EVALUATION, actor_of, answers, throwaway_identity, write_trusted
from tests.ui.test_records_gui import make_window

pytestmark = pytest.mark.gui
ROOT = Path(__file__).resolve().parents[2]
DEMO_FILE = ROOT / "tests" / "data" / "protocols" / "DEMO-RCC-01.json"


def install(data_dir: Path, source: Path = DEMO_FILE, name: str | None = None) -> Path:
    folder = data_dir / "protocols"
    folder.mkdir(parents=True, exist_ok=True)
    return Path(shutil.copy(source, folder / (name or source.name)))


def choose_with_keys(qtbot, *keys: Qt.Key) -> list[str]:
    """Answer the protocol dialog from the keyboard once it shows; what it listed."""
    listed: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, ProtocolDialog)
        listed.extend(dialog.choices.item(i).text() for i in range(dialog.choices.count()))
        for key in keys:
            qtbot.keyClick(dialog.choices, key)

    QTimer.singleShot(0, answer)
    return listed


def test_one_protocol_installed_asks_nothing(qtbot, data_dir, monkeypatch) -> None:
    monkeypatch.setattr(dialogs, "ask_protocol", lambda *a: pytest.fail("asked"))
    window = make_window(qtbot, data_dir)
    window.action_new.trigger()
    assert window.protocol.id == "NCT06641648"


def test_new_screening_asks_which_protocol_from_the_keyboard(qtbot, data_dir) -> None:
    install(data_dir)
    window = make_window(qtbot, data_dir)
    listed = choose_with_keys(qtbot, Qt.Key.Key_Down, Qt.Key.Key_Return)
    window.action_new.trigger()
    assert [line.split(" · ")[0] for line in listed] == ["NCT06641648", "DEMO-RCC-01"]
    assert window.protocol.id == "DEMO-RCC-01"
    assert "subject_no" in window.assessment.rows
    assert "screening_id" not in window.assessment.rows
    assert window.windowTitle().endswith("· DEMO-RCC-01")
    window.assessment.load_answers({"subject_no": "AB-123", "subject_initials": "ML"})
    assert window.findChild(QLabel, "patient_label").text() == "AB-123 · ML"
    # Escape keeps the screening that is open
    choose_with_keys(qtbot, Qt.Key.Key_Escape)
    window.action_new.trigger()
    assert window.protocol.id == "DEMO-RCC-01"
    assert window.assessment.answers()["subject_no"] == "AB-123"


def test_a_broken_site_file_is_listed_never_in_the_way(qtbot, data_dir) -> None:
    install(data_dir, name="broken.json").write_text('{"schema_version": 1}', "utf-8")
    window = make_window(qtbot, data_dir)
    assert window.ready
    assert window.protocol.id == "NCT06641648"
    assert "1 protocol file(s) cannot be used (broken.json)" in window.statusBar().currentMessage()
    dialog = PreferencesDialog(
        window.settings, window.settings_path, window.library, window, data_dir=data_dir
    )
    qtbot.addWidget(dialog)
    listing = dialog.findChild(QLabel, "pref_protocols_list").text()
    assert "broken.json cannot be used:" in listing
    assert "id: Field required" in listing
    folder = dialog.findChild(QLabel, "pref_protocols_folder").text()
    assert str(data_dir / "protocols") in folder


def _saved_signed_record(data_dir: Path, ref: ProtocolRef) -> Path:
    """A signed, trusted record of the data folder, made with the protocol ``ref`` names."""
    signer = throwaway_identity(5)
    write_trusted(data_dir / "trusted-signers.json", signer)
    record = new_record(
        protocol=ref, answers=answers(), evaluation=EVALUATION, actor=actor_of(signer)
    )
    store = RecordStore(data_dir)
    store.prepare()
    return store.save(sign_record(record, signer, "authorship"))


@pytest.mark.parametrize(
    ("version", "expected"),
    [
        ("bundled", "The protocol file of NCT06641648 has changed since this record was made"),
        ("reading 0", "(NCT06641648, reading 0) is not installed: the criteria shown are"),
    ],
)
def test_record_of_a_changed_or_missing_protocol_is_still_signed(
    qtbot, data_dir, version, expected
) -> None:
    bundled = builtin_protocol("NCT06641648")
    ref = ProtocolRef(
        id=bundled.id, version=bundled.version if version == "bundled" else version, sha256="0" * 64
    )
    path = _saved_signed_record(data_dir, ref)
    window = make_window(qtbot, data_dir)
    window.open_record(path)
    banner = window.findChild(QLabel, "record_banner")
    assert banner.property("banner") == "valid"
    assert "Signature valid" in banner.text()
    assert expected in banner.text()
    summary = window.current_summary()
    assert not summary.marks  # signed and valid: no DRAFT or INVALID mark
    assert any(expected in notice for notice in summary.notices)


def test_record_of_a_protocol_not_installed_cannot_open_but_is_listed(
    qtbot, data_dir, monkeypatch
) -> None:
    path = _saved_signed_record(
        data_dir, ProtocolRef(id="NCT00000001", version="1", sha256="1" * 64)
    )
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    window = make_window(qtbot, data_dir)
    (row,) = window.store.list_records()
    assert row.signed
    window.open_record(path)
    assert "(NCT00000001, 1) is not installed: add its file" in shown[0]
