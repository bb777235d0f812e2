"""``nkscreen pdf RECORD.json -o OUT.pdf``: exit codes, marks, paper size from the site."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from nkscreen.cli import main
from nkscreen.core.protocol import Protocol
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.model import dumps_document, record_to_dict
from nkscreen.records.store import LoadedRecord
from nkscreen.report.summary import DRAFT_MARK, INVALID_MARK
from nkscreen.settings import SiteSettings, save_settings, settings_file
from tests.records.helpers import throwaway_identity
from tests.report.conftest import make_record, read_pdf

RecordFactory = Callable[..., LoadedRecord]
ROOT = Path(__file__).resolve().parents[2]


def run(data_dir: Path, *args: str) -> int:
    return main(["--data-dir", str(data_dir), "pdf", *args])


def test_signed_record_to_pdf(
    saved_record: RecordFactory,
    author: UnlockedIdentity,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loaded = saved_record("eligible_male", (author, "authorship"))
    out = tmp_path / "summary.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 0
    stdout = capsys.readouterr().out
    assert f"{out} (2 pages, A4)" in stdout  # the summary, then the answers appendix
    pdf = read_pdf(out.read_bytes())
    assert "✓ ELIGIBLE" in pdf.flat
    assert "Verification at print time: VALID" in pdf.flat
    assert DRAFT_MARK not in pdf.flat
    assert INVALID_MARK not in pdf.flat


def test_site_settings_give_paper_size_and_site(
    saved_record: RecordFactory, author: UnlockedIdentity, data_dir: Path, tmp_path: Path
) -> None:
    save_settings(
        settings_file(data_dir), SiteSettings(site_name="Ward 7 North", page_size="Letter")
    )
    loaded = saved_record("eligible_male", (author, "authorship"))
    out = tmp_path / "letter.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 0
    pdf = read_pdf(out.read_bytes())
    assert round(float(pdf.reader.pages[0].mediabox.width)) == 612
    assert "Site: Ward 7 North" in pdf.flat
    out_a4 = tmp_path / "a4.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out_a4), "--page-size", "A4") == 0
    assert round(float(read_pdf(out_a4.read_bytes()).reader.pages[0].mediabox.width)) == 595


def test_times_are_printed_in_the_site_zone(
    saved_record: RecordFactory, author: UnlockedIdentity, data_dir: Path, tmp_path: Path
) -> None:
    save_settings(
        settings_file(data_dir), SiteSettings(site_name="Ward 7", time_zone="America/New_York")
    )
    loaded = saved_record("eligible_male", (author, "authorship"))
    out = tmp_path / "ny.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 0
    flat = read_pdf(out.read_bytes()).flat
    offsets = set(re.findall(r"UTC[+-]\d\d:\d\d", flat))
    assert len(offsets) == 1, offsets  # one offset on the whole printout: New York's
    assert offsets <= {"UTC-05:00", "UTC-04:00"}
    assert f"Times in: America/New_York, {offsets.pop()}" in flat


def test_tampered_record_is_printed_marked_invalid(
    saved_record: RecordFactory,
    author: UnlockedIdentity,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def tamper(raw: dict[str, Any]) -> None:
        raw["answers"]["ecog"] = 2

    loaded = saved_record("eligible_male", (author, "authorship"), tamper=tamper)
    out = tmp_path / "invalid.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 1
    assert "signature is INVALID" in capsys.readouterr().err
    assert INVALID_MARK in read_pdf(out.read_bytes()).flat


def test_unsigned_record_is_printed_as_draft(
    saved_record: RecordFactory, data_dir: Path, tmp_path: Path
) -> None:
    loaded = saved_record("alt_4x")
    out = tmp_path / "draft.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 1
    assert DRAFT_MARK in read_pdf(out.read_bytes()).flat


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (None, "cannot read the record: the file does not exist"),
        (b"{not json", "cannot read the record: the file is not valid JSON"),
        (b'{"format": "something-else"}', "cannot read the record: not an nkscreen"),
        (b"", "cannot read the record: the file is empty"),
    ],
)
def test_unreadable_record_exits_2_with_one_line(
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    content: bytes | None,
    message: str,
) -> None:
    record = tmp_path / "record.json"
    if content is not None:
        record.write_bytes(content)
    out = tmp_path / "out.pdf"
    assert run(data_dir, str(record), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert message in err
    assert len(err.strip().splitlines()) == 1
    assert "Traceback" not in err
    assert not out.exists()


def test_unknown_protocol_exits_2(
    protocol: Protocol, data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = record_to_dict(make_record(protocol, "eligible_male"))
    raw["protocol"]["id"] = "NCT00000000"
    record = tmp_path / "other.json"
    record.write_bytes(dumps_document(raw))
    assert run(data_dir, str(record), "-o", str(tmp_path / "out.pdf")) == 2
    assert "the record's protocol cannot be used" in capsys.readouterr().err


def test_unwritable_output_exits_2(
    saved_record: RecordFactory,
    data_dir: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    loaded = saved_record("eligible_male")
    out = tmp_path / "no-such-folder" / "out.pdf"
    assert run(data_dir, str(loaded.path), "-o", str(out)) == 2
    err = capsys.readouterr().err
    assert err.startswith("nkscreen: cannot write")
    assert "Traceback" not in err


def test_command_line_without_display_or_qt_platform(protocol: Protocol, tmp_path: Path) -> None:
    """The real entry point in a fresh process: it must start Qt offscreen by itself."""
    record = tmp_path / "record.json"
    record.write_bytes(dumps_document(record_to_dict(make_record(protocol, "eligible_male"))))
    out = tmp_path / "out.pdf"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("QT_QPA_PLATFORM", "DISPLAY", "WAYLAND_DISPLAY")
    }
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nkscreen",
            "--data-dir",
            str(tmp_path / "d"),
            "pdf",
            str(record),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 1, result.stderr  # written, but not signed
    assert "the record is not signed" in result.stderr
    assert DRAFT_MARK in read_pdf(out.read_bytes()).flat


def test_untrusted_signer_exits_1_with_the_reason(
    saved_record: RecordFactory, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    stranger = throwaway_identity(77, name="Dr Stranger", user_id="stranger")
    loaded = saved_record("eligible_male", (stranger, "authorship"))
    out = tmp_path / "untrusted.pdf"
    assert run(tmp_path / "data", str(loaded.path), "-o", str(out)) == 1
    err = capsys.readouterr().err
    assert err.startswith("nkscreen: the signer is not trusted at this site")
    assert len(err.strip().splitlines()) == 1
    assert out.exists()


def test_versions_print_their_standing_and_exit_accordingly(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Version 1 after version 2: SUPERSEDED mark, exit 0 (its signature is valid); version 2
    without version 1: BROKEN CHAIN mark, exit 1."""
    import json

    data = tmp_path / "site"
    monkeypatch.setenv("NKSCREEN_PASSPHRASE", "correct horse battery")

    def cli(*argv: str) -> tuple[int, str, str]:
        capsys.readouterr()
        code = main(["--data-dir", str(data), *argv])
        out, err = capsys.readouterr()
        return code, out, err

    case = ROOT / "tests" / "cases" / "eligible_male.json"
    assert (
        cli("identity", "create", "--name", "Dr Li Wei", "--role", "PI", "--user-id", "lw")[0] == 0
    )
    code, out, err = cli("sign", str(case), "--meaning", "authorship", "--site", "Ward 7")
    assert code == 0, err
    v1 = Path(out.strip())
    corrected = json.loads(case.read_text())
    corrected["answers"]["ecog"] = 3
    fixed = tmp_path / "fixed.json"
    fixed.write_text(json.dumps(corrected))
    code, out, err = cli(
        "amend", str(v1), str(fixed), "--reason", "ECOG re-assessed", "--meaning", "authorship"
    )
    assert code == 0, err
    v2 = Path(out.strip())

    code, _, err = cli("pdf", str(v1), "-o", str(tmp_path / "v1.pdf"))
    assert code == 0
    assert "superseded by version 2" in err
    text = read_pdf((tmp_path / "v1.pdf").read_bytes()).flat
    assert "SUPERSEDED BY VERSION 2" in text

    code, _, err = cli("pdf", str(v2), "-o", str(tmp_path / "v2.pdf"))
    assert code == 0, err
    text = read_pdf((tmp_path / "v2.pdf").read_bytes()).flat
    assert "Reason: ECOG re-assessed" in text
    assert "Verdict: ELIGIBLE -> NOT ELIGIBLE" in text
    assert "Criterion changed: I3 ECOG performance status 0 to 2: met -> NOT MET" in text

    v1.unlink()
    code, _, err = cli("pdf", str(v2), "-o", str(tmp_path / "v2-broken.pdf"))
    assert code == 1
    assert "version 1 missing" in err
    text = read_pdf((tmp_path / "v2-broken.pdf").read_bytes()).flat
    assert "BROKEN CHAIN" in text
    assert "Version 1 could not be read" in text
