"""Make the bundled CJK fonts: Noto Sans CJK SC, Regular and Bold, subset for nkscreen.

A printout with Chinese text needs a font with Chinese glyphs on every computer, or Qt prints
blanks without an error. The full Noto Sans CJK collections are about 20 MB each; the subset
keeps GB 2312 (6,763 hanzi and its 682 symbols, the set every Chinese text system covers),
printable ASCII, and every character of the app's Chinese texts (the protocols' zh_CN side
files, the zh_CN translation file, and every module of the app: the printout's catalogue, the
core's, the records layer's and the command line's zh_CN templates), so a rare character in a
label can never go missing. Radicals and compatibility ideographs are left out on purpose: they
share glyphs with the ideographs, and Qt would then write the wrong character (U+2F0A for 入)
into the PDF's text layer.

A character of those texts that the printout's Latin face (DejaVu Sans, Regular and Bold) has
is not asked of this font: ✓ ✗ ⚠ • and the like. The printout takes them from DejaVu, which
comes first in its fonts, and the window from the computer's own font, as in English; Noto
has no ✗ at all. GB 2312 is kept whole all the same (its Greek, Cyrillic and box drawing
too): it is the set a Chinese text is promised.

Its line metrics are DejaVu Sans's (ascent 0.928 em, descent 0.236 em, no gap; Noto's own are
1.16 and 0.288): the ideographs sit inside -0.12..0.88 em, so nothing is cut, and a line
holding Chinese is no taller than a Latin one, which keeps a Chinese summary on one page like
the English one.

Only the layout features a horizontal line is shaped with are kept (``LAYOUT_FEATURES``), not
Noto's ``locl`` (the Japanese, Korean and traditional forms of the same characters, for a
text tagged in those languages), its vertical forms or the alternates only a typesetting
program asks for (``aalt``, ``fwid``, ``ruby``, ...): nkscreen writes Simplified Chinese
across the line only. Those alternates were half the glyphs and half the bytes (14,003 glyphs
and 3.5 MB a weight with every feature, 7,550 and 1.9 MB without), and a smaller file is less
memory for every window in Chinese (Qt maps it whole) as well as a smaller download. Without
``locl`` a computer whose locale is Japanese still shows the Simplified forms, as it should.

A second, much smaller pair is the window's ("Noto Sans CJK SC nkscreen window": only the
characters of the app's texts and of Qt's own dialogs and menus in Chinese, about 820, nothing
of GB 2312 beyond them). Qt maps a font
file whole once it draws from it, so a Chinese window drawing its texts from this pair costs
about 0.5 MiB instead of the print pair's 3.5 MiB; the print pair stays registered behind it,
and only a character the window pair lacks (a rare one in a typed name) makes Qt open it.

The subset is renamed ("Noto Sans CJK SC nkscreen"): a computer with the full Noto CJK fonts
installed would otherwise give Qt two fonts of one name, and printouts would depend on which
it picked. The SIL Open Font License allows modified versions under another name (its
Reserved Font Name is "Source", which is not used).

Input: Debian's fonts-noto-cjk (``apt-get install fonts-noto-cjk``), checked by sha256 so the
output is reproducible; fontTools (``pip install fonttools``) is needed here only, never at
run time. Writes resources/fonts/NotoSansCJKsc-nkscreen-{Regular,Bold}.otf (print),
resources/fonts/NotoSansCJKsc-nkscreen-window-{Regular,Bold}.otf (window) and
resources/fonts/NotoSansCJKsc-nkscreen.json (what went in and what came out).

    python packaging/make_cjk_font.py            # regenerate
    python packaging/make_cjk_font.py --check    # exit 1 if the committed fonts are stale
"""

from __future__ import annotations

import argparse
import hashlib
import io
import json
import sys
from pathlib import Path
from typing import Any, Final

