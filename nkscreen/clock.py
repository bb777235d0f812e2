"""One clock for everything shown to people: the site's time zone, always with its UTC offset.

Records keep UTC (and signature times keep the offset they were signed with); only what is
shown on screen or printed is converted, here, so two places can never disagree about the
same moment. The site's zone is an IANA name in Preferences (``SiteSettings.time_zone``);
empty means the computer's own zone. A time without an offset is refused rather than guessed:
in a trial binder "14:12" alone means nothing. Qt-free.

On Windows, ``zoneinfo`` finds zone names only through the ``tzdata`` package (a dependency
there); the computer's own zone needs no database on any system.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nkscreen.settings import SiteSettings

# zoneinfo (and its database) is imported by the functions that name a zone: a site that
# shows times in the computer's zone never needs it, and the app starts without it.

#: The zone argument everywhere: a zone, or None for the computer's own zone.
Zone = tzinfo | None


class NaiveTimeError(ValueError):
    """A time without a UTC offset was given for display."""


def is_known_zone(name: str) -> bool:
    """Whether ``name`` is an IANA zone this computer knows (Asia/Shanghai, UTC, ...)."""
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return False
    return True


def zone_names() -> list[str]:
    """Every IANA zone name available here, sorted (the choices in Preferences)."""
    from zoneinfo import available_timezones

    return sorted(available_timezones())


def zone_named(name: str) -> Zone:
    """The zone called ``name``; None (the computer's zone) for an empty name.

    Raises :class:`ValueError` for a name this computer does not know.
    """
    name = name.strip()
    if not name:
        return None
    if not is_known_zone(name):
        raise ValueError(f"unknown time zone {name!r}")
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def site_zone(settings: SiteSettings) -> Zone:
    """The zone every time is shown in: the site's choice, else the computer's (None)."""
    return zone_named(settings.time_zone)


def computer_zone_name() -> str:
    """The computer's zone as an IANA name when it can be found (TZ, /etc/localtime), else
    its abbreviation (CST): only for telling people which zone "the computer's" is."""
    from nkscreen.paths import time_zone_variable

    from_env = time_zone_variable()
    if from_env and is_known_zone(from_env):
        return from_env
    try:
        target = str(Path("/etc/localtime").resolve())
    except OSError:
        target = ""
    marker = "/zoneinfo/"
    if marker in target:
        name = target.split(marker, 1)[1]
        if is_known_zone(name):
            return name
    return datetime.now().astimezone().tzname() or ""


def in_zone(moment: datetime, zone: Zone = None) -> datetime:
    """``moment`` as wall-clock time in ``zone`` (None: the computer's zone)."""
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise NaiveTimeError(f"{moment.isoformat()} has no UTC offset: it cannot be shown")
    return moment.astimezone(zone)


def format_offset(offset: timedelta | None) -> str:
    """UTC+08:00, UTC-05:00, UTC+05:30, UTC+00:00."""
    total = int((offset or timedelta(0)).total_seconds()) // 60
    sign = "-" if total < 0 else "+"
    hours, minutes = divmod(abs(total), 60)
    return f"UTC{sign}{hours:02d}:{minutes:02d}"


def format_time(moment: datetime, zone: Zone = None, *, seconds: bool = False) -> str:
    """A readable time with its offset: ``2026-12-01 22:12 UTC+08:00`` (seconds if asked)."""
    local = in_zone(moment, zone)
    clock = "%H:%M:%S" if seconds else "%H:%M"
    return f"{local:%Y-%m-%d} {local.strftime(clock)} {format_offset(local.utcoffset())}"


def fixed_zone(zone: Zone, at: datetime) -> timezone:
    """``zone``'s offset at the moment ``at``, as a fixed-offset zone.

    A printout shows every time in one offset: converted with this, a record saved in winter
    and printed in summer does not carry both UTC+00:00 and UTC+01:00 on one page.
    """
    return timezone(in_zone(at, zone).utcoffset() or timedelta(0))


def zone_name(zone: Zone) -> str:
    """What to call ``zone``: its IANA name, or the computer's zone said to be that."""
    if zone is None:
        return f"{computer_zone_name()} (this computer's time zone)"
    from zoneinfo import ZoneInfo

    if isinstance(zone, ZoneInfo):
        return zone.key
    return zone.tzname(None) or ""


def describe_zone(zone: Zone, at: datetime) -> str:
    """``Asia/Shanghai, UTC+08:00``: the zone and its offset at the moment ``at``."""
    return f"{zone_name(zone)}, {format_offset(in_zone(at, zone).utcoffset())}"


def utc_now() -> datetime:
    """Now, in UTC, to the second (what records keep)."""
    return datetime.now(UTC).replace(microsecond=0)


def today(zone: Zone = None, now: datetime | None = None) -> date:
    """The date in ``zone`` (None: the computer's) at ``now`` (default: now): the site's
    today, which a new assessment is dated (a ward in Beijing at 01:00 local is on the next
    day already, whatever the computer's clock says in UTC)."""
    return in_zone(now or utc_now(), zone).date()


__all__ = [
    "NaiveTimeError",
    "Zone",
    "computer_zone_name",
    "describe_zone",
    "fixed_zone",
    "format_offset",
    "format_time",
    "in_zone",
    "is_known_zone",
    "site_zone",
    "today",
    "utc_now",
    "zone_name",
    "zone_named",
    "zone_names",
]
