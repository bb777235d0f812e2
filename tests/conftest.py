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
    monkeypatch.delenv("NKSCREEN_PASSPHRASE", raising=False)
