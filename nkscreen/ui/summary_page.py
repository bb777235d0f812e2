"""The summary page: the verdict large enough to read from two metres, the reasons for a
"not eligible", missing fields and invalid inputs as links that jump to the field, and warnings.
"""

from __future__ import annotations

import html

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from nkscreen.core.engine import Evaluation
from nkscreen.core.protocol import Protocol
from nkscreen.ui.status_badge import StatusBadge


class SummaryPage(QWidget):
    field_link_activated = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page_summary")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        heading = QLabel(QCoreApplication.translate("SummaryPage", "Summary and verdict"))
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        self.verdict = StatusBadge("summary_verdict", self)
        big = self.verdict.font()
        big.setPointSizeF(max(big.pointSizeF() * 3.2, 30))
        big.setBold(True)
        self.verdict.setFont(big)
        self.verdict.setMinimumHeight(90)
        layout.addWidget(self.verdict)
        self.sections: dict[str, QLabel] = {}
        for key in ("reasons", "missing", "errors", "warnings", "facts"):
            label = QLabel("")
            label.setObjectName(f"summary_{key}")
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(
                Qt.TextInteractionFlag.TextBrowserInteraction
                | Qt.TextInteractionFlag.TextSelectableByKeyboard
            )
            label.linkActivated.connect(self._link)
            layout.addWidget(label)
            self.sections[key] = label
        layout.addStretch(1)

    def _link(self, href: str) -> None:
        if href.startswith("field:"):
            self.field_link_activated.emit(href.removeprefix("field:"))

    def show_evaluation(self, ev: Evaluation, protocol: Protocol, shown: dict[str, str]) -> None:
        """``shown``: the derived values as displayed (``engine.derived_display``)."""
        self.verdict.set_status(ev.overall)
        labels = {f.id: f.label for f in protocol.fields}

        def link(fid: str) -> str:
            return f'<a href="field:{html.escape(fid)}">{html.escape(labels.get(fid, fid))}</a>'

        def bullets(title: str, items: list[str]) -> str:
            if not items:
                return ""
            return (
                f"<h3>{html.escape(title)}</h3><ul>"
                + "".join(f"<li>{i}</li>" for i in items)
                + "</ul>"
            )

        for label in self.sections.values():
            label.setVisible(True)
        reasons = [html.escape(str(m)) for m in ev.reasons]
        self.sections["reasons"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Reasons: not eligible"), reasons)
        )
        missing = [f"{link(fid)} <small>({html.escape(fid)})</small>" for fid in ev.missing]
        self.sections["missing"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Missing answers"), missing)
        )
        errors = [
            f"{link(e.field)}: {html.escape(str(e.message))}"
            if e.field in labels
            else f"<b>{html.escape(e.field)}</b>: {html.escape(str(e.message))}"
            for e in ev.errors
        ]
        self.sections["errors"].setText(
            bullets(
                QCoreApplication.translate("SummaryPage", "Invalid answers (fix before saving)"),
                errors,
            )
        )
        warnings = [f"{link(w.field)}: {html.escape(str(w.message))}" for w in ev.warnings]
        self.sections["warnings"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Warnings"), warnings)
        )
        facts = []
        for d in protocol.derived:
            if d.kind in ("age_years", "creatinine_clearance", "earliest_outside_windows"):
                value = shown.get(d.id) or "—"
                unit = getattr(d, "unit", "")
                facts.append(f"{html.escape(d.label)}: <b>{html.escape(value)}</b> {unit}")
        self.sections["facts"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Key values"), facts)
        )
        for label in self.sections.values():
            label.setVisible(bool(label.text()))
