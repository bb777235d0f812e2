"""The wizard's pages, built from the protocol: a page per section and per top-level
criterion (sub-criteria as sections), each field's editor with its label, unit, hint and error
line, lab rows as value / ULN / unit / multiple, and the navigator's entries. Each page is
built when it is first shown.

:class:`WizardPages` only builds and keeps the widgets by field and criterion id; the
view (:class:`nkscreen.ui.assessment_view.AssessmentView`) applies each evaluation to them
(see :mod:`nkscreen.ui.wizard_display`).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPushButton,
    QScrollArea,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core import display
from nkscreen.core.pages import page_of_field
from nkscreen.core.protocol import (
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
from nkscreen.core.units import entry_units
from nkscreen.ui.field_editors import FieldEditor, make_editor
from nkscreen.ui.i18n import label_separator, list_separator, shown_uln_source
from nkscreen.ui.markup import escape
from nkscreen.ui.navigator_wrap import show_status, status_cell
from nkscreen.ui.status_badge import StatusBadge
from nkscreen.ui.style import set_role
from nkscreen.ui.summary_page import SummaryPage
from nkscreen.ui.wrapped_label import WrappedLabel

if TYPE_CHECKING:
    from nkscreen.ui.assessment_view import AssessmentView


#: Lines whose text a user may select and copy: the protocol's own words (and their rendering)
#: and the values worked out from the answers. Help, hints and problems are not: a selectable
#: label lays its text out as a whole document at every measure, a seventieth of the start-up's
#: work for the first page's help lines alone.
SELECTABLE_ROLES = frozenset({"verbatim", "rendering", "derived"})


def text_label(text: str, role: str | None = None, wrap: bool = True) -> QLabel:
    label = WrappedLabel(text) if wrap else QLabel(text)
    if role in SELECTABLE_ROLES:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    if role:
        set_role(label, role)
    return label


class FieldRow:
    """A field's editor with its label, unit, hint, help and error line."""

    def __init__(self, field: FieldDef, editor: FieldEditor, container: QWidget | None) -> None:
        self.field = field
        self.editor = editor
        #: The row's widgets, hidden with ``label`` when the question does not apply.
        self.container = container
        self.label: QLabel | None = None
        self.error = text_label("", "error")
        self.error.setObjectName(f"error_{field.id}")
        self.error.hide()
        self.hint = text_label("", "help")
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
    """One wizard page: its key and title from the start, its widgets once it is first shown
    (``scroll`` and ``body`` are None until :meth:`WizardPages.build` made them)."""

    def __init__(self, key: str, title: str) -> None:
        self.key = key
        self.title = title
        self.scroll: QScrollArea | None = None
        self.body: QWidget | None = None
        self.first_input: QWidget | None = None

    @property
    def built(self) -> bool:
        return self.scroll is not None


