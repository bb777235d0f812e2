"""Render the app icon (``resources/icons/nkscreen.svg``) to PNGs, a Windows ``.ico`` and a
macOS ``.icns``, and the calendar button's icon (``calendar.svg``) to PNGs.

The window draws only the PNGs: an SVG icon makes Qt load its SVG module and image plugin at
start-up, a megabyte of memory for two small pictures.

Run: ``python packaging/make_icons.py``. The SVG is the source of truth; the PNGs are committed
because a Linux desktop entry, a Windows executable and a macOS bundle each want raster icons
and a build machine should not need anything beyond PySide6 to make them. Qt's own ICO writer
stores a single image, so the ``.ico`` is assembled here from PNG frames (the format Windows
has accepted since Vista), one per size Explorer asks for; the ``.icns`` likewise holds PNG
frames under the icon types macOS has read since 10.7 (no Pillow or iconutil needed).
"""

from __future__ import annotations

import os
import struct
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ICONS = ROOT / "resources" / "icons"
SOURCE = ICONS / "nkscreen.svg"
PNG_SIZES = (16, 32, 48, 64, 128, 256, 512)
CALENDAR = ICONS / "calendar.svg"
#: The calendar button's icon: its size on a normal and on a high-density screen.
CALENDAR_SIZES = (16, 32)
ICO_SIZES = (16, 24, 32, 48, 64, 128, 256)
#: ICNS icon type -> pixel size (the @2x types are the Retina versions of the size below).
ICNS_TYPES = {
    b"icp4": 16,
    b"icp5": 32,
    b"icp6": 64,
    b"ic07": 128,
    b"ic08": 256,
    b"ic09": 512,
    b"ic10": 1024,  # 512@2x
    b"ic11": 32,  # 16@2x
    b"ic12": 64,  # 32@2x
    b"ic13": 256,  # 128@2x
    b"ic14": 512,  # 256@2x
}


def render_png(size: int, target: Path, source: Path = SOURCE) -> bytes:
    """Write ``source`` rendered at ``size`` x ``size`` (transparent background); return the
    PNG."""
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    renderer = QSvgRenderer(str(source))
    if not renderer.isValid():
        raise SystemExit(f"{source}: not a valid SVG")
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(0)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    if not image.save(str(target)):  # the format follows the .png suffix
        raise SystemExit(f"cannot write {target}")
    return target.read_bytes()


def ico_from_pngs(frames: dict[int, bytes]) -> bytes:
    """An ICO file (ICONDIR, one ICONDIRENTRY per frame, then the PNG data)."""
    header = struct.pack("<HHH", 0, 1, len(frames))
    offset = len(header) + 16 * len(frames)
    entries, blobs = [], []
    for size, png in sorted(frames.items()):
        dim = 0 if size >= 256 else size  # 0 means 256 in ICONDIRENTRY
        entries.append(struct.pack("<BBBBHHII", dim, dim, 0, 0, 1, 32, len(png), offset))
        blobs.append(png)
        offset += len(png)
    return header + b"".join(entries) + b"".join(blobs)


def icns_from_pngs(frames: dict[int, bytes]) -> bytes:
    """An ICNS file: the 'icns' header (magic, total length), then one element per type
    (type, element length including its 8-byte header, PNG data); big-endian."""
    elements = b"".join(
        kind + struct.pack(">I", 8 + len(frames[size])) + frames[size]
        for kind, size in ICNS_TYPES.items()
    )
    return b"icns" + struct.pack(">I", 8 + len(elements)) + elements


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    _app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        rendered = {
            size: render_png(size, Path(tmp) / f"{size}.png")
            for size in sorted({*PNG_SIZES, *ICO_SIZES, *ICNS_TYPES.values()})
        }
    for size in PNG_SIZES:
        (ICONS / f"nkscreen-{size}.png").write_bytes(rendered[size])
    (ICONS / "nkscreen.ico").write_bytes(ico_from_pngs({s: rendered[s] for s in ICO_SIZES}))
    (ICONS / "nkscreen.icns").write_bytes(icns_from_pngs(rendered))
    for size in CALENDAR_SIZES:
        render_png(size, ICONS / f"calendar-{size}.png", CALENDAR)
    where = ICONS.relative_to(ROOT)
    print(
        f"wrote {len(PNG_SIZES) + len(CALENDAR_SIZES)} PNGs, nkscreen.ico and nkscreen.icns "
        f"to {where}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