ROOT: Final = Path(__file__).resolve().parents[1]
FONTS: Final = ROOT / "resources" / "fonts"
SOURCE_DIR: Final = Path("/usr/share/fonts/opentype/noto")
#: Debian 12's fonts-noto-cjk 1:20220127+repack1-1 (Noto Sans CJK version 2.004).
SOURCES: Final = {
    "Regular": (
        "NotoSansCJK-Regular.ttc",
        "b76b0433203017ca80401b2ee0dd69350349871c4b19d504c34dbdd80541690a",
    ),
    "Bold": (
        "NotoSansCJK-Bold.ttc",
        "faa5f3656a78b2e2d450d27fe8382c778bc2b6bb5ea29c986664a6a435056ceb",
    ),
}
#: The Simplified Chinese face in Noto's collections (JP, KR, SC, TC, HK, then Mono).
SC_INDEX: Final = 2
FAMILY: Final = "Noto Sans CJK SC nkscreen"
#: Glyph composition, contextual forms and ligatures, kerning and marks, and the proportional
#: widths (palt, halt) a typesetter may ask for; never locl, vert or the alternates.
LAYOUT_FEATURES: Final = ("ccmp", "calt", "liga", "kern", "mark", "palt", "halt")
OUTPUT: Final = "NotoSansCJKsc-nkscreen-{style}.otf"
WINDOW_FAMILY: Final = "Noto Sans CJK SC nkscreen window"
WINDOW_OUTPUT: Final = "NotoSansCJKsc-nkscreen-window-{style}.otf"
POSTSCRIPT: Final = {FAMILY: "NotoSansCJKscNkscreen", WINDOW_FAMILY: "NotoSansCJKscNkscreenWindow"}
MANIFEST: Final = FONTS / "NotoSansCJKsc-nkscreen.json"
#: Files whose characters the font must cover (globs under the repository).
TEXT_SOURCES: Final = (
    "resources/protocols/*.zh_CN.json",
    "resources/translations/*_zh_CN.ts",
    "nkscreen/**/*.py",
)
#: Modules whose odd characters are no text of the app: glyphs.py names 𪚥 (U+2A6A5) as the
#: example of a character no bundled font has.
NOT_TEXT_SOURCES: Final = ("nkscreen/report/glyphs.py",)
#: Qt's own Chinese that a window can show (qtbase_zh_CN.qm): standard buttons, message boxes,
#: the file and print dialogs, a text field's context menu, key names in menus.
QT_CONTEXTS: Final = (
    "QAbstractSpinBox",
    "QComboBox",
    "QCupsJobWidget",
    "QDialogButtonBox",
    "QDockWidget",
    "QErrorMessage",
    "QFileDialog",
    "QFileSystemModel",
    "QInputDialog",
    "QLineEdit",
    "QMessageBox",
    "QPageSetupWidget",
    "QPageSize",
    "QPlatformTheme",
    "QPrintDialog",
    "QPrintPreviewDialog",
    "QPrintPropertiesWidget",
    "QPrintSettingsOutput",
    "QPrintWidget",
    "QProgressDialog",
    "QScrollBar",
    "QShortcut",
    "QTabBar",
    "QUnicodeControlCharacterMenu",
    "QWidgetTextControl",
)
#: The characters of those translations (Qt 6.11) and of QLocale("zh_CN")'s month and day
#: names, the Latin face's left out: the window pair has them too, so a Qt dialog never opens
#: the print pair. tests/report/test_cjk_font.py reads the installed Qt's translation and
#: fails when an update of Qt brings a character that is not here.
QT_TEXTS: Final = (
    "、。一七三上下不丢两严个中为主义之乐九书事二于互五些亮人仍从他代以们件任份休优会"
    "位低体使例侧保信修倍倒候值假做停偶像先光克免入全八公六关其具再写冲准减出分切划列"
    "删别到制刷前剪办加务动助区十升午半单南卡印即历双反发取变叠口另叫可史右号合同名后"
    "向吗君否启告周呼命和唤商器四回围国图在地场址型塞境增声处备复多夜大天头夹奇如始媒"
    "子字存它定室家宽密寸对导封将小少尝局屏属嵌工左已市布带帮幅幕平年并序应底店度庭建"
    "开弃式张弹强当录形彩待律得循德忘快忽性恢息您悬情想意戏我或所打执找抓护报抹拨择拼"
    "持挂指换捷接控提插搜摄摸撤播支收改放政效数整文断新方旅旋无日时明星是显暂更替最月"
    "有期未末本机束来板某查柬标栏格框档检概模横次欧止正此殊母每比毫汉池法泡注洋洲派浏"
    "浮消添清游源滚灯灰点热焦然父片版牙特王环班理用电略登白的盖盘目相看眠睡知短码确示"
    "社离秘积称移程空突窗立站端笔符第答签算簿米类粘索红级纵纸线组终结绝绿缘缩网罗置美"
    "翻联背脑自至致色英范菜蓝藏融行表被装西要覆视览角触警计订认议记设试话详语误请调谚"
    "账贴起超距车轨转软载输边过近进连迪退送适选逐逗通道避邮部醒重量金链销锁错键长门闭"
    "间闻阶际陆降限除随隐隔零静靠面音页顶项顺预频风马驱高麦黄默，：？"
)
#: The printout's Latin face: what both weights print is not asked of the CJK font.
LATIN_FONTS: Final = ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf")
#: Share their glyphs with unified ideographs: never mapped (see the module docstring).
EXCLUDED_RANGES: Final = ((0x2E80, 0x2FDF), (0xF900, 0xFAFF), (0x2F800, 0x2FA1F))


