"""The real start path (``nkscreen`` with no arguments): first frame, then the deferred load."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.gui


def _ready_run(
    tmp_path, code: str, *, site: Path | None = None, **extra: str
) -> subprocess.CompletedProcess[str]:
    """``code`` run in a fresh interpreter with the start-up probe at *ready* on a fresh data
    folder, or on ``site`` (data and settings) (``code`` starts the app with ``main([])``)."""
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NKSCREEN_STARTUP_PROBE="ready",
        NKSCREEN_DATA_DIR=str(site or tmp_path / "data"),
        NKSCREEN_CONFIG_DIR=str(site or tmp_path / "config"),
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60
    )


def test_app_starts_and_finishes_loading(tmp_path):
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NKSCREEN_STARTUP_PROBE="ready",
        NKSCREEN_DATA_DIR=str(tmp_path / "data"),
        NKSCREEN_CONFIG_DIR=str(tmp_path / "config"),
        NKSCREEN_LOG_DIR=str(tmp_path / "logs"),
    )
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen"], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert "startup-probe ready nkscreen" in done.stdout
    # Ready as the benchmark times it: a new screening open, its first field taking keys.
    assert "focus=screening_id" in done.stdout, done.stdout
    assert "NCT06641648" in done.stdout  # the protocol was loaded after the first frame
    assert "error" not in done.stderr.lower()
    assert (tmp_path / "data" / "records").is_dir()  # the records store was prepared
    # The log file opens once the window is usable, with what was logged before it.
    assert "window, data folder" in (tmp_path / "logs" / "nkscreen.log").read_text("utf-8")


def test_version_is_quick_to_answer():
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0
    assert done.stdout.startswith("nkscreen ")


@pytest.mark.parametrize("lang", ["en", "zh_CN"])
def test_a_new_screening_opens_without_pydantic_or_cryptography(tmp_path, lang):
    """Start-up to *ready* on a fresh data folder loads neither, in English or Chinese: the
    shipped protocol and its translation are built without validation (validated by the
    tests), the records list comes from the folder and its index, and a new screening needs no
    record model (see README, Performance)."""
    code = (
        "import sys\n"
        "from nkscreen.cli import main\n"
        "try:\n"
        "    main([])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print('heavy:', sorted({m.split('.')[0] for m in sys.modules}\n"
        "      & {'pydantic', 'pydantic_core', 'cryptography', 'rfc8785'}))\n"
    )
    done = _ready_run(tmp_path, code, NKSCREEN_LANG=lang)
    assert "startup-probe ready nkscreen" in done.stdout, done.stdout + done.stderr
    assert "heavy: []" in done.stdout, done.stdout


def test_a_sites_folder_opens_without_pydantic_its_trust_checked_in_full(tmp_path):
    """On a site's data folder (settings file, signed trusted signers list, signed records, as
    a ward computer starts every day) start-up reads the settings and checks the list's
    signature without pydantic, and the records list shows each record's trust as before:
    trusted signers valid, an unknown one untrusted (see README, Performance)."""
    from benchmarks.demo_site import build

    data = build(tmp_path / "site")
    code = (
        "import sys\n"
        "from PySide6.QtWidgets import QTableView\n"
        "import nkscreen.ui.app as app\n"
        "report = app._report_ready\n"
        "def ready(qt, window):\n"
        "    model = window.findChild(QTableView, 'records_table').model()\n"
        "    rows = sorted(str(model.index(r, 6).data()) for r in range(model.rowCount()))\n"
        "    print('signatures:', rows)\n"
        "    report(qt, window)\n"
        "app._report_ready = ready\n"
        "from nkscreen.cli import main\n"
        "main([])\n"
        "print('heavy:', sorted({m.split('.')[0] for m in sys.modules}\n"
        "      & {'pydantic', 'pydantic_core', 'cryptography'}))\n"
    )
    _ready_run(tmp_path, code, site=data)  # the first start reads the records into the index
    done = _ready_run(tmp_path, code, site=data)
    assert "focus=screening_id" in done.stdout, done.stdout + done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    expected = sorted(["✓ valid", "valid, signer not trusted here", "not signed"])
    assert f"signatures: {expected}" in done.stdout, done.stdout
    # cryptography checks the administrator's signature on the list at every start.
    assert "heavy: ['cryptography']" in done.stdout, done.stdout


def test_pyside_no_longer_reads_the_source_of_each_module_imported(tmp_path):
    """The start-up skips PySide6's per-module source scan (see nkscreen.ui.app), and the app
    still reaches ready, its widgets working."""
    code = (
        "import sys\n"
        "from nkscreen.cli import main\n"
        "main([])\n"
        "feature = sys.modules['shibokensupport.feature']\n"
        "print('scan:', feature.feature_imported.__name__)\n"
    )
    done = _ready_run(tmp_path, code)
    assert "focus=screening_id" in done.stdout, done.stdout + done.stderr
    assert "scan: _no_feature_scan" in done.stdout


def test_garbage_collection_is_back_once_the_window_is_usable(tmp_path):
    """Start-up runs without the cyclic collector (see nkscreen.ui.app.run_app); it is on
    again after ready, with what start-up made set aside (gc.freeze), and it still frees a
    cycle made afterwards."""
    code = (
        "import gc\nfrom nkscreen.cli import main\nmain([])\n"
        "print('gc on:', gc.isenabled())\n"
        "print('set aside:', gc.get_freeze_count() > 10000)\n"
        "a = []\na.append(a)\ndel a\n"
        "print('cycle freed:', gc.collect() >= 1)\n"
    )
    done = _ready_run(tmp_path, code)
    assert "focus=screening_id" in done.stdout, done.stdout + done.stderr
    assert "gc on: True" in done.stdout
    assert "set aside: True" in done.stdout
    assert "cycle freed: True" in done.stdout


def test_start_up_objects_go_back_to_the_collector(qtbot, monkeypatch):
    """What start-up made is set aside only for a while (gc.freeze, then gc.unfreeze), so its
    leftovers and the blank screening's view, once replaced, are still freed."""
    import gc

    from nkscreen.ui import app as app_module

    monkeypatch.setattr(app_module, "GC_SET_ASIDE_MS", 50)
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        app_module._collect_from_now_on()
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
        qtbot.waitUntil(lambda: gc.get_freeze_count() == 0, timeout=3000)
    finally:
        gc.unfreeze()
        if not was_enabled:
            gc.disable()
