"""The log: a file in the log folder, started afresh past 1 MB, that says what happened, never
who the patient is and never a passphrase."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

import pytest

from nkscreen import logs
from nkscreen.cli import main
from nkscreen.records import identity as identity_module
from nkscreen.records.store import RecordStore
from nkscreen.settings import SiteSettings, save_settings, settings_file

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "tests" / "cases" / "eligible_male.json"
PASSPHRASE = "correct horse battery staple"
#: What the case says about the patient: none of it may reach the log.
PATIENT = ("HX-001", "1980-05-10", '"AB"', " AB ")


@pytest.fixture
def log_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("NKSCREEN_LOG_DIR", str(tmp_path / "logs"))
    monkeypatch.setattr(identity_module, "SCRYPT_LOG2_N", 10)
    return tmp_path / "logs" / logs.LOG_NAME


def read_log(path: Path) -> str:
    for handler in logging.getLogger("nkscreen").handlers:
        handler.flush()
    return path.read_text("utf-8")


def assert_no_secrets(text: str) -> None:
    for secret in (*PATIENT, PASSPHRASE):
        assert secret not in text, secret


def test_a_command_line_sign_flow_is_logged_without_patient_data(
    tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    save_settings(settings_file(data), SiteSettings(site_name="Test site"))
    monkeypatch.setenv("NKSCREEN_PASSPHRASE", PASSPHRASE)
    base = ["--data-dir", str(data)]
    create = ["identity", "create", "--name", "Dr A", "--role", "PI", "--user-id", "dra"]
    assert main([*base, *create]) == 0
    assert main([*base, "sign", str(CASE), "--meaning", "authorship"]) == 0
    (record,) = (data / "records").glob("*.json")
    assert main([*base, "verify", str(record)]) == 0
    assert main([*base, "list"]) == 0
    text = read_log(log_file)
    assert "nkscreen.cli: nkscreen 0.1.0: identity create" in text
    assert f"sign {record.name} (version 1)" in text
    assert "sign: exit 0" in text
    assert "verify: exit 0" in text
    assert_no_secrets(text)
    assert oct(log_file.parent.stat().st_mode & 0o777) == "0o700"


def test_an_internal_error_is_logged_without_its_message(
    tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: RecordStore) -> list[Any]:
        raise RuntimeError("screening HX-001 could not be listed")

    monkeypatch.setattr(RecordStore, "list_records", broken)
    assert main(["--data-dir", str(tmp_path / "data"), "list"]) == 3
    text = read_log(log_file)
    assert "internal error RuntimeError" in text
    assert "in broken" in text  # where it happened, for whoever fixes it
    assert_no_secrets(text)


def test_a_log_folder_that_cannot_be_made_never_stops_a_command(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("NKSCREEN_LOG_DIR", str(blocker / "logs"))
    assert main(["evaluate", str(CASE)]) == 0
    assert "nkscreen: no log is kept" in capsys.readouterr().err


@pytest.mark.gui
def test_a_window_sign_flow_is_logged_without_patient_data(
    qtbot, tmp_path: Path, log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.ui.test_records_gui import _sign, identity, import_case, make_window

    data = tmp_path / "data"
    identity(data)
    window = make_window(qtbot, data)
    import_case(window, monkeypatch)
    _sign(window, data, monkeypatch)
    (record,) = (data / "records").glob("*.json")
    text = read_log(log_file)
    assert "window, data folder" in text
    assert f"sign {record.name} (version 1)" in text
    assert_no_secrets(text)


def test_what_is_logged_before_the_file_opens_is_written_to_it(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The window holds its log until it is usable (nkscreen.logs.hold_logging): nothing
    # logged meanwhile may be lost, and the file is not touched before.
    monkeypatch.setattr(logs, "_handler", None)
    monkeypatch.setattr(logs, "_held", None)
    logs.hold_logging()
    logging.getLogger("nkscreen.records.store").warning("protocol file %s refused", "x.json")
    assert not log_file.exists()
    assert logs.start_logging() == log_file
    text = read_log(log_file)
    assert "WARNING nkscreen.records.store: protocol file x.json refused" in text
    handler = logs._handler
    assert handler is not None
    logging.getLogger("nkscreen").removeHandler(handler)
    handler.close()
    assert logs._held is None


def _open_log(monkeypatch: pytest.MonkeyPatch) -> Path | None:
    monkeypatch.setattr(logs, "_handler", None)
    monkeypatch.setattr(logs, "_held", None)
    path = logs.start_logging()
    logging.getLogger("nkscreen").info("a new session")
    handler = logs._handler
    assert handler is not None
    logging.getLogger("nkscreen").removeHandler(handler)
    handler.close()
    return path


def _log_past_its_limit(log_file: Path, fill: str, *, old_logs: bool) -> None:
    """A log of MAX_BYTES of ``fill``, and (``old_logs``) "old 1" .. "old 3" in its backups."""
    log_file.parent.mkdir(parents=True)
    log_file.write_text(fill * logs.MAX_BYTES, "utf-8")
    if old_logs:
        for n in range(1, logs.BACKUPS + 1):
            log_file.with_name(f"{log_file.name}.{n}").write_text(f"old {n}", "utf-8")


def test_a_log_past_its_limit_is_started_afresh_and_the_old_ones_move_down(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _log_past_its_limit(log_file, "x", old_logs=True)
    assert _open_log(monkeypatch) == log_file
    assert log_file.read_text("utf-8").endswith("INFO nkscreen: a new session\n")
    assert log_file.stat().st_size < 200
    backups = sorted(log_file.parent.iterdir())
    assert [p.name for p in backups] == [logs.LOG_NAME] + [
        f"{logs.LOG_NAME}.{n}" for n in range(1, logs.BACKUPS + 1)
    ]
    assert log_file.with_name(f"{log_file.name}.1").read_text("utf-8") == "x" * logs.MAX_BYTES
    assert log_file.with_name(f"{log_file.name}.2").read_text("utf-8") == "old 1"
    # The oldest (old 3) is gone: three old files are kept.
    assert log_file.with_name(f"{log_file.name}.3").read_text("utf-8") == "old 2"


def test_a_log_under_its_limit_is_added_to(log_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    log_file.parent.mkdir(parents=True)
    log_file.write_text("earlier line\n", "utf-8")
    _open_log(monkeypatch)
    assert log_file.read_text("utf-8").startswith("earlier line\n")
    assert "a new session" in log_file.read_text("utf-8")
    assert [p.name for p in log_file.parent.iterdir()] == [logs.LOG_NAME]


def test_a_log_that_cannot_be_moved_goes_on_in_the_same_file(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows cannot rename a file another nkscreen has open: the log goes on, nothing lost.
    _log_past_its_limit(log_file, "y", old_logs=False)

    def refuse(src: object, dst: object) -> None:
        raise PermissionError(13, "in use", str(src))

    monkeypatch.setattr("nkscreen.logs.os.replace", refuse)
    _open_log(monkeypatch)
    text = log_file.read_text("utf-8")
    assert text.startswith("y" * logs.MAX_BYTES)
    assert text.endswith("a new session\n")


def test_a_live_log_that_cannot_be_moved_leaves_the_old_ones_where_they_are(
    log_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Windows refuses to rename the log another nkscreen has open, and only that file: the
    # older logs must not move down (and the oldest be dropped) at each such start.
    _log_past_its_limit(log_file, "z", old_logs=True)
    real_replace = os.replace

    def refuse_the_live_one(src: Path, dst: Path) -> None:
        if Path(src) == log_file:
            raise PermissionError(13, "in use by another process", str(src))
        real_replace(src, dst)

    monkeypatch.setattr("nkscreen.logs.os.replace", refuse_the_live_one)
    for _ in range(2):
        _open_log(monkeypatch)
    for n in range(1, logs.BACKUPS + 1):
        assert log_file.with_name(f"{log_file.name}.{n}").read_text("utf-8") == f"old {n}"
    assert log_file.read_text("utf-8").startswith("z" * logs.MAX_BYTES)
