"""The screening log on paper: the same render path as the screening summary.

:func:`render_log` paints a :class:`~nkscreen.export.screening_log.ScreeningLog` on any paged
device (the PDF writer here, a printer or a preview just the same) with the summary's
machinery from :mod:`nkscreen.report.render`: the bundled font, a QTextDocument body
paginated between a running header and a footer, lengths in points. Landscape, so the reasons
have room; the table's header row repeats on every page.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from PySide6.QtCore import QPointF, QRectF, QSizeF, Qt
from PySide6.QtGui import QColor, QFontMetricsF, QPagedPaintDevice, QPainter, QPen

from nkscreen.export.screening_log import LogLine, ScreeningLog
from nkscreen.records.atomic import atomic_write
from nkscreen.report.fonts import register_fonts
from nkscreen.report.render import _document, _font, paint_pdf
from nkscreen.report.summary_html import (
    FOOTER_BAND_PT,
    GREY,
    HEADER_BAND_PT,
    HEADER_PT,
    MARK_COLOUR,
    RULE,
    SYMBOLS,
    TONE_COLOURS,
    _e,
)

DRAFTS_MARK: Final = "INCLUDES UNSIGNED RECORDS"
TITLE: Final = "Subject screening log"
VERDICT_TONES: Final = {"eligible": "good", "not_eligible": "bad"}
COLUMNS: Final = (
    ("Assessment date", "9%"),
    ("Screening ID", "12%"),
    ("Initials", "5%"),
    ("Verdict", "10%"),
    ("Screen-failure reasons", "31%"),
    ("Signed by", "16%"),
    ("Signed at", "13%"),
    ("Ver.", "4%"),
)


def _facts(log: ScreeningLog) -> str:
    facts = [
        f"Site: {log.site_name or 'not set (Preferences)'}",
        f"Protocol version: {log.protocol_version}",
        f"Assessment dates: {log.period}",
        f"Times in: {log.time_zone}",
    ]
    return " · ".join(_e(f) for f in facts)


def _line_row(line: LogLine) -> str:
    tone = VERDICT_TONES.get(line.verdict, "unknown")
    bg, fg, _border = TONE_COLOURS[tone]
    reasons = "<br/>".join(_e(r) for r in line.reasons)
    signed_by = _e(line.signed_by)
    if not line.signed:
        signed_by = f'<b style="color:{MARK_COLOUR}">{signed_by}</b>'
    return (
        f"<tr><td>{_e(line.screening_date)}</td><td><b>{_e(line.screening_number)}</b></td>"
        f"<td>{_e(line.initials)}</td>"
        f'<td bgcolor="{bg}" style="color:{fg}">{SYMBOLS[tone]}&nbsp;{_e(line.verdict_text)}</td>'
        f"<td>{reasons}</td><td>{signed_by}</td><td>{_e(line.signed_at)}</td>"
        f'<td align="right">{line.version}</td></tr>'
    )


def _table(head: str, rows: list[str]) -> str:
    return (
        '<table width="100%" cellspacing="0" cellpadding="2" border="1" '
        f'style="border-collapse:collapse; border-color:{RULE}; margin-top:4px">'
        f"<thead><tr>{head}</tr></thead>{''.join(rows)}</table>"
    )


def body_html(log: ScreeningLog) -> str:
    """The log's body as HTML: title, lines, totals, failures per criterion."""
    head = "".join(
        f'<th align="left" width="{width}" bgcolor="#e8e8e8">{_e(name)}</th>'
        for name, width in COLUMNS
    )
    rows = [_line_row(line) for line in log.lines]
    lines = (
        _table(head, rows)
        if rows
        else f'<p style="color:{GREY}"><i>No screening in this period.</i></p>'
    )
    mark = ""
    if log.includes_drafts:
        mark = (
            f'<p style="color:{MARK_COLOUR}"><b>{DRAFTS_MARK}</b>: lines marked '
            "&quot;not signed (draft)&quot; are not signed records.</p>"
        )
    totals = "".join(
        f"<tr><td>{_e(label)}</td><td align='right'><b>{count}</b></td></tr>"
        for label, count in log.totals()
    )
    failures = "".join(
        f"<tr><td>{_e(c.text())}</td><td align='right'><b>{c.count}</b></td></tr>"
        for c in log.failures
    )
    return (
        "<html><body>"
        f'<p style="font-size:13pt; margin:0"><b>{TITLE}</b> · {_e(log.trial_id)}'
        f" · {_e(log.title)}</p>"
        f'<p style="color:{GREY}; margin:0">{_facts(log)}</p>{mark}{lines}'
        '<table width="100%" cellspacing="0" cellpadding="0" style="margin-top:8px"><tr>'
        f'<td width="22%" valign="top">{_small_table("Totals", totals)}</td><td width="3%"></td>'
        f'<td width="75%" valign="top">'
        f"{_small_table('Screen failures per criterion (a screening may fail several)', failures)}"
        "</td></tr></table></body></html>"
    )


