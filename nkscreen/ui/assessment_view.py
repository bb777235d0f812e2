"""The screening wizard for one assessment, generated from the protocol file.

Pages follow the protocol: patient details, one page per inclusion and exclusion criterion (with
its sub-criteria as sections), then a summary; :mod:`nkscreen.ui.wizard_pages` builds them. A
side navigator lists every criterion with its live status. Every edit re-evaluates the whole
protocol through the Qt-free engine (well under a millisecond) and this view applies the result
(:mod:`nkscreen.ui.wizard_display`); the summary page is refreshed only when it is shown.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from decimal import Decimal

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core import display
from nkscreen.core.engine import Evaluation, EvaluationSettings, engine_for
from nkscreen.core.protocol import SEX_VALUES, Protocol
from nkscreen.records.notes import Notes
from nkscreen.settings import SiteSettings
from nkscreen.ui.i18n import protocol_texts_or_english, shown_uln_source
from nkscreen.ui.markup import escape
from nkscreen.ui.navigator_wrap import wrap_navigator
from nkscreen.ui.notes_editor import AssessmentNotes
from nkscreen.ui.record_banner import RecordBanner
from nkscreen.ui.status_badge import StatusBadge
from nkscreen.ui.unit_entry import UnitEntryEditor
from nkscreen.ui.wizard_display import show_on_pages
from nkscreen.ui.wizard_pages import FieldRow, Page, WizardPages, text_label

__all__ = ["AssessmentView", "FieldRow", "Page", "RowsOnDemand"]


class RowsOnDemand(Mapping[str, FieldRow]):
    """Every field's row by id, as if every page existed: a row whose page has not been shown
    yet is built on first access (its page is made, not shown). For callers that reach a
    field directly (tests, fill-site-ULN); the view itself reads only the built rows
    (``wizard.rows``), so typing never builds a page."""

    def __init__(self, view: AssessmentView) -> None:
        self._view = view

    def __getitem__(self, field_id: str) -> FieldRow:
        built = self._view.wizard.rows
        if field_id not in built:
            self._view.build_page(self._view.page_of_field[field_id])
        return built[field_id]

    def __iter__(self) -> Iterator[str]:
        return iter(self._view.page_of_field)

    def __len__(self) -> int:
        return len(self._view.page_of_field)

    def __contains__(self, field_id: object) -> bool:
        return field_id in self._view.page_of_field


class AssessmentView(QWidget):
    """One assessment: navigator, pages, Back/Next, and a verdict always in view."""

    answers_changed = Signal()

    def __init__(
        self, protocol: Protocol, settings: SiteSettings, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assessment_view")
        self.protocol = protocol
        self.settings = settings
        self.engine = engine_for(protocol)
        #: The protocol's words in the window's language; ``texts_problem``: why they are
        #: English instead, when its translation does not fit it (the window says so).
        self.texts, self.texts_problem = protocol_texts_or_english(protocol)
        self.extra_answers: dict[str, object] = {}  # imported ids this protocol does not know
        self.evaluation: Evaluation | None = None
        self._loading = False
        self._prefilled: dict[str, str] = {}
        self._hidden: set[str] = set()
        self._shown: dict[str, str] = {}
        self._summary_stale = True
        self._read_only = False
        #: The comments on criteria and the screen-failure reason (boxes made with the pages).
        self.notes_editor = AssessmentNotes(self)
        self.notes_editor.changed.connect(self._notes_edited)
        self._build()
        self.refresh()

    # --- construction -----------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.setContentsMargins(6, 6, 6, 6)
        outer.addWidget(self._build_header())
        self.record_banner_box = RecordBanner(self)
        self.record_banner = self.record_banner_box.label
        outer.addWidget(self.record_banner_box)
        self.banner_box = QWidget(self)
        banner_line = QHBoxLayout(self.banner_box)
        banner_line.setContentsMargins(0, 0, 0, 0)
        self.banner = text_label("", "warning")
        self.banner.setObjectName("import_banner")
        banner_line.addWidget(self.banner, 1)
        discard = QPushButton(
            QCoreApplication.translate("AssessmentView", "Discard the unknown answers")
        )
        discard.setObjectName("discard_unknown")
        discard.clicked.connect(self.discard_unknown_answers)
        banner_line.addWidget(discard)
        self.banner_box.hide()
        outer.addWidget(self.banner_box)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.navigator = self._build_navigator()
        splitter.addWidget(self.navigator)
        self.stack = QStackedWidget(splitter)
        self.stack.setObjectName("wizard_pages")
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([420, 810])  # criterion names on one line where they can
        outer.addWidget(splitter, 1)
        outer.addLayout(self._build_buttons())
        self.wizard = WizardPages(self, self.protocol)
        wrap_navigator(self.navigator)  # whole criterion names, on as many lines as they need
        # The pages' widgets by id, as tests and the window reach them (rows: built on
        # demand; section_of_criterion: the pages built so far).
        self.rows = RowsOnDemand(self)
        self.pages = self.wizard.pages
        self.page_of_field = self.wizard.page_of_field
        self.page_of_criterion = self.wizard.page_of_criterion
        self.section_of_criterion = self.wizard.section_of_criterion
        self.summary = self.wizard.summary
        self.stack.currentChanged.connect(self._page_changed)
        self._page_changed(0)

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        layout = QHBoxLayout(header)
        layout.setContentsMargins(4, 2, 4, 2)
        short_title = escape(self.texts.protocol_text("short_title"))
        title = QLabel(f"<b>{self.protocol.id}</b> · {short_title}")
        title.setObjectName("protocol_title")
        layout.addWidget(title, 1)
        self.patient_label = QLabel("")
        self.patient_label.setObjectName("patient_label")
        layout.addWidget(self.patient_label)
        layout.addWidget(QLabel(QCoreApplication.translate("AssessmentView", "Verdict:")))
        self.overall_badge = StatusBadge("overall_status", header)
        font = self.overall_badge.font()
        font.setPointSizeF(font.pointSizeF() * 1.2)
        self.overall_badge.setFont(font)
        self.overall_badge.setMinimumWidth(150)
        layout.addWidget(self.overall_badge)
        return header

    def _build_navigator(self) -> QTreeWidget:
        tree = QTreeWidget(self)
        tree.setObjectName("navigator")
        tree.setHeaderLabels(
            [
                QCoreApplication.translate("AssessmentView", "Criterion"),
                QCoreApplication.translate("AssessmentView", "Status"),
            ]
        )
        tree.setColumnCount(2)
        tree.setRootIsDecorated(False)
        tree.setMinimumWidth(280)
        tree.setAccessibleName(
            QCoreApplication.translate("AssessmentView", "Criteria and their status")
        )
        tree.itemActivated.connect(self._navigator_activated)
        tree.itemClicked.connect(self._navigator_activated)
        return tree

    def _build_buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        self.page_label = QLabel("")
        self.page_label.setObjectName("page_label")
        row.addWidget(self.page_label)
        row.addStretch(1)
        self.back_button = QPushButton(QCoreApplication.translate("AssessmentView", "◀ Back"))
        self.back_button.setObjectName("back_button")
        self.back_button.setToolTip(
            QCoreApplication.translate("AssessmentView", "Previous page (Alt+B)")
        )
        self.back_button.clicked.connect(self.go_back)
        self.next_button = QPushButton(QCoreApplication.translate("AssessmentView", "Next ▶"))
        self.next_button.setObjectName("next_button")
        self.next_button.setToolTip(
            QCoreApplication.translate("AssessmentView", "Next page (Alt+N or Enter)")
        )
        self.next_button.clicked.connect(self.go_next)
        for button in (self.back_button, self.next_button):
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # keyboard: Alt+B / Alt+N / Enter
            button.setMinimumWidth(110)
        row.addWidget(self.back_button)
        row.addWidget(self.next_button)
        return row

    # --- navigation -------------------------------------------------------------------------

    def _navigator_activated(self, item: QTreeWidgetItem) -> None:
        kind, target = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == "page":
            self.go_to_page(int(target))
        else:
            self.go_to_criterion(str(target))

    def build_page(self, index: int) -> Page:
        """Page ``index`` with its widgets (made when first needed), showing the current
        answers' statuses, errors and read-only state like the pages built before it."""
        page = self.pages[index]
        if page.built:
            return page
        self.wizard.build(index)
        for fid, row in self.wizard.rows.items():
            if self.page_of_field[fid] == index:
                row.editor.widget.setEnabled(not self._read_only)
        self.show_uln_placeholders()
        if self.evaluation is not None and not self._loading:
            self._show(self.evaluation, self._hidden)
        return page

    def go_to_page(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        page = self.build_page(index)
        self.stack.setCurrentIndex(index)
        if page.first_input is not None:
            page.first_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to_criterion(self, cid: str) -> None:
        self.go_to_page(self.page_of_criterion[cid])
        section = self.section_of_criterion[cid]
        scroll = self.pages[self.stack.currentIndex()].scroll
        if scroll is not None:
            scroll.ensureWidgetVisible(section)

    def go_next(self) -> None:
        self.go_to_page(self.stack.currentIndex() + 1)

    def go_back(self) -> None:
        self.go_to_page(self.stack.currentIndex() - 1)

    def go_to_summary(self) -> None:
        self.go_to_page(len(self.pages) - 1)

    def focus_field(self, field_id: str) -> None:
        """Jump to a field (from a link on the summary) and put the cursor in it."""
        if field_id not in self.page_of_field:
            return
        index = self.page_of_field[field_id]
        scroll = self.build_page(index).scroll
        self.stack.setCurrentIndex(index)
        target = self.wizard.rows[field_id].editor.focus_target()
        if scroll is not None:
            scroll.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self, index: int) -> None:
        if not self.pages[index].built:  # shown without go_to_page: build it now
            self.build_page(index)
            return  # the page took its placeholder's place: this ran again for it
        self.page_label.setText(
            QCoreApplication.translate("AssessmentView", "Page %d of %d: %s")
            % (index + 1, len(self.pages), self.pages[index].title)
        )
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)
        if index == len(self.pages) - 1:
            self.wizard.summary_shown()
            if self._summary_stale and self.evaluation is not None:
                self._show_summary(self.evaluation)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        # Line edits ignore Enter, so it reaches the view: Enter moves on, as in a wizard.
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.go_next()
            event.accept()
            return
        super().keyPressEvent(event)

    # --- answers ----------------------------------------------------------------------------

    def answers(self) -> dict[str, object]:
        """The answers that count: as entered, minus questions that do not apply (hidden),
        plus imported unknown ids (so they stay visible). The display and Save use this."""
        raw = self._raw_answers()
        for fid in self._hidden:
            raw.pop(fid, None)
        return raw

    def _raw_answers(self) -> dict[str, object]:
        out: dict[str, object] = {}
        for fid, row in self.wizard.rows.items():  # a page not built yet has no answers
            value = row.editor.raw_value()
            if value is not None:
                out[fid] = value
        out.update(self.extra_answers)
        return out

    def load_answers(self, answers: Mapping[str, object]) -> None:
        """Fill the form from a case or record; unknown ids are kept and shown, not dropped."""
        self._loading = True
        try:
            for fid, value in answers.items():  # the pages with an answer are made
                if value is not None and fid in self.page_of_field:
                    self.build_page(self.page_of_field[fid])
            for row in self.wizard.rows.values():
                row.editor.set_raw_value(answers.get(row.field.id))
            self.extra_answers = {k: v for k, v in answers.items() if k not in self.rows}
            self._prefilled.clear()
        finally:
            self._loading = False
        if self.extra_answers:
            names = ", ".join(sorted(self.extra_answers))
            self.banner.setText(
                QCoreApplication.translate(
                    "AssessmentView",
                    "The file has answers this protocol does not know: %s. They are kept "
                    "and block saving until the file is corrected.",
                )
                % names
            )
        self.banner.setVisible(bool(self.extra_answers))
        self.banner_box.setVisible(bool(self.extra_answers))
        self.refresh()

    def discard_unknown_answers(self) -> None:
        """The user's decision to drop imported ids this protocol does not know."""
        self.extra_answers = {}
        self.banner_box.hide()
        self.refresh()
        self.answers_changed.emit()

    def edited(self, field_id: str) -> None:
        """An answer changed in its editor: re-evaluate, and tell the window (autosave)."""
        if self._loading:
            return
        self._prefilled.pop(field_id, None)
        if field_id == self.protocol.role_field("patient_sex"):
            self.show_uln_placeholders()
        if field_id in self.wizard.unit_fields:
            self._unit_changed(field_id)
        self.refresh()
        self.answers_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """A signed record cannot be edited (Amend makes a new version)."""
        self._read_only = read_only
        for row in self.wizard.rows.values():
            row.editor.widget.setEnabled(not read_only)
        self.notes_editor.set_read_only(read_only)

    # --- notes: comments, the screen-failure reason, values typed in another unit -----------

    def notes(self) -> Notes:
        """The notes as they stand, for Save, Sign, autosave and the printout (a page not
        built yet has nothing typed in another unit: load_notes builds the pages it fills)."""
        entered = {}
        for fid, row in self.wizard.rows.items():
            if isinstance(row.editor, UnitEntryEditor) and fid not in self._hidden:
                value = row.editor.entered()
                if value is not None:
                    entered[fid] = value
        editor = self.notes_editor
        return Notes(dict(editor.comments), editor.reason, entered)

    def load_notes(self, notes: Notes) -> None:
        """Show a record's or a draft's notes (after :meth:`load_answers`): comments, the
        reason, and each value as it was typed when that is still its answer's source."""
        self.notes_editor.load(notes.comments, notes.screen_failure_reason)
        for fid, typed in notes.entered_as.items():
            row = self.rows.get(fid)
            if row is not None and isinstance(row.editor, UnitEntryEditor):
                row.editor.show_entered(typed)
        self._summary_stale = True
        if self.stack.currentIndex() == len(self.pages) - 1 and self.evaluation is not None:
            self._show_summary(self.evaluation)

    def _notes_edited(self) -> None:
        self._summary_stale = True
        self.answers_changed.emit()

    def show_banner(
        self, html_text: str, state: str, changes: Sequence[tuple[str, Sequence[str]]] = ()
    ) -> None:
        """The record's state above the pages: signatures and their verification, its place
        among the screening's versions, and what an amendment changed (``changes``)."""
        self.record_banner_box.show_state(html_text, state, changes)

    # --- site defaults for ULN ----------------------------------------------------------------

    def site_uln(self, field_id: str) -> str | None:
        """The site's ULN for this field and the patient's sex, as text (None if unknown)."""
        sex_field = self.protocol.role_field("patient_sex")
        row = self.wizard.rows.get(sex_field) if sex_field is not None else None
        patient = row.editor.raw_value() if row is not None else None
        default = self.settings.for_protocol(self.protocol).uln_defaults.get(field_id)
        if patient not in SEX_VALUES or default is None:
            return None
        value = default.female if patient == "female" else default.male
        return None if value is None else display.plain(Decimal(value))

    def show_uln_placeholders(self) -> None:
        """Each empty ULN shows the site's value in grey: a hint, never an answer."""
        for fid in self.settings.for_protocol(self.protocol).uln_defaults:
            row = self.wizard.rows.get(fid)
            if row is None or not isinstance(row.editor.widget, QLineEdit):
                continue
            value = self.site_uln(fid)
            row.editor.widget.setPlaceholderText(
                QCoreApplication.translate("AssessmentView", "site: %s") % value if value else ""
            )

    def fill_site_uln(self) -> None:
        """Explicit, one click: copy the site's ULNs (and units) into the empty ULN fields.

        Never automatic: a ULN the lab did not report must not decide a verdict unseen, and a
        unit is never assumed. Values typed by the user are never overwritten.
        """
        self._loading = True
        try:
            for fid, default in self.settings.for_protocol(self.protocol).uln_defaults.items():
                row = self.rows.get(fid)
                text = self.site_uln(fid)
                if row is None or text is None or row.editor.raw_value() is not None:
                    continue
                row.editor.set_raw_value(text)
                self._prefilled[fid] = text
                unit_field = self.protocol.field_map[fid].unit_field
                if unit_field and default.unit and self.rows[unit_field].editor.raw_value() is None:
                    self.rows[unit_field].editor.set_raw_value(default.unit)
        finally:
            self._loading = False
        self.refresh()
        self.answers_changed.emit()

    def _unit_changed(self, unit_field: str) -> None:
        """A site-default ULN is in the site's unit: when the unit changes, ask for the ULN."""
        for f in self.protocol.fields:
            if f.unit_field == unit_field and f.id in self._prefilled:
                self._loading = True
                self.rows[f.id].editor.set_raw_value(None)
                self._loading = False
                del self._prefilled[f.id]

    # --- refresh ----------------------------------------------------------------------------

    def refresh(self) -> Evaluation:
        answers = self._raw_answers()
        settings = EvaluationSettings(
            recency_days=self.settings.for_protocol(self.protocol).recency_days
        )
        evaluation = self.engine.evaluate(answers, settings)
        # (a contradiction with a hidden answer is not a reason to show it: dropping it ends it)
        invalid = {e.field for e in evaluation.errors if e.message.id != "invalid.contradiction"}
        # Questions that do not apply are hidden and their answers do not count; one with an
        # invalid answer stays visible, so its error can be seen and fixed.
        hidden = {
            fid
            for fid, applies in evaluation.field_applies.items()
            if applies is False and fid not in invalid
        }
        if any(fid in answers for fid in hidden):
            for fid in hidden:
                answers.pop(fid, None)
            evaluation = self.engine.evaluate(answers, settings)
        self._hidden = hidden
        self.evaluation = evaluation
        self._show(evaluation, hidden)
        return evaluation

    def _show(self, ev: Evaluation, hidden: set[str]) -> None:
        self._shown = show_on_pages(self.wizard, ev, hidden, self._default_hint)
        self.overall_badge.set_status(ev.overall)
        named = [self.protocol.role_field(r) for r in ("screening_number", "initials")]
        rows = [self.wizard.rows.get(fid) for fid in named if fid is not None]
        parts = [str(x.editor.raw_value()) for x in rows if x and x.editor.raw_value()]
        self.patient_label.setText(" · ".join(parts))
        self._summary_stale = True
        if self.stack.currentIndex() == len(self.pages) - 1:  # the summary only when shown
            self._show_summary(ev)

    def _show_summary(self, ev: Evaluation) -> None:
        self.summary.show_evaluation(ev, self.protocol, self._shown, self.texts)
        self._summary_stale = False

    def _default_hint(self, field_id: str) -> str:
        if field_id not in self._prefilled:
            return ""
        return QCoreApplication.translate(
            "AssessmentView",
            "Site default for this sex (%s). Check against the lab report.",
        ) % (shown_uln_source(self.settings.uln_source_for(self.protocol)))
