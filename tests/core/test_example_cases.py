"""The example cases in ``tests/cases`` with their expected results (``expected.json``)."""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

from tests.core.spec_helpers import (
    CASES_DIR,
    PROTOCOL,
    assert_invalid,
    assert_valid_result,
    expected_overall,
    reference_statuses,
    run_path,
)

EXPECTED: dict[str, Any] = json.loads((CASES_DIR / "expected.json").read_text(encoding="utf-8"))
VALID_CASES = sorted(name for name, exp in EXPECTED.items() if "exit" not in exp)
INVALID_CASES = sorted(name for name, exp in EXPECTED.items() if "exit" in exp)


def test_every_case_file_has_an_expectation():
    files = {p.stem for p in CASES_DIR.glob("*.json")} - {"expected"}
    assert files == set(EXPECTED)


@pytest.mark.parametrize("name", VALID_CASES)
def test_valid_example_case(name):
    exp = EXPECTED[name]
    run = run_path(CASES_DIR / f"{name}.json")
    assert_valid_result(run)
    assert run.result["protocol"] == PROTOCOL
    assert run.overall == exp["overall"]
    for cid, status in exp.get("criteria", {}).items():
        assert run.status(cid) == status, cid
    for key, value in exp.get("derived", {}).items():
        assert run.derived[key] == value, key
    assert run.overall == expected_overall(run.criteria)
    if run.overall == "not_eligible":
        assert run.reasons
    if run.overall == "incomplete":
        assert run.missing


@pytest.mark.parametrize("name", VALID_CASES)
def test_example_case_matches_reference_model(name):
    answers = json.loads((CASES_DIR / f"{name}.json").read_text(encoding="utf-8"))["answers"]
    run = run_path(CASES_DIR / f"{name}.json")
    assert run.criteria == reference_statuses(answers)


@pytest.mark.parametrize("name", INVALID_CASES)
def test_invalid_example_case(name):
    exp = EXPECTED[name]
    run = run_path(CASES_DIR / f"{name}.json")
    assert run.code == exp["exit"]
    assert_invalid(run, exp["names_field"])


def test_missing_lvef_lists_lvef():
    run = run_path(CASES_DIR / "missing_lvef.json")
    assert "lvef_pct" in run.missing
    assert run.overall == "incomplete"


def test_dli_recent_reason_and_earliest_date():
    run = run_path(CASES_DIR / "dli_recent.json")
    assert run.derived["earliest_infusion_date"] == "2026-12-28"
    assert any(r.split(":", 1)[0] in ("E2", "E2D") for r in run.reasons), run.reasons


def test_antitumor_recent_earliest_date():
    # venetoclax 2026-11-27, half-life 26 h: window 5.42 days -> 27 Nov + 5 + 1 = 3 Dec;
    # DLI 2026-09-01 + 43 = 14 Oct.
    run = run_path(CASES_DIR / "antitumor_recent.json")
    assert run.derived["earliest_infusion_date"] == "2026-12-03"


def test_alt_4x_derived_multiple():
    run = run_path(CASES_DIR / "alt_4x.json")
    assert run.derived["alt_x_uln"] == pytest.approx(4.0)
    assert any(r.split(":", 1)[0] in ("I5", "I5A") for r in run.reasons), run.reasons


def test_eligible_output_is_stable():
    first = run_path(CASES_DIR / "eligible_male.json")
    second = run_path(CASES_DIR / "eligible_male.json")
    assert first.stdout == second.stdout


# --------------------------------------------------------------------------- real process


def _subprocess(path: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "nkscreen", "evaluate", path],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_process_exit_code_zero_for_a_valid_case():
    proc = _subprocess(str(CASES_DIR / "ecog_3.json"))
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["overall"] == "not_eligible"


def test_process_exit_code_two_for_invalid_input():
    proc = _subprocess(str(CASES_DIR / "unknown_field.json"))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert "Traceback" not in proc.stderr
    assert any(line.startswith("alt_ulnn:") for line in proc.stderr.splitlines())
