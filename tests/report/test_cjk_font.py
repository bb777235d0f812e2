"""The bundled CJK font: what it covers, its own name, its licence, its size, and that the
committed files are what packaging/make_cjk_font.py makes."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QLibraryInfo, QLocale
from PySide6.QtGui import QFont, QFontDatabase, QRawFont, QTextLayout

from nkscreen.report import fonts
from nkscreen.resources import resource_path

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = resource_path("fonts", "NotoSansCJKsc-nkscreen.json")
#: The whole of issue 12 may add 20 MB to the packaged app; the fonts take this much of it.
FONT_BUDGET = 8 * 1024 * 1024


def raw_fonts(files: tuple[str, ...]) -> list[QRawFont]:
    return [QRawFont(str(resource_path("fonts", name)), 12) for name in files]


def make_cjk_font() -> Any:
    """packaging/make_cjk_font.py as a module (it needs fontTools only to build)."""
    spec = importlib.util.spec_from_file_location(
        "make_cjk_font", ROOT / "packaging" / "make_cjk_font.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def chinese_text_characters() -> set[str]:
    """Every character of the app's Chinese texts (as make_cjk_font.py collects them)."""
    return {chr(c) for c in make_cjk_font().text_characters()}


def qm_translations(path: Path) -> list[tuple[str, str]]:
    """(context, translation) of every message of a compiled Qt translation (.qm)."""
    data = path.read_bytes()
    assert data[:16] == bytes.fromhex("3CB86418CAEF9C95CD211CBF60A1BDDD"), path
    found: list[tuple[str, str]] = []
    pos = 16
    while pos < len(data):  # blocks: tag, length, body; 0x69 holds the messages
        tag, length = data[pos], int.from_bytes(data[pos + 1 : pos + 5], "big")
        body, pos = data[pos + 5 : pos + 5 + length], pos + 5 + length
        at, context = 0, ""
        texts: list[str] = []
        while tag == 0x69 and at < len(body):
            item, at = body[at], at + 1
            if item == 1:  # end of a message
                found += [(context, text) for text in texts]
                context, texts = "", []
            elif item in (3, 6, 7, 8):  # translation, comment, context, source
                size = int.from_bytes(body[at : at + 4], "big")
                size, at = (0 if size == 0xFFFFFFFF else size), at + 4
                raw, at = body[at : at + size], at + size
                if item == 3:
                    texts.append(raw.decode("utf-16-be"))
                elif item == 7:
                    context = raw.decode("utf-8")
            else:
                assert item == 5, item  # obsolete marker, no payload
    return found


def qt_window_characters() -> set[str]:
    """The characters of Qt's own Chinese a window can show: the installed Qt's translation in
    make_cjk_font.py's contexts, and the locale's month and day names."""
    module = make_cjk_font()
    folder = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    messages = qm_translations(folder / "qtbase_zh_CN.qm")
    text = "".join(t for context, t in messages if context in module.QT_CONTEXTS)
    assert "取消" in text  # Cancel: QPlatformTheme's standard button
    locale = QLocale("zh_CN")
    for form in (QLocale.FormatType.LongFormat, QLocale.FormatType.ShortFormat):
        text += "".join(locale.monthName(m, form) for m in range(1, 13))
        text += "".join(locale.standaloneMonthName(m, form) for m in range(1, 13))
        text += "".join(
            locale.dayName(d, form) + locale.standaloneDayName(d, form) for d in range(1, 8)
        )
    text += locale.amText() + locale.pmText() + locale.dateFormat(QLocale.FormatType.LongFormat)
    return {c for c in text if ord(c) > 0x7E}


