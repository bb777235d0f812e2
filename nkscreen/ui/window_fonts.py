"""The window's Chinese in fonts bundled with nkscreen, loaded only for Chinese.

A window in Chinese registers two bundled CJK pairs (``resources/fonts``, made by
``packaging/make_cjk_font.py``) and puts them right behind the window's own font: Latin letters
and digits stay in the platform's font; the app's Chinese comes from the window's small pair
(the characters of the app's texts and of Qt's dialogs and menus, 0.19 MB a weight); a
character of a typed name that the small pair lacks comes from the printout's pair (GB 2312,
1.9 MB a weight) behind it, so a computer without any Chinese font of its own still shows
Chinese rather than boxes. A character in neither (a rare one in a name) falls back to the
computer's fonts, as Qt always does.

Why two pairs: Qt opens a font file only when it draws from it, and then maps it whole
(measured: the whole file resident once the first character is drawn). Drawing the window
from the printout's pair cost 3.5 MiB of peak memory at every Chinese start (7 MiB before its
unused alternates were dropped); the small pair costs about 0.4 MiB, and registering all four
files about 1 ms. Nothing happens for English: the font files are never touched.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontInfo, QGuiApplication

from nkscreen.language import CHINESE


def ensure_window_font(language: str) -> str:
    """For Chinese: the bundled CJK fonts behind the window's font. Returns "" or one sentence
    saying why Chinese may come from the computer's fonts (or show as boxes) instead."""
    if language != CHINESE:
        return ""
    from nkscreen.report.fonts import FontError, register_window_cjk_fonts

    try:
        cjk = register_window_cjk_fonts()
    except FontError as exc:
        return (
            QCoreApplication.translate(
                "App",
                "The bundled Chinese font cannot be used (%s): Chinese uses this computer's fonts.",
            )
            % exc
        )
    font = QGuiApplication.font()
    # The family the platform's font really is ("Sans Serif" is DejaVu Sans here): a generic
    # name before a real one would be skipped, and Latin would come from the CJK font.
    own = QFontInfo(font).family()
    font.setFamilies([own, *cjk] if own not in cjk else cjk)
    QGuiApplication.setFont(font)
    return ""


__all__ = ["ensure_window_font"]
