"""The screening wizard for one assessment, generated from the protocol file.

Pages follow the protocol: patient details, one page per inclusion and exclusion criterion (with
its sub-criteria as sections), then a summary. A side navigator lists every criterion with its
live status. Every edit re-evaluates the whole protocol through the Qt-free engine (well under a
millisecond) and refreshes statuses, per-field errors, derived values and the verdict.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core import display
from nkscreen.core.engine import Evaluation, EvaluationSettings, engine_for
from nkscreen.core.protocol import (
    SEX_VALUES,
    AgeDerived,
    AgentsRule,
    CompareRule,
    CreatinineClearanceDerived,
    Criterion,
    DaysBeforeDerived,
    ExposureRule,
    FieldDef,
    Protocol,
    UlnRule,
    iter_rules,
)
from nkscreen.settings import SiteSettings
from nkscreen.ui.field_editors import FieldEditor, make_editor
from nkscreen.ui.record_banner import RecordBanner
from nkscreen.ui.status_badge import StatusBadge
from nkscreen.ui.summary_page import SummaryPage


def _label(text: str, role: str | None = None, wrap: bool = True) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        label.setProperty("role", role)
    return label


class FieldRow:
    """A field's editor with its label, unit, hint, help and error line."""

    def __init__(self, field: FieldDef, editor: FieldEditor, container: QWidget | None) -> None:
        self.field = field
        self.editor = editor
        #: The row's widgets, hidden with ``label`` when the question does not apply.
        self.container = container
        self.label: QLabel | None = None
        self.error = _label("", "error")
        self.error.setObjectName(f"error_{field.id}")
        self.error.hide()
        self.hint = _label("", "help")
        self.hint.setObjectName(f"hint_{field.id}")
        self.hint.hide()

    def set_error(self, text: str) -> None:
        if self.error.text() != text:
            self.error.setText(text)
        self.error.setVisible(bool(text))

    def set_hint(self, text: str) -> None:
        if self.hint.text() != text:
            self.hint.setText(text)
        self.hint.setVisible(bool(text))