class WizardPages:
    """Every page of one assessment's wizard, and the widgets of the pages built so far by id.

    A page's widgets are made when it is first shown (:meth:`build`), not all at once: the
    ~20 pages of a protocol hold about a thousand widgets, most of the time and memory of
    opening a new screening. Which page asks which field is known from the start
    (:mod:`nkscreen.core.pages`), so a field is always made on the same page whatever order
    the pages are built in. Until then its page is an empty placeholder in the view's stack.
    """

    def __init__(self, view: AssessmentView, protocol: Protocol) -> None:
        self.view = view
        self.protocol = protocol
        #: The protocol's words in the window's language (English where not translated).
        self.texts = view.texts
        #: The rows of the pages built so far (see AssessmentView.rows for any field's).
        self.rows: dict[str, FieldRow] = {}
        self.page_of_field: dict[str, int] = page_of_field(protocol)
        self.page_of_criterion: dict[str, int] = {}
        self.section_of_criterion: dict[str, QWidget] = {}
        self.badges: list[tuple[str, StatusBadge]] = []
        #: The side panel's row of each criterion (its status column: navigator_wrap).
        self.nav_items: dict[str, QTreeWidgetItem] = {}
        self.explanations: dict[str, QLabel] = {}
        self.derived_labels: dict[str, QLabel] = {}
        self.derived_notes: dict[str, QLabel] = {}
        self.leaf_labels: dict[str, tuple[QLabel, UlnRule]] = {}
        self.scales: dict[str, QLabel] = {}
        self.pages: list[Page] = []
        #: Fields whose rows are hidden (questions that do not apply): wizard_display.
        self.hidden_rows: set[str] = set()
        self.unit_fields = {f.unit_field for f in protocol.fields if f.unit_field}
        self._plan_pages()
        self._fill_navigator()

    def _plan_pages(self) -> None:
        """Every page's key and title, an empty placeholder for each input page in the
        view's stack, and the summary page (built at once: its buttons are the menu's)."""
        for section in self.protocol.sections:
            self.pages.append(Page(section.id, self.texts.section_title(section.id)))
        for criterion in self.protocol.criteria:
            kind = (
                QCoreApplication.translate("AssessmentView", "Inclusion")
                if criterion.kind == "inclusion"
                else QCoreApplication.translate("AssessmentView", "Exclusion")
            )
            self.page_of_criterion[criterion.id] = len(self.pages)
            for sub in criterion.subcriteria:
                self.page_of_criterion[sub.id] = len(self.pages)
            label = self.texts.criterion_label(criterion.id)
            title = f"{kind} {criterion.id[1:]}{label_separator()}{label}"
            self.pages.append(Page(criterion.id, title))
        for _ in self.pages:
            self.view.stack.addWidget(QWidget())
        self.summary = SummaryPage(self.view)
        self.summary.place_notes(self.view.notes_editor)
        self.summary.field_link_activated.connect(self.view.focus_field)
        summary_page = Page("summary", QCoreApplication.translate("AssessmentView", "Summary"))
        summary_page.scroll = self._scroll_area()
        summary_page.scroll.setWidget(self.summary)
        summary_page.body = self.summary
        self.pages.append(summary_page)
        self.view.stack.addWidget(summary_page.scroll)

    def summary_shown(self) -> None:
        """The summary page is shown: its reason box is made the first time, and Tab then
        visits it among the page's buttons, as laid out."""
        if self.summary.show_reason_box():
            order_tabs_as_laid_out(self.summary)

    def _scroll_area(self) -> QScrollArea:
        scroll = QScrollArea()
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # no invisible tab stop
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        return scroll

    def build(self, index: int) -> Page:
        """Page ``index`` with its widgets, made now if it has not been shown yet; it takes
        its placeholder's place in the stack (the page shown stays shown)."""
        page = self.pages[index]
        if page.built:
            return page
        scroll = self._scroll_area()
        body = QWidget()
        body.setObjectName(f"page_{page.key}")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(12, 8, 12, 8)
        heading = WrappedLabel(page.title)
        heading.setObjectName(f"heading_{page.key}")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.35)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        page.scroll, page.body = scroll, body
        sections = self.protocol.sections
        if index < len(sections):
            layout.addLayout(self._field_grid(sections[index].fields, page, index))
        else:
            criterion = self.protocol.criteria[index - len(sections)]
            self._fill_criterion_page(criterion, page, index, layout)
        layout.addStretch(1)
        scroll.setWidget(body)
        order_tabs_as_laid_out(body)
        stack = self.view.stack
        placeholder = stack.widget(index)
        stack.insertWidget(index, scroll)
        if placeholder is not None:
            if stack.currentWidget() is placeholder:
                stack.setCurrentIndex(index)
            stack.removeWidget(placeholder)
            placeholder.deleteLater()
        return page

    def _fill_criterion_page(
        self, criterion: Criterion, page: Page, index: int, layout: QVBoxLayout
    ) -> None:
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
        button.clicked.connect(self.view.fill_site_uln)
        line.addWidget(button)
        source = text_label(
            shown_uln_source(self.view.settings.uln_source_for(self.protocol)), "help"
        )
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
        t = self.texts
        label = escape(t.criterion_label(c.id))
        name = WrappedLabel(f"<b>{c.id}</b> {label}" if not top else f"<b>{c.id}</b>")
        head.addWidget(name, 1)
        badge = StatusBadge(f"page_status_{c.id}", box)
        badge.setMinimumWidth(110)
        head.addWidget(badge)
        self.badges.append((c.id, badge))
        layout.addLayout(head)
        rendering = t.criterion_text(c.id)
        if rendering != t.registry_text(c.id):  # the criterion in the window's language
            translated = text_label(rendering, "rendering")
            translated.setObjectName(f"rendering_{c.id}")
            layout.addWidget(translated)
        # The registry's own words, verbatim in English (the role marks them as such).
        verbatim = text_label(display.verbatim(c.text), "verbatim")
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
        explanation = text_label("", "help")
        explanation.setObjectName(f"explain_{c.id}")
        layout.addWidget(explanation)
        self.explanations[c.id] = explanation
        # Asked here unless an earlier page (or block of this page) asks it: see core.pages.
        own = [f for f in c.fields if f not in self.rows and self.page_of_field.get(f) == index]
        elsewhere = [f for f in c.fields if f not in own]
        if elsewhere:
            names = list_separator().join(t.field_label(f) for f in elsewhere)
            layout.addWidget(
                text_label(
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
        layout.addWidget(self.view.notes_editor.comment_box(c.id, box))
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
        editor.describe(self.texts.field_label(field.id), self.texts.field_help(field.id))
        editor.changed.connect(lambda fid=field.id: self.view.edited(fid))
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
            editor = make_editor(field, holder, self.unit_fields, self.texts)
            top = QHBoxLayout()
            top.addWidget(editor.widget)
            unit = field.unit
            if unit and not entry_units(field):  # else the editor offers its units itself
                unit_label = QLabel(self.texts.unit(unit))
                unit_label.setObjectName(f"unit_{fid}")
                top.addWidget(unit_label)
            if field.unit_field:
                unit_field = self.protocol.field_map[field.unit_field]
                unit_editor = make_editor(unit_field, holder, self.unit_fields, self.texts)
                top.addWidget(unit_editor.widget)
                self._register(unit_field, unit_editor, None, index, page)
            top.addStretch(1)
            line.addLayout(top)
            row = self._register(field, editor, holder, index, page)
            line.addWidget(row.hint)
            if field.help:
                line.addWidget(text_label(self.texts.field_help(fid), "help"))
            if field.type == "integer" and field.choices:  # a scale: show every grade's text
                scale = text_label("", "help")
                scale.setObjectName(f"scale_{fid}")
                scale.setTextFormat(Qt.TextFormat.RichText)
                self.scales[fid] = scale
                line.addWidget(scale)
            line.addWidget(row.error)
            label = WrappedLabel(self.texts.field_label(fid))
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
        # The same column widths in every lab table, so Test/Value/ULN line up down a page.
        metrics = self.view.fontMetrics()
        tests = [
            self.texts.field_label(r.value)
            for c in self.protocol.all_criteria
            for r in iter_rules(c.rule)
            if isinstance(r, UlnRule)
        ]
        grid.setColumnMinimumWidth(0, max(map(metrics.horizontalAdvance, tests), default=0) + 12)
        grid.setColumnMinimumWidth(4, metrics.horizontalAdvance("(ratio)") + 48)
        grid.setColumnMinimumWidth(5, 56)
        r = 1
        unit_done: set[str] = set()
        for rule in labs:
            value_field = self.protocol.field_map[rule.value]
            uln_field = self.protocol.field_map[rule.uln]
            value_editor = make_editor(value_field, self.view, self.unit_fields, self.texts)
            uln_editor = make_editor(uln_field, self.view, self.unit_fields, self.texts)
            label = QLabel(self.texts.field_label(value_field.id))
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
                unit_editor = make_editor(unit_field, self.view, self.unit_fields, self.texts)
                grid.addWidget(unit_editor.widget, r, 4)
                unit_row = self._register(unit_field, unit_editor, None, index, page)
                unit_done.add(unit_field.id)
            else:
                unit_label = QLabel(
                    self.texts.unit(value_field.unit)
                    if value_field.unit
                    else QCoreApplication.translate("AssessmentView", "(ratio)")
                )
                unit_label.setObjectName(f"unit_{rule.value}")
                grid.addWidget(unit_label, r, 4)
            key = rule.derived or rule.value
            multiple = text_label("—", "derived", wrap=False)
            multiple.setObjectName(f"derived_{key}")
            multiple.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            multiple.setMinimumWidth(48)
            grid.addWidget(multiple, r, 5)
            self.derived_labels[key] = multiple
            note = text_label("", None)
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
        line.addWidget(QLabel(f"{self.texts.derived_label(key)}{label_separator().rstrip()}"))
        value = text_label("—", "derived", wrap=False)
        value.setObjectName(f"derived_{key}")
        line.addWidget(value)
        unit = getattr(d, "unit", "")
        if unit:
            line.addWidget(QLabel(self.texts.unit(unit)))
        note = text_label("", "help")
        note.setObjectName(f"derived_note_{key}")
        line.addWidget(note, 1)
        self.derived_labels[key] = value
        self.derived_notes[key] = note
        if isinstance(d, CreatinineClearanceDerived):
            method = text_label("", "help", wrap=False)
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
        tree = self.view.navigator
        bold = QFont(tree.font())  # the status column's words, bold as on a badge
        bold.setBold(True)
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
            self._nav_status(c.id, item, bold)
            for sub in c.subcriteria:
                child = self._navigator_item(sub)
                item.addChild(child)
                self._nav_status(sub.id, child, bold)
            item.setExpanded(True)
        summary = QTreeWidgetItem(
            [QCoreApplication.translate("AssessmentView", "Summary and verdict"), ""]
        )
        summary.setData(0, Qt.ItemDataRole.UserRole, ("page", len(self.pages) - 1))
        tree.addTopLevelItem(summary)
        tree.setColumnWidth(0, 250)
        tree.setColumnWidth(1, 100)

    def _navigator_item(self, c: Criterion) -> QTreeWidgetItem:
        label = self.texts.criterion_label(c.id)
        item = QTreeWidgetItem([f"{c.id}  {label}", ""])
        item.setToolTip(0, label)
        item.setData(0, Qt.ItemDataRole.UserRole, ("criterion", c.id))
        return item

    def _nav_status(self, cid: str, item: QTreeWidgetItem, bold: QFont) -> None:
        status_cell(item, bold)
        show_status(item, "unknown")
        self.nav_items[cid] = item


def _focusable_in_layout(layout: QLayout) -> list[QWidget]:
    """The widgets Tab can stop at, in the order the layout places them."""
    found: list[QWidget] = []
    for i in range(layout.count()):
        item = layout.itemAt(i)
        widget = item.widget() if item is not None else None
        inner = item.layout() if item is not None else None
        if widget is not None:
            own = widget.layout()
            if own is not None:
                found.extend(_focusable_in_layout(own))
            elif widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
                found.append(widget)
        elif inner is not None:
            found.extend(_focusable_in_layout(inner))
    return found


def order_tabs_as_laid_out(body: QWidget) -> None:
    """Tab visits a page's inputs and buttons where they sit (top to bottom, left to right),
    not in the order they happened to be created (a button made first would come last)."""
    layout = body.layout()
    if layout is None:
        return
    widgets = _focusable_in_layout(layout)
    for first, second in pairwise(widgets):
        QWidget.setTabOrder(first, second)
