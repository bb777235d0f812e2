"""``nkscreen --smoke`` from source, and what keeps the frozen app's smoke test honest.

The frozen app itself (the release archive) is tested in test_release.py (``-m frozen``).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from nkscreen import smoke

ROOT = Path(__file__).resolve().parent.parent.parent


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env.pop("QT_QPA_PLATFORM", None)  # --smoke must choose offscreen itself
    return env


def _assert_passed(output: str) -> None:
    for name, _step in smoke.STEPS:
        assert f"ok    {name}" in output, output
    assert "smoke test passed" in output


def test_smoke_passes_from_source(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "nkscreen", "--smoke"],
        cwd=tmp_path,  # no reliance on the working directory
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_passed(result.stdout)
    assert "frozen: no" in result.stdout


def test_smoke_names_the_failing_step(qapp: object, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(state: object) -> str:
        raise FileNotFoundError("resources/protocols/NCT06641648.json")

    monkeypatch.setattr(smoke, "STEPS", (("qt", smoke._step_qt), ("protocol", broken)))
    out, err = io.StringIO(), io.StringIO()
    assert smoke.run_smoke(out, err) == 1
    assert "ok    qt" in out.getvalue()
    assert "FAIL  protocol  FileNotFoundError: resources/protocols" in out.getvalue()
    assert "smoke test failed at step 'protocol'" in out.getvalue()
    assert "Traceback" in err.getvalue()


def test_bundled_example_is_the_spec_example() -> None:
    """The smoke test's example (bundled) is the spec's (tests only): they must not drift."""
    bundled = ROOT / "resources" / "examples" / "eligible_male.json"
    assert bundled.read_bytes() == (ROOT / "tests" / "cases" / "eligible_male.json").read_bytes()


def test_spec_bundles_every_resource_folder() -> None:
    """A new folder under resources/ must be added to the spec, or the frozen app lacks it."""
    spec = (ROOT / "packaging" / "nkscreen.spec").read_text("utf-8")
    folders = sorted(p.name for p in (ROOT / "resources").iterdir() if p.is_dir())
    assert [f for f in folders if f'"{f}": [' not in spec] == []
