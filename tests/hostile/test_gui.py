"""Hostile files at the app's start: the records browser lists each bad file with its error,
shows a damaged trusted-signers list once above the table, and neither hangs nor shows a
dialog (an error dialog at every start was the attack)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkscreen.ui import build_window, dialogs
from tests.hostile.conftest import FIXTURES, MEMORY_CAP

pytestmark = pytest.mark.gui

SIGNATURE_COLUMN = 6


def _hostile_folder(data_dir: Path) -> None:
    shutil.copy(FIXTURES / "deep.json", data_dir / "records" / "deep.json")
    shutil.copy(FIXTURES / "surrogate_screening_id.json", data_dir / "records" / "surrogate.json")
    shutil.copy(FIXTURES / "deep.json", data_dir / "drafts" / f"{'d' * 32}.json")
    shutil.copy(FIXTURES / "trusted_bad_public_key.json", data_dir / "trusted-signers.json")


def test_browser_lists_bad_files_with_their_errors(qtbot, data_dir, monkeypatch):
    _hostile_folder(data_dir)
    shown: list[str] = []
    monkeypatch.setattr(dialogs, "show_error", lambda parent, title, text: shown.append(text))
    offered: list[str] = []
    monkeypatch.setattr(dialogs, "ask_restore_draft", lambda p, text: offered.append(text))
    window = build_window(data_dir)
    qtbot.addWidget(window)
    window.show()
    qtbot.wait(50)  # the deferred offer to restore drafts runs
    browser = window.home.browser
    assert browser is not None
    assert sorted(browser.visible_rows()) == [
        "deep.json",
        "surrogate.json",
        "valid_authorship.json",
    ]
    signature = {
        browser.proxy.index(r, 7).data(): browser.proxy.index(r, SIGNATURE_COLUMN).data()
        for r in range(browser.proxy.rowCount())
    }
    assert signature["deep.json"] == (
        "UNREADABLE: the data is nested more than 64 levels deep, which no nkscreen file is"
    )
    assert signature["surrogate.json"].startswith("UNREADABLE: answers.screening_id: ")
    assert signature["valid_authorship.json"] == "valid, signer not trusted here"
    assert browser.trust_warning.isVisibleTo(window)
    assert browser.trust_warning.text() == (
        f"The trusted signers list {data_dir / 'trusted-signers.json'} was changed after its "
        "administrator Dr Fixture Admin (fx-admin) signed it: restore it from a backup, or "
        "remove it and sign the site's signers in again. Every signer is treated as untrusted."
    )
    assert shown == []  # no dialog at start
    assert offered == []  # the unreadable draft is not offered for restore


def test_notice_is_hidden_when_nothing_is_wrong(qtbot, data_dir):
    window = build_window(data_dir)
    qtbot.addWidget(window)
    browser = window.home.browser
    assert browser is not None
    assert not browser.trust_warning.isVisibleTo(window)
    assert browser.visible_rows() == ["valid_authorship.json"]


def test_app_start_never_hangs_nor_reads_a_huge_file(tmp_path, data_dir):
    _hostile_folder(data_dir)
    os.mkfifo(data_dir / "records" / "pipe.json")
    os.mkfifo(data_dir / "drafts" / f"{'f' * 32}.json")
    (data_dir / "records" / "zero.json").symlink_to("/dev/zero")
    with (data_dir / "records" / "huge.json").open("wb") as f:
        f.truncate(4 * 1024**3)

    def cap() -> None:  # pragma: no cover - runs in the child
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (2 * MEMORY_CAP, 2 * MEMORY_CAP))

    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NKSCREEN_STARTUP_PROBE="ready",
        NKSCREEN_DATA_DIR=str(data_dir),
        NKSCREEN_CONFIG_DIR=str(tmp_path / "config"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        preexec_fn=cap,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "startup-probe ready nkscreen" in done.stdout
    assert "Traceback" not in done.stderr
