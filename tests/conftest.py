"""Test-wide configuration: Qt runs offscreen, and no test touches the user's real folders."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest


@pytest.fixture(autouse=True)
def _isolated_folders(tmp_path_factory, monkeypatch):
    """Data and config go to a temporary folder unless a test chooses another."""
    base = tmp_path_factory.mktemp("nkscreen-home")
    monkeypatch.setenv("NKSCREEN_DATA_DIR", str(base / "data"))
    monkeypatch.setenv("NKSCREEN_CONFIG_DIR", str(base / "config"))
    monkeypatch.setenv("NKSCREEN_LOG_DIR", str(base / "logs"))
    monkeypatch.delenv("NKSCREEN_PASSPHRASE", raising=False)


@pytest.fixture(autouse=True)
def _no_unexpected_modal_dialogs(monkeypatch):
    """A real message box would wait forever for a click in CI: fail the test instead.

    Tests that expect a dialog replace the ``nkscreen.ui.dialogs`` helper that shows it.
    """
    try:
        from PySide6.QtWidgets import QInputDialog, QMessageBox
    except ImportError:  # a Qt-free environment: nothing to guard
        return

    def refuse(*args, **kwargs):
        raise AssertionError(f"unexpected modal dialog: {args[1:3]!r}")

    for name in ("warning", "question", "critical", "information", "about"):
        monkeypatch.setattr(QMessageBox, name, refuse)
    monkeypatch.setattr(QInputDialog, "getMultiLineText", refuse)
    monkeypatch.setattr(QInputDialog, "getText", refuse)


@pytest.fixture
def protocol():
    """The bundled protocol (tests of exports and printouts share it)."""
    from nkscreen.core.protocol import builtin_protocol

    return builtin_protocol("NCT06641648")


@pytest.fixture
def author():
    """A throwaway signer who authors records."""
    from tests.records.helpers import throwaway_identity

    return throwaway_identity(11, name="Dr Li Wei", user_id="liwei", role="Sub-investigator")


@pytest.fixture
def approver():
    """A second throwaway signer, the principal investigator who approves."""
    from tests.records.helpers import throwaway_identity

    return throwaway_identity(12, name="Prof Zhang Min", user_id="zhangmin", role="PI")