class FontBuildError(RuntimeError):
    """An input is missing or not the one the committed fonts were made from."""


def gb2312() -> set[int]:
    """Every character of GB 2312 (rows 0xA1-0xF7, columns 0xA1-0xFE)."""
    found: set[int] = set()
    for row in range(0xA1, 0xF8):
        for column in range(0xA1, 0xFF):
            try:
                text = bytes((row, column)).decode("gb2312")
            except UnicodeDecodeError:
                continue
            found.add(ord(text))
    return found


def text_characters() -> set[int]:
    """Every non-ASCII character in the app's Chinese texts."""
    found: set[int] = set()
    for pattern in TEXT_SOURCES:
        for path in sorted(ROOT.glob(pattern)):
            if path.relative_to(ROOT).as_posix() in NOT_TEXT_SOURCES:
                continue
            found |= {ord(c) for c in path.read_text("utf-8") if ord(c) > 0x7E}
    return found


def latin_characters() -> set[int]:
    """The characters both weights of the printout's Latin face have (needs fontTools)."""
    from fontTools.ttLib import TTFont

    maps = [set(TTFont(FONTS / name, lazy=True).getBestCmap()) for name in LATIN_FONTS]
    return set.intersection(*maps)


def _excluded(code: int) -> bool:
    return any(low <= code <= high for low, high in EXCLUDED_RANGES)


def wanted(cmap: dict[int, str]) -> tuple[list[int], list[int]]:
    """The characters to keep, and those of the app's texts neither this font nor the Latin
    face has."""
    texts = text_characters() - latin_characters()
    chosen = set(range(0x20, 0x7F)) | gb2312() | texts
    chosen = {c for c in chosen if not _excluded(c)}
    missing = sorted(c for c in texts if c not in cmap and not c <= 0xFF)
    return sorted(c for c in chosen if c in cmap), missing


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def window_wanted(cmap: dict[int, str]) -> list[int]:
    """The window pair's characters: those of the app's texts and of Qt's own (``QT_TEXTS``)
    that the Latin face lacks."""
    qt = {ord(c) for c in "".join(QT_TEXTS)}
    texts = (text_characters() | qt) - latin_characters()
    return sorted(c for c in texts if c in cmap and not _excluded(c))


def _rename(font: Any, style: str, family: str) -> None:
    """Give the subset its own family and PostScript names (name table and CFF)."""
    postscript = f"{POSTSCRIPT[family]}-{style}"
    full = family if style == "Regular" else f"{family} {style}"
    names = {1: family, 3: f"2.004;nkscreen;{postscript}", 4: full, 6: postscript}
    table = font["name"]
    for record in table.names:
        if record.nameID in names:
            record.string = names[record.nameID]
    for name_id in (16, 17):  # typographic family / style: the plain ones say it all
        table.removeNames(nameID=name_id)
    cff = font["CFF "].cff
    cff.fontNames = [postscript]
    top = cff.topDictIndex[0]
    top.FullName, top.FamilyName = full, family
    if hasattr(top, "FontName"):
        top.FontName = postscript


#: DejaVu Sans's ascent and descent (1901 and 483 of 2048 units) in Noto's 1000 units.
LINE_ASCENT: Final = 928
LINE_DESCENT: Final = 236


