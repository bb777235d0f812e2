"""The printed summary as HTML: the summary page (kept on one page where it fits) and the
answers appendix in two balanced columns, and in a Chinese printout the registry texts, with
the sizes and colours of the printout; its fixed words come from the summary (``summary.text``).

Lengths are given in points and written as CSS pixels (see :data:`CSS_PX_PER_PT`); a word and
a symbol always go with a colour, so a black-and-white printout loses nothing. Qt-free: the
painter in :mod:`nkscreen.report.render` lays this out on a page.
"""

from __future__ import annotations

import html
import unicodedata
from collections.abc import Iterable
from typing import Final

from nkscreen.core.status import words
from nkscreen.report.appendix import AnswerPage, EvidenceDate
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
    "not_applicable": ("#eeeeee", "#444444", "#b0b0b0"),
}
SYMBOLS: Final[dict[str, str]] = {"good": "✓", "bad": "✗", "unknown": "?", "not_applicable": "–"}
MARK_COLOUR: Final = "#b00000"
GREY: Final = "#555555"
RULE: Final = "#999999"


def _verdict_symbol(overall: str, tone: str) -> str:
    """The verdict's own icon ("…" for incomplete), as on screen; the tone's otherwise."""
    found = words(overall)
    return found.symbol if found is not None else SYMBOLS[tone]


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
            self.failure_reason(),
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
            f"{_verdict_symbol(s.overall, s.tone)} {_e(s.verdict_text)}</span></td></tr></table>"
        )
        return (
            f'<table width="100%" cellspacing="0" cellpadding="0" '
            f'style="margin-top:{self.px(5)}px"><tr>'
            f'<td width="56%" valign="middle">{patient}</td>'
            f'<td width="2%"></td><td width="42%" valign="middle">{verdict}</td>'
            "</tr></table>"
        )

    def failure_reason(self) -> str:
        """The screener's screen-failure reason, right under the verdict it explains."""
        reason = self.s.screen_failure_reason
        if not reason:
            return ""
        label = self.t("fact.label", label=self.t("note.reason"))
        return (
            f'<p style="margin-top:{self.px(3)}px; margin-bottom:0">'
            f"<b>{label}</b>{self.t('fact.gap')}{_note_html(reason)}</p>"
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
            + self.comment(row)
        )

    def comment(self, row: CriterionRow) -> str:
        """The screener's comment on a criterion, in a row of its own under it."""
        if not row.comment:
            return ""
        text = self.t("note.comment", text=_note_html(row.comment))
        return f'<tr><td></td><td colspan="3"><i>{text}</i></td></tr>'

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


def _note_html(text: str) -> str:
    """A note as HTML: escaped, its line breaks kept."""
    return "<br/>".join(_e(line) for line in text.splitlines())


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
