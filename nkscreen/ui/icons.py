"""The window's icons, from PNGs rendered from their SVG sources (packaging/make_icons.py).

An SVG icon makes Qt load its SVG module and image plugin when it is first drawn: about a
megabyte of memory at start-up for the window icon and the calendar button. The PNGs, one per
size a screen asks for, are drawn by Qt's built-in PNG reader.
"""

from __future__ import annotations

from functools import cache

from PySide6.QtCore import QSize
from PySide6.QtGui import QIcon

from nkscreen.resources import resource_path

#: The sizes a title bar, task bar and window switcher draw. The large ones are the desktop
#: entry's and the executable's (hicolor theme, .ico, .icns): Qt decodes every size given here
#: when the icon is set, and a 256-pixel PNG is a hundredth of the start-up's work.
APP_SIZES = (16, 32, 48, 64)
#: The calendar button's, on a normal and on a high-density screen.
CALENDAR_SIZES = (16, 32)


def _from_pngs(stem: str, sizes: tuple[int, ...]) -> QIcon:
    icon = QIcon()
    for size in sizes:
        icon.addFile(str(resource_path("icons", f"{stem}-{size}.png")), QSize(size, size))
    return icon


def app_icon() -> QIcon:
    """The window's icon (title bar, task bar, alt-tab)."""
    return _from_pngs("nkscreen", APP_SIZES)


@cache
def calendar_icon() -> QIcon:
    """The date fields' "pick from a calendar" button: one icon for all of them (a QIcon is
    shared, not copied; each new one read and decoded its PNGs again)."""
    return _from_pngs("calendar", CALENDAR_SIZES)


__all__ = ["APP_SIZES", "CALENDAR_SIZES", "app_icon", "calendar_icon"]
