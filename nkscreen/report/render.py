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

import html
import math
import unicodedata
from collections.abc import Callable, Iterable
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
from nkscreen.report.appendix import AnswerPage, EvidenceDate
from nkscreen.report.fonts import print_families, register_fonts
from nkscreen.report.summary import (
    CriterionRow,
    CriterionText,
    Item,
    ScreeningSummary,
    SignatureBlock,
)

#: QTextDocument scales HTML pixel lengths from 96 dpi to the paint device's resolution, so
#: a CSS pixel is 0.75 pt on paper whatever the device.
CSS_PX_PER_PT: Final = 96 / 72

PAGE_SIZES: Final[dict[str, QPageSize.PageSizeId]] = {
    "A4": QPageSize.PageSizeId.A4,
    "Letter": QPageSize.PageSizeId.Letter,
}
#: Page margins in millimetres: inside every printer's unprintable border.
MARGINS_MM: Final = QMarginsF(11, 10, 11, 10)

BODY_PT: Final = 7.5
HEADER_PT: Final = 7.0
HEADER_BAND_PT: Final = 14.0
FOOTER_BAND_PT: Final = 24.0

#: Background, text and border colours per tone; a word and a symbol always go with them, so
#: a black-and-white printout loses nothing.
TONE_COLOURS: Final[dict[str, tuple[str, str, str]]] = {
    "good": ("#dff3e0", "#11561a", "#7cbf83"),
    "bad": ("#fbe0df", "#8a1111", "#e08a86"),
    "unknown": ("#fff4d6", "#6b4b00", "#d9b85c"),
}
SYMBOLS: Final[dict[str, str]] = {"good": "✓", "bad": "✗", "unknown": "?"}
MARK_COLOUR: Final = "#b00000"
GREY: Final = "#555555"
RULE: Final = "#999999"


def configure_device(device: QPagedPaintDevice, page_size: str, *, landscape: bool = False) -> None:
    """Paper size, orientation and margins; the print dialog may change them afterwards."""
    size = QPageSize(PAGE_SIZES.get(page_size, QPageSize.PageSizeId.A4))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    device.setPageLayout(QPageLayout(size, orientation, MARGINS_MM, QPageLayout.Unit.Millimeter))


# ---------------------------------------------------------------- HTML body


def _e(text: str) -> str:
    return html.escape(text, quote=True)


