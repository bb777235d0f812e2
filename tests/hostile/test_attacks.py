"""Hostile or damaged files, one test per attack of issue 11: each gets one line, never a
traceback, a hang or a gigabyte read, through the store API and through the command line.

Small fixtures are committed in tests/hostile/fixtures/ (see make_fixtures.py); pipes, links,
sparse files and folders are made here in a temporary folder.
"""

from __future__ import annotations

import errno
import json
import os
import shutil
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import pytest

from nkscreen import safe_files
from nkscreen.cli import main
from nkscreen.records import atomic
from nkscreen.records import identity as identity_module
from nkscreen.records.identity import (
    IdentityError,
    create_identity,
    load_identity,
)
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import RecordStore, read_record_file
from nkscreen.records.trust import TrustError, load_trusted
from nkscreen.settings import SettingsError, load_settings
from tests.hostile.conftest import (
    CASES,
    FIXTURES,
    PASSPHRASE,
    RECORD_FIXTURES,
    CliResult,
    one_line,
    run_process,
    store_rows,
)

T = TypeVar("T")
Cli = Callable[..., CliResult]

DEEP = "the data is nested more than 64 levels deep, which no nkscreen file is"
SURROGATE = (
    "answers.screening_id: the text holds a lone surrogate escape (\\ud800-\\udfff), "
    "which is not a character"
)
FIFO = "this is a named pipe (FIFO), not a file"
DEVICE = "this is a device, not a file"
FOUR_GB = 4 * 1024**3
TOO_LARGE = (
    f"the file is too large to be an nkscreen file ({FOUR_GB:,} bytes; the limit is "
    f"{safe_files.MAX_DOCUMENT_BYTES:,})"
)
EXTREME = "is not a plain decimal a person would type (at most 40 digits, between 10^-30 and 10^30)"


def new_case(folder: Path) -> str:
    """An example case under a screening id the data folder has not signed yet."""
    case = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    case["answers"]["screening_id"] = "HX-777"
    path = folder / "new-case.json"
    path.write_text(json.dumps(case), "utf-8")
    return str(path)


def finishes(fn: Callable[[], T], seconds: float = 60) -> T:
    """``fn()``, failing the test (instead of hanging the suite) if it blocks."""
    result: dict[str, Any] = {}

    def target() -> None:
        try:
            result["value"] = fn()
        except BaseException as exc:  # re-raised below, in the test's thread
            result["error"] = exc

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "blocked reading a hostile file"
    if "error" in result:
        raise result["error"]
    return result["value"]


def rows(data_dir: Path) -> dict[str, Any]:
    return {s.file_name: s for s in finishes(RecordStore(data_dir).list_records)}


def list_row(out: str, file_name: str) -> str:
    return next(line for line in out.splitlines() if line.endswith(file_name))


def _valid_is_still_listed(by_name: dict[str, Any]) -> None:
    valid = by_name["valid_authorship.json"]
    assert valid.error is None
    assert valid.verification.state is VerificationState.VALID


# ---------------------------------------------------------------- nesting 1,000 levels deep


def test_deep_record_is_one_error_row_in_the_store_and_list(data_dir: Path, cli: Cli) -> None:
    bad = data_dir / "records" / "deep.json"
    shutil.copy(FIXTURES / "deep.json", bad)
    with pytest.raises(RecordFormatError, match=DEEP):
        read_record_file(bad)
    by_name = rows(data_dir)
    assert by_name["deep.json"].error == DEEP
    _valid_is_still_listed(by_name)
    code, out, err = cli("list")
    assert (code, err) == (0, "")
    assert DEEP in list_row(out, "deep.json")
    code, out, err = cli("verify", str(bad))
    assert (code, err) == (2, "")
    assert out == f"{bad}: UNREADABLE: {DEEP}\n"


def test_deep_case_file_exits_2_with_one_line(cli: Cli) -> None:
    path = FIXTURES / "deep.json"
    code, out, err = cli("evaluate", str(path))
    assert (code, out) == (2, "")
    assert one_line(err) == f"{path}: the case file is not valid JSON: {DEEP}"
    code, out, err = cli("sign", str(path), "--meaning", "authorship")
    assert (code, out) == (2, "")
    assert one_line(err) == f"nkscreen: {path}: the case file is not valid JSON: {DEEP}"


