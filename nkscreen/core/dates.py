"""Calendar arithmetic the protocol's conventions depend on (ages, calendar-month windows)."""

from __future__ import annotations

import re
from datetime import date

_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_iso_date(text: str) -> date | None:
    """Strict ``YYYY-MM-DD`` only; ``date.fromisoformat`` alone also takes ``20261120``."""
    if not _ISO_DATE.fullmatch(text):
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        return None


def age_in_years(birth: date, on: date) -> int:
    """Whole years completed on ``on``.

    A birthday on 29 February is completed on 1 March in non-leap years: the anniversary has
    not happened until the day after 28 February.
    """
    years = on.year - birth.year
    if (on.month, on.day) < (birth.month, birth.day):
        years -= 1
    return years


def add_months(day: date, months: int) -> date:
    """The same calendar day ``months`` later (negative: earlier), clamped to the month's end."""
    import calendar  # here: it imports locale, milliseconds at start-up for this one call

    index = day.year * 12 + (day.month - 1) + months
    year, month0 = divmod(index, 12)
    last = calendar.monthrange(year, month0 + 1)[1]
    return date(year, month0 + 1, min(day.day, last))
