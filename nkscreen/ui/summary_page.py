"""The summary page that closes the screening: the verdict large enough to read from two
metres, the buttons that finish the work (Save draft, Sign, Print, Export PDF), invalid answers
then missing ones as links that jump to the field, the reasons for a "not eligible", every
criterion with its status and one line of evidence (as on the printout), warnings and key values.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from nkscreen.core.engine import Evaluation
from nkscreen.core.localized_texts import LocalizedTexts
from nkscreen.core.messages import Message
from nkscreen.core.protocol import Protocol
from nkscreen.core.status import shown_status, tone
from nkscreen.ui.i18n import cited_status, clause_separator, message_text
from nkscreen.ui.markup import escape
from nkscreen.ui.notes_editor import AssessmentNotes
from nkscreen.ui.status_badge import StatusBadge, badge_text

#: Text and background colours of a status cell, by tone (a word and a symbol go with them).
_TONE_COLOURS = {
    "good": ("#11561a", "#dff3e0"),
    "bad": ("#8a1111", "#fbe0df"),
    "unknown": ("#6b4b00", "#fff4d6"),
    "not_applicable": ("#444444", "#eeeeee"),
}


class ActionButton(QPushButton):
    """A button on the page for a window action: its own words, the action's enabled state.

    The connection goes to a method of the button, so Qt drops it when the page is replaced.
    """

    def bind(self, action: QAction) -> None:
        self._action = action
        self.clicked.connect(action.trigger)
        self.setToolTip(action.toolTip())
        action.changed.connect(self.follow)
        self.follow()

    @Slot()
    def follow(self) -> None:
        self.setEnabled(self._action.isEnabled())


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
        #: The buttons that close the screening, each bound to the window's menu action.
        self.buttons: dict[str, ActionButton] = {}
        row = QHBoxLayout()
        for key, text in (
            ("save", QCoreApplication.translate("SummaryPage", "Save draft")),
            ("sign", QCoreApplication.translate("SummaryPage", "Sign…")),
            ("print", QCoreApplication.translate("SummaryPage", "Print…")),
            ("pdf", QCoreApplication.translate("SummaryPage", "Export PDF…")),
        ):
            button = ActionButton(text, self)
            button.setObjectName(f"summary_{key}")
            button.setEnabled(False)  # until bound to the window's action
            row.addWidget(button)
            self.buttons[key] = button
        row.addStretch(1)
        layout.addLayout(row)
        #: Where the screen-failure reason goes (see :meth:`place_notes`): by the verdict.
        self._notes_at = layout.count()
        self.notes: AssessmentNotes | None = None
        #: The evaluation shown last (the reason box, made later, asks for it then).
        self._evaluation: Evaluation | None = None
        self.sections: dict[str, QLabel] = {}
        for key in ("errors", "missing", "reasons", "criteria", "warnings", "facts"):
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

    def place_notes(self, notes: AssessmentNotes) -> None:
        """The assessment's notes: its comments under their criteria in the table, and its
        screen-failure reason under the buttons once the page is first shown
        (:meth:`show_reason_box`)."""
        self.notes = notes

    def show_reason_box(self) -> bool:
        """Put the screen-failure reason box under the buttons, if it is not there yet (made
        when the page is first shown: a text box and its styles are milliseconds of start-up
        for a page nobody has seen). True when it was made now."""
        if self.notes is None or self.notes.reason_box is not None:
            return False
        layout = self.layout()
        assert isinstance(layout, QVBoxLayout)
        box = self.notes.make_reason_box(self)
        layout.insertWidget(self._notes_at, box)
        box.show()  # now, not when the layout next runs: the page is being shown
        box.show_verdict(self._evaluation)
        return True

    def bind_actions(self, actions: dict[str, QAction]) -> None:
        """Each button triggers the window's action of the same key and follows its enabled
        state, so the page and the File menu can never disagree on what may be done."""
        for key, button in self.buttons.items():
            action = actions.get(key)
            if action is not None:
                button.bind(action)

    def _link(self, href: str) -> None:
        if href.startswith("field:"):
            self.field_link_activated.emit(href.removeprefix("field:"))

    def show_evaluation(
        self,
        ev: Evaluation,
        protocol: Protocol,
        shown: dict[str, str],
        texts: LocalizedTexts | None = None,
    ) -> None:
        """``shown``: the derived values as displayed (``engine.derived_display``); ``texts``:
        the protocol's words in the window's language (default: the protocol file's)."""
        texts = texts or LocalizedTexts(protocol=protocol)
        self._evaluation = ev
        self.verdict.set_status(ev.overall)
        labels = {f.id: texts.field_label(f.id) for f in protocol.fields}

        def say(message: Message) -> str:
            return escape(message_text(message, texts))

        def link(fid: str) -> str:
            return f'<a href="field:{escape(fid)}">{escape(labels.get(fid, fid))}</a>'

        def bullets(title: str, items: list[str]) -> str:
            if not items:
                return ""
            return (
                f"<h3>{escape(title)}</h3><ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>"
            )

        for label in self.sections.values():
            label.setVisible(True)
        errors = [
            f"{link(e.field)}: {say(e.message)}"
            if e.field in labels
            else f"<b>{escape(e.field)}</b>: {say(e.message)}"  # as imported
            for e in ev.errors
        ]
        self.sections["errors"].setText(
            bullets(
                QCoreApplication.translate("SummaryPage", "Invalid answers (fix before saving)"),
                errors,
            )
        )
        erroneous = {e.field for e in ev.errors}
        missing = [link(fid) for fid in ev.to_answer() if fid not in erroneous]
        self.sections["missing"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Missing answers"), missing)
        )
        reasons = [say(m) for m in ev.reasons]
        self.sections["reasons"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Reasons: not eligible"), reasons)
        )
        self.sections["criteria"].setText(self._criteria_table(ev, protocol, texts))
        warnings = [f"{link(w.field)}: {say(w.message)}" for w in ev.warnings]
        self.sections["warnings"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Warnings"), warnings)
        )
        facts = []
        for d in protocol.derived:
            if d.kind in ("age_years", "creatinine_clearance", "earliest_outside_windows"):
                value = shown.get(d.id) or "—"
                unit = getattr(d, "unit", "")
                name = escape(texts.derived_label(d.id))
                unit_name = escape(texts.unit(unit)) if unit else ""
                facts.append(f"{name}: <b>{escape(value)}</b> {unit_name}")
        self.sections["facts"].setText(
            bullets(QCoreApplication.translate("SummaryPage", "Key values"), facts)
        )
        for label in self.sections.values():
            label.setVisible(bool(label.text()))
        if self.notes is not None and self.notes.reason_box is not None:
            self.notes.reason_box.show_verdict(ev)

    def _criteria_table(self, ev: Evaluation, protocol: Protocol, texts: LocalizedTexts) -> str:
        """Every criterion and sub-criterion: id, label, status word with its symbol, and the
        evidence that decided it on one line (N/A with its reason where it does not apply)."""
        rows: list[str] = []

        def add(ids: Sequence[str], level: int) -> None:
            for cid in ids:
                result = ev.criteria[cid]
                status = shown_status(result.status, result.applicable)
                fg, bg = _TONE_COLOURS.get(tone(status), _TONE_COLOURS["unknown"])
                # Cited sub-criteria shrink to "I4A met": their own rows follow right below.
                evidence = clause_separator().join(
                    cited_status(m, texts) if m.id == "rule.criterion" else message_text(m, texts)
                    for m in result.evidence
                )
                ident = escape(cid)
                indent = "&nbsp;&nbsp;&nbsp;" * level
                rows.append(
                    f"<tr><td>{indent}{'<b>' + ident + '</b>' if level == 0 else ident}</td>"
                    f"<td>{escape(texts.criterion_label(cid))}</td>"
                    f'<td style="background:{bg}; color:{fg}; white-space:nowrap">'
                    f"{escape(badge_text(status))}</td>"
                    f"<td>{escape(evidence)}</td></tr>"
                )
                comment = self.notes.comments.get(cid, "") if self.notes is not None else ""
                if comment.strip():
                    text = "<br>".join(escape(line) for line in comment.strip().splitlines())
                    said = QCoreApplication.translate("SummaryPage", "Comment:")
                    rows.append(
                        f"<tr><td></td><td colspan='3'><i>{escape(said)}</i> {text}</td></tr>"
                    )
                add([s.id for s in result.criterion.subcriteria], level + 1)

        add([c.id for c in protocol.criteria], 0)
        titles = (
            QCoreApplication.translate("SummaryPage", "Criterion"),
            QCoreApplication.translate("SummaryPage", "Description"),
            QCoreApplication.translate("SummaryPage", "Status"),
            QCoreApplication.translate("SummaryPage", "Evidence"),
        )
        head = "".join(f"<th align='left'>{escape(h)}</th>" for h in titles)
        heading = QCoreApplication.translate("SummaryPage", "Criteria")
        return (
            f"<h3>{escape(heading)}</h3>"
            '<table cellspacing="0" cellpadding="3" border="1" style="border-collapse:collapse">'
            f"<tr>{head}</tr>" + "".join(rows) + "</table>"
        )