def test_deep_draft_is_listed_with_its_error_and_never_offered(data_dir: Path) -> None:
    assessment_id = "d" * 32
    shutil.copy(FIXTURES / "deep.json", data_dir / "drafts" / f"{assessment_id}.json")
    store = RecordStore(data_dir)
    (draft,) = finishes(store.list_drafts)
    assert draft.draft is None
    assert draft.error == DEEP
    assert finishes(store.recoverable_drafts) == []
    with pytest.raises(RecordFormatError, match=DEEP):
        store.load_draft(assessment_id)


# ---------------------------------------------------------------- a lone surrogate


def test_lone_surrogate_is_one_error_row_naming_the_field(data_dir: Path, cli: Cli) -> None:
    bad = data_dir / "records" / "surrogate.json"
    shutil.copy(FIXTURES / "surrogate_screening_id.json", bad)
    by_name = rows(data_dir)
    assert by_name["surrogate.json"].error == SURROGATE
    _valid_is_still_listed(by_name)
    code, out, err = cli("list")
    assert (code, err) == (0, "")
    assert SURROGATE in list_row(out, "surrogate.json")
    code, out, _ = cli("verify", str(bad))
    assert code == 2
    assert out == f"{bad}: UNREADABLE: {SURROGATE}\n"


def test_surrogates_in_a_case_file_and_a_file_name_are_printable(
    data_dir: Path, tmp_path: Path
) -> None:
    # A file name that is not UTF-8 reaches Python as a lone surrogate too: printing it in
    # the listing must not crash the real stdout (strict UTF-8) of a fresh process.
    records = os.fsencode(data_dir / "records")
    shutil.copy(FIXTURES / "deep.json", os.fsdecode(os.path.join(records, b"bad-\xff.json")))
    case = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    case["answers"]["screening_id"] = "HX-@@"
    case_path = tmp_path / "case.json"
    case_path.write_text(json.dumps(case).replace("@@", "\\udc80"), "utf-8")

    listed = run_process("list", data_dir=data_dir)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert DEEP in list_row(listed.stdout, "bad-\\udcff.json")

    evaluated = run_process("evaluate", str(case_path), data_dir=data_dir)
    assert (evaluated.returncode, evaluated.stdout) == (2, "")
    assert one_line(evaluated.stderr) == (
        f"{case_path}: answers.screening_id: the text holds a lone surrogate escape "
        "(\\ud800-\\udfff), which is not a character"
    )


# ---------------------------------------------------------------- FIFO, device, sparse file


def test_fifo_in_records_and_drafts_never_blocks(data_dir: Path, cli: Cli) -> None:
    fifo = data_dir / "records" / "pipe.json"
    os.mkfifo(fifo)
    os.mkfifo(data_dir / "drafts" / f"{'f' * 32}.json")
    with pytest.raises(RecordFormatError, match=r"named pipe \(FIFO\)"):
        finishes(lambda: read_record_file(fifo))
    by_name = rows(data_dir)
    assert by_name["pipe.json"].error == FIFO
    _valid_is_still_listed(by_name)
    (draft,) = finishes(RecordStore(data_dir).list_drafts)
    assert draft.error == f"cannot read the draft: {FIFO}"

    code, out, _ = finishes(lambda: cli("verify", str(fifo)))
    assert code == 2
    assert out == f"{fifo}: UNREADABLE: {FIFO}\n"
    listed = run_process("list", data_dir=data_dir)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert FIFO in list_row(listed.stdout, "pipe.json")


def test_link_to_dev_zero_is_never_read(data_dir: Path, tmp_path: Path) -> None:
    # Only in capped processes: a regression here would read forever.
    (data_dir / "records" / "zero.json").symlink_to("/dev/zero")
    by_name = store_rows(data_dir)
    assert by_name["zero.json"] == f"this is a link to a file outside {data_dir}, which is not read"
    assert by_name["valid_authorship.json"] is None
    # Named on the command line a link may point anywhere, but only to a regular file.
    outside = tmp_path / "zero.json"
    outside.symlink_to("/dev/zero")
    verified = run_process("verify", str(outside), data_dir=data_dir)
    assert (verified.returncode, verified.stderr) == (2, "")
    assert verified.stdout == f"{outside}: UNREADABLE: {DEVICE}\n"
    evaluated = run_process("evaluate", str(outside), data_dir=data_dir)
    assert (evaluated.returncode, evaluated.stdout) == (2, "")
    assert one_line(evaluated.stderr) == f"{outside}: cannot read the case file: {DEVICE}"


