"""The command line: identity create, sign, verify, list (exit codes and messages)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.settings import SiteSettings, save_settings, settings_file
from tests.records.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``nkscreen --data-dir DATA ...`` in-process; return (exit code, stdout, stderr)."""

    def run(*argv: str, passphrase: str | None = PASSPHRASE) -> tuple[int, str, str]:
        if passphrase is None:
            monkeypatch.delenv("NKSCREEN_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("NKSCREEN_PASSPHRASE", passphrase)
        capsys.readouterr()
        code = main(["--data-dir", str(data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _create(cli, user_id: str = "liwei", name: str = "Dr Li Wei") -> None:
    code, out, err = cli(
        "identity", "create", "--name", name, "--role", "investigator", "--user-id", user_id
    )
    assert code == 0, err
    assert "Key fingerprint:" in out


def _files(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if p.is_file())


def test_identity_create_sign_verify_list(cli, data_dir: Path) -> None:
    _create(cli)
    assert (data_dir / "identities" / "liwei.json").exists()
    code, out, err = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    assert code == 0, err
    path = Path(out.strip())
    assert path.parent == data_dir / "records"
    record = json.loads(path.read_text())
    assert record["answers"]["screening_id"] == "HX-001"
    assert record["answers"]["inr"] == "1.1"  # the decimal as typed, not a binary float
    assert record["evaluation"]["overall"] == "eligible"
    assert record["protocol"]["id"] == "NCT06641648"
    assert len(record["protocol"]["sha256"]) == 64
    assert record["signatures"][0]["manifestation"]["meaning"] == "authorship"

    code, out, _ = cli("verify", str(path))
    assert code == 0
    assert out.startswith(f"{path}: VALID: signed by Dr Li Wei (liwei, investigator)")

    code, out, _ = cli("list")
    assert code == 0
    header, row = out.splitlines()[:2]
    assert header.split()[:5] == ["SCREENING", "ID", "INITIALS", "ASSESSED", "VERDICT"]
    assert row.split()[:6] == ["HX-001", "AB", "2026-11-20", "eligible", "signed", "1"]
    assert "valid" in row


def test_wrong_passphrase_writes_nothing(cli, data_dir: Path) -> None:
    _create(cli)
    before = _files(data_dir)
    code, out, err = cli(
        "sign",
        str(CASES / "eligible_male.json"),
        "--meaning",
        "approval",
        passphrase="not my passphrase",
    )
    assert code == 1
    assert out == ""
    assert "Wrong passphrase for identity liwei: nothing was written." in err
    assert _files(data_dir) == before
    code, _, _ = cli(
        "sign",
        str(CASES / "eligible_male.json"),
        "--meaning",
        "approval",
        "-o",
        str(data_dir / "out.json"),
        passphrase="not my passphrase",
    )
    assert code == 1
    assert _files(data_dir) == before


def test_invalid_case_is_refused_with_each_error(cli, data_dir: Path) -> None:
    _create(cli)
    code, out, err = cli("sign", str(CASES / "bad_number.json"), "--meaning", "authorship")
    assert code == 2
    assert out == ""
    assert "nothing was signed" in err
    assert "alt" in err
    assert not (data_dir / "records").exists() or not any((data_dir / "records").iterdir())


def test_unreadable_case_file(cli) -> None:
    _create(cli)
    code, _, err = cli("sign", "/nonexistent/case.json", "--meaning", "authorship")
    assert code == 2
    assert "case.json" in err
    assert "Traceback" not in err


def test_sign_without_identity_explains_how_to_create_one(cli) -> None:
    code, _, err = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    assert code == 2
    assert "nkscreen identity create" in err


def test_several_identities_need_user_id(cli, data_dir: Path) -> None:
    _create(cli, "alice", "Dr Alice")
    _create(cli, "bob", "Dr Bob")
    code, _, err = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "review")
    assert code == 2
    assert "--user-id" in err
    out_file = data_dir / "signed.json"
    code, out, err = cli(
        "sign",
        str(CASES / "eligible_male.json"),
        "--meaning",
        "review",
        "--user-id",
        "bob",
        "-o",
        str(out_file),
    )
    assert code == 0, err
    assert out.strip() == str(out_file)
    assert json.loads(out_file.read_text())["signatures"][0]["manifestation"]["name"] == "Dr Bob"
    before = out_file.read_bytes()
    code, _, err = cli(
        "sign",
        str(CASES / "eligible_male.json"),
        "--meaning",
        "review",
        "--user-id",
        "bob",
        "-o",
        str(out_file),
    )
    assert code == 1
    assert "never overwritten" in err
    assert out_file.read_bytes() == before


def test_identity_create_refuses_short_passphrase(cli, data_dir: Path) -> None:
    code, _, err = cli(
        "identity", "create", "--name", "X", "--role", "r", "--user-id", "x", passphrase="short"
    )
    assert code == 2
    assert "at least 10 characters" in err
    assert not (data_dir / "identities" / "x.json").exists()


def test_identity_export_and_trust_at_another_site(cli, tmp_path: Path, data_dir: Path) -> None:
    _create(cli)
    code, exported, _ = cli("identity", "export", "liwei")
    assert code == 0
    key_file = tmp_path / "liwei.pub.json"
    key_file.write_text(exported)
    code, out, _ = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    record = Path(out.strip())
    other_site = tmp_path / "other-site"
    code, out, _ = main_with(other_site, "verify", str(record))
    assert code == 1
    assert "UNTRUSTED" in out
    code, out, _ = main_with(other_site, "verify", "--allow-untrusted", str(record))
    assert code == 0
    code, out, _ = main_with(other_site, "identity", "trust", str(key_file))
    assert code == 0
    assert "Now trusting Dr Li Wei" in out
    code, out, _ = main_with(other_site, "verify", str(record))
    assert code == 0


def main_with(data: Path, *argv: str) -> tuple[int, str, str]:
    proc = subprocess.run(
        [sys.executable, "-m", "nkscreen", "--data-dir", str(data), *argv],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_fixtures_verify_as_expected(cli, data_dir: Path) -> None:
    expected = json.loads((FIXTURES / "expected.json").read_text())
    present = {p.name for p in FIXTURES.glob("*.json")} - {"expected.json", "trusted-signers.json"}
    assert present == set(expected)
    assert any(n.startswith("valid") for n in present)
    assert any(n.startswith("invalid") for n in present)
    assert any(n.startswith("tampered") for n in present)
    data_dir.mkdir(parents=True)
    shutil.copy(FIXTURES / "trusted-signers.json", data_dir / "trusted-signers.json")
    labels = {
        "valid": "VALID:",
        "untrusted": "UNTRUSTED",
        "unsigned": "NOT SIGNED",
        "invalid": "INVALID:",
        "unreadable": "UNREADABLE:",
    }
    for name, want in sorted(expected.items()):
        code, out, err = cli("verify", str(FIXTURES / name))
        assert code == want["exit"], (name, out, err)
        assert labels[want["state"]] in out, name
        assert len(out.splitlines()) == 1
        assert "Traceback" not in out + err


def test_verify_many_files_reports_the_worst(cli) -> None:
    code, out, _ = cli(
        "verify", str(FIXTURES / "valid_authorship.json"), str(FIXTURES / "tampered_answer.json")
    )
    assert code == 1
    assert len(out.splitlines()) == 2
    code, out, _ = cli(
        "verify",
        str(FIXTURES / "tampered_answer.json"),
        str(FIXTURES / "unreadable_truncated.json"),
        "/no/such/file.json",
    )
    assert code == 2
    assert "/no/such/file.json: UNREADABLE: the file does not exist" in out


def test_truncated_and_future_files_exit_2_without_traceback() -> None:
    for name, words in [
        ("unreadable_truncated.json", "truncated"),
        ("unreadable_future_version.json", "newer nkscreen"),
    ]:
        code, out, err = main_with(ROOT / "no-such-data", "verify", str(FIXTURES / name))
        assert code == 2
        assert words in out
        assert "Traceback" not in out + err


def test_list_shows_broken_files_and_never_crashes(cli, data_dir: Path) -> None:
    _create(cli)
    cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    records = data_dir / "records"
    for name in (
        "unreadable_truncated.json",
        "unreadable_future_version.json",
        "tampered_answer.json",
    ):
        shutil.copy(FIXTURES / name, records / name)
    code, out, _err = cli("list")
    assert code == 0
    lines = out.splitlines()
    assert any("truncated" in line and "unreadable_truncated.json" in line for line in lines)
    assert any("newer nkscreen" in line for line in lines)
    assert any("INVALID" in line and "tampered_answer.json" in line for line in lines)
    assert "3 file(s) unreadable or with an invalid signature" in out


def test_list_of_empty_data_dir(cli) -> None:
    code, out, _ = cli("list")
    assert code == 0
    assert "No saved records" in out


def test_data_dir_option_beats_the_environment(
    cli, data_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NKSCREEN_DATA_DIR", str(tmp_path / "env-dir"))
    _create(cli)
    assert (data_dir / "identities" / "liwei.json").exists()
    assert not (tmp_path / "env-dir").exists()


def test_make_fixtures_script_still_produces_the_expected_states(tmp_path: Path) -> None:
    from tests.records import make_fixtures

    produced = make_fixtures.build(tmp_path / "fx")
    assert produced == json.loads((FIXTURES / "expected.json").read_text())
    code, out, _ = main_with(
        tmp_path / "fx", "verify", *(str(tmp_path / "fx" / n) for n in sorted(produced))
    )
    assert code == 2
    assert len(out.splitlines()) == len(produced)


def test_full_disk_while_signing_is_a_clear_error(
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno
    import os

    _create(cli)
    code, out, _ = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    saved = Path(out.strip())
    before = saved.read_bytes()
    real_write = os.write

    def full(fd: int, data: bytes) -> int:
        if fd > 2:  # leave the terminal alone; fail the record file
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(os, "write", full)
    code, out, err = cli("sign", str(CASES / "eligible_female.json"), "--meaning", "authorship")
    monkeypatch.undo()
    assert code == 1
    assert out == ""
    assert "disk" in err
    assert "full" in err
    assert "Nothing already saved was changed" in err
    assert "Traceback" not in err
    assert saved.read_bytes() == before
    assert [p.name for p in (data_dir / "records").iterdir()] == [saved.name]


def test_sign_waits_for_the_site_name(cli, data_dir: Path) -> None:
    """A signed record's printout names its site: without one, nothing is signed."""
    _create(cli)
    path = settings_file(data_dir)
    save_settings(path, SiteSettings())  # every setting but the site's name
    before = _files(data_dir)
    code, out, err = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    assert code == 2
    assert out == ""
    assert "no site name is set" in err
    assert "Preferences > Site name" in err
    assert f'"site_name" in {path}' in err
    assert "nothing was signed" in err
    assert "Traceback" not in err
    assert _files(data_dir) == before


def test_verify_shows_signature_times_in_the_site_zone(cli, data_dir: Path) -> None:
    _create(cli)
    zone = SiteSettings(site_name="Test site", time_zone="America/New_York")
    save_settings(settings_file(data_dir), zone)
    code, out, err = cli("sign", str(CASES / "eligible_male.json"), "--meaning", "authorship")
    assert code == 0, err
    code, out, _ = cli("verify", out.strip())
    assert code == 0
    line = out.strip()
    assert re.search(r"as authorship on \d{4}-\d\d-\d\d \d\d:\d\d UTC-0[45]:00$", line), line
    assert not re.search(r"\d\dT\d\d:", line), line  # readable, not ISO text
