"""The frozen app reaches *ready* (the start-up benchmark's end point) without an error."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
FROZEN_APP = ROOT / "dist" / "nkscreen" / "nkscreen"


@pytest.mark.frozen
def test_frozen_app_reaches_ready(tmp_path: Path) -> None:
    if not FROZEN_APP.is_file():
        build = subprocess.run(
            ["bash", "packaging/build.sh", "--current", "--no-compare", "--no-smoke"],
            cwd=ROOT,
            env={**os.environ, "PYTHON": sys.executable},
            capture_output=True,
            text=True,
            timeout=900,
        )
        assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    env = dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        NKSCREEN_STARTUP_PROBE="ready",
        NKSCREEN_DATA_DIR=str(tmp_path / "data"),
        NKSCREEN_CONFIG_DIR=str(tmp_path / "config"),
    )
    done = subprocess.run([str(FROZEN_APP)], env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "startup-probe ready nkscreen" in done.stdout, done.stdout + done.stderr
    assert "focus=screening_id" in done.stdout
    assert "error" not in done.stderr.lower()
