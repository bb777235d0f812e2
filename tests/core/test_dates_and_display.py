"""Calendar arithmetic and display rounding that must never contradict a verdict."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from nkscreen.core import display
from nkscreen.core.answers import Value
from nkscreen.core.dates import add_months, age_in_years, parse_iso_date


@pytest.mark.parametrize(
    ("birth", "on", "years"),
    [
        ("2008-11-20", "2026-11-20", 18),  # birthday: year completed
        ("2008-11-21", "2026-11-20", 17),
        ("2008-02-29", "2026-02-28", 17),  # leap-day birthday, non-leap year
        ("2008-02-29", "2026-03-01", 18),
        ("2008-02-29", "2028-02-29", 20),
        ("1980-05-10", "2026-11-20", 46),
    ],
)
def test_age_in_whole_years(birth, on, years):
    assert age_in_years(date.fromisoformat(birth), date.fromisoformat(on)) == years


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        ("2027-08-31", -6, "2027-02-28"),
        ("2028-08-31", -6, "2028-02-29"),
        ("2027-03-31", -1, "2027-02-28"),
        ("2026-08-31", 6, "2027-02-28"),
        ("2026-12-15", 1, "2027-01-15"),
        ("2027-01-15", -1, "2026-12-15"),
    ],
)
def test_add_months_clamps_to_month_end(day, months, expected):
    assert add_months(date.fromisoformat(day), months) == date.fromisoformat(expected)


@pytest.mark.parametrize("text", ["20261120", "2026-2-3", "2026-02-30", "2026/11/20", " ", "x"])
def test_only_strict_iso_dates(text):
    assert parse_iso_date(text) is None


def test_multiple_rounds_up_and_clearance_down():
    assert display.multiple(Decimal("120.1") / Decimal(40)) == "3.01"
    assert display.multiple(Decimal(120) / Decimal(40)) == "3.00"
    assert display.multiple(Decimal(45) / Decimal(40)) == "1.13"
    assert display.clearance(Decimal("29.99")) == "29.9"
    assert display.clearance(Decimal("30")) == "30.0"


def test_towards_fail_follows_the_limit_side():
    assert display.towards_fail(Decimal("29.99"), ">=", 1) == "29.9"
    assert display.towards_fail(Decimal("3.001"), "<=", 2) == "3.01"


def test_plain_never_uses_exponents():
    assert display.plain(Decimal("1E+2")) == "100"
    assert display.plain(Decimal("1.10")) == "1.10"
    assert display.limit(Decimal("1.5") * Decimal("1.2")) == "1.8"


def test_earliest_infusion_date_is_outside_a_month_window_at_month_ends():
    """30 April + 6 months is 30 October, but an infusion on 31 October is still inside the
    window (6 months before 31 October clamps to 30 April): the first day outside is 1 November.
    """
    from nkscreen.core.derived import earliest_outside_windows
    from nkscreen.core.protocol import ExposureRule, Window

    rule = ExposureRule(
        op="exposure_within",
        field="x",
        reference="r",
        window=Window(amount=6, unit="months"),
    )
    for exposure, first_outside in [
        ("2026-04-30", "2026-11-01"),
        ("2026-08-31", "2027-03-01"),
        ("2026-01-15", "2026-07-16"),
    ]:
        values: dict[str, Value] = {"x": date.fromisoformat(exposure)}
        assert earliest_outside_windows([rule], values) == date.fromisoformat(first_outside)


def test_extreme_but_valid_numbers_never_crash_the_display(tmp_path, capsys):
    import json

    from nkscreen.cli import main

    case = json.loads((Path(__file__).parent.parent / "cases" / "eligible_male.json").read_text())
    for tiny in (1e-30, "0.000000000000000000000000000001"):
        case["answers"]["alt_uln"] = tiny
        path = tmp_path / "case.json"
        path.write_text(json.dumps(case))
        assert main(["evaluate", str(path)]) == 0
        out = json.loads(capsys.readouterr().out)
        assert out["criteria"]["I5A"] == "not_met"
    case["answers"]["alt_uln"] = 1e-31  # beyond any lab value: invalid, named
    path.write_text(json.dumps(case))
    assert main(["evaluate", str(path)]) == 2
    assert capsys.readouterr().err.startswith("alt_uln:")