class _Html:
    """HTML for the body; lengths are given in points and written as CSS pixels."""

    def __init__(
        self, summary: ScreeningSummary, px_per_pt: float, signatures_on_new_page: bool
    ) -> None:
        self.s = summary
        self.k = px_per_pt
        self.break_before_signatures = signatures_on_new_page

    def px(self, points: float) -> int:
        return max(1, round(points * self.k))

    def t(self, key: str, /, **html_params: str) -> str:
        """A fixed text of the printout as HTML; ``html_params`` are HTML already."""
        template = self.s.text(key)
        return _e_text(template).format(**html_params) if html_params else _e_text(template)

    def build(self) -> str:
        s = self.s
        parts = [
            self.title(),
            self.marks(),
            self.patient_and_verdict(),
            self.bullets(s.amendment_heading, s.amendment_lines, "unknown"),
            self.bullets(s.text("list.reasons"), s.reasons, "bad"),
            self.bullets(s.text("list.missing"), s.missing, "unknown"),
            self.bullets(s.text("list.invalid"), s.errors, "bad"),
            self.bullets(s.text("list.notices"), s.notices, "unknown"),
            self.bullets(s.text("list.warnings"), s.warnings, "unknown"),
            self.criteria(),
            self.key_values(),
            self.record(),
        ]
        return "<html><body>" + "".join(parts) + "</body></html>"

    def title(self) -> str:
        s = self.s
        site = s.site_text()
        facts = []
        if site:  # the hint to set it (unsigned work only) in italics
            shown = _e(site) if s.site_name else f"<i>{_e(site)}</i>"
            facts.append(self.t("title.site", site=shown))
        facts.append(self.t("title.protocol_version", version=_e(s.protocol_version)))
        return (
            f'<p style="font-size:12pt; margin:0"><b>{_e(s.trial_id)}</b>'
            f" · {_e(s.short_title)}</p>"
            f'<p style="color:{GREY}; font-size:7pt; margin:0">{" · ".join(facts)}</p>'
        )

    def marks(self) -> str:
        s = self.s
        if not s.marks:
            return ""
        text = " · ".join(_e(m) for m in s.marks)
        return (
            f'<table width="100%" cellspacing="0" cellpadding="{self.px(2)}" '
            f'style="border:{self.px(1.5)}px solid {MARK_COLOUR}; margin-top:{self.px(4)}px">'
            f'<tr><td align="center" style="color:{MARK_COLOUR}">'
            f'<span style="font-size:15pt; font-weight:bold">{text}</span>'
            f"&nbsp;&nbsp; {_e(s.mark_detail)}</td></tr></table>"
        )

    def patient_and_verdict(self) -> str:
        """Who and the verdict side by side: the two things a reader looks for first."""
        s = self.s
        items = list(s.patient)
        rows = []
        for start in range(0, len(items), 2):
            cells = []
            for item in items[start : start + 2]:
                cells.append(
                    f'<td style="color:{GREY}">{_e(item.label)}</td>'
                    f'<td style="font-size:9.5pt"><b>{_e(item.value)}</b></td>'
                )
            rows.append("<tr>" + "".join(cells) + "</tr>")
        patient = (
            f'<table width="100%" cellspacing="0" cellpadding="{self.px(1.2)}">'
            + "".join(rows)
            + "</table>"
        )
        bg, fg, border = TONE_COLOURS[s.tone]
        verdict = (
            f'<table width="100%" height="100%" cellspacing="0" cellpadding="{self.px(4)}" '
            f'style="border:{self.px(1.5)}px solid {border}">'
            f'<tr><td bgcolor="{bg}" align="center" style="color:{fg}">'
            f"{self.t('verdict.heading')}<br/>"
            f'<span style="font-size:22pt; font-weight:bold">'
            f"{SYMBOLS[s.tone]} {_e(s.verdict_text)}</span></td></tr></table>"
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" '
            f'style="margin-top:{self.px(5)}px"><tr>'
            f'<td width="56%" valign="middle">{patient}</td>'
            f'<td width="2%"></td><td width="42%" valign="middle">{verdict}</td>'
            "</tr></table>"
        )

    def bullets(self, title: str, items: Iterable[str], tone: str) -> str:
        entries = list(items)
        if not entries:
            return ""
        fg = TONE_COLOURS[tone][1]
        body = "".join(f"<li>{_e(i)}</li>" for i in entries)
        return (
            f'<p style="margin-top:{self.px(5)}px; margin-bottom:0; color:{fg}">'
            f"<b>{_e(title)}</b></p>"
            f'<ul style="margin-top:0; margin-bottom:0; margin-left:{self.px(12)}px; '
            f'-qt-list-indent:0">{body}</ul>'
        )

    def criteria(self) -> str:
        head = "".join(
            f'<th align="left" bgcolor="#e8e8e8">{h}</th>'
            for h in (
                self.t("criteria.id"),
                self.t("criteria.criterion"),
                self.t("criteria.status"),
                self.t("criteria.evidence"),
            )
        )
        rows = [f"<thead><tr>{head}</tr></thead>"]
        kind = ""
        for row in self.s.criteria:
            if row.kind != kind:
                kind = row.kind
                title = self.t(f"criteria.{kind}")
                hint = self.t("explained", value="", explanation=self.t(f"criteria.{kind}_hint"))
                rows.append(
                    f'<tr><td colspan="4" bgcolor="#f3f3f3"><b>{title}</b> '
                    f'<span style="color:{GREY}">{hint.strip()}</span></td></tr>'
                )
            rows.append(self.criterion(row))
        return (
            f'<p style="margin:0; font-size:4pt">&nbsp;</p>'
            f'<table width="100%" cellspacing="0" cellpadding="{self.px(1.1)}" border="1" '
            f'style="border-collapse:collapse; border-color:{RULE}; font-size:7pt">'
            + "".join(rows)
            + "</table>"
        )

    def criterion(self, row: CriterionRow) -> str:
        bg, fg, _border = TONE_COLOURS[row.tone]
        indent = "&nbsp;&nbsp;" * row.level
        weight = "bold" if row.tone == "bad" else "normal"
        label = _e(row.label)
        ident = f"<b>{_e(row.id)}</b>" if row.level == 0 else _e(row.id)
        return (
            f'<tr><td width="4%">{indent}{ident}</td>'
            f'<td width="31%">{label}</td>'
            f'<td width="10%" bgcolor="{bg}" style="color:{fg}; font-weight:{weight}">'
            f"{SYMBOLS[row.tone]}&nbsp;{_e(row.status_text)}</td>"
            f"<td>{_e(row.evidence)}{''.join(self.evidence_date(d) for d in row.dates)}</td></tr>"
        )

    def evidence_date(self, d: EvidenceDate) -> str:
        """A source document's date under the evidence it supports, its warning in colour."""
        age = self.t("fact.age", age=_e(d.age)) if d.age else ""
        warning = ""
        if d.warning:
            fg = TONE_COLOURS["unknown"][1]
            warning = f' <b style="color:{fg}">⚠ {_e(d.warning)}</b>'
        return (
            f'<br/><span style="font-size:6.5pt">{self.fact(d.label, d.value)}{age}{warning}</span>'
        )

    def key_values(self) -> str:
        items = self.s.key_values
        if not items:
            return ""
        return (
            f'<p style="margin-top:{self.px(5)}px; margin-bottom:0">'
            + " · ".join(self.fact(i.label, i.value) for i in items)
            + "</p>"
        )

    def record(self) -> str:
        s = self.s
        items = list(s.record)
        if s.time_zone:  # one zone and one offset for every time on the printout
            items.append(Item(s.text("item.times_in"), s.time_zone))
        facts = " · ".join(self.fact(i.label, i.value) for i in items)
        brk = "; page-break-before:always" if self.break_before_signatures else ""
        if s.signatures:
            rows = "".join(self.signature(b) for b in s.signatures)
            blocks = (
                f'<table width="100%" cellspacing="0" cellpadding="{self.px(1.5)}" border="1" '
                f'style="border-collapse:collapse; border-color:{RULE}; '
                f'margin-top:{self.px(2)}px">{rows}</table>'
            )
        else:
            blocks = (
                f'<p style="color:{MARK_COLOUR}; margin:0"><b>{self.t("signatures.none")}</b></p>'
            )
        verification = self.t("signatures.verification", state=f"<b>{_e(s.verification)}</b>")
        return (
            f'<p style="margin-top:{self.px(5)}px; margin-bottom:{self.px(1)}px{brk}">'
            f"<b>{self.t('signatures.heading')}</b> · {verification}</p>"
            f'<p style="margin:0">{facts}</p>'
            f'<p style="margin:0">{self.t("signatures.hash", hash=_e(s.content_hash))}</p>'
            f"{blocks}"
        )

    def appendix(self) -> str:
        """Every answer, grouped as the wizard's pages, in two columns like a case report
        form so the whole appendix fits one page."""
        s = self.s
        if not s.appendix:
            return ""
        columns = "".join(
            f'<td width="49.5%" valign="top">{self.answer_table(part)}</td>'
            + ('<td width="1%"></td>' if index == 0 else "")
            for index, part in enumerate(_balanced(s.appendix))
        )
        return (
            f'<p style="margin:0"><b>{self.t("appendix.heading")}</b>'
            f'<span style="color:{GREY}"> · {self.t("appendix.intro")}</span></p>'
            f'<table width="100%" cellspacing="0" cellpadding="0" '
            f'style="margin-top:{self.px(2)}px"><tr>{columns}</tr></table>'
        )

    def answer_table(self, pages: Iterable[AnswerPage]) -> str:
        head = "".join(
            f'<th align="left" bgcolor="#e8e8e8">{self.t(h)}</th>'
            for h in ("appendix.id", "appendix.question", "appendix.answer")
        )
        rows = [f"<tr>{head}</tr>"] + [self.answer_page(page) for page in pages]
        return (
            f'<table width="100%" cellspacing="0" cellpadding="{self.px(1.1)}" border="1" '
            f'style="border-collapse:collapse; border-color:{RULE}; font-size:6.8pt">'
            + "".join(rows)
            + "</table>"
        )

    def answer_page(self, page: AnswerPage) -> str:
        out = [f'<tr><td colspan="3" bgcolor="#f3f3f3"><b>{_e(page.title)}</b></td></tr>']
        for row in page.rows:
            value = _e(row.value)
            if row.tone == "bad":
                fg = TONE_COLOURS["bad"][1]
                value = f'<b style="color:{fg}">{SYMBOLS["bad"]} {value}</b>'
            elif row.value == self.s.text("not_answered"):
                value = f'<i style="color:{GREY}">{value}</i>'
            out.append(
                f'<tr><td width="8%">{_e(row.criterion)}</td>'
                f'<td width="44%">{_e(row.label)}</td><td>{value}</td></tr>'
            )
        return "".join(out)

    def signature(self, b: SignatureBlock) -> str:
        """Two lines per signature: who and what it means; when, state and key."""
        state_colour = MARK_COLOUR if b.invalid else "#000000"
        who = self.t(
            "signature.who", name=f"<b>{_e(b.name)}</b>", user_id=_e(b.user_id), role=_e(b.role)
        )
        meaning = self.t(
            "signature.meaning", meaning=f"<b>{_e(b.meaning)}</b>", statement=_e(b.statement)
        )
        when = self.t(
            "signature.when",
            time=f"<b>{_e(b.signed_at)}</b>",
            state=f'<b style="color:{state_colour}">{_e(b.verification)}</b>',
        )
        key = self.t(
            "signature.key",
            fingerprint=f'<span style="font-size:6.5pt">{_e(b.key_fingerprint)}</span>',
        )
        return f'<tr><td width="38%">{who}<br/>{meaning}</td><td>{when}<br/>{key}</td></tr>'

    def fact(self, label: str, value: str) -> str:
        """ "label: value" with the label in grey ("label：value" in Chinese)."""
        name = self.t("fact.label", label=_e(label))
        return f'<span style="color:{GREY}">{name}</span>{self.t("fact.gap")}{_e(value)}'

    def registry(self) -> str:
        """Each criterion in the printout's language over the registry's verbatim English:
        the translation is the app's, the registry text is the source a monitor cites."""
        s = self.s
        if not s.criteria_texts:
            return ""
        rows = []
        kind = ""
        for c in s.criteria_texts:
            if c.kind != kind:
                kind = c.kind
                rows.append(
                    f'<tr><td colspan="2" bgcolor="#f3f3f3"><b>{self.t(f"criteria.{kind}")}</b>'
                    "</td></tr>"
                )
            rows.append(self.registry_row(c))
        return (
            f'<p style="margin:0"><b>{self.t("registry.heading")}</b>'
            f'<span style="color:{GREY}"> · {self.t("registry.intro")}</span></p>'
            f'<table width="100%" cellspacing="0" cellpadding="{self.px(1.3)}" border="1" '
            f'style="border-collapse:collapse; border-color:{RULE}; font-size:7pt; '
            f'margin-top:{self.px(2)}px">' + "".join(rows) + "</table>"
        )

    def registry_row(self, c: CriterionText) -> str:
        indent = "&nbsp;&nbsp;" * c.level
        ident = f"<b>{_e(c.id)}</b>" if c.level == 0 else _e(c.id)
        return (
            f'<tr><td width="5%">{indent}{ident}</td>'
            f"<td>{_e(c.text)}<br/>"
            f'<span style="color:{GREY}; font-size:6.5pt">{_e(c.registry_text)}</span></td></tr>'
        )