def _line_metrics(font: Any) -> None:
    """The same line height as DejaVu Sans for every platform's idea of line metrics."""
    hhea, os2 = font["hhea"], font["OS/2"]
    hhea.ascent, hhea.descent, hhea.lineGap = LINE_ASCENT, -LINE_DESCENT, 0
    os2.sTypoAscender, os2.sTypoDescender, os2.sTypoLineGap = LINE_ASCENT, -LINE_DESCENT, 0
    os2.usWinAscent, os2.usWinDescent = LINE_ASCENT, LINE_DESCENT


def build(style: str, source: Path, *, window: bool = False) -> tuple[bytes, int]:
    """The subset of ``source``'s SC face as OTF bytes, and its number of characters: the
    print font, or with ``window`` the window's."""
    from fontTools import subset
    from fontTools.ttLib import TTCollection

    collection = TTCollection(str(source), recalcTimestamp=False)
    font = collection.fonts[SC_INDEX]
    if font["name"].getDebugName(1) != "Noto Sans CJK SC":
        raise FontBuildError(f"{source}: face {SC_INDEX} is not Noto Sans CJK SC")
    keep, missing = wanted(font.getBestCmap())
    if window:
        keep = window_wanted(font.getBestCmap())
    if missing:
        shown = " ".join(f"{chr(c)} U+{c:04X}" for c in missing)
        raise FontBuildError(f"Noto Sans CJK SC has no glyph for: {shown}")
    options = subset.Options()
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.layout_features = list(LAYOUT_FEATURES)
    options.notdef_outline = True
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=keep)
    subsetter.subset(font)
    _rename(font, style, WINDOW_FAMILY if window else FAMILY)
    _line_metrics(font)
    out = io.BytesIO()
    font.save(out)
    return out.getvalue(), len(keep)


def _source(style: str) -> Path:
    name, digest = SOURCES[style]
    path = SOURCE_DIR / name
    if not path.is_file():
        raise FontBuildError(f"{path} is missing: apt-get install fonts-noto-cjk")
    actual = _sha256(path.read_bytes())
    if actual != digest:
        raise FontBuildError(
            f"{path} is not the file the fonts were made from (sha256 {actual}, expected "
            f"{digest}): update SOURCES in {Path(__file__).name} if the change is intended"
        )
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only compare with the files")
    args = parser.parse_args(argv)
    try:
        import fontTools
    except ImportError:
        print("make_cjk_font: fontTools is needed: pip install fonttools", file=sys.stderr)
        return 2
    manifest: dict[str, Any] = {
        "family": FAMILY,
        "window_family": WINDOW_FAMILY,
        "source": "Debian fonts-noto-cjk 1:20220127+repack1-1 (Noto Sans CJK 2.004), face SC",
        "licence": "SIL Open Font License 1.1 (LICENSE-NotoSansCJK.txt)",
        "fonttools": fontTools.version,
        "layout_features": list(LAYOUT_FEATURES),
        "text_sources": list(TEXT_SOURCES),
        "not_text_sources": list(NOT_TEXT_SOURCES),
        "left_to_the_latin_face": list(LATIN_FONTS),
        "qt_contexts": list(QT_CONTEXTS),
        "fonts": {},
    }
    stale = []
    try:
        for style, window in [(style, window) for window in (False, True) for style in SOURCES]:
            data, characters = build(style, _source(style), window=window)
            target = FONTS / (WINDOW_OUTPUT if window else OUTPUT).format(style=style)
            manifest["fonts"][target.name] = {
                "source_sha256": SOURCES[style][1],
                "characters": characters,
                "bytes": len(data),
                "sha256": _sha256(data),
            }
            if args.check:
                if not target.is_file() or target.read_bytes() != data:
                    stale.append(target.name)
            else:
                target.write_bytes(data)
                print(f"{target.relative_to(ROOT)}: {characters} characters, {len(data)} bytes")
    except FontBuildError as exc:
        print(f"make_cjk_font: {exc}", file=sys.stderr)
        return 2
    text = json.dumps(manifest, indent=1, ensure_ascii=False) + "\n"
    if args.check:
        if not MANIFEST.is_file() or MANIFEST.read_text("utf-8") != text:
            stale.append(MANIFEST.name)
        if stale:
            print(f"make_cjk_font: stale: {', '.join(stale)}; run {__file__}", file=sys.stderr)
            return 1
        print("the CJK fonts are up to date")
        return 0
    MANIFEST.write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
