from __future__ import annotations

from pathlib import Path

import pytest

from nkscreen.records import identity as identity_module
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.store import RecordStore
from nkscreen.settings import SiteSettings, save_settings, settings_file
from tests.records.helpers import throwaway_identity


@pytest.fixture(autouse=True)
def _fast_kdf_and_isolated_dirs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # scrypt 2**17 costs ~0.5 s a derivation; the cost is stored per key file, so keys made
    # here are cheap to open too. Nothing may fall back to the real user data folder.
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)
    monkeypatch.setenv("NKSCREEN_DATA_DIR", str(tmp_path / "env-data"))
    monkeypatch.delenv("NKSCREEN_PASSPHRASE", raising=False)
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home" / "data"))


@pytest.fixture(autouse=True)
def _site_named(_fast_kdf_and_isolated_dirs: None, tmp_path: Path) -> None:
    """`nkscreen sign` waits for the site's name (a signed record's printout names it)."""
    save_settings(settings_file(tmp_path / "data"), SiteSettings(site_name="Test site"))


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data_dir: Path) -> RecordStore:
    s = RecordStore(data_dir)
    s.prepare()
    return s


@pytest.fixture
def signer() -> UnlockedIdentity:
    return throwaway_identity(1)


@pytest.fixture
def reviewer() -> UnlockedIdentity:
    return throwaway_identity(2, name="Dr Review", user_id="reviewer", role="PI")
