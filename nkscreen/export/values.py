"""Answers as records store them, turned into export text and read back exactly.

A record keeps whole numbers as JSON numbers and decimals with a fraction as the digits typed
(``"1.10"``), dates as ``YYYY-MM-DD``. Exports write those digits unchanged (never through a
binary float) and imports read them back as exact decimals, so a value makes the round trip
record -> EDC -> case with every digit it had.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from nkscreen.core.answers import to_decimal
from nkscreen.core.dates import parse_iso_date
from nkscreen.export.problems import NotExportableError


def number_text(value: object, where: str) -> str:
    """The digits of a stored number (``45``, ``"1.10"``); refuses anything else."""
    if isinstance(value, bool):
        raise NotExportableError(f"{where}: {value!r} is not a number")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str | Decimal) and to_decimal(value) is not None:
        return format(Decimal(str(value).strip()), "f")
    raise NotExportableError(f"{where}: {value!r} is not a number")


def exact_number(value: object, where: str) -> int | Decimal:
    """A stored number as an int or an exact Decimal (for JSON written with its digits)."""
    text = number_text(value, where)
    number = Decimal(text)
    return int(number) if "." not in text else number


def date_text(value: object, where: str) -> str:
    """A stored date, checked: ``YYYY-MM-DD``."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str) and parse_iso_date(value) is not None:
        return value
    raise NotExportableError(f"{where}: {value!r} is not a date YYYY-MM-DD")


def read_number(text: str) -> int | Decimal | None:
    """Export text back to a number (int when whole and written without a point)."""
    number = to_decimal(text.strip())
    if number is None:
        return None
    return int(number) if "." not in text and "e" not in text.lower() else number


def read_date(text: str) -> str | None:
    """``YYYY-MM-DD`` text back to the same text; None if it is not a date."""
    text = text.strip()
    return text if parse_iso_date(text) is not None else None


__all__ = ["date_text", "exact_number", "number_text", "read_date", "read_number"]