def gb2312() -> set[str]:
    found = set()
    for row in range(0xA1, 0xF8):
        for column in range(0xA1, 0xFF):
            try:
                found.add(bytes((row, column)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return found


def test_the_fonts_are_the_ones_the_script_made() -> None:
    manifest = json.loads(MANIFEST.read_text("utf-8"))
    assert manifest["family"] == fonts.CJK_FAMILY
    assert manifest["window_family"] == fonts.WINDOW_CJK_FAMILY
    assert sorted(manifest["fonts"]) == sorted(fonts.CJK_FONT_FILES + fonts.WINDOW_CJK_FONT_FILES)
    total = 0
    for name, entry in manifest["fonts"].items():
        data = resource_path("fonts", name).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], name
        assert len(data) == entry["bytes"]
        total += len(data)
    assert total < FONT_BUDGET


def test_gb2312_and_every_character_of_the_chinese_texts_is_covered(qapp: object) -> None:
    regular, bold = raw_fonts(fonts.CJK_FONT_FILES)
    latin = raw_fonts(fonts.FONT_FILES)
    assert len(gb2312()) == 7445  # 6,763 hanzi and 682 symbols
    for font in (regular, bold):
        assert font.isValid()
        assert font.familyName() == fonts.CJK_FAMILY
        missing = [c for c in gb2312() if not font.supportsCharacter(ord(c))]
        assert missing == []
    texts = chinese_text_characters()
    assert {"入", "选", "准", "≤", "×", "（", "）", "：", "→"} <= texts
    # The Chinese of the translation, the records layer's reasons and meanings, the command
    # line's lines: all of them, not only the printout's.
    assert {"✓", "✗", "⚠", "批", "审", "简"} <= texts
    assert "\U0002a6a5" not in texts  # glyphs.py's example of a character no font has
    for font in (regular, bold):
        # What the CJK font leaves out, both weights of DejaVu print (the script's rule).
        missing = [
            c
            for c in texts
            if not font.supportsCharacter(ord(c))
            and not all(f.supportsCharacter(ord(c)) for f in latin)
        ]
        assert missing == [], "run packaging/make_cjk_font.py"


def test_the_window_pair_has_every_character_of_the_chinese_texts_and_no_more(qapp: object) -> None:
    """The window draws its Chinese from the small pair (Qt maps a font it draws from whole):
    every character of the app's texts is in it, or the window would open the print pair at
    start; GB 2312 beyond them is left to the print pair behind it."""
    latin = raw_fonts(fonts.FONT_FILES)
    texts = chinese_text_characters()
    needed = {c for c in texts if not all(f.supportsCharacter(ord(c)) for f in latin)}
    assert len(needed) > 600
    for font in raw_fonts(fonts.WINDOW_CJK_FONT_FILES):
        assert font.isValid()
        assert font.familyName() == fonts.WINDOW_CJK_FAMILY
        assert [c for c in needed if not font.supportsCharacter(ord(c))] == []
        assert not font.supportsCharacter(ord("鑫"))  # GB 2312, in no text of the app


def test_the_window_pair_has_qt_s_own_chinese(qapp: object) -> None:
    """A Qt dialog (Cancel is 取消) or a text field's context menu never makes the window open
    the print pair. Fails when an update of Qt brings a character: add it to QT_TEXTS in
    packaging/make_cjk_font.py and run it."""
    latin = raw_fonts(fonts.FONT_FILES)
    qt = qt_window_characters()
    assert len(qt) > 400
    needed = {c for c in qt if not all(f.supportsCharacter(ord(c)) for f in latin)}
    listed = set("".join(make_cjk_font().QT_TEXTS))
    assert sorted(needed - listed) == [], "add them to QT_TEXTS in packaging/make_cjk_font.py"
    for font in raw_fonts(fonts.WINDOW_CJK_FONT_FILES):
        assert [c for c in needed if not font.supportsCharacter(ord(c))] == []
        assert not font.supportsCharacter(0x2F0A)  # no radical stands in for 入


def test_radicals_never_stand_in_for_ideographs(qapp: object) -> None:
    """U+2F0A ⼊ and U+5165 入 share one glyph: with both mapped, Qt writes the radical into the
    PDF's text layer and a search for 入选标准 finds nothing."""
    for font in raw_fonts(fonts.CJK_FONT_FILES):
        assert font.supportsCharacter(0x5165)
        for code in (0x2F0A, 0x2E8C, 0xF900, 0x2F800):
            assert not font.supportsCharacter(code), hex(code)


def test_the_subset_has_a_name_of_its_own(qapp: object) -> None:
    """A computer with the full Noto CJK installed must not make Qt choose between two fonts
    of one name: the printout would then depend on the computer."""
    families = fonts.print_families()
    assert families == [fonts.FAMILY, fonts.CJK_FAMILY]
    assert set(QFontDatabase.styles(fonts.CJK_FAMILY)) == {"Regular", "Bold"}
    for bold in (False, True):
        font = QFont()
        font.setFamilies(families)
        font.setBold(bold)
        layout = QTextLayout("入选标准 ALT", font)  # as the renderer lays text out
        layout.beginLayout()
        layout.createLine()
        layout.endLayout()
        used = {(r.rawFont().familyName(), r.rawFont().styleName()) for r in layout.glyphRuns()}
        style = "Bold" if bold else "Regular"
        assert (fonts.CJK_FAMILY, style) in used
        assert all(family in families for family, _ in used)


def test_a_line_of_chinese_is_no_taller_than_a_line_of_latin(qapp: object) -> None:
    latin, _ = raw_fonts(fonts.FONT_FILES)
    cjk, _ = raw_fonts(fonts.CJK_FONT_FILES)
    assert cjk.ascent() <= latin.ascent() + 0.05
    assert cjk.descent() <= latin.descent() + 0.05


def test_the_licence_is_bundled() -> None:
    text = resource_path("fonts", "LICENSE-NotoSansCJK.txt").read_text("utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "Reserved Font Name 'Source'" in text
    assert "make_cjk_font.py" in text
    assert "Source" not in fonts.CJK_FAMILY  # the reserved name is not used


@pytest.mark.slow
def test_the_script_makes_the_same_files_again() -> None:
    """Reproducible: the committed fonts are what the script makes from Debian's files."""
    if importlib.util.find_spec("fontTools") is None:
        pytest.skip("fontTools is not installed (pip install -e '.[fonts]')")
    if not Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc").is_file():
        pytest.skip("fonts-noto-cjk is not installed")
    done = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "make_cjk_font.py"), "--check"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
