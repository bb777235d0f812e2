"""Times as people read them on screen: local wall-clock time with its UTC offset.

Records keep UTC (or the offset they were made with); a clinician reads "2026-12-01 22:12
UTC+08:00", never raw ISO text. A stand-in until the site time-zone setting and its shared
formatter exist: this one uses the computer's time zone.
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QCoreApplication

from nkscreen.clock import Zone, format_time


def shown_time(moment: datetime | str | None, zone: Zone = None) -> str:
    """``moment`` in the site's time zone (``zone``; None: the computer's), with its offset,
    e.g. ``2026-12-01 22:12 UTC+08:00``.

    Accepts ISO text (as signatures carry it); text that is not a time is shown as it is, and
    a time without an offset says so rather than guessing one.
    """
    if moment is None:
        return ""
    if isinstance(moment, str):
        text = moment
        try:
            moment = datetime.fromisoformat(text)
        except ValueError:
            return text
    if moment.tzinfo is None:
        return f"{moment:%Y-%m-%d %H:%M} " + QCoreApplication.translate(
            "ShownTime", "(time zone unknown)"
        )
    return format_time(moment, zone)


__all__ = ["shown_time"]