def test_link_inside_the_data_folder_is_followed(data_dir: Path) -> None:
    (data_dir / "records" / "alias.json").symlink_to(data_dir / "records" / "valid_authorship.json")
    by_name = rows(data_dir)
    assert by_name["alias.json"].error is None
    assert by_name["alias.json"].verification.state is VerificationState.VALID


def test_sparse_4_gb_file_is_refused_from_its_size(data_dir: Path) -> None:
    sparse = data_dir / "records" / "huge.json"
    with sparse.open("wb") as f:
        f.truncate(FOUR_GB)  # no disk space used: the size alone must refuse it
    # In fresh processes capped at 1 GiB of address space: reading it whole could not work.
    assert store_rows(data_dir)["huge.json"] == TOO_LARGE
    verified = run_process("verify", str(sparse), data_dir=data_dir)
    assert verified.returncode == 2
    assert verified.stdout == f"{sparse}: UNREADABLE: {TOO_LARGE}\n"
    listed = run_process("list", data_dir=data_dir)
    assert (listed.returncode, listed.stderr) == (0, "")
    assert TOO_LARGE in list_row(listed.stdout, "huge.json")


def test_too_large_is_refused_before_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (safe_files.MAX_DOCUMENT_BYTES + 1))
    read_sizes: list[int] = []
    monkeypatch.setattr("nkscreen.safe_files.os.read", lambda fd, n: read_sizes.append(n) or b"")
    with pytest.raises(RecordFormatError, match="too large"):
        read_record_file(big)
    assert read_sizes == []  # refused from its size, before a single byte was read


# ---------------------------------------------------------------- damaged keys


@pytest.mark.parametrize(
    ("where", "public_key", "problem"),
    [
        ("signer", "A", "changed"),
        ("administrator", "A", "damaged"),
        ("administrator", "AAAA", "damaged"),
    ],
)
def test_damaged_trusted_signers_list_is_one_line_and_rows_stay(
    data_dir: Path, cli: Cli, where: str, public_key: str, problem: str
) -> None:
    trusted_path = data_dir / "trusted-signers.json"
    trusted = json.loads((RECORD_FIXTURES / "trusted-signers.json").read_text("utf-8"))
    if where == "signer":
        trusted["signers"][0]["public_key"] = public_key
    else:
        trusted["administrator"]["public_key"] = public_key
    trusted_path.write_text(json.dumps(trusted), "utf-8")
    message = {
        "changed": f"The trusted signers list {trusted_path} was changed after its administrator "
        "Dr Fixture Admin (fx-admin) signed it: restore it from a backup, or remove it and sign "
        "the site's signers in again.",
        "damaged": f"The trusted signers list {trusted_path} is damaged: the administrator's key "
        "does not match its fingerprint.",
    }[problem]
    with pytest.raises(TrustError) as info:
        load_trusted(trusted_path)
    assert str(info.value) == message
    store = RecordStore(data_dir)
    (row,) = finishes(store.list_records)
    assert store.trusted_error == message
    assert row.verification.state is VerificationState.UNTRUSTED

    warning = f"nkscreen: {message} Every signer is treated as untrusted."
    code, out, err = cli("list")
    assert code == 0
    assert one_line(err) == warning
    assert "untrusted signer" in list_row(out, "valid_authorship.json")
    code, out, err = cli("verify", str(data_dir / "records" / "valid_authorship.json"))
    assert code == 1
    assert one_line(err) == warning


def test_damaged_identity_file_is_one_line_for_every_command(data_dir: Path, cli: Cli) -> None:
    folder = data_dir / "identities"
    folder.mkdir()
    shutil.copy(FIXTURES / "identity_bad_public_key.json", folder / "damaged.json")
    message = "Identity file damaged.json is damaged: its public key is not readable."
    with pytest.raises(IdentityError) as info:
        load_identity(folder / "damaged.json")
    assert str(info.value) == message

    code, out, err = cli("identity", "list")
    assert code == 0
    assert one_line(err) == f"nkscreen: skipped: {message}"
    assert "No identities in" in out
    code, out, err = cli("identity", "export", "damaged")
    assert (code, out) == (2, "")
    assert one_line(err) == f"nkscreen: {message}"
    code, out, err = cli("sign", new_case(data_dir), "--meaning", "authorship")
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"nkscreen: There is no usable signing identity in {folder} ({message}). Create one "
        "with 'nkscreen identity create --name NAME --role ROLE --user-id ID'."
    )


