"""Versions in the window (issue 10 points 1-2, issue 11 point 1): a superseded version says by
which version and offers no Amend or Sign, an amended version shows its reason and changes,
a broken amendment chain has its own banner, and the records browser shows both."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit, QToolButton

from nkscreen.ui import dialogs
from nkscreen.ui.banner_text import VERSION_LINK
from nkscreen.ui.record_session import SessionError
from nkscreen.ui.shown_time import shown_time
from tests.ui.test_records_gui import _sign, identity, import_case, make_window, records

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
REASON = "weight re-measured on the ward scale"
READABLE_TIME = r"\d{4}-\d\d-\d\d \d\d:\d\d UTC[+-]\d\d:\d\d"


@pytest.fixture
def asked_reason(monkeypatch) -> list[bool]:
    """Amend asks for a reason first: a list of the times it asked."""
    asked: list[bool] = []

    def ask(parent):
        asked.append(True)
        return REASON

    monkeypatch.setattr(dialogs, "ask_amendment_reason", ask)
    return asked


def banner(window) -> QLabel:
    return window.findChild(QLabel, "record_banner")


def changes_text(window) -> str:
    return window.findChild(QLabel, "record_changes").text()


def type_into(qtbot, window, field_id: str, text: str) -> None:
    window.assessment.focus_field(field_id)
    edit = window.findChild(QLineEdit, field_id)
    edit.selectAll()
    qtbot.keyClicks(edit, text)


def press_amend(qtbot, window) -> None:
    """The Amend shortcut, as a keyboard user presses it."""
    window.activateWindow()
    modifiers = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.assessment, Qt.Key.Key_A, modifiers)


def amend(qtbot, window, data_dir, monkeypatch, *, sign: bool = True, **typed: str) -> None:
    press_amend(qtbot, window)
    assert window.session.amending == REASON
    for field_id, text in typed.items():
        type_into(qtbot, window, field_id, text)
    if sign:
        _sign(window, data_dir, monkeypatch)
    else:
        assert window.save_record()


@pytest.fixture
def two_versions(qtbot, data_dir, monkeypatch, errors, asked_reason):
    """A window that signed version 1, then amended (weight 70 -> 68 kg) and signed version 2."""
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    amend(qtbot, window, data_dir, monkeypatch, weight_kg="68")
    assert errors == []
    v1, v2 = (data_dir / "records" / name for name in records(data_dir))
    assert json.loads(v2.read_text("utf-8"))["version"] == 2
    return window, v1, v2


def follow_link(qtbot, window, text: str) -> None:
    """Click the banner link whose text is ``text`` (the label's own link signal)."""
    label = banner(window)
    match = re.search(rf'<a href="([^"]+)">{re.escape(text)}</a>', label.text())
    assert match, label.text()
    old_view = window.assessment
    label.linkActivated.emit(match[1])
    qtbot.waitUntil(lambda: window.assessment is not old_view, timeout=3000)


def test_version_1_opens_superseded_without_amend_or_sign(
    qtbot, data_dir, monkeypatch, errors, asked_reason, two_versions
):
    window, v1, v2 = two_versions
    window.open_record(v1)
    label = banner(window)
    assert label.property("banner") == "superseded"
    text = label.text()
    assert "Superseded by version 2</b> (signed by Dr Li Wei on " in text
    assert re.search("signed by Dr Li Wei on " + READABLE_TIME, text)
    assert "use Amend" not in text
    assert not window.action_amend.isEnabled()
    assert not window.action_sign.isEnabled()
    assert not window.findChild(QLineEdit, "weight_kg").isEnabled()
    press_amend(qtbot, window)
    assert asked_reason == [True]  # only the amendment made by the fixture
    assert window.session.amending is None
    follow_link(qtbot, window, "Open version 2")
    assert window.session.record_path == v2
    assert window.session.record.version == 2
    assert window.action_amend.isEnabled()
    assert window.assessment.answers()["weight_kg"] == "68"


def test_superseded_by_an_unsigned_version_says_so(
    qtbot, data_dir, monkeypatch, errors, asked_reason
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    amend(qtbot, window, data_dir, monkeypatch, sign=False, weight_kg="68")
    v1 = data_dir / "records" / records(data_dir)[0]
    window.open_record(v1)
    assert "Superseded by version 2</b> (not signed yet)" in banner(window).text()
    assert not window.action_amend.isEnabled()


def test_version_2_shows_its_reason_and_changes(qtbot, data_dir, monkeypatch, two_versions):
    window, v1, v2 = two_versions
    window.open_record(v2)
    label = banner(window)
    assert label.property("banner") == "valid"
    sha = json.loads(v2.read_text("utf-8"))["previous"]["sha256"]
    text = label.text()
    assert f"Amends version 1</b> (sha256 {sha[:12]}...)" in text
    assert f"Reason: <b>{REASON}</b>" in text
    assert re.search("Amended by Dr Li Wei on " + READABLE_TIME, text)
    assert "Body weight: 70 kg -&gt; 68 kg" in changes_text(window)  # shown unfolded
    assert window.findChild(QLabel, "record_changes").isVisible()
    follow_link(qtbot, window, "Open version 1")
    assert window.session.record_path == v1
    assert banner(window).property("banner") == "superseded"


def test_signing_version_2_in_the_window_shows_its_amendment_at_once(two_versions):
    window, _, _ = two_versions
    assert window.session.record.version == 2
    assert "Amends version 1" in banner(window).text()
    assert "Body weight: 70 kg -&gt; 68 kg" in changes_text(window)


def test_amending_banner_names_both_versions_and_shows_changes_once_saved(
    qtbot, data_dir, monkeypatch, errors, asked_reason
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    window.action_amend.trigger()
    assert "Amending version 1: your changes become version 2" in banner(window).text()
    type_into(qtbot, window, "weight_kg", "68")
    assert window.save_record()
    assert "Amending version 1: your changes become version 2" in banner(window).text()
    assert "Body weight: 70 kg -&gt; 68 kg" in changes_text(window)


def test_many_changes_fold_behind_a_toggle_and_the_verdict_change_is_in_view(
    qtbot, data_dir, monkeypatch, errors, asked_reason
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    amend(qtbot, window, data_dir, monkeypatch, weight_kg="68", alt="400", ast="300", tbil="90")
    assert errors == []
    assert "Verdict changed: ELIGIBLE -&gt; NOT ELIGIBLE" in banner(window).text()
    toggle = window.findChild(QToolButton, "record_changes_toggle")
    changes = window.findChild(QLabel, "record_changes")
    assert toggle.isVisible()
    assert not changes.isVisible()
    # four answers, the liver criterion and inclusion 5 that holds it
    assert toggle.text() == "Show changes (6)"
    window.resize(1366, 768)
    qtbot.mouseClick(toggle, Qt.MouseButton.LeftButton)
    assert changes.isVisible()
    box = window.assessment.record_banner_box
    assert box.height() < 300  # the questions below keep most of a 768-pixel screen
    assert "Criteria changed" in changes.text()
    assert "I5A Liver" in changes.text()
    assert "ALT: 45 U/L -&gt; 400 U/L" in changes.text()
    assert toggle.text() == "Hide changes"


def test_broken_chain_banner_and_no_amend(
    qtbot, data_dir, monkeypatch, errors, asked_reason, two_versions
):
    window, v1, v2 = two_versions
    v1.unlink()
    window.open_record(v2)
    label = banner(window)
    assert label.property("banner") == "broken_chain"
    text = label.text()
    assert "BROKEN HISTORY</b>: version 1 missing (version 2 amends it)" in text
    assert "Do not rely on this version's history" in text
    assert "Open version 1" not in text
    assert not window.action_amend.isEnabled()
    assert not window.action_sign.isEnabled()
    with pytest.raises(SessionError, match=r"history is broken \(version 1 missing"):
        window.session.begin_amend("try anyway")
    assert window.session.amending is None
    assert records(data_dir) == [v2.name]


def test_a_record_changed_after_signing_cannot_be_amended(
    qtbot, data_dir, monkeypatch, errors, asked_reason
):
    """Amending would sign a new version over content nobody signed."""
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    path = data_dir / "records" / records(data_dir)[0]
    data = json.loads(path.read_text("utf-8"))
    data["answers"]["weight_kg"] = 90
    path.write_text(json.dumps(data, indent=1), "utf-8")
    window.open_record(path)
    assert banner(window).property("banner") == "invalid"
    assert not window.action_amend.isEnabled()
    assert not window.action_sign.isEnabled()
    with pytest.raises(SessionError, match="signature is invalid"):
        window.session.begin_amend("try anyway")


def test_amend_refused_when_another_window_superseded_the_version(
    qtbot, data_dir, monkeypatch, errors, asked_reason
):
    """Window A shows version 1 as the newest; window B amends and signs it; A's Amend then
    re-reads the folder, refuses, and shows version 1 superseded."""
    identity(data_dir)
    first = make_window(qtbot, data_dir)
    import_case(first, monkeypatch)
    _sign(first, data_dir, monkeypatch)
    v1 = data_dir / "records" / records(data_dir)[0]
    first.open_record(v1)
    assert first.action_amend.isEnabled()
    second = make_window(qtbot, data_dir)
    second.open_record(v1)
    amend(qtbot, second, data_dir, monkeypatch, weight_kg="68")
    assert len(records(data_dir)) == 2
    first.action_amend.trigger()
    assert "superseded by version 2" in errors[-1]
    assert first.session.amending is None
    assert banner(first).property("banner") == "superseded"
    assert not first.action_amend.isEnabled()
    assert len(records(data_dir)) == 2


def test_browser_says_which_version_supersedes_and_lists_a_broken_chain(data_dir, two_versions):
    window, v1, v2 = two_versions

    def row(browser, name):
        model = browser.model
        for r in range(model.rowCount()):
            if model.item(r, 7).text() == name:
                return [model.item(r, c).text() for c in range(model.columnCount())]
        raise AssertionError(name)

    window.show_home()
    browser = window.home.browser
    assert row(browser, v1.name)[4] == "signed v1, superseded by v2"
    assert row(browser, v2.name)[4] == "signed v2"
    v1.unlink()
    window.show_home()
    assert row(browser, v2.name)[6] == "✗ BROKEN HISTORY: version 1 missing (version 2 amends it)"
    browser.filter.setCurrentIndex(browser.filter.findData("problem"))
    assert browser.visible_rows() == [v2.name]


def test_shown_time_carries_the_offset_of_the_computer(monkeypatch):
    from datetime import UTC, datetime

    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        moment = datetime(2026, 12, 1, 14, 12, 33, tzinfo=UTC)
        assert shown_time(moment) == "2026-12-01 22:12 UTC+08:00"
        assert shown_time(moment.isoformat()) == "2026-12-01 22:12 UTC+08:00"
        assert shown_time("not a time") == "not a time"
    finally:
        monkeypatch.undo()
        time.tzset()


def test_banner_links_open_only_files_beside_the_record(qtbot, data_dir, errors, two_versions):
    window, v1, v2 = two_versions
    outside = data_dir / "elsewhere.json"
    outside.write_bytes(v1.read_bytes())
    window.open_record(v2)
    before = window.assessment
    window._banner_link(VERSION_LINK + "../elsewhere.json")
    qtbot.wait(20)
    assert window.assessment is before
    assert window.session.record_path == v2
    assert errors == []


def export_from_window(qtbot, window, monkeypatch, tmp_path: Path, name: str) -> str:
    """File > Export PDF, as a user does it (Ctrl+E), to ``name``; the PDF's text."""
    from nkscreen.ui import print_actions
    from tests.report.conftest import read_pdf

    out = tmp_path / name
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(out))
    window.activateWindow()
    qtbot.keyClick(window.assessment, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(out.exists, timeout=5000)
    return read_pdf(out.read_bytes()).flat


def test_printouts_of_both_versions_say_what_they_are(qtbot, monkeypatch, tmp_path, two_versions):
    window, v1, v2 = two_versions
    window.open_record(v2)
    text = export_from_window(qtbot, window, monkeypatch, tmp_path, "v2.pdf")
    sha = json.loads(v2.read_text("utf-8"))["previous"]["sha256"]
    assert f"Amends version 1 (sha256 {sha[:12]}...)" in text
    assert f"Reason: {REASON}" in text
    assert "Answer changed: Body weight: 70 kg -> 68 kg" in text
    assert "SUPERSEDED" not in text
    window.open_record(v1)
    text = export_from_window(qtbot, window, monkeypatch, tmp_path, "v1.pdf")
    assert "SUPERSEDED BY VERSION 2" in text
    assert "replaces this version: do not act on this printout" in text
    assert "Amends version" not in text
