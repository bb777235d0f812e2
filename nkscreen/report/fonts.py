"""The fonts printouts use, bundled in ``resources/fonts`` and registered with Qt.

A PDF written with a font the system does not have fails silently: Qt substitutes nothing
and the text comes out empty or as boxes. Bundling DejaVu Sans (Latin, Greek, Cyrillic,
arrows, check marks) makes every printout identical on every machine. A Chinese UI needs a
CJK font added here as well (see README).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QFontDatabase, QGuiApplication

from nkscreen.resources import resource_path

FAMILY: Final = "DejaVu Sans"
FONT_FILES: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")

_registered: str | None = None


class FontError(RuntimeError):
    """A bundled font is missing or unreadable: refuse to print rather than print blank."""


def register_fonts() -> str:
    """Register the bundled fonts once per process and return the family to print with.

    Needs a QGuiApplication. Called at start-up by the app and again (for free) by the
    renderer, so the command line and tests get the same fonts as the GUI.
    """
    global _registered
    if _registered is not None:
        return _registered
    if QGuiApplication.instance() is None:
        raise FontError("fonts can only be registered once a QGuiApplication exists")
    family = ""
    for name in FONT_FILES:
        path = resource_path("fonts", name)
        if not path.is_file():
            raise FontError(f"the bundled font {path} is missing: reinstall nkscreen")
        font_id = QFontDatabase.addApplicationFont(str(path))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        if not families:
            raise FontError(f"the bundled font {path} is missing or unreadable")
        family = family or families[0]
    _registered = family
    return family


__all__ = ["FAMILY", "FontError", "register_fonts"]
