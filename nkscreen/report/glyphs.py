"""Which characters of a printout no font can print (Qt).

Qt never fails on a character without a glyph: it paints a blank or a box, and a PDF with a
signer's name half missing looks complete. The bundled fonts cover Latin, Greek, Cyrillic,
GB 2312 and every character of the app's texts; anything else (a rare hanzi in a name, a
character of another script) falls back to the fonts installed on the computer. This module
lays out each character of the printout the way the renderer does, with the printout's font
families in regular and bold, and reports those for which even the fallback finds no glyph
(glyph index 0, ".notdef"), so the PDF command and the print dialog can say so instead of
filing a page with a blank in it.
"""

from __future__ import annotations

import html
import re
import unicodedata
from collections.abc import Iterable
from functools import cache
from typing import Final

from PySide6.QtGui import QFont, QRawFont, QTextLayout

from nkscreen.report.fonts import print_families
from nkscreen.report.summary import ScreeningSummary
from nkscreen.report.summary_html import appendix_html, body_html, registry_html

_TAG: Final = re.compile(r"<[^>]*>")
#: Characters nobody needs a glyph for: controls, formatting marks, line and paragraph breaks.
_NOT_DRAWN: Final = frozenset({"Cc", "Cf", "Zl", "Zp"})


def printed_text(summary: ScreeningSummary) -> str:
    """Every text the renderer paints for ``summary``: the body, the appendices and what is
    repeated on every page (header, footer, signature line, marks)."""
    pages = (body_html(summary), appendix_html(summary), registry_html(summary))
    body = html.unescape(_TAG.sub(" ", " ".join(pages)))
    repeated = (summary.running_header(), summary.footer(1, 1), summary.signature_line())
    return " ".join((body, *repeated, *summary.marks, "…"))


def unprintable_characters(summary: ScreeningSummary) -> list[str]:
    """The characters of ``summary``'s printout that no font here can print, sorted."""
    return missing_glyphs(printed_text(summary))


def missing_glyphs(text: str) -> list[str]:
    """The characters of ``text`` without a glyph in the printout's fonts or any fallback."""
    drawn = {c for c in text if not c.isspace() and unicodedata.category(c) not in _NOT_DRAWN}
    return sorted(c for c in drawn if not _bundled(c) and _blank(c))


def describe(characters: Iterable[str]) -> str:
    """ "𪚥 (U+2A6A5), ..." for a message."""
    return ", ".join(f"{c} (U+{ord(c):04X})" for c in characters)


@cache
def _bundled_fonts() -> tuple[tuple[QRawFont, ...], ...]:
    """Each bundled family's font, per weight (regular, bold)."""
    weights = []
    for bold in (False, True):
        fonts = []
        for family in print_families():
            font = _print_font(bold)
            font.setFamilies([family])
            fonts.append(QRawFont.fromFont(font))
        weights.append(tuple(fonts))
    return tuple(weights)


def _bundled(character: str) -> bool:
    """A bundled font has it in every weight: no need to ask the fallback (the fast path)."""
    code = ord(character)
    return all(any(f.supportsCharacter(code) for f in fonts) for fonts in _bundled_fonts())


def _print_font(bold: bool) -> QFont:
    font = QFont()
    font.setFamilies(print_families())
    font.setPointSizeF(10)
    font.setBold(bold)
    return font


@cache
def _blank(character: str) -> bool:
    """Whether Qt, with the printout's families and its fallback, paints ``character``
    without a glyph in regular or bold."""
    for bold in (False, True):
        layout = QTextLayout(character, _print_font(bold))
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        for run in layout.glyphRuns():
            if 0 in run.glyphIndexes():
                return True
    return False


__all__ = ["describe", "missing_glyphs", "printed_text", "unprintable_characters"]
