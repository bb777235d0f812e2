"""Hostile-file tests: cheap key derivation, the fixtures folder, and a CLI runner."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.records import identity as identity_module
from nkscreen.settings import SiteSettings, save_settings, settings_file

HERE = Path(__file__).resolve().parent
FIXTURES = HERE / "fixtures"
RECORD_FIXTURES = HERE.parent / "records" / "fixtures"
CASES = HERE.parent / "cases"
PASSPHRASE = "correct horse battery staple"

CliResult = tuple[int, str, str]


@pytest.fixture(autouse=True)
def _fast_kdf(monkeypatch: pytest.MonkeyPatch) -> None:
    # The scrypt cost is stored in each key file: keys made here stay cheap in subprocesses too.
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    """A data folder holding one valid signed record whose signer the site trusts."""
    base = tmp_path / "data"
    (base / "records").mkdir(parents=True)
    (base / "drafts").mkdir()
    shutil.copy(RECORD_FIXTURES / "valid_authorship.json", base / "records")
    shutil.copy(RECORD_FIXTURES / "trusted-signers.json", base / "trusted-signers.json")
    # `nkscreen sign` waits for the site's name (a signed record's printout names it).
    save_settings(settings_file(base), SiteSettings(site_name="Test site"))
    return base


@pytest.fixture
def cli(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> Callable[..., CliResult]:
    """``nkscreen --data-dir DATA ...`` in this process: (exit code, stdout, stderr)."""

    def run(*argv: str) -> CliResult:
        monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


#: Address space for a fresh process that must not read a hostile file whole: if a change
#: ever made nkscreen read /dev/zero or a 4 GB file, it fails there instead of eating the
#: machine's memory (never run such a read in the test process itself).
MEMORY_CAP = 1024**3


def run_process(
    *argv: str, data_dir: Path, memory_limit: int | None = MEMORY_CAP, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """``python ARGV...`` (``-m nkscreen ...`` by default) in a fresh, memory-capped process;
    a hang ends in a failed test."""

    def limit() -> None:  # pragma: no cover - runs in the child
        import resource

        assert memory_limit is not None
        resource.setrlimit(resource.RLIMIT_AS, (memory_limit, memory_limit))

    env = dict(os.environ, NKSCREEN_DATA_DIR=str(data_dir), QT_QPA_PLATFORM="offscreen")
    return subprocess.run(
        [sys.executable, *(argv if argv[0] == "-c" else ("-m", "nkscreen", *argv))],
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        preexec_fn=limit if memory_limit else None,
        check=False,
    )


def store_rows(data_dir: Path) -> dict[str, str | None]:
    """``RecordStore(data_dir).list_records()`` in a capped process: file name -> error."""
    code = (
        "import json, sys; from pathlib import Path; "
        "from nkscreen.records.store import RecordStore; "
        "rows = RecordStore(Path(sys.argv[1])).list_records(); "
        "print(json.dumps({r.file_name: r.error for r in rows}))"
    )
    done = run_process("-c", code, str(data_dir), data_dir=data_dir)
    assert done.returncode == 0, done.stderr
    result: dict[str, str | None] = json.loads(done.stdout)
    return result


def one_line(err: str) -> str:
    """The single line a command printed on stderr (fails if there are more or none)."""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in err
    return lines[0]
