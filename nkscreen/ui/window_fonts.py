"""The window's Chinese in the font bundled for the printouts, loaded only for Chinese.

A window in Chinese registers the CJK subset bundled for the printouts (``resources/fonts``:
GB 2312 and every character of the app's texts) and puts it right behind the window's own
font: Latin letters and digits stay in the platform's font, Chinese comes from the same
glyphs as on paper, on every computer, and a computer without any Chinese font of its own
shows Chinese rather than boxes. A character outside the subset (a rare one in a name) still
falls back to the computer's fonts, as Qt always does.

Nothing happens for English: the font files are never touched at an English start. Measured
here (offscreen, Linux, ``NKSCREEN_STARTUP_PROBE=ready``, peak resident memory): English
129 MB, as before; Chinese with the computer's Noto Sans CJK collection alone 149 MB; Chinese
with the bundled subset 138 MB. Registering it takes about 1.5 ms (Qt maps the files and reads
the glyphs it draws).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFontInfo, QGuiApplication

from nkscreen.language import CHINESE


def ensure_window_font(language: str) -> str:
    """For Chinese: the bundled CJK font behind the window's font. Returns "" or one sentence
    saying why Chinese may come from the computer's fonts (or show as boxes) instead."""
    if language != CHINESE:
        return ""
    from nkscreen.report.fonts import FontError, register_cjk_font

    try:
        family = register_cjk_font()
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
    font.setFamilies([own, family] if own != family else [family])
    QGuiApplication.setFont(font)
    return ""


__all__ = ["ensure_window_font"]