#: Characters per line of the appendix's question and answer columns (for balancing only).
_QUESTION_CHARS: Final = 37
_ANSWER_CHARS: Final = 39


def _width(text: str) -> int:
    """Width in Latin characters: an ideograph or a full-width sign takes two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _lines(page: AnswerPage) -> int:
    """Roughly how many lines ``page`` takes in an appendix column."""
    return 1 + sum(
        max(-(-_width(r.label) // _QUESTION_CHARS), -(-_width(r.value) // _ANSWER_CHARS), 1)
        for r in page.rows
    )


def _balanced(pages: tuple[AnswerPage, ...]) -> tuple[tuple[AnswerPage, ...], ...]:
    """The wizard's pages split in two columns of about the same height, order kept."""
    total = sum(_lines(p) for p in pages)
    used = 0
    for index, page in enumerate(pages):
        if used + _lines(page) / 2 > total / 2:
            return (pages[:index], pages[index:]) if index else (pages,)
        used += _lines(page)
    return (pages,)


def _e_text(template: str) -> str:
    """A catalogue template as HTML: ``<``, ``>`` and ``&`` escaped, quotes left alone."""
    return html.escape(template, quote=False)


def body_html(summary: ScreeningSummary, signatures_on_new_page: bool = False) -> str:
    """The summary's body as HTML (also handy for debugging the layout in a browser)."""
    return _Html(summary, CSS_PX_PER_PT, signatures_on_new_page).build()


def appendix_html(summary: ScreeningSummary) -> str:
    """The answers appendix as HTML; empty when there is none."""
    body = _Html(summary, CSS_PX_PER_PT, False).appendix()
    return f"<html><body>{body}</body></html>" if body else ""


def registry_html(summary: ScreeningSummary) -> str:
    """The criteria in translation over their registry text as HTML; empty in English."""
    body = _Html(summary, CSS_PX_PER_PT, False).registry()
    return f"<html><body>{body}</body></html>" if body else ""


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
        title=f"Screening summary {summary.screening_id} ({summary.trial_id})",
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
