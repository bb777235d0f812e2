"""A wrapped label's remembered heights are always those a plain QLabel would give."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from nkscreen.ui.style import set_role
from nkscreen.ui.wrapped_label import WrappedLabel

pytestmark = pytest.mark.gui

LONG = "Day of the first NK cell infusion: every washout window is counted back from it. " * 3
WIDTHS = (80, 125, 266, 378, 544, 125, 80)


def plain(text: str, label: WrappedLabel) -> QLabel:
    """A QLabel as ``label`` is now: same text, font and style sheet."""
    other = QLabel(text)
    other.setWordWrap(True)
    set_role(other, label.property("role") or "")
    other.setFont(label.font())
    other.ensurePolished()
    return other


def heights(label: QLabel) -> list[int]:
    return [label.heightForWidth(width) for width in WIDTHS]


def test_heights_match_a_plain_label_and_follow_the_text(qtbot):
    label = WrappedLabel(LONG)
    qtbot.addWidget(label)
    label.ensurePolished()
    first = heights(label)
    assert first == heights(plain(LONG, label))
    assert first[0] > first[4]  # narrower is taller: the text really wraps
    label.setText("Sex")
    assert heights(label) == heights(plain("Sex", label))
    assert heights(label) != first


def test_a_bigger_font_or_a_new_style_is_measured_again(qtbot):
    label = WrappedLabel(LONG)
    qtbot.addWidget(label)
    label.ensurePolished()
    before = heights(label)
    font = label.font()
    font.setPointSizeF(font.pointSizeF() * 2)
    label.setFont(font)
    after = heights(label)
    assert after == heights(plain(LONG, label))
    assert after[2] > before[2]
    set_role(label, "verbatim")  # a style sheet with a border and padding: a new height
    label.ensurePolished()
    assert heights(label) == heights(plain(LONG, label))


def test_it_wraps_from_the_start(qtbot):
    label = WrappedLabel("x")
    qtbot.addWidget(label)
    assert label.wordWrap()
    assert label.hasHeightForWidth()
