"""The screener's notes in the wizard: a comment box under each criterion and the
screen-failure reason on the summary page.

:class:`AssessmentNotes` holds the notes of one assessment whether or not a page showing them
has been built yet, makes the boxes when a page asks for them, and says each box's problem
beside it (too long, a control character) as the user types. What a record keeps, and why,
is :mod:`nkscreen.records.notes`.
"""

from __future__ import annotations

from collections.abc import Mapping

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from nkscreen.core.engine import Evaluation
from nkscreen.core.status import Verdict
from nkscreen.records.note_text import MAX_NOTE_CHARS, note_fault
from nkscreen.ui.i18n import label_separator, list_separator, protocol_texts_or_english
from nkscreen.ui.status_badge import badge_text
from nkscreen.ui.style import set_role


def _note_box(name: str, lines: float, parent: QWidget) -> QPlainTextEdit:
    box = QPlainTextEdit(parent)
    box.setObjectName(name)
    box.setTabChangesFocus(True)  # Tab moves on, as everywhere in the wizard
    box.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    height = box.fontMetrics().lineSpacing() * lines + 12
    box.setFixedHeight(int(height))
    return box


def _problem_text(text: str) -> str:
    """Why this note cannot be saved, in words ("" when it can)."""
    fault = note_fault(text.strip())
    if fault is None:
        return ""
    kind, number = fault
    if kind == "too_long":
        too_long = QCoreApplication.translate(
            "NoteProblem", "⚠ %d characters: at most %d are kept. Shorten it."
        )
        return too_long % (number, MAX_NOTE_CHARS)
    control = QCoreApplication.translate(
        "NoteProblem", "⚠ It holds a control character (U+%s): remove it."
    )
    return control % f"{number:04X}"


class CommentBox(QWidget):
    """An optional comment on one criterion, under its section."""

    edited = Signal(str, str)

    def __init__(self, criterion_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.criterion_id = criterion_id
        self.setObjectName(f"comment_box_{criterion_id}")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.setSpacing(2)
        # One line: Enter goes on to the next page here as everywhere in the wizard.
        self.edit = QLineEdit(self)
        self.edit.setObjectName(f"comment_{criterion_id}")
        self.edit.setPlaceholderText(self.tr("Comment on %s (optional)") % criterion_id)
        self.edit.setAccessibleName(self.tr("Comment on %s") % criterion_id)
        self.edit.setToolTip(
            self.tr("Kept in the record, covered by the signature and printed under %s")
            % criterion_id
        )
        self.edit.textChanged.connect(self._changed)
        layout.addWidget(self.edit)
        self.problem = QLabel("", self)
        self.problem.setObjectName(f"comment_error_{criterion_id}")
        set_role(self.problem, "error")
        self.problem.setWordWrap(True)
        self.problem.hide()
        layout.addWidget(self.problem)

    def text(self) -> str:
        return self.edit.text()

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.edit.blockSignals(True)
            self.edit.setText(text)
            self.edit.blockSignals(False)
        self._show_problem()

    def _changed(self) -> None:
        self._show_problem()
        self.edited.emit(self.criterion_id, self.text())

    def _show_problem(self) -> None:
        text = _problem_text(self.text())
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class ReasonBox(QWidget):
    """The screen-failure reason on the summary page: asked for when the verdict is NOT
    ELIGIBLE (with the failed criteria offered as a start), welcome at any time."""

    edited = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("screen_failure_box")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 6, 0, 6)
        layout.setSpacing(3)
        head = QHBoxLayout()
        title = QLabel("<b>{}</b>".format(self.tr("Screen-failure reason")), self)
        head.addWidget(title)
        self.prompt = QLabel("", self)
        self.prompt.setObjectName("screen_failure_prompt")
        self.prompt.setWordWrap(True)
        head.addWidget(self.prompt, 1)
        self.offer = QPushButton(self.tr("Use the failed criteria"), self)
        self.offer.setObjectName("use_failed_criteria")
        self.offer.setToolTip(self.tr("Start the reason from the criteria that failed"))
        self.offer.clicked.connect(self._use_failed)
        head.addWidget(self.offer)
        layout.addLayout(head)
        self.edit = _note_box("screen_failure_reason", 2.5, self)
        self.edit.setAccessibleName(self.tr("Screen-failure reason"))
        self.edit.setPlaceholderText(
            self.tr("Why the screening failed or stopped, in your words (optional)")
        )
        self.edit.textChanged.connect(self._changed)
        layout.addWidget(self.edit)
        self.problem = QLabel("", self)
        self.problem.setObjectName("screen_failure_error")
        set_role(self.problem, "error")
        self.problem.hide()
        layout.addWidget(self.problem)
        self._evaluation: Evaluation | None = None
        self.show_verdict(None)

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        if text != self.text():
            self.edit.blockSignals(True)
            self.edit.setPlainText(text)
            self.edit.blockSignals(False)
        self._show_problem()

    def show_verdict(self, ev: Evaluation | None) -> None:
        """Ask for the reason when the verdict is NOT ELIGIBLE; offer the failed criteria."""
        failing = ev is not None and ev.overall == Verdict.NOT_ELIGIBLE
        self._evaluation = ev
        if failing:
            self.prompt.setText(
                self.tr(
                    "The verdict is NOT ELIGIBLE: say why the screening failed. It is kept in "
                    "the record and printed beside the verdict."
                )
            )
            set_role(self.prompt, "warning")
        else:
            self.prompt.setText(self.tr("Optional: kept in the record and printed."))
            set_role(self.prompt, "help")
        self.offer.setVisible(failing)

    def _failed_criteria(self) -> str:
        """The failed criteria of the evaluation shown, in the window's words."""
        ev = self._evaluation
        if ev is None:
            return ""
        texts, _ = protocol_texts_or_english(ev.protocol)
        return list_separator().join(
            f"{r.id} {texts.criterion_label(r.id)}{label_separator()}{badge_text(r.status)}"
            for r in (ev.criteria[c.id] for c in ev.protocol.criteria)
            if r.status.failing
        )

    def _use_failed(self) -> None:
        current = self.text().strip()
        failed = self._failed_criteria()
        if failed and failed not in current:
            self.edit.setPlainText(f"{current}\n{failed}" if current else failed)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def _changed(self) -> None:
        self._show_problem()
        self.edited.emit(self.text())

    def _show_problem(self) -> None:
        text = _problem_text(self.text())
        self.problem.setText(text)
        self.problem.setVisible(bool(text))