def _small_table(title: str, rows: str) -> str:
    return (
        f"<p style='margin:0'><b>{_e(title)}</b></p>"
        '<table width="100%" cellspacing="0" cellpadding="2" border="1" '
        f'style="border-collapse:collapse; border-color:{RULE}">{rows}</table>'
    )


def running_header(log: ScreeningLog) -> str:
    parts = [TITLE, log.trial_id, f"assessment dates {log.period}"]
    if log.site_name:
        parts.append(log.site_name)
    return " · ".join(parts)


def render_log(log: ScreeningLog, device: QPagedPaintDevice) -> int:
    """Paint ``log`` on a device whose page layout is set; returns the number of pages."""
    family = register_fonts()
    k = device.logicalDpiY() / 72.0
    width, height = float(device.width()), float(device.height())
    header, footer = HEADER_BAND_PT * k, FOOTER_BAND_PT * k
    body_height = height - header - footer
    doc = _document(device, family, QSizeF(width, body_height), body_html(log))
    pages = max(1, doc.pageCount())
    painter = QPainter()
    if not painter.begin(device):
        raise OSError("cannot paint on the output device (is the file writable?)")
    try:
        for page in range(pages):
            if page:
                device.newPage()
            _band(painter, family, log, page + 1, pages, width, height, k)
            painter.save()
            painter.translate(0, header - page * body_height)
            doc.drawContents(painter, QRectF(0, page * body_height, width, body_height))
            painter.restore()
    finally:
        painter.end()
    return pages


def _band(
    painter: QPainter,
    family: str,
    log: ScreeningLog,
    page: int,
    pages: int,
    width: float,
    height: float,
    k: float,
) -> None:
    """The running header (with the drafts mark) and the footer of one page."""
    font = _font(family, HEADER_PT)
    metrics = QFontMetricsF(font, painter.device())
    line = metrics.height()
    painter.setFont(font)
    painter.setPen(QColor(GREY))
    painter.drawText(QRectF(0, 0, width, line), Qt.AlignmentFlag.AlignLeft, running_header(log))
    if log.includes_drafts:
        painter.setFont(_font(family, HEADER_PT + 1, bold=True))
        painter.setPen(QColor(MARK_COLOUR))
        painter.drawText(QRectF(0, 0, width, line * 1.3), Qt.AlignmentFlag.AlignRight, DRAFTS_MARK)
    painter.setPen(QPen(QColor(RULE), 0.5 * k))
    painter.drawLine(QPointF(0, line * 1.5), QPointF(width, line * 1.5))
    top = height - 1.4 * line
    painter.drawLine(QPointF(0, top - 0.4 * line), QPointF(width, top - 0.4 * line))
    painter.setFont(font)
    painter.setPen(QColor(GREY))
    text = f"Page {page} of {pages} · Generated {log.generated_at} · nkscreen {log.app_version}"
    painter.drawText(QRectF(0, top, width, line), Qt.AlignmentFlag.AlignLeft, text)


def log_pdf_bytes(log: ScreeningLog, page_size: str = "A4") -> tuple[bytes, int]:
    return paint_pdf(
        lambda device: render_log(log, device),
        title=f"{TITLE} {log.trial_id} ({log.period})",
        creator=f"nkscreen {log.app_version}",
        page_size=page_size,
        landscape=True,
    )


def write_log_pdf(log: ScreeningLog, path: Path, page_size: str = "A4") -> int:
    """Write the log's PDF atomically; the number of pages.

    Raises :class:`nkscreen.records.atomic.StorageError` when it cannot be written.
    """
    data, pages = log_pdf_bytes(log, page_size)
    atomic_write(path, data)
    return pages


__all__ = ["DRAFTS_MARK", "body_html", "log_pdf_bytes", "render_log", "write_log_pdf"]
