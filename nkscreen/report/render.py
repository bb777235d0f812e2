"""The one renderer of the screening summary: the PDF file, the print preview and the printer
all call :func:`render`, so what a clinician previews is exactly what is filed.

The body is a QTextDocument (HTML, paginated to the space between header and footer): the
summary (kept on one page where it fits), then the answers appendix from a new page; a
QPainter adds what must be on every page: the running header with the patient's screening id,
the DRAFT / SIGNATURE INVALID watermark, the one-line signature manifestation and
"Page X of Y". Everything is real text (selectable, searchable) in the bundled fonts. A
printout in Chinese (``summary.locale``) takes its fixed words from the same catalogue as the
summary model and adds, after the appendix, each criterion in Chinese over its verbatim
English registry text.

Lengths are computed in points and converted with the device's resolution: a QPdfWriter
draws at 1200 dpi and a printer at whatever it reports, and HTML pixel sizes would otherwise
mean different things on each.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Final

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QMarginsF, QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
    QTextDocument,
)

from nkscreen.records.atomic import atomic_write
from nkscreen.report.fonts import print_families, register_fonts
from nkscreen.report.summary import ScreeningSummary
from nkscreen.report.summary_html import (
    BODY_PT,
    FOOTER_BAND_PT,
    GREY,
    HEADER_BAND_PT,
    HEADER_PT,
    MARK_COLOUR,
    RULE,
    appendix_html,
    body_html,
    registry_html,
)

PAGE_SIZES: Final[dict[str, QPageSize.PageSizeId]] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
#: Page margins in millimetres: inside every printer's unprintable border.
MARGINS_MM: Final = QMarginsF(11, 10, 11, 10)


def configure_device(device: QPagedPaintDevice, page_size: str, *, landscape: bool = False) -> None:
    """Paper size, orientation and margins; the print dialog may change them afterwards."""
    size = QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    device.setPageLayout(QPageLayout(size, orientation, MARGINS_MM, QPageLayout.Unit.Millimeter))


# ---------------------------------------------------------------- painting


def _font(family: str, points: float, bold: bool = False) -> QFont:
    """The print font, without ligatures: an "fi" glyph extracts as U+FB01, and a search
    for "fingerprint" or "effective" in the PDF would then find nothing."""
    font = QFont(family)
    # Latin from DejaVu Sans, Chinese from the bundled CJK font: Qt tries them in this order.
    font.setFamilies([family, *(f for f in print_families() if f != family)])
    font.setPointSizeF(points)
    font.setBold(bold)
    for tag in ("liga", "clig"):
        font.setFeature(QFont.Tag(tag), 0)
    return font


def render(summary: ScreeningSummary, device: QPagedPaintDevice) -> int:
    """Paint ``summary`` on a QPdfWriter or QPrinter whose page layout is already set.

    Returns the number of pages. Used unchanged by :func:`write_pdf`, the print preview
    (``paintRequested``) and printing.
    """
    family = register_fonts()
    k = device.logicalDpiY() / 72.0  # device pixels per point, for the painter
    width = float(device.width())
    height = float(device.height())
    header = HEADER_BAND_PT * k
    footer = FOOTER_BAND_PT * k
    body_height = height - header - footer

    doc = _document(device, family, QSizeF(width, body_height), body_html(summary))
    if _straddles(doc, summary.text("signatures.heading"), body_height):
        # The record and signature block is never split: 11.50 wants each manifestation
        # whole, and a reader should not have to turn the page to see who signed.
        doc.setHtml(body_html(summary, signatures_on_new_page=True))
    # The appendix is a document of its own, so it always starts on a fresh page.
    documents = [(doc, page) for page in range(max(1, doc.pageCount()))]
    for extra in (appendix_html(summary), registry_html(summary)):
        if extra:
            appendix = _document(device, family, QSizeF(width, body_height), extra)
            documents += [(appendix, page) for page in range(appendix.pageCount())]
    pages = len(documents)

    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device (is the file writable?)")
    try:
        for index, (document, page) in enumerate(documents):
            if index:
                device.newPage()
            _header(painter, family, summary, width, k)
            painter.save()
            painter.translate(0, header - page * body_height)
            document.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
            _footer(painter, family, summary, index + 1, pages, width, height, k)
            if summary.marks:  # last, so no table cell background can hide it
                _watermark(painter, family, summary.marks[0], width, height)
    finally:
        painter.end()
    return pages


def _document(
    device: QPagedPaintDevice, family: str, page: QSizeF, html_text: str
) -> QTextDocument:
    doc = QTextDocument()
    # Before the page size: otherwise fonts are laid out for the screen's resolution.
    doc.documentLayout().setPaintDevice(device)
    doc.setDefaultFont(_font(family, BODY_PT))
    doc.setDocumentMargin(0)
    doc.setPageSize(page)
    doc.setHtml(html_text)
    return doc


def _straddles(doc: QTextDocument, heading: str, page_height: float) -> bool:
    """Whether the text from ``heading`` to the end of the document spans two pages."""
    found = doc.find(heading)
    if found.isNull():
        return False
    layout = doc.documentLayout()
    top = layout.blockBoundingRect(found.block()).top()
    bottom = layout.documentSize().height()
    return int(top // page_height) != int((bottom - 1) // page_height)


def _header(
    painter: QPainter, family: str, summary: ScreeningSummary, width: float, k: float
) -> None:
    font = _font(family, HEADER_PT)
    painter.setFont(font)
    painter.setPen(QColor(GREY))
    # Metrics for the device, not the screen: drawText clips to its rectangle, and a rectangle
    # sized for 96 dpi on a 1200 dpi PDF hides the text while leaving it extractable.
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    mark = " · ".join(summary.marks)
    mark_font = _font(family, HEADER_PT + 1, bold=True)
    room = width
    if mark:  # the mark keeps its place on the right; the header gives way (elided)
        room -= QFontMetricsF(mark_font, painter.device()).horizontalAdvance(mark) + 2 * line
    header = metrics.elidedText(summary.running_header(), Qt.TextElideMode.ElideRight, room)
    painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, header)
    if mark:
        painter.setFont(mark_font)
        painter.setPen(QColor(MARK_COLOUR))
        painter.drawText(QRectF(0, 0, width, line * 1.3), Qt.AlignmentFlag.AlignRight, mark)
    painter.setPen(QPen(QColor(RULE), 0.5 * k))
    y = line * 1.5
    painter.drawLine(QPointF(0, y), QPointF(width, y))


def _footer(
    painter: QPainter,
    family: str,
    summary: ScreeningSummary,
    page: int,
    pages: int,
    width: float,
    height: float,
    k: float,
) -> None:
    font = _font(family, HEADER_PT)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    top = height - 2.4 * line
    painter.setPen(QPen(QColor(RULE), 0.5 * k))
    painter.drawLine(QPointF(0, top - 0.4 * line), QPointF(width, top - 0.4 * line))
    painter.setFont(font)
    signed = summary.signature_line()
    painter.setPen(QColor(MARK_COLOUR if summary.marks else "#000000"))
    painter.drawText(
        QRectF(0, top, width, line),
        Qt.AlignmentFlag.AlignLeft,
        metrics.elidedText(signed, Qt.TextElideMode.ElideRight, width),
    )
    painter.setPen(QColor(GREY))
    left = summary.footer(page, pages)
    painter.drawText(QRectF(0, top + line, width, line), Qt.AlignmentFlag.AlignLeft, left)
    digest = summary.content_hash
    right = (
        f"sha256 {digest[:16]}…"
        if len(digest) == 64
        else summary.text("footer.hash", digest=digest)
    )
    painter.drawText(QRectF(0, top + line, width, line), Qt.AlignmentFlag.AlignRight, right)


WATERMARK_ANGLE: Final = 35.0


def _watermark(painter: QPainter, family: str, mark: str, width: float, height: float) -> None:
    """Diagonal, translucent, on every page: a cut-off page still carries the mark."""
    font = _font(family, 48, bold=True)
    metrics = QFontMetricsF(font, painter.device())
    painter.save()
    painter.translate(width / 2, height / 2)
    painter.rotate(-WATERMARK_ANGLE)
    # The longest line that stays on the page at this angle (a long mark such as
    # "SUPERSEDED BY VERSION 12" shrinks rather than running off the paper).
    angle = math.radians(WATERMARK_ANGLE)
    diagonal = 0.85 * min(width / math.cos(angle), height / math.sin(angle))
    scale = min(1.0, diagonal / max(metrics.horizontalAdvance(mark), 1.0))
    painter.scale(scale, scale)
    painter.setFont(font)
    colour = QColor(MARK_COLOUR)
    colour.setAlpha(45)
    painter.setPen(colour)
    box = QRectF(-diagonal / scale / 2, -metrics.height(), diagonal / scale, 2 * metrics.height())
    painter.drawText(box, Qt.AlignmentFlag.AlignCenter, mark)
    painter.restore()


# ---------------------------------------------------------------- PDF


def paint_pdf(
    paint: Callable[[QPagedPaintDevice], int],
    *,
    title: str,
    creator: str,
    page_size: str = "A4",
    landscape: bool = False,
) -> tuple[bytes, int]:
    """A PDF painted by ``paint`` (a render function), as bytes and its page count.

    Every PDF of nkscreen is made here: written in memory at 1200 dpi, then saved atomically
    by the caller.
    """
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QPdfWriter(buffer)
    writer.setResolution(1200)
    writer.setTitle(title)
    writer.setCreator(creator)
    configure_device(writer, page_size, landscape=landscape)
    pages = paint(writer)
    del writer  # finishes the PDF (the trailer is written when the writer goes away)
    buffer.close()
    return bytes(data.data()), pages


def pdf_bytes(summary: ScreeningSummary, page_size: str = "A4") -> tuple[bytes, int]:
    """The PDF as bytes and its page count (written in memory, then saved atomically)."""
    return paint_pdf(
        lambda device: render(summary, device),
        title=f"Screening summary {summary.screening_number} ({summary.trial_id})",
        creator=f"nkscreen {summary.app_version}",
        page_size=page_size,
    )


def write_pdf(summary: ScreeningSummary, path: Path, page_size: str = "A4") -> int:
    """Write the summary to ``path`` (atomically: never a half-written PDF); returns pages.

    Raises :class:`nkscreen.records.atomic.StorageError` when the file cannot be written.
    """
    data, pages = pdf_bytes(summary, page_size)
    atomic_write(path, data)
    return pages


__all__ = ["PAGE_SIZES", "configure_device", "paint_pdf", "pdf_bytes", "render", "write_pdf"]
