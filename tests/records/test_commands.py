"""The command line: identity create, sign, verify, list (exit codes and messages)."""

from __future__ import annotations

import base64
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from nkscreen.cli import main
from nkscreen.settings import SiteSettings, load_settings, save_settings, settings_file
from tests.records.helpers import PASSPHRASE

ROOT = Path(__file__).resolve().parents[2]
CASES = ROOT / "tests" / "cases"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def cli(data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):
    """Run ``nkscreen --data-dir DATA ...`` in-process; return (exit code, stdout, stderr)."""

    def run(
        *argv: str, passphrase: str | None = PASSPHRASE, data: Path | None = None
    ) -> tuple[int, str, str]:
        if passphrase is None:
            monkeypatch.delenv("NKSCREEN_PASSPHRASE", raising=False)
        else:
            monkeypatch.setenv("NKSCREEN_PASSPHRASE", passphrase)
        capsys.readouterr()
        code = main(["--data-dir", str(data or data_dir), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


def _create(cli, user_id: str = "liwei", name: str = "Dr Li Wei", data: Path | None = None) -> str:
    code, out, err = cli(
        "identity",
        "create",
        "--name",
        name,
        "--role",
        "investigator",
        "--user-id",
        user_id,
        data=data,
    )
    assert code == 0, err
    assert "Key fingerprint:" in out
    return out


def case_with_id(folder: Path, name: str, screening_id: str) -> str:
    """An example case under another screening id (every example case is HX-001)."""
    case = json.loads((CASES / f"{name}.json").read_text())
    case["answers"]["screening_id"] = screening_id
    path = folder / f"{name}-{screening_id}.json"
    path.write_text(json.dumps(case))
    return str(path)


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
    code, out, err = cli("identity", "trust", str(key_file), data=other_site)
    assert code == 2
    assert "has no administrator yet" in err
    _create(cli, "auditor", "Ms Audit", data=other_site)  # the other site's administrator
    code, out, err = cli("identity", "trust", str(key_file), data=other_site)
    assert code == 0, err
    assert "Now trusting Dr Li Wei (liwei, investigator)" in out
    assert "Trusting Dr Li Wei (liwei, investigator), key" in err
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
    assert "3 file(s) unreadable, with an invalid signature or a broken chain" in out


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
    cli, data_dir: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
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
    female = case_with_id(tmp_path, "eligible_female", "HX-002")
    code, out, err = cli("sign", female, "--meaning", "authorship")
    monkeypatch.undo()
    assert code == 1
    assert out == ""
    assert "disk" in err
    assert "full" in err
    assert "Nothing already saved was changed" in err
    assert "Traceback" not in err
    assert saved.read_bytes() == before
    assert [p.name for p in (data_dir / "records").iterdir()] == [saved.name]


# ---------------------------------------------------------------- sign and amend (issue 10)


def test_sign_prints_the_verdict_it_signs(cli) -> None:
    _create(cli)
    code, _, err = cli("sign", str(CASES / "alt_4x.json"), "--meaning", "authorship")
    assert code == 0, err
    assert "Signing screening HX-001: verdict NOT ELIGIBLE as Dr Li Wei" in err
    assert "Signed: verdict NOT ELIGIBLE" in err


def test_incomplete_screening_is_signed_only_when_allowed(cli, data_dir: Path) -> None:
    _create(cli)
    case = str(CASES / "missing_lvef.json")
    code, out, err = cli("sign", case, "--meaning", "authorship")
    assert code == 2
    assert out == ""
    assert "INCOMPLETE (unanswered: lvef_pct" in err
    assert "--allow-incomplete" in err
    assert not (data_dir / "records").exists() or not list((data_dir / "records").iterdir())
    code, out, err = cli("sign", case, "--meaning", "authorship", "--allow-incomplete")
    assert code == 0, err
    assert "verdict INCOMPLETE" in err


def test_a_screening_id_is_signed_once_then_amended(cli, data_dir: Path, tmp_path: Path) -> None:
    _create(cli)
    case = str(CASES / "eligible_male.json")
    code, out, err = cli("sign", case, "--meaning", "authorship")
    assert code == 0, err
    first = Path(out.strip())
    code, out, err = cli("sign", case, "--meaning", "authorship")
    assert code == 2
    assert "screening HX-001 already has a signed record" in err
    assert f"nkscreen amend {first}" in err
    assert len(list((data_dir / "records").iterdir())) == 1

    corrected = json.loads(Path(case).read_text())
    corrected["answers"]["weight_kg"] = 68
    fixed = tmp_path / "corrected.json"
    fixed.write_text(json.dumps(corrected))
    code, out, err = cli(
        "amend", str(first), str(fixed), "--reason", "weight re-measured", "--meaning", "authorship"
    )
    assert code == 0, err
    second = Path(out.strip())
    assert second.name.endswith(".v2.json")
    assert "Amends version 1 (sha256 " in err
    assert "Body weight: 70 kg -> 68 kg" in err
    record = json.loads(second.read_text())
    assert record["previous"]["file"] == first.name
    assert record["audit_trail"][-2]["reason"] == "weight re-measured"

    code, out, _ = cli("verify", str(first), str(second))
    assert code == 0  # version 1's signature is still valid: only its standing changed
    lines = out.splitlines()
    assert "VALID" in lines[0]
    assert "superseded by version 2" in lines[0]
    assert "signed by Dr Li Wei on" in lines[0]
    assert "superseded" not in lines[1]
    code, out, _ = cli("list")
    assert "superseded by v2" in out

    # Only the newest version is amended, and only with a change.
    code, _, err = cli(
        "amend", str(first), str(fixed), "--reason", "again", "--meaning", "authorship"
    )
    assert code == 2
    assert "superseded by version 2" in err
    code, _, err = cli(
        "amend", str(second), str(fixed), "--reason", "again", "--meaning", "authorship"
    )
    assert code == 2
    assert "changes nothing" in err
    assert len(list((data_dir / "records").iterdir())) == 2


def test_amend_refuses_unsigned_foreign_and_broken_records(
    cli, data_dir: Path, tmp_path: Path
) -> None:
    _create(cli)
    case = str(CASES / "eligible_male.json")
    code, _, err = cli(
        "amend", str(FIXTURES / "unsigned.json"), case, "--reason", "x", "--meaning", "authorship"
    )
    assert code == 2
    assert "it is not signed" in err
    code, out, err = cli("sign", case, "--meaning", "authorship")
    first = Path(out.strip())
    elsewhere = tmp_path / "copy" / first.name
    elsewhere.parent.mkdir()
    shutil.copy(first, elsewhere)
    other = case_with_id(tmp_path, "eligible_male", "HX-001")
    corrected = json.loads(Path(other).read_text())
    corrected["answers"]["ecog"] = 2
    Path(other).write_text(json.dumps(corrected))
    code, _, err = cli("amend", str(elsewhere), other, "--reason", "x", "--meaning", "authorship")
    assert code == 2
    assert "not in this data folder" in err
    out_file = tmp_path / "copy" / "v2.json"
    code, out, err = cli(
        "amend",
        str(elsewhere),
        other,
        "--reason",
        "x",
        "--meaning",
        "authorship",
        "-o",
        str(out_file),
    )
    assert code == 0, err
    assert out_file.exists()
    # The version it amends disappears: the chain is broken, exit 1.
    elsewhere.unlink()
    code, out, _ = cli("verify", str(out_file))
    assert code == 1
    assert "BROKEN CHAIN" in out
    assert "version 1 missing" in out


# ---------------------------------------------------------------- identities bound to the key


def _sign(cli, *extra: str, **kwargs) -> tuple[int, str, str]:
    return cli(
        "sign", str(CASES / "eligible_male.json"), "--meaning", "authorship", *extra, **kwargs
    )


def test_first_identity_is_the_administrator_and_later_ones_wait(cli, data_dir: Path) -> None:
    out = _create(cli)
    assert "first identity of this data folder: it is its administrator" in out
    out = _create(cli, "bob", "Dr Bob")
    assert "Not a trusted signer here yet" in out
    assert "nkscreen identity trust --user-id bob" in out
    code, out, _ = cli("identity", "list")
    assert code == 0
    assert "Administrator: Dr Li Wei (liwei)" in out
    rows = {line.split()[0]: line for line in out.splitlines()[2:]}
    assert "administrator, trusted" in rows["liwei"]
    assert "not trusted here yet" in rows["bob"]

    code, out, err = _sign(cli, "--user-id", "bob")
    assert code == 0, err
    assert "bob is not a trusted signer in this data folder yet" in err
    record = out.strip()
    code, out, _ = cli("verify", record)
    assert code == 1
    assert "UNTRUSTED" in out
    assert "Dr Bob (bob, key" in out

    before = (data_dir / "trusted-signers.json").read_bytes()
    code, _, err = cli("identity", "trust", "--user-id", "bob", passphrase="not the passphrase")
    assert code == 1
    assert "Wrong passphrase for identity liwei" in err
    assert (data_dir / "trusted-signers.json").read_bytes() == before
    code, _, err = cli("identity", "trust", "--user-id", "bob", "--admin", "bob")
    assert code == 2
    assert "The administrator of this data folder is liwei" in err
    assert (data_dir / "trusted-signers.json").read_bytes() == before

    code, out, err = cli("identity", "trust", "--user-id", "bob")
    assert code == 0, err
    assert "Now trusting Dr Bob (bob, investigator)" in out
    code, out, _ = cli("verify", record)
    assert code == 0, out
    assert "VALID: signed by Dr Bob" in out

    code, out, _ = cli("identity", "list")
    bob = next(line for line in out.splitlines() if line.startswith("bob"))
    fp = " ".join(bob.split()[-16:])
    code, out, err = cli("identity", "untrust", fp)
    assert code == 0, err
    assert "No longer trusted: Dr Bob (bob)" in out
    assert cli("verify", record)[0] == 1


def test_identity_create_with_no_trust_leaves_the_folder_without_administrator(
    cli, data_dir: Path
) -> None:
    code, out, err = cli(
        "identity", "create", "--name", "X Y", "--role", "r", "--user-id", "xy", "--no-trust"
    )
    assert code == 0, err
    assert not (data_dir / "trusted-signers.json").exists()
    code, _, err = cli("identity", "trust", "--user-id", "xy")
    assert code == 2
    assert "no administrator yet: name one with --admin USER_ID" in err
    code, out, err = cli("identity", "trust", "--admin", "xy")
    assert code == 0, err
    assert "Administrator of this data folder: X Y (xy)" in out


def test_edited_name_in_identity_file_cannot_sign(cli, data_dir: Path) -> None:
    # The attack: "name"/"role" are outside the encryption; editing them and signing gave
    # "VALID: signed by Prof Wang Chief (PI)".
    _create(cli)
    path = data_dir / "identities" / "liwei.json"
    data = json.loads(path.read_text())
    data.update(name="Prof Wang Chief", role="PI")
    path.write_text(json.dumps(data, indent=2))
    code, out, err = _sign(cli)
    assert code == 2
    assert out == ""
    assert f"The identity file {path} was changed" in err
    assert not (data_dir / "records").exists() or not any((data_dir / "records").iterdir())


def test_re_self_signed_name_is_reported_by_verification(cli, data_dir: Path) -> None:
    # The key holder can re-sign an edited file with their own key, but the site's
    # administrator vouched for another name: verification says so.
    from nkscreen.records.identity import load_identity, self_signature_payload, unlock

    _create(cli)
    path = data_dir / "identities" / "liwei.json"
    unlocked = unlock(load_identity(path), PASSPHRASE)
    data = json.loads(path.read_text())
    data.update(name="Prof Wang Chief", role="PI")
    data["self_signature"] = base64.b64encode(unlocked.sign(self_signature_payload(data))).decode()
    path.write_text(json.dumps(data, indent=2))
    code, out, err = _sign(cli)
    assert code == 0, err
    assert "trusts this key as Dr Li Wei (liwei, investigator), not as signed" in err
    code, out, _ = cli("verify", out.strip())
    assert code == 1
    assert "VALID, UNTRUSTED SIGNER" in out
    assert "the signature names Prof Wang Chief (PI), but this site trusts key" in out
    assert "as Dr Li Wei (liwei, investigator)" in out


def test_a_new_key_under_a_trusted_user_id_is_reported(cli, data_dir: Path, tmp_path: Path) -> None:
    _create(cli)
    code, out, _ = _sign(cli)
    first_record = out.strip()
    elsewhere = tmp_path / "elsewhere"
    _create(cli, data=elsewhere)  # another "liwei", another key
    code, out, err = _sign(cli, "-o", str(tmp_path / "forged.json"), data=elsewhere)
    assert code == 0, err
    code, out, _ = cli("verify", str(tmp_path / "forged.json"))
    assert code == 1
    assert "this site trusts a different key for liwei" in out
    assert cli("verify", first_record)[0] == 0


@pytest.mark.parametrize("user_id", ["../../x/identities/liwei", "../liwei", "a/b", ".."])
def test_user_id_that_is_a_path_is_refused(
    cli, data_dir: Path, tmp_path: Path, user_id: str
) -> None:
    outside = tmp_path / "x"
    _create(cli, data=outside)
    (data_dir / "identities").mkdir(parents=True)
    for argv in (
        (
            "sign",
            str(CASES / "eligible_male.json"),
            "--meaning",
            "authorship",
            "--user-id",
            user_id,
        ),
        ("identity", "export", user_id),
        ("identity", "trust", "--user-id", user_id),
        ("identity", "create", "--name", "N", "--role", "r", "--user-id", user_id),
    ):
        code, _out, err = cli(*argv)
        assert code == 2, argv
        assert "plain name" in err, argv
        assert "Traceback" not in err
    assert not (data_dir / "records").exists()


def test_passphrase_of_ten_spaces_is_refused(cli, data_dir: Path) -> None:
    code, _, err = cli(
        "identity", "create", "--name", "X", "--role", "r", "--user-id", "x", passphrase=" " * 10
    )
    assert code == 2
    assert "not only spaces" in err
    assert not (data_dir / "identities" / "x.json").exists()


def test_tampered_trusted_list_trusts_nobody_with_the_reason(cli, data_dir: Path) -> None:
    _create(cli)
    code, out, _ = _sign(cli)
    record = out.strip()
    assert cli("verify", record)[0] == 0
    trusted = data_dir / "trusted-signers.json"
    data = json.loads(trusted.read_text())
    data["signers"][0]["role"] = "PI"
    trusted.write_text(json.dumps(data, indent=2))
    for argv in (("verify", record), ("list",), ("identity", "list")):
        code, out, err = cli(*argv)
        assert f"The trusted signers list {trusted} was changed after its administrator" in err
        assert "Every signer is treated as untrusted." in err
        assert "Traceback" not in err
    assert cli("verify", record)[0] == 1
    code, _, err = cli("identity", "trust", "--admin", "liwei")
    assert code == 2
    assert "was changed after its administrator" in err


def test_old_unsigned_list_is_signed_again_by_the_administrator(cli, data_dir: Path) -> None:
    data_dir.mkdir(parents=True)
    trusted = data_dir / "trusted-signers.json"
    shutil.copy(FIXTURES / "trust" / "legacy_v1.json", trusted)
    code, out, err = cli("verify", str(FIXTURES / "valid_authorship.json"))
    assert code == 1
    assert "written by an older nkscreen" in err
    assert "'nkscreen identity trust --admin USER_ID'" in err
    out = _create(cli)  # an old list exists: the new identity is not made administrator
    assert "Not a trusted signer here yet" in out
    code, out, err = cli("identity", "trust", "--admin", "liwei")
    assert code == 0, err
    assert "Signing in again from the old list: Dr Fixture Author (fx-author" in err
    assert "Administrator of this data folder: Dr Li Wei (liwei)" in out
    code, out, err = cli("verify", str(FIXTURES / "valid_authorship.json"))
    assert code == 0, out + err
    assert err == ""


def test_legacy_identity_is_self_signed_at_its_next_signature(cli, data_dir: Path) -> None:
    identities = data_dir / "identities"
    identities.mkdir(parents=True)
    shutil.copy(FIXTURES / "identities" / "legacy_v1.json", identities / "legacy_v1.json")
    code, out, err = _sign(cli)
    assert code == 0, err
    assert json.loads((identities / "legacy_v1.json").read_text())["schema_version"] == 2
    code, out, err = cli("identity", "export", "legacy_v1")
    assert code == 0, err
    assert json.loads(out)["format"] == "nkscreen-public-identity"


def test_fixture_identity_with_edited_name_is_refused(cli, data_dir: Path) -> None:
    identities = data_dir / "identities"
    identities.mkdir(parents=True)
    shutil.copy(FIXTURES / "identities" / "tampered_name.json", identities / "tampered_name.json")
    code, _, err = _sign(cli)
    assert code == 2
    assert "there is no usable signing identity" in err.lower()
    assert "tampered_name.json was changed" in err
    code, _, err = cli("identity", "list")
    assert "skipped: The identity file" in err


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
    # --site names it once, as the window asks at the first signature; never renames it.
    code, out, err = cli(
        "sign", str(CASES / "eligible_male.json"), "--meaning", "authorship", "--site", "Ward 7"
    )
    assert code == 0, err
    assert 'Site name set to "Ward 7"' in err
    assert load_settings(path).site_name == "Ward 7"
    other = case_with_id(data_dir.parent, "eligible_female", "HX-002")
    code, out, err = cli("sign", other, "--meaning", "authorship", "--site", "Ward 9")
    assert code == 2
    assert 'site is "Ward 7", not "Ward 9"' in err


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
