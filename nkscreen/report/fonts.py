"""The fonts printouts use, bundled in ``resources/fonts`` and registered with Qt.

A PDF written with a font the system does not have fails silently: Qt substitutes nothing
and the text comes out empty or as boxes. Bundling DejaVu Sans (Latin, Greek, Cyrillic,
arrows, check marks) and a subset of Noto Sans CJK SC (GB 2312 and every character of the
app's Chinese texts; ``packaging/make_cjk_font.py`` makes it) makes every printout identical
on every machine, in English and in Chinese. A window in Chinese draws from a smaller pair of
the same font first (:func:`register_window_cjk_fonts`, :mod:`nkscreen.ui.window_fonts`).
A printout's font is the family list :func:`print_families`: DejaVu Sans first (its Latin
letters and digits), then the CJK font for what DejaVu lacks; Qt falls back to the system's
fonts for anything neither has, and :mod:`nkscreen.report.glyphs` finds what no font can print.
"""

from __future__ import annotations

from typing import Final

from PySide6.QtGui import QFontDatabase, QGuiApplication

from nkscreen.resources import resource_path

FAMILY: Final = "DejaVu Sans"
#: The CJK subset's own family name (a full Noto CJK installed on the computer is another).
CJK_FAMILY: Final = "Noto Sans CJK SC nkscreen"
FONT_FILES: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
CJK_FONT_FILES: Final = ("NotoSansCJKsc-nkscreen-Regular.otf", "NotoSansCJKsc-nkscreen-Bold.otf")
#: The window's small CJK pair: only the characters of the app's texts and Qt's (about 820).
WINDOW_CJK_FAMILY: Final = "Noto Sans CJK SC nkscreen window"
WINDOW_CJK_FONT_FILES: Final = (
    "NotoSansCJKsc-nkscreen-window-Regular.otf",
    "NotoSansCJKsc-nkscreen-window-Bold.otf",
)

_registered: str | None = None
_families: tuple[str, ...] = ()
#: Each bundled file's family, once registered (the window may register the CJK font first).
_added: dict[str, str] = {}


class FontError(RuntimeError):
    """A bundled font is missing or unreadable: refuse to print rather than print blank."""


def _add(name: str) -> str:
    if name in _added:
        return _added[name]
    path = resource_path("fonts", name)
    if not path.is_file():
        raise FontError(f"the bundled font {path} is missing: reinstall nkscreen")
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        raise FontError(f"the bundled font {path} is missing or unreadable")
    _added[name] = families[0]
    return families[0]


def register_window_cjk_fonts() -> list[str]:
    """Register the window's CJK pair and the printout's (regular and bold each) and return
    their families, the window's first: what a window in Chinese needs on a computer without
    a Chinese font of its own. Qt opens (and maps whole) only the fonts it draws from: the
    window's small pair for the app's texts, the printout's only for a character the small
    pair lacks. Raises :class:`FontError`; registering again (for a printout) costs nothing."""
    if QGuiApplication.instance() is None:
        raise FontError("fonts can only be registered once a QGuiApplication exists")
    window = [_add(name) for name in WINDOW_CJK_FONT_FILES]  # both weights
    cjk = [_add(name) for name in CJK_FONT_FILES]
    return [window[0], cjk[0]]


def register_fonts() -> str:
    """Register the bundled fonts once per process and return the family to print with.

    Needs a QGuiApplication. Called at start-up by the app and again (for free) by the
    renderer, so the command line and tests get the same fonts as the GUI.
    """
    global _registered, _families
    if _registered is not None:
        return _registered
    if QGuiApplication.instance() is None:
        raise FontError("fonts can only be registered once a QGuiApplication exists")
    # Every file is registered (Regular and Bold); the family is its first file's.
    latin = [_add(name) for name in FONT_FILES]
    cjk = [_add(name) for name in CJK_FONT_FILES]
    family = latin[0]
    _families = (family, cjk[0])
    _registered = family
    return family


def print_families() -> list[str]:
    """The printout's font families in fallback order (registers the fonts if needed)."""
    register_fonts()
    return list(_families)


__all__ = [
    "CJK_FAMILY",
    "FAMILY",
    "WINDOW_CJK_FAMILY",
    "WINDOW_CJK_FONT_FILES",
    "FontError",
    "print_families",
    "register_fonts",
    "register_window_cjk_fonts",
]