def test_identity_asking_scrypt_for_gigabytes_is_refused(data_dir: Path) -> None:
    folder = data_dir / "identities"
    folder.mkdir()
    good = create_identity(
        folder, name="Dr Good", role="investigator", user_id="good", passphrase=PASSPHRASE
    )
    identity = json.loads(good.read_text("utf-8"))
    identity["private_key"].update(log2_n=22, r=32)  # 16 GiB per derivation
    good.write_text(json.dumps(identity), "utf-8")
    with pytest.raises(IdentityError, match="asks scrypt for more than 1 GiB of memory"):
        load_identity(good)


# ---------------------------------------------------------------- absurd numbers


@pytest.mark.parametrize(
    ("fixture", "shown"),
    [("case_huge_exponent.json", "1E-999999999"), ("case_zero_huge_exponent.json", "0E-999999999")],
)
def test_huge_exponent_is_one_short_line_exit_2(cli: Cli, fixture: str, shown: str) -> None:
    code, out, err = cli("evaluate", str(FIXTURES / fixture))
    assert (code, out) == (2, "")
    assert one_line(err) == f"alt: {shown} {EXTREME}"
    code, out, err = cli("sign", str(FIXTURES / fixture), "--meaning", "authorship")
    assert (code, out) == (2, "")
    assert f"alt: {shown} {EXTREME}" in err.splitlines()


def test_echoed_values_are_cut_short(cli: Cli, tmp_path: Path) -> None:
    case = json.loads((CASES / "eligible_male.json").read_text("utf-8"))
    case["answers"]["alt"] = "1" * 100_000
    case["answers"]["x" * 100_000] = 1
    path = tmp_path / "long.json"
    path.write_text(json.dumps(case), "utf-8")
    code, _, err = cli("evaluate", str(path))
    assert code == 2
    lines = err.splitlines()
    assert len(lines) == 2
    assert all(len(line) < 150 for line in lines), lines
    assert any(line.startswith("alt: '11111") and "...' is not a number" in line for line in lines)


# ---------------------------------------------------------------- folders and paths


