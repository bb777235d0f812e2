"""A font for the window's Chinese, registered only when the window is in Chinese.

Qt draws Chinese with whatever font the computer has for it (Noto Sans CJK or WenQuanYi on
Linux, Microsoft YaHei on Windows, PingFang on macOS). A computer without one would show
every character as a box, so a window in Chinese asks Qt's font database once whether any
installed family writes simplified Chinese and, only if none does, registers the CJK subset
bundled for the printouts (``resources/fonts``) and puts it behind the window's own font.

Nothing happens for English: the 7 MB of font files are never touched at an English start.
Measured here (offscreen, Linux): the question costs about 4 ms, registering the bundled
subset about 1.5 ms and under 1 MB of resident memory (Qt maps the files; glyphs are read
when drawn).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontDatabase, QGuiApplication

from nkscreen.language import CHINESE


def system_has_chinese_font() -> bool:
    """Whether an installed font family writes simplified Chinese (the bundled one aside)."""
    from nkscreen.report.fonts import CJK_FAMILY

    families = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    return any(f != CJK_FAMILY for f in families)


def ensure_window_font(language: str) -> str:
    """For Chinese on a computer without a Chinese font: the bundled one, behind the window's
    font. Returns "" or one sentence saying why Chinese may show as boxes."""
    if language != CHINESE or system_has_chinese_font():
        return ""
    from nkscreen.report.fonts import FontError, register_cjk_font

    try:
        family = register_cjk_font()
    except FontError as exc:
        return (
            QCoreApplication.translate(
                "App", "No font on this computer writes Chinese, and the bundled one failed: %s"
            )
            % exc
        )
    font = QGuiApplication.font()
    font.setFamilies([*font.families(), family])
    QGuiApplication.setFont(font)
    return ""


__all__ = ["ensure_window_font", "system_has_chinese_font"]