class Page:
    def __init__(self, key: str, title: str, scroll: QScrollArea, body: QWidget) -> None:
        self.key = key
        self.title = title
        self.scroll = scroll
        self.body = body
        self.first_input: QWidget | None = None


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
        self.rows: dict[str, FieldRow] = {}
        self.page_of_field: dict[str, int] = {}
        self.page_of_criterion: dict[str, int] = {}
        self.section_of_criterion: dict[str, QWidget] = {}
        self.badges: list[tuple[str, StatusBadge]] = []
        self.explanations: dict[str, QLabel] = {}
        self.derived_labels: dict[str, QLabel] = {}
        self.derived_notes: dict[str, QLabel] = {}
        self.leaf_labels: dict[str, tuple[QLabel, UlnRule]] = {}
        self.scales: dict[str, QLabel] = {}
        self.pages: list[Page] = []
        self.extra_answers: dict[str, object] = {}  # imported ids this protocol does not know
        self.evaluation: Evaluation | None = None
        self._loading = False
        self._prefilled: dict[str, str] = {}
        self.read_only = False
        self._hidden: set[str] = set()
        self._unit_fields = {f.unit_field for f in protocol.fields if f.unit_field}
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
        self.banner = _label("", "warning")
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
        splitter.setSizes([370, 860])
        outer.addWidget(splitter, 1)
        outer.addLayout(self._build_buttons())
        self._build_pages()
        self._fill_navigator()
        self.stack.currentChanged.connect(self._page_changed)
        self._page_changed(0)

    def _build_header(self) -> QWidget:
        header = QFrame(self)
        layout = QHBoxLayout(header)
        layout.setContentsMargins(4, 2, 4, 2)
        title = QLabel(f"<b>{self.protocol.id}</b> · {self.protocol.short_title}")
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

    def _new_page(self, key: str, title: str) -> tuple[Page, QVBoxLayout]:
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName(f"page_{key}")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        heading = QLabel(title)
        heading.setObjectName(f"heading_{key}")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        layout.addWidget(heading)
        scroll.setWidget(body)
        page = Page(key, title, scroll, body)
        self.pages.append(page)
        self.stack.addWidget(scroll)
        return page, layout

    def _build_pages(self) -> None:
        for section in self.protocol.sections:
            page, layout = self._new_page(section.id, section.title)
            grid = self._field_grid(section.fields, page, len(self.pages) - 1)
            layout.addLayout(grid)
            layout.addStretch(1)
        for criterion in self.protocol.criteria:
            index = len(self.pages)
            kind = (
                QCoreApplication.translate("AssessmentView", "Inclusion")
                if criterion.kind == "inclusion"
                else QCoreApplication.translate("AssessmentView", "Exclusion")
            )
            page, layout = self._new_page(
                criterion.id, f"{kind} {criterion.id[1:]}: {criterion.label}"
            )
            if any(
                isinstance(r, UlnRule)
                for c in [criterion, *criterion.subcriteria]
                for r in iter_rules(c.rule)
            ):
                layout.addWidget(self._site_uln_row())
            layout.addWidget(self._criterion_section(criterion, page, index, top=True))
            for sub in criterion.subcriteria:
                layout.addWidget(self._criterion_section(sub, page, index, top=False))
            if any(
                isinstance(r, ExposureRule | AgentsRule)
                for c in [criterion, *criterion.subcriteria]
                for r in iter_rules(c.rule)
            ):  # the page with washout windows: when the first dose can be planned
                layout.addWidget(self._earliest_row())
            layout.addStretch(1)
        self.summary = SummaryPage(self)
        self.summary.field_link_activated.connect(self.focus_field)
        scroll = QScrollArea(self.stack)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(self.summary)
        summary_page = Page(
            "summary", QCoreApplication.translate("AssessmentView", "Summary"), scroll, self.summary
        )
        self.pages.append(summary_page)
        self.stack.addWidget(scroll)

    def _site_uln_row(self) -> QWidget:
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        button = QPushButton(
            QCoreApplication.translate("AssessmentView", "Fill empty ULNs with the site's values")
        )
        button.setObjectName("fill_site_uln")
        button.setToolTip(
            QCoreApplication.translate(
                "AssessmentView", "Site reference ranges for the patient's sex (Preferences)"
            )
        )
        button.clicked.connect(self.fill_site_uln)
        line.addWidget(button)
        source = _label(self.settings.uln_source_for(self.protocol), "help")
        source.setObjectName("uln_source")
        line.addWidget(source, 1)
        return holder

    def _criterion_section(self, c: Criterion, page: Page, index: int, top: bool) -> QWidget:
        box = QFrame()
        box.setObjectName(f"section_{c.id}")
        if not top:
            box.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(box)
        head = QHBoxLayout()
        name = QLabel(f"<b>{c.id}</b> {c.label}" if not top else f"<b>{c.id}</b>")
        name.setWordWrap(True)
        head.addWidget(name, 1)
        badge = StatusBadge(f"page_status_{c.id}", box)
        badge.setMinimumWidth(110)
        head.addWidget(badge)
        self.badges.append((c.id, badge))
        layout.addLayout(head)
        verbatim = _label(c.text, "verbatim")
        verbatim.setObjectName(f"verbatim_{c.id}")
        verbatim.setToolTip(
            QCoreApplication.translate(
                "AssessmentView", "Protocol text, verbatim from the trial registry"
            )
        )
        verbatim.setAccessibleName(
            QCoreApplication.translate("AssessmentView", "Protocol text for %s") % c.id
        )
        layout.addWidget(verbatim)
        explanation = _label("", "help")
        explanation.setObjectName(f"explain_{c.id}")
        layout.addWidget(explanation)
        self.explanations[c.id] = explanation
        own = [f for f in c.fields if f not in self.rows]
        elsewhere = [f for f in c.fields if f in self.rows]
        if elsewhere:
            names = ", ".join(self.protocol.field_map[f].label for f in elsewhere)
            layout.addWidget(
                _label(
                    QCoreApplication.translate("AssessmentView", "Uses answers given earlier: %s")
                    % names,
                    "help",
                )
            )
        labs = [r for r in iter_rules(c.rule) if isinstance(r, UlnRule)]
        if labs:
            layout.addLayout(self._lab_grid(labs, page, index))
        lab_fields = {x for r in labs for x in (r.value, r.uln, self._unit_of(r.value))}
        rest = [f for f in own if f not in lab_fields]
        if rest:
            layout.addLayout(self._field_grid(rest, page, index))
        for rule in iter_rules(c.rule):
            if isinstance(rule, CompareRule) and rule.derived is not None:
                layout.addWidget(self._derived_row(rule.derived))
        self.page_of_criterion[c.id] = index
        self.section_of_criterion[c.id] = box
        return box

    def _unit_of(self, field_id: str) -> str:
        return self.protocol.field_map[field_id].unit_field or ""

    def _register(
        self,
        field: FieldDef,
        editor: FieldEditor,
        container: QWidget | None,
        index: int,
        page: Page,
    ) -> FieldRow:
        row = FieldRow(field, editor, container)
        editor.describe(field.label, field.help)
        editor.changed.connect(lambda fid=field.id: self._edited(fid))
        self.rows[field.id] = row
        self.page_of_field[field.id] = index
        if page.first_input is None:
            page.first_input = editor.focus_target()
        return row

    def _field_grid(self, field_ids: list[str], page: Page, index: int) -> QGridLayout:
        grid = QGridLayout()
        grid.setColumnStretch(1, 1)
        r = 0
        for fid in field_ids:
            field = self.protocol.field_map[fid]
            holder = QWidget()
            holder.setObjectName(f"row_{fid}")
            line = QVBoxLayout(holder)
            line.setContentsMargins(0, 2, 0, 2)
            editor = make_editor(field, holder, self._unit_fields)
            top = QHBoxLayout()
            top.addWidget(editor.widget)
            unit = field.unit
            if unit:
                unit_label = QLabel(unit)
                unit_label.setObjectName(f"unit_{fid}")
                top.addWidget(unit_label)
            if field.unit_field:
                unit_field = self.protocol.field_map[field.unit_field]
                unit_editor = make_editor(unit_field, holder, self._unit_fields)
                top.addWidget(unit_editor.widget)
                self._register(unit_field, unit_editor, None, index, page)
            top.addStretch(1)
            line.addLayout(top)
            row = self._register(field, editor, holder, index, page)
            line.addWidget(row.hint)
            if field.help:
                line.addWidget(_label(field.help, "help"))
            if field.type == "integer" and field.choices:  # a scale: show every grade's text
                scale = _label("", "help")
                scale.setObjectName(f"scale_{fid}")
                scale.setTextFormat(Qt.TextFormat.RichText)
                self.scales[fid] = scale
                line.addWidget(scale)
            line.addWidget(row.error)
            label = QLabel(field.label)
            label.setWordWrap(True)
            label.setObjectName(f"label_{fid}")
            label.setBuddy(editor.focus_target())
            label.setMinimumWidth(230)
            label.setMaximumWidth(300)
            grid.addWidget(label, r, 0, Qt.AlignmentFlag.AlignTop)
            grid.addWidget(holder, r, 1)
            row.label = label
            r += 1
            for d in self.protocol.derived:
                if isinstance(d, DaysBeforeDerived) and d.exposure == fid:
                    grid.addWidget(self._derived_row(d.id), r, 1)
                    r += 1
        return grid

    def _lab_grid(self, labs: list[UlnRule], page: Page, index: int) -> QGridLayout:
        grid = QGridLayout()
        headers = [
            QCoreApplication.translate("AssessmentView", "Test"),
            QCoreApplication.translate("AssessmentView", "Value"),
            "",
            QCoreApplication.translate("AssessmentView", "ULN"),
            QCoreApplication.translate("AssessmentView", "Unit"),
            QCoreApplication.translate("AssessmentView", "Multiple"),
            "",
        ]
        for column, text in enumerate(headers):
            head = QLabel(f"<i>{text}</i>")
            grid.addWidget(head, 0, column)
        grid.setColumnStretch(6, 1)
        r = 1
        unit_done: set[str] = set()
        for rule in labs:
            value_field = self.protocol.field_map[rule.value]
            uln_field = self.protocol.field_map[rule.uln]
            value_editor = make_editor(value_field, self, self._unit_fields)
            uln_editor = make_editor(uln_field, self, self._unit_fields)
            label = QLabel(value_field.label)
            label.setBuddy(value_editor.focus_target())
            grid.addWidget(label, r, 0)
            grid.addWidget(value_editor.widget, r, 1)
            grid.addWidget(QLabel("/"), r, 2)
            grid.addWidget(uln_editor.widget, r, 3)
            value_row = self._register(value_field, value_editor, None, index, page)
            uln_row = self._register(uln_field, uln_editor, None, index, page)
            unit_row = None
            if value_field.unit_field and value_field.unit_field not in unit_done:
                unit_field = self.protocol.field_map[value_field.unit_field]
                unit_editor = make_editor(unit_field, self, self._unit_fields)
                grid.addWidget(unit_editor.widget, r, 4)
                unit_row = self._register(unit_field, unit_editor, None, index, page)
                unit_done.add(unit_field.id)
            else:
                unit_label = QLabel(
                    value_field.unit or QCoreApplication.translate("AssessmentView", "(ratio)")
                )
                unit_label.setObjectName(f"unit_{rule.value}")
                grid.addWidget(unit_label, r, 4)
            key = rule.derived or rule.value
            multiple = _label("—", "derived", wrap=False)
            multiple.setObjectName(f"derived_{key}")
            multiple.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            multiple.setMinimumWidth(48)
            grid.addWidget(multiple, r, 5)
            self.derived_labels[key] = multiple
            note = _label("", None)
            note.setObjectName(f"leaf_{key}")
            grid.addWidget(note, r, 6)
            self.leaf_labels[key] = (note, rule)
            r += 1
            for row in (value_row, uln_row, unit_row):
                if row is not None:
                    grid.addWidget(row.hint, r, 1, 1, 6)
                    grid.addWidget(row.error, r + 1, 1, 1, 6)
                    r += 2
        return grid

    def _derived_row(self, key: str) -> QWidget:
        d = self.protocol.derived_map[key]
        holder = QWidget()
        line = QHBoxLayout(holder)
        line.setContentsMargins(0, 0, 0, 0)
        line.addWidget(QLabel(d.label + ":"))
        value = _label("—", "derived", wrap=False)
        value.setObjectName(f"derived_{key}")
        line.addWidget(value)
        unit = getattr(d, "unit", "")
        if unit:
            line.addWidget(QLabel(unit))
        note = _label("", "help")
        note.setObjectName(f"derived_note_{key}")
        line.addWidget(note, 1)
        self.derived_labels[key] = value
        self.derived_notes[key] = note
        if isinstance(d, CreatinineClearanceDerived):
            method = _label("", "help", wrap=False)
            method.setObjectName(f"derived_{d.method_id}")
            line.insertWidget(line.count() - 1, method)
            self.derived_labels[d.method_id] = method
        return holder

    def _earliest_row(self) -> QWidget:
        for d in self.protocol.derived:
            if d.kind == "earliest_outside_windows":
                return self._derived_row(d.id)
        return QWidget()

    def _fill_navigator(self) -> None:
        tree = self.navigator
        for index, page in enumerate(self.pages):
            if page.key in self.protocol.criterion_map:
                continue
            if page.key == "summary":
                continue
            item = QTreeWidgetItem([page.title, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, ("page", index))
            tree.addTopLevelItem(item)
        for c in self.protocol.criteria:
            item = self._navigator_item(c)
            tree.addTopLevelItem(item)
            tree.setItemWidget(item, 1, self._nav_badge(c.id))
            for sub in c.subcriteria:
                child = self._navigator_item(sub)
                item.addChild(child)
                tree.setItemWidget(child, 1, self._nav_badge(sub.id))
            item.setExpanded(True)
        summary = QTreeWidgetItem(
            [QCoreApplication.translate("AssessmentView", "Summary and verdict"), ""]
        )
        summary.setData(0, Qt.ItemDataRole.UserRole, ("page", len(self.pages) - 1))
        tree.addTopLevelItem(summary)
        tree.setColumnWidth(0, 250)
        tree.setColumnWidth(1, 100)

    def _navigator_item(self, c: Criterion) -> QTreeWidgetItem:
        item = QTreeWidgetItem([f"{c.id}  {c.label}", ""])
        item.setToolTip(0, c.label)
        item.setData(0, Qt.ItemDataRole.UserRole, ("criterion", c.id))
        return item

    def _nav_badge(self, cid: str) -> StatusBadge:
        badge = StatusBadge(f"status_{cid}")
        self.badges.append((cid, badge))
        return badge

    # --- navigation -------------------------------------------------------------------------

    def _navigator_activated(self, item: QTreeWidgetItem) -> None:
        kind, target = item.data(0, Qt.ItemDataRole.UserRole)
        if kind == "page":
            self.go_to_page(int(target))
        else:
            self.go_to_criterion(str(target))

    def go_to_page(self, index: int) -> None:
        index = max(0, min(index, len(self.pages) - 1))
        self.stack.setCurrentIndex(index)
        page = self.pages[index]
        if page.first_input is not None:
            page.first_input.setFocus(Qt.FocusReason.OtherFocusReason)

    def go_to_criterion(self, cid: str) -> None:
        self.go_to_page(self.page_of_criterion[cid])
        section = self.section_of_criterion[cid]
        self.pages[self.stack.currentIndex()].scroll.ensureWidgetVisible(section)

    def go_next(self) -> None:
        self.go_to_page(self.stack.currentIndex() + 1)

    def go_back(self) -> None:
        self.go_to_page(self.stack.currentIndex() - 1)

    def go_to_summary(self) -> None:
        self.go_to_page(len(self.pages) - 1)

    def focus_field(self, field_id: str) -> None:
        """Jump to a field (from a link on the summary) and put the cursor in it."""
        if field_id not in self.rows:
            return
        self.stack.setCurrentIndex(self.page_of_field[field_id])
        row = self.rows[field_id]
        target = row.editor.focus_target()
        self.pages[self.stack.currentIndex()].scroll.ensureWidgetVisible(target)
        target.setFocus(Qt.FocusReason.OtherFocusReason)

    def _page_changed(self, index: int) -> None:
        self.page_label.setText(
            QCoreApplication.translate("AssessmentView", "Page %d of %d: %s")
            % (index + 1, len(self.pages), self.pages[index].title)
        )
        self.back_button.setEnabled(index > 0)
        self.next_button.setEnabled(index < len(self.pages) - 1)

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
        for fid, row in self.rows.items():
            value = row.editor.raw_value()
            if value is not None:
                out[fid] = value
        out.update(self.extra_answers)
        return out

    def load_answers(self, answers: Mapping[str, object]) -> None:
        """Fill the form from a case or record; unknown ids are kept and shown, not dropped."""
        self._loading = True
        try:
            for row in self.rows.values():
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

    def _edited(self, field_id: str) -> None:
        if self._loading:
            return
        self._prefilled.pop(field_id, None)
        if field_id == self.protocol.role_field("patient_sex"):
            self.show_uln_placeholders()
        if field_id in self._unit_fields:
            self._unit_changed(field_id)
        self.refresh()
        self.answers_changed.emit()

    def set_read_only(self, read_only: bool) -> None:
        """A signed record cannot be edited (Amend makes a new version)."""
        self.read_only = read_only
        for row in self.rows.values():
            row.editor.widget.setEnabled(not read_only)

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
        row = self.rows.get(sex_field) if sex_field is not None else None
        patient = row.editor.raw_value() if row is not None else None
        default = self.settings.for_protocol(self.protocol).uln_defaults.get(field_id)
        if patient not in SEX_VALUES or default is None:
            return None
        value = default.female if patient == "female" else default.male
        return None if value is None else display.plain(Decimal(value))

    def show_uln_placeholders(self) -> None:
        """Each empty ULN shows the site's value in grey: a hint, never an answer."""
        for fid in self.settings.for_protocol(self.protocol).uln_defaults:
            row = self.rows.get(fid)
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
        errors: dict[str, list[str]] = {}
        for error in ev.errors:
            errors.setdefault(error.field, []).append(str(error.message))
        warnings: dict[str, list[str]] = {}
        for warning in ev.warnings:
            warnings.setdefault(warning.field, []).append(str(warning.message))
        for fid, row in self.rows.items():
            if row.label is not None and row.container is not None:
                visible = fid not in hidden
                row.label.setVisible(visible)
                row.container.setVisible(visible)
            row.set_error("\n".join("⚠ " + e for e in errors.get(fid, [])))
            hint = "\n".join(warnings.get(fid, []))
            if not hint and fid in self._prefilled:
                hint = QCoreApplication.translate(
                    "AssessmentView",
                    "Site default for this sex (%s). Check against the lab report.",
                ) % (self.settings.uln_source_for(self.protocol))
            row.set_hint(hint)
        for cid, badge in self.badges:
            badge.set_status(ev.criteria[cid].status)
        for cid, label in self.explanations.items():
            result = ev.criteria[cid]
            text = "; ".join(str(m) for m in result.evidence)
            label.setText(
                (QCoreApplication.translate("AssessmentView", "Why: ") + text) if text else ""
            )
        shown = _derived_texts(ev)  # once per refresh, for the pages and the summary
        self._show_derived(ev, shown)
        self._show_scales(ev)
        self.overall_badge.set_status(ev.overall)
        named = [self.protocol.role_field(r) for r in ("screening_number", "initials")]
        rows = [self.rows.get(fid) for fid in named if fid is not None]
        parts = [str(x.editor.raw_value()) for x in rows if x and x.editor.raw_value()]
        self.patient_label.setText(" · ".join(parts))
        self.summary.show_evaluation(ev, self.protocol, shown)

    def _show_scales(self, ev: Evaluation) -> None:
        """Every grade of a scale (ECOG), the chosen one in bold with a marker."""
        for fid, label in self.scales.items():
            chosen = ev.answers.values.get(fid)
            lines = []
            for choice in self.protocol.field_map[fid].choices:
                text = html.escape(choice.label)
                lines.append(f"<b>▶ {text}</b>" if choice.value == chosen else text)
            label.setText("<br>".join(lines))

    def _show_derived(self, ev: Evaluation, shown: dict[str, str]) -> None:
        for key, label in self.derived_labels.items():
            text = shown.get(key, "")
            label.setText(text or "—")
        for key, note in self.derived_notes.items():
            result = ev.derived.get(key)
            text = ""
            if result is not None and result.explanation is not None:
                text = str(result.explanation)
            elif result is not None and result.value is None and result.missing:
                names = ", ".join(
                    self.protocol.field_map[m].label
                    for m in result.missing
                    if m in self.protocol.field_map
                )
                text = QCoreApplication.translate("AssessmentView", "needs: %s") % names
            d = self.protocol.derived_map.get(key)
            if isinstance(d, AgeDerived) and result is not None and result.value is not None:
                text = QCoreApplication.translate(
                    "AssessmentView", "whole years on the assessment date"
                )
            leaf = ev.leaves.get(key) or ev.leaves.get(getattr(d, "exposure", ""))
            if leaf is not None and leaf.value is not None and not text:
                text = "; ".join(str(m) for m in leaf.evidence)
            note.setText(text)
        for key, (label, rule) in self.leaf_labels.items():
            leaf = ev.leaves.get(key)
            label.setText("" if leaf is None else _leaf_summary(ev, rule, leaf.value))


def _derived_texts(ev: Evaluation) -> dict[str, str]:
    from nkscreen.core.engine import derived_display

    texts = derived_display(ev.protocol, ev.derived)
    for d in ev.protocol.derived:
        if isinstance(d, CreatinineClearanceDerived):
            method = ev.derived[d.id].method
            texts[d.method_id] = {
                "measured": QCoreApplication.translate("AssessmentView", "measured"),
                "cockcroft_gault": QCoreApplication.translate("AssessmentView", "Cockcroft-Gault"),
            }.get(method or "", "")
    return texts


def _leaf_summary(ev: Evaluation, rule: UlnRule, value: Any) -> str:
    """ "x ULN, limit 3 x = 120 U/L: ✓ within" beside a lab row: multiple and absolute limit."""
    text = QCoreApplication.translate("AssessmentView", "x ULN, limit %s x") % display.plain(
        rule.multiple
    )
    uln = ev.answers.values.get(rule.uln)
    if isinstance(uln, Decimal):
        field = ev.protocol.field_map[rule.value]
        unit = field.unit or ""
        if field.unit_field:
            unit = str(ev.answers.values.get(field.unit_field, ""))
        text += f" = {display.limit(rule.multiple * uln)} {unit}".rstrip()
    if value is True:
        return text + ": ✓ " + QCoreApplication.translate("AssessmentView", "within")
    if value is False:
        return text + ": ✗ " + QCoreApplication.translate("AssessmentView", "ABOVE LIMIT")
    return text