class AssessmentNotes(QObject):
    """The comments and the reason of one assessment, and the boxes that show them."""

    #: A comment or the reason was edited by the user.
    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.comments: dict[str, str] = {}
        self.reason = ""
        self.boxes: dict[str, CommentBox] = {}
        self.reason_box: ReasonBox | None = None
        self._read_only = False

    def comment_box(self, criterion_id: str, parent: QWidget | None = None) -> CommentBox:
        """The comment box of a criterion (made once, when its page is built)."""
        box = CommentBox(criterion_id, parent)
        box.set_text(self.comments.get(criterion_id, ""))
        box.edit.setReadOnly(self._read_only)
        box.edited.connect(self._comment_edited)
        self.boxes[criterion_id] = box
        return box

    def make_reason_box(self, parent: QWidget | None = None) -> ReasonBox:
        box = ReasonBox(parent)
        box.set_text(self.reason)
        box.edit.setReadOnly(self._read_only)
        box.offer.setEnabled(not self._read_only)
        box.edited.connect(self._reason_edited)
        self.reason_box = box
        return box

    def load(self, comments: Mapping[str, str], reason: str) -> None:
        """Show saved notes (a record or a draft reopened); not an edit."""
        self.comments = {cid: text for cid, text in comments.items() if text}
        self.reason = reason
        for cid, box in self.boxes.items():
            box.set_text(self.comments.get(cid, ""))
        if self.reason_box is not None:
            self.reason_box.set_text(reason)

    def set_read_only(self, read_only: bool) -> None:
        """A signed record's notes are shown, never edited (Amend makes a new version)."""
        self._read_only = read_only
        for box in self.boxes.values():
            box.edit.setReadOnly(read_only)
        if self.reason_box is not None:
            self.reason_box.edit.setReadOnly(read_only)
            self.reason_box.offer.setEnabled(not read_only)

    def _comment_edited(self, criterion_id: str, text: str) -> None:
        if text:
            self.comments[criterion_id] = text
        else:
            self.comments.pop(criterion_id, None)
        self.changed.emit()

    def _reason_edited(self, text: str) -> None:
        self.reason = text
        self.changed.emit()


__all__ = ["AssessmentNotes", "CommentBox", "ReasonBox"]