@pytest.mark.parametrize(
    "argv",
    [
        ("list",),
        ("verify", "x.json"),
        ("sign", "x.json", "--meaning", "authorship"),
        ("identity", "list"),
        ("pdf", "x.json", "-o", "x.pdf"),
    ],
)
def test_data_folder_that_is_a_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv):
    not_a_folder = tmp_path / "data"
    not_a_folder.write_text("not a folder", "utf-8")
    assert main(["--data-dir", str(not_a_folder), *argv]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert one_line(err) == (
        f"nkscreen: the data folder {not_a_folder} is a file, not a folder: choose another "
        "one with --data-dir or NKSCREEN_DATA_DIR."
    )


def test_records_folder_that_is_a_file(tmp_path: Path, cli: Cli, data_dir: Path) -> None:
    shutil.rmtree(data_dir / "records")
    (data_dir / "records").write_text("not a folder", "utf-8")
    store = RecordStore(data_dir)
    assert store.list_records() == []
    expected = f"{data_dir / 'records'} cannot be listed: it, or a folder above it, is a file."
    assert store.listing_error == expected
    code, out, err = cli("list")
    assert (code, out) == (2, "")
    assert one_line(err) == f"nkscreen: {expected}"


def test_output_path_that_is_a_folder(cli: Cli, tmp_path: Path, data_dir: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    code, out, err = cli(
        "sign", str(CASES / "eligible_male.json"), "-o", str(folder), "--meaning", "authorship"
    )
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"nkscreen: {folder} is a folder: give the record a file name (-o FOLDER/record.json)."
    )
    record = data_dir / "records" / "valid_authorship.json"
    code, out, err = cli("pdf", str(record), "-o", str(folder))
    assert (code, out) == (2, "")
    assert one_line(err) == (
        f"nkscreen: {folder} is a folder: give the PDF a file name (-o FOLDER/summary.pdf)."
    )
    assert list(folder.iterdir()) == []


# ---------------------------------------------------------------- read-only folder, full disk


def _identity(data_dir: Path) -> None:
    create_identity(
        data_dir / "identities",
        name="Dr Li Wei",
        role="investigator",
        user_id="liwei",
        passphrase=PASSPHRASE,
    )


def _failing_writes(monkeypatch: pytest.MonkeyPatch, code: int) -> None:
    def refuse(target: Path, data: bytes) -> Path:
        raise OSError(code, os.strerror(code), str(target))

    monkeypatch.setattr(atomic, "_write_tmp", refuse)


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.EROFS, "the folder {folder} is on a read-only disk"),
        (errno.ENOSPC, "the disk holding {folder} is full"),
        (errno.EACCES, "no permission to write in {folder}"),
    ],
)
def test_sign_on_a_read_only_or_full_disk(
    data_dir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, code: int, reason: str
) -> None:
    _identity(data_dir)
    before = sorted(p.name for p in (data_dir / "records").iterdir())
    _failing_writes(monkeypatch, code)
    status, out, err = cli("sign", new_case(data_dir.parent), "--meaning", "authorship")
    assert (status, out) == (1, "")
    assert "Traceback" not in err
    last = err.splitlines()[-1]
    assert last.startswith("nkscreen: Could not save ")
    assert last.endswith(
        reason.format(folder=data_dir / "records") + ". Nothing already saved was changed."
    )
    assert sorted(p.name for p in (data_dir / "records").iterdir()) == before
    # Listing still works: its index cache is disposable, and failing to write it is no error.
    status, out, err = cli("list")
    assert (status, err) == (0, "")


def test_identity_create_and_pdf_on_a_full_or_read_only_disk(
    data_dir: Path, cli: Cli, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, qapp: object
) -> None:
    def no_folder(path: Path) -> Path:
        raise PermissionError(errno.EACCES, "Permission denied", str(path))

    monkeypatch.setattr(identity_module, "ensure_dir", no_folder)
    code, out, err = cli(
        "identity", "create", "--name", "Dr A", "--role", "investigator", "--user-id", "a"
    )
    assert (code, out) == (1, "")
    assert err.splitlines()[-1] == (
        "nkscreen: Could not create the identity: no permission to write in "
        f"{data_dir / 'identities'}. Nothing was written."
    )
    _failing_writes(monkeypatch, errno.ENOSPC)
    out_pdf = tmp_path / "out.pdf"
    code, out, err = cli(
        "pdf", str(data_dir / "records" / "valid_authorship.json"), "-o", str(out_pdf)
    )
    assert (code, out) == (2, "")  # pdf: 2 means nothing was written
    assert one_line(err) == (
        f"nkscreen: cannot write {out_pdf}: Could not save out.pdf: the disk holding "
        f"{tmp_path} is full. Nothing already saved was changed."
    )


# ---------------------------------------------------------------- settings, backstop


def test_hostile_settings_files_are_one_line(tmp_path: Path) -> None:
    path = tmp_path / "settings.json"
    os.mkfifo(path)
    with pytest.raises(SettingsError) as info:
        finishes(lambda: load_settings(path))
    assert str(info.value) == f"{path}: {FIFO}"
    path.unlink()
    path.write_text('{"site_name": ' + "[" * 1000 + "]" * 1000 + "}", "utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert "\n" not in str(info.value)
    assert "recursion limit exceeded" in str(info.value)
    path.write_text('{"uln_defaults": {"alt_uln": {"female": 1' + "0" * 60 + "}}}", "utf-8")
    with pytest.raises(SettingsError) as info:
        load_settings(path)
    assert str(info.value) == (
        f"{path}: uln_defaults.alt_uln.female: Value error, a ULN is a plain decimal of at "
        "most 30 digits"
    )


def test_a_defect_is_one_line_exit_3(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: RecordStore) -> list[Any]:
        raise RuntimeError("boom")

    monkeypatch.setattr(RecordStore, "list_records", broken)
    code, out, err = cli("list")
    assert (code, out) == (3, "")
    assert one_line(err) == "nkscreen: internal error (RuntimeError: boom); please report it."
