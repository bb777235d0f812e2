"""One clock: every time shown in the site's zone with its UTC offset, records in UTC."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from nkscreen.clock import (
    NaiveTimeError,
    computer_zone_name,
    describe_zone,
    fixed_zone,
    format_offset,
    format_time,
    site_zone,
    today,
    zone_named,
)
from nkscreen.settings import SiteSettings

ROOT = Path(__file__).resolve().parents[1]
MOMENT = datetime(2026, 12, 1, 14, 12, 33, tzinfo=UTC)


def test_the_issue_example_reads_the_same_in_every_zone_it_is_given() -> None:
    assert format_time(MOMENT, ZoneInfo("Asia/Shanghai")) == "2026-12-01 22:12 UTC+08:00"
    assert format_time(MOMENT, ZoneInfo("UTC")) == "2026-12-01 14:12 UTC+00:00"
    assert format_time(MOMENT, UTC) == "2026-12-01 14:12 UTC+00:00"
    assert format_time(MOMENT, ZoneInfo("UTC"), seconds=True) == "2026-12-01 14:12:33 UTC+00:00"
    # The same moment given with another offset is the same time once shown.
    shanghai = MOMENT.astimezone(timezone(timedelta(hours=8)))
    assert format_time(shanghai, ZoneInfo("UTC")) == "2026-12-01 14:12 UTC+00:00"


def test_daylight_saving_zones_change_offset_with_the_date() -> None:
    london = ZoneInfo("Europe/London")
    assert format_time(datetime(2026, 1, 15, 12, 0, tzinfo=UTC), london) == (
        "2026-01-15 12:00 UTC+00:00"
    )
    assert format_time(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), london) == (
        "2026-07-01 13:00 UTC+01:00"
    )
    # Either side of the spring change (01:00 UTC on 29 March 2026).
    assert format_time(datetime(2026, 3, 29, 0, 59, tzinfo=UTC), london) == (
        "2026-03-29 00:59 UTC+00:00"
    )
    assert format_time(datetime(2026, 3, 29, 1, 0, tzinfo=UTC), london) == (
        "2026-03-29 02:00 UTC+01:00"
    )
    new_york = ZoneInfo("America/New_York")
    assert format_time(MOMENT, new_york) == "2026-12-01 09:12 UTC-05:00"
    assert format_time(datetime(2026, 7, 1, 12, 0, tzinfo=UTC), new_york).endswith("UTC-04:00")
    assert format_time(MOMENT, ZoneInfo("Asia/Kolkata")) == "2026-12-01 19:42 UTC+05:30"


def test_one_fixed_offset_for_a_printout_across_a_change() -> None:
    london = ZoneInfo("Europe/London")
    winter = fixed_zone(london, datetime(2026, 1, 15, 12, 0, tzinfo=UTC))
    summer_moment = datetime(2026, 7, 1, 12, 0, tzinfo=UTC)
    assert format_time(summer_moment, winter) == "2026-07-01 12:00 UTC+00:00"
    summer = fixed_zone(london, summer_moment)
    assert format_time(summer_moment, summer) == "2026-07-01 13:00 UTC+01:00"


def test_a_time_without_offset_is_refused_not_guessed() -> None:
    with pytest.raises(NaiveTimeError, match="has no UTC offset"):
        format_time(datetime(2026, 12, 1, 14, 12), ZoneInfo("UTC"))


def test_offsets_are_written_in_full() -> None:
    assert format_offset(timedelta(hours=-3, minutes=-30)) == "UTC-03:30"
    assert format_offset(timedelta(0)) == "UTC+00:00"
    assert format_offset(None) == "UTC+00:00"


def test_site_zone_comes_from_preferences_and_defaults_to_the_computer() -> None:
    assert site_zone(SiteSettings()) is None  # None: the computer's own zone
    zone = site_zone(SiteSettings(time_zone="Asia/Shanghai"))
    assert isinstance(zone, ZoneInfo)
    assert zone.key == "Asia/Shanghai"
    assert describe_zone(zone, MOMENT) == "Asia/Shanghai, UTC+08:00"
    with pytest.raises(ValueError, match="unknown time zone 'Mars/Base'"):
        zone_named("Mars/Base")


def test_the_computer_zone_follows_tz() -> None:
    """Without a site zone every time is in the computer's zone (here TZ), with its offset."""
    code = (
        "from datetime import datetime, UTC\n"
        "from nkscreen.clock import computer_zone_name, describe_zone, format_time\n"
        "m = datetime(2026, 12, 1, 14, 12, 33, tzinfo=UTC)\n"
        "print(format_time(m)); print(computer_zone_name()); print(describe_zone(None, m))\n"
    )
    env = {**os.environ, "TZ": "Asia/Shanghai"}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    ).stdout.splitlines()
    assert out == [
        "2026-12-01 22:12 UTC+08:00",
        "Asia/Shanghai",
        "Asia/Shanghai (this computer's time zone), UTC+08:00",
    ]


def test_computer_zone_name_is_never_empty() -> None:
    assert computer_zone_name()


def test_today_is_the_sites_date_not_the_computers() -> None:
    """17:30 UTC on 30 November is already 1 December in Shanghai: a new assessment made
    there is dated 1 December."""
    moment = datetime(2026, 11, 30, 17, 30, tzinfo=UTC)
    assert today(ZoneInfo("Asia/Shanghai"), moment).isoformat() == "2026-12-01"
    assert today(ZoneInfo("America/New_York"), moment).isoformat() == "2026-11-30"
