"""``nkscreen --smoke`` from source (fast, always) and from the frozen app (``-m frozen``).

The frozen test runs ``packaging/build.sh`` with the current interpreter, so it checks the
committed spec against the installed dependencies: a module, plugin or resource file missing
from the bundle fails the smoke step that needs it. CI runs it separately (``.ci/run``); by
hand: ``.venv/bin/python -m pytest -m frozen``.
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
FROZEN_APP = ROOT / "dist" / "nkscreen" / "nkscreen"
#: The frozen bundle measured 167 MiB (bare PySide6 app: 158 MiB); fail well before it bloats.
BUNDLE_BUDGET_MIB = 190


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


@pytest.mark.frozen  # not also `slow`: `-m slow` would then pull in a 30 s build
def test_frozen_app_passes_smoke() -> None:
    build = subprocess.run(
        ["bash", "packaging/build.sh", "--current", "--no-compare", "--no-smoke"],
        cwd=ROOT,
        env={**_env(), "PYTHON": sys.executable},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    result = subprocess.run(
        [str(FROZEN_APP), "--smoke"],
        cwd=ROOT.parent,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    _assert_passed(result.stdout)
    assert "frozen: yes" in result.stdout
    internal = FROZEN_APP.parent / "_internal"
    files = [p for p in FROZEN_APP.parent.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    assert size / 2**20 < BUNDLE_BUDGET_MIB, f"bundle is {size / 2**20:.1f} MiB"
    # Nothing that could talk to a network made it into the bundle.
    names = {p.name for p in internal.rglob("*")}
    assert not [n for n in names if "Qt6Network" in n or n.startswith(("_ssl.", "libssl"))]
