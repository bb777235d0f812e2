"""Records in the GUI: autosave and crash recovery, save, sign, verification banner, amend,
and the records browser (damaged files listed, never a crash)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QLabel, QLineEdit

from nkscreen.records.identity import create_identity, load_identity, unlock
from nkscreen.ui import build_window, dialogs
from nkscreen.ui.sign_dialog import SignDialog
from tests.ui.conftest import CASES

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]
PASSPHRASE = "correct horse battery staple"


def make_window(qtbot, data_dir):
    win = build_window(data_dir)
    qtbot.addWidget(win)
    win.show()
    qtbot.wait(20)  # let the start-up offer to restore drafts run (it is deferred)
    return win


def import_case(window, monkeypatch, name="eligible_male"):
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a, **k: (str(CASES / f"{name}.json"), "")
    )
    window.action_import_case.trigger()


def identity(data_dir: Path):
    folder = data_dir / "identities"
    path = create_identity(
        folder, name="Dr Li Wei", role="Investigator", user_id="liwei", passphrase=PASSPHRASE
    )
    from nkscreen.records.trust import trust_first_identity

    assert trust_first_identity(data_dir / "trusted-signers.json", load_identity(path), PASSPHRASE)
    return load_identity(path)


def records(data_dir: Path) -> list[str]:
    return sorted(p.name for p in (data_dir / "records").glob("*.json"))


def test_autosave_writes_a_draft_shortly_after_typing(qtbot, data_dir):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    window.assessment.focus_field("screening_id")
    qtbot.keyClicks(window.findChild(QLineEdit, "screening_id"), "HX-777")
    drafts = data_dir / "drafts"
    qtbot.waitUntil(lambda: any(drafts.glob("*.json")), timeout=3000)
    draft = json.loads(next(drafts.glob("*.json")).read_text("utf-8"))
    assert draft["answers"]["screening_id"] == "HX-777"


def test_crash_leaves_a_draft_that_the_next_start_restores(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    window.assessment.focus_field("screening_id")
    qtbot.keyClicks(window.findChild(QLineEdit, "screening_id"), "HX-CRASH")
    assert window.session.flush_autosave()
    window.session.lock.path.unlink()  # the process "died": its lock is gone with it
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_restore_draft", lambda parent, text: asked.append(text) or True
    )
    second = make_window(qtbot, data_dir)
    qtbot.waitUntil(lambda: bool(asked), timeout=3000)
    assert "HX-CRASH" in asked[0]
    assert second.assessment.answers()["screening_id"] == "HX-CRASH"


def test_draft_open_in_another_window_is_not_offered(qtbot, data_dir, monkeypatch):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    window.assessment.focus_field("screening_id")
    qtbot.keyClicks(window.findChild(QLineEdit, "screening_id"), "HX-OPEN")
    assert window.session.flush_autosave()
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_restore_draft", lambda parent, text: asked.append(text) or True
    )
    make_window(qtbot, data_dir)
    qtbot.wait(50)
    assert asked == []


def test_save_writes_a_record_and_discards_the_draft(qtbot, data_dir, monkeypatch, errors):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    assert window.save_record(), errors
    assert records(data_dir) == [f"{window.session.assessment_id}.v1.json"]
    assert not any((data_dir / "drafts").glob("*.json"))
    saved = json.loads((data_dir / "records" / records(data_dir)[0]).read_text("utf-8"))
    assert saved["answers"]["alt"] == 45
    assert saved["evaluation"]["overall"] == "eligible"
    assert "not signed yet" in window.findChild(QLabel, "record_banner").text()


def test_save_refused_without_screening_id(qtbot, data_dir, errors):
    window = make_window(qtbot, data_dir)
    window.new_assessment()
    window.assessment.focus_field("patient_initials")
    qtbot.keyClicks(window.findChild(QLineEdit, "patient_initials"), "AB")
    assert not window.save_record()
    assert "screening_id" in errors[0]
    assert records(data_dir) == []


def test_sign_dialog_refuses_a_wrong_passphrase_and_writes_nothing(qtbot, data_dir):
    identity(data_dir)
    before = sorted(p.name for p in data_dir.rglob("*"))
    dialog = SignDialog(data_dir / "identities", data_dir / "trusted-signers.json")
    qtbot.addWidget(dialog)
    dialog.passphrase.setText("not the passphrase")
    dialog.sign()
    assert dialog.unlocked is None
    assert "Wrong passphrase" in dialog.findChild(QLabel, "sign_error").text()
    assert dialog.passphrase.text() == ""
    assert sorted(p.name for p in data_dir.rglob("*")) == before
    dialog.passphrase.setText(PASSPHRASE)
    dialog.sign()
    assert dialog.unlocked is not None


def _sign(window, data_dir, monkeypatch, meaning="authorship"):
    unlocked = unlock(load_identity(next((data_dir / "identities").glob("*.json"))), PASSPHRASE)
    monkeypatch.setattr(dialogs, "ask_signature", lambda parent, a, b, *what: (unlocked, meaning))
    monkeypatch.setattr(dialogs, "ask_site_name", lambda parent: "Ward 7 North")
    window.action_sign.trigger()


def test_sign_makes_the_record_read_only_with_a_valid_banner(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    assert errors == []
    banner = window.findChild(QLabel, "record_banner")
    assert banner.property("banner") == "valid"
    assert "Dr Li Wei" in banner.text()
    assert "Investigator" in banner.text()
    assert not window.findChild(QLineEdit, "alt").isEnabled()
    saved = json.loads((data_dir / "records" / records(data_dir)[0]).read_text("utf-8"))
    assert saved["signatures"][0]["manifestation"]["meaning"] == "authorship"


def test_tampered_record_opens_with_an_invalid_banner(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    path = data_dir / "records" / records(data_dir)[0]
    data = json.loads(path.read_text("utf-8"))
    data["answers"]["alt"] = 44
    path.write_text(json.dumps(data, indent=1), "utf-8")
    window.show_home()
    browser = window.home.browser
    assert any(
        "INVALID" in (browser.model.item(r, 6).text()) for r in range(browser.model.rowCount())
    )
    window.open_record(path)
    banner = window.findChild(QLabel, "record_banner")
    assert banner.property("banner") == "invalid"
    assert "SIGNATURE INVALID" in banner.text()


def test_record_whose_signature_was_removed_opens_invalid_and_read_only(
    qtbot, data_dir, monkeypatch, errors
):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    path = data_dir / "records" / records(data_dir)[0]
    data = json.loads(path.read_text("utf-8"))
    data["signatures"] = []  # the "signed" audit entry stays
    path.write_text(json.dumps(data, indent=2), "utf-8")
    stripped = path.read_bytes()
    window.open_record(path)
    assert errors == []
    banner = window.findChild(QLabel, "record_banner")
    assert banner.property("banner") == "invalid"
    assert "a signature was removed" in banner.text()
    assert not window.findChild(QLineEdit, "alt").isEnabled()
    assert not window.action_save.isEnabled()
    assert not window.action_sign.isEnabled()
    assert not window.action_amend.isEnabled()
    assert window.session.lock is None
    assert not window.save_record()
    assert path.read_bytes() == stripped


def test_a_save_the_journal_could_not_take_is_kept_and_reported(
    qtbot, data_dir, monkeypatch, errors
):
    from nkscreen.records import journal
    from nkscreen.records.journal import JournalError

    def refuse(*args, **kwargs):
        raise JournalError("the disk is full")

    monkeypatch.setattr(journal, "append_entry", refuse)  # imported by the store when saving
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    assert window.save_record()
    assert records(data_dir) == [f"{window.session.assessment_id}.v1.json"]
    assert errors == [
        f"{records(data_dir)[0]} was saved, but the data folder's journal could not be updated: "
        "the disk is full. 'nkscreen verify --all' will report this record as not journaled."
    ]


def test_amend_keeps_the_signed_version_and_makes_a_new_one(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    v1 = data_dir / "records" / records(data_dir)[0]
    v1_bytes = v1.read_bytes()
    monkeypatch.setattr(dialogs, "ask_amendment_reason", lambda parent: "weight re-measured")
    window.action_amend.trigger()
    assert window.findChild(QLineEdit, "weight_kg").isEnabled()
    assert "weight re-measured" in window.findChild(QLabel, "record_banner").text()
    window.assessment.focus_field("weight_kg")
    edit = window.findChild(QLineEdit, "weight_kg")
    edit.selectAll()
    qtbot.keyClicks(edit, "72")
    _sign(window, data_dir, monkeypatch)
    assert errors == []
    assert len(records(data_dir)) == 2
    assert v1.read_bytes() == v1_bytes
    v2 = json.loads((data_dir / "records" / records(data_dir)[1]).read_text("utf-8"))
    assert v2["version"] == 2
    assert v2["previous"]["file"] == v1.name
    amended = [e for e in v2["audit_trail"] if e["event"] == "amended"]
    assert amended[0]["reason"] == "weight re-measured"
    assert window.findChild(QLabel, "record_banner").property("banner") == "valid"


def test_browser_lists_damaged_files_and_filters(qtbot, data_dir, monkeypatch, errors):
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    assert window.save_record()
    saved = records(data_dir)[0]
    (data_dir / "records" / "broken.json").write_text('{"schema_version": 1, "answ', "utf-8")
    (data_dir / "records" / "future.json").write_text('{"schema_version": 99}', "utf-8")
    window.show_home()
    browser = window.home.browser
    assert len(browser.visible_rows()) == 3
    qtbot.keyClicks(browser.search, "HX-001")
    assert browser.visible_rows() == [saved]
    browser.search.clear()
    browser.filter.setCurrentIndex(browser.filter.findData("problem"))
    assert sorted(browser.visible_rows()) == ["broken.json", "future.json"]
    browser.filter.setCurrentIndex(0)
    browser.table.setFocus()
    row = browser.visible_rows().index(saved)
    browser.table.setCurrentIndex(browser.proxy.index(row, 0))
    qtbot.keyClick(browser.table, Qt.Key.Key_Return)
    assert window.stack.currentWidget() is window.assessment
    assert window.assessment.answers()["screening_id"] == "HX-001"


def test_signing_an_incomplete_screening_asks_first(qtbot, data_dir, monkeypatch, errors):
    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch, "missing_lvef")
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_sign_incomplete", lambda parent, missing: asked.append(missing) or False
    )
    _sign(window, data_dir, monkeypatch)
    assert asked == [window.protocol.field_map["lvef_pct"].label]
    assert records(data_dir) == []


def test_trusted_signers_managed_in_preferences(qtbot, data_dir, monkeypatch, errors, tmp_path):
    from nkscreen.records.public_identity import export_public_identity
    from nkscreen.ui.preferences import PreferencesDialog

    me = identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    _sign(window, data_dir, monkeypatch)
    path = data_dir / "records" / records(data_dir)[0]
    dialog = PreferencesDialog(
        window.settings, window.settings_path, window.library, window, data_dir=data_dir
    )
    qtbot.addWidget(dialog)
    box = dialog.trusted
    assert box.table.rowCount() == 1
    assert "Administrator: Dr Li Wei (liwei)" in box.findChild(QLabel, "trusted_state").text()
    exported = tmp_path / "liwei.public.json"
    exported.write_bytes(export_public_identity(me))
    asked: list[str] = []
    monkeypatch.setattr(
        dialogs, "ask_passphrase", lambda parent, title, prompt: asked.append(prompt) or PASSPHRASE
    )
    box.table.selectRow(0)
    box.remove_selected()
    assert "Stop trusting the signatures of Dr Li Wei?" in asked[-1]
    assert box.table.rowCount() == 0
    window.open_record(path)
    banner = window.findChild(QLabel, "record_banner")
    assert banner.property("banner") == "untrusted"
    assert "is not in this site&#x27;s trusted signers" in banner.text()
    assert box.add_file(exported)
    assert "Trust the signatures of Dr Li Wei (liwei, Investigator), key" in asked[-1]
    assert box.table.rowCount() == 1
    window.open_record(path)
    assert window.findChild(QLabel, "record_banner").property("banner") == "valid"
    bad = tmp_path / "bad.json"
    bad.write_text('{"name": "x"}', "utf-8")
    assert not box.add_file(bad)
    assert "not a usable public key" in errors[-1]


def test_disk_full_on_save_keeps_answers_and_old_record(qtbot, data_dir, monkeypatch, errors):
    import errno

    from nkscreen.records import store as store_module

    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    assert window.save_record()
    saved = data_dir / "records" / records(data_dir)[0]
    before = saved.read_bytes()
    window.assessment.focus_field("weight_kg")
    edit = window.findChild(QLineEdit, "weight_kg")
    edit.selectAll()
    qtbot.keyClicks(edit, "71")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    working = getattr(store_module, "atomic_write")  # noqa: B009 - not re-exported
    monkeypatch.setattr(store_module, "atomic_write", full)
    assert not window.save_record()
    assert "No space left" in errors[-1]
    assert saved.read_bytes() == before
    assert window.assessment.answers()["weight_kg"] == "71"
    monkeypatch.setattr(store_module, "atomic_write", working)  # the disk has room again
    assert window.save_record()
    assert json.loads(saved.read_text("utf-8"))["answers"]["weight_kg"] == 71


def _pdf_text(path: Path) -> str:
    from pypdf import PdfReader

    text = " ".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return " ".join(text.split())  # pypdf separates words with tabs


def test_export_pdf_prints_a_draft_then_the_signed_record(qtbot, data_dir, monkeypatch, tmp_path):
    from nkscreen.ui import print_actions

    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    draft_pdf, signed_pdf = tmp_path / "draft.pdf", tmp_path / "signed.pdf"
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(draft_pdf))
    window.action_export_pdf.trigger()
    assert "DRAFT - NOT SIGNED" in _pdf_text(draft_pdf)
    _sign(window, data_dir, monkeypatch)
    monkeypatch.setattr(print_actions, "ask_pdf_path", lambda parent, suggested: str(signed_pdf))
    window.action_export_pdf.trigger()
    text = _pdf_text(signed_pdf)
    assert "DRAFT - NOT SIGNED" not in text
    assert "Dr Li Wei" in text
    assert "HX-001" in text


def test_answers_to_hidden_questions_do_not_block_saving(qtbot, data_dir, monkeypatch, errors):
    """A woman without childbearing potential: the contraception questions are hidden, and
    what they held before must neither show nor block Save (the display and Save agree)."""
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch, "eligible_female")
    view = window.assessment
    view.rows["contraception_not_guaranteed"].editor.set_raw_value("yes")  # contradiction
    view.rows["childbearing_potential"].editor.set_raw_value("no")
    view.rows["no_cbp_reason"].editor.set_raw_value("postmenopausal")
    view.refresh()
    assert "contraception_agreed_12m" not in view.answers()
    assert window.save_record(), errors
    saved = json.loads((data_dir / "records" / records(data_dir)[0]).read_text("utf-8"))
    assert "contraception_not_guaranteed" not in saved["answers"]


def test_leaving_an_assessment_whose_draft_cannot_be_written_asks(
    qtbot, data_dir, monkeypatch, errors
):
    import errno

    from nkscreen.records import store as store_module

    window = make_window(qtbot, data_dir)
    window.new_assessment()
    window.assessment.focus_field("screening_id")
    qtbot.keyClicks(window.findChild(QLineEdit, "screening_id"), "HX-KEEP")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    working = getattr(store_module, "atomic_write")  # noqa: B009 - not re-exported
    monkeypatch.setattr(store_module, "atomic_write", full)
    asked: list[bool] = []
    monkeypatch.setattr(dialogs, "ask_close_anyway", lambda parent: asked.append(True) and False)
    import_case(window, monkeypatch)
    assert asked
    assert window.assessment.answers()["screening_id"] == "HX-KEEP"  # kept, not replaced
    monkeypatch.setattr(store_module, "atomic_write", working)


def test_one_sign_evaluates_once_and_writes_once(qtbot, data_dir, monkeypatch, errors):
    """Sign: one evaluation (the verdict shown is the one signed), one record write, one
    state for the window's one slot."""
    from nkscreen.core.engine import Engine
    from nkscreen.records.store import RecordStore

    identity(data_dir)
    window = make_window(qtbot, data_dir)
    import_case(window, monkeypatch)
    counts = {"evaluate": 0, "save": 0}
    evaluate, save = Engine.evaluate, RecordStore.save

    def counting_evaluate(self, *args, **kwargs):
        counts["evaluate"] += 1
        return evaluate(self, *args, **kwargs)

    def counting_save(self, *args, **kwargs):
        counts["save"] += 1
        return save(self, *args, **kwargs)

    monkeypatch.setattr(Engine, "evaluate", counting_evaluate)
    monkeypatch.setattr(RecordStore, "save", counting_save)
    states: list = []
    window.session.state_changed.connect(states.append)
    _sign(window, data_dir, monkeypatch)
    assert errors == []
    assert counts == {"evaluate": 1, "save": 1}
    assert len(states) == 1
    (state,) = states
    assert (state.editable, state.can_save, state.can_sign, state.can_amend) == (
        False,
        False,
        True,  # a co-signature
        True,
    )
    assert window.action_amend.isEnabled()
    assert not window.action_save.isEnabled()
    (name,) = records(data_dir)
    journal = (data_dir / "journal.jsonl").read_text("utf-8").splitlines()
    assert [json.loads(line)["event"] for line in journal] == ["sign"]
    saved = json.loads((data_dir / "records" / name).read_text("utf-8"))
    assert [e["event"] for e in saved["audit_trail"]] == ["created", "signed"]
