"""The look that carries meaning, without an application style sheet (issue 14): status
colours on the badges, the chosen answer, message roles, and the amber focus ring that follows
the keyboard without moving anything."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QPushButton

from nkscreen.ui import focus_ring
from nkscreen.ui.style import FOCUS_COLOUR
from tests.ui.side_panel import side_status, side_text

pytestmark = pytest.mark.gui


def _pixel(widget, x: int, y: int) -> QColor:
    return widget.window().grab().toImage().pixelColor(widget.mapTo(widget.window(), _pt(x, y)))


def _pt(x: int, y: int):
    from PySide6.QtCore import QPoint

    return QPoint(x, y)


def test_no_application_style_sheet(window):
    # One for the whole application would style (and slow) every widget: see nkscreen.ui.style.
    assert QApplication.instance().styleSheet() == ""


def test_the_focus_ring_follows_tab_and_moves_nothing(window, qtbot):
    window.new_assessment()
    view = window.assessment
    view.go_to_page(0)
    first = QApplication.focusWidget()
    assert isinstance(first, QLineEdit)
    ring = focus_ring.ring()
    assert ring is not None
    assert ring.isVisible()
    assert ring.parentWidget() is first
    assert ring.geometry() == first.rect()
    qtbot.waitUntil(lambda: _pixel(first, 0, first.height() // 2) == QColor(FOCUS_COLOUR))
    before = {w: w.geometry() for w in view.pages[0].body.findChildren(QLineEdit)}
    qtbot.keyClick(first, Qt.Key.Key_Tab)
    second = QApplication.focusWidget()
    assert second is not first
    assert focus_ring.ring().parentWidget() is second
    assert {w: w.geometry() for w in before} == before  # nothing moved or resized
    assert _pixel(first, 0, first.height() // 2) != QColor(FOCUS_COLOUR)


def test_the_ring_hides_on_a_widget_that_takes_no_typing(window, qtbot):
    window.new_assessment()
    assert focus_ring.ring() is not None
    window.assessment.navigator.setFocus()
    qtbot.waitUntil(lambda: not focus_ring.ring().isVisible())


def test_badges_and_chosen_answers_keep_their_colours(window, qtbot):
    window.new_assessment()
    view = window.assessment
    view.go_to_criterion("I2")
    badge = window.findChild(QLabel, "page_status_I2")
    yes = next(
        b
        for b in window.findChildren(QPushButton)
        if b.objectName().endswith("__yes") and b.isVisible()
    )
    assert badge.property("status") == "unknown"
    qtbot.mouseClick(yes, Qt.MouseButton.LeftButton)
    assert badge.property("status") == "met"
    qtbot.waitUntil(lambda: _pixel(badge, 4, badge.height() // 2) == QColor("#dff3e0"))
    assert _pixel(yes, yes.width() // 2, 3) == QColor("#2f5d8a")  # the chosen answer
    # The side panel's row says the same, in the same colours (drawn by the view).
    tree = view.navigator
    item = view.wizard.nav_items["I2"]
    assert side_status(window, "I2") == "met"
    assert side_text(window, "I2") == badge.text()
    cell = tree.visualItemRect(item)
    cell.setLeft(tree.header().sectionPosition(1))
    inside = tree.viewport().mapTo(window, cell.topLeft()) + _pt(3, cell.height() // 2)
    qtbot.waitUntil(lambda: window.grab().toImage().pixelColor(inside) == QColor("#dff3e0"))


def test_a_message_role_colours_its_line(window):
    from PySide6.QtGui import QFont, QPalette

    from nkscreen.ui.style import set_role

    label = QLabel("x", window)
    plain = label.palette().color(QPalette.ColorRole.WindowText)
    set_role(label, "error")
    assert label.property("role") == "error"
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#a30f0f")
    assert label.styleSheet() == ""  # a colour needs no sheet (see nkscreen.ui.style)
    set_role(label, "verbatim")  # quoted protocol text: a box
    assert "border-left" in label.styleSheet()
    assert label.palette().color(QPalette.ColorRole.WindowText) == QColor("#222222")
    # selectable text is drawn through a document, which takes Text; disabled too
    disabled = QPalette.ColorGroup.Disabled
    assert label.palette().color(disabled, QPalette.ColorRole.Text) == QColor("#222222")
    set_role(label, "derived")
    assert label.styleSheet() == ""
    assert label.palette().color(QPalette.ColorRole.WindowText) == plain
    assert label.font().weight() == QFont.Weight.DemiBold
    set_role(label, "")
    assert label.property("role") == ""
    assert label.font().weight() == QFont.Weight.Normal
    label.setText("error text drawn in its colour")
    set_role(label, "error")
    label.resize(label.sizeHint())
    image = label.grab().toImage()
    colours = {
        image.pixelColor(x, y).name() for x in range(image.width()) for y in range(image.height())
    }
    assert "#a30f0f" in colours


def test_the_window_draws_png_icons_not_svg(window):
    # An SVG icon loads Qt's SVG module and plugin at start-up (a megabyte); the PNGs are
    # rendered from the SVG sources by packaging/make_icons.py.
    from PySide6.QtCore import QSize
    from PySide6.QtWidgets import QToolButton

    from nkscreen.ui.icons import APP_SIZES, app_icon

    icon = app_icon()
    assert [s.width() for s in icon.availableSizes()] == list(APP_SIZES)
    assert not icon.pixmap(QSize(32, 32)).isNull()
    window.new_assessment()
    pick = next(
        b for b in window.findChildren(QToolButton) if b.objectName().endswith("__calendar")
    )
    assert [s.width() for s in pick.icon().availableSizes()] == [16, 32]
    assert not pick.icon().pixmap(QSize(16, 16)).isNull()


def test_the_protocol_text_can_be_selected_with_the_mouse_and_help_lines_stay_plain(window, qtbot):
    window.new_assessment()
    view = window.assessment
    help_line = window.findChild(QLabel, "hint_screening_id").parentWidget().findChildren(QLabel)
    plain = [label for label in help_line if label.property("role") == "help"]
    assert plain
    selectable = Qt.TextInteractionFlag.TextSelectableByMouse
    assert not any(label.textInteractionFlags() & selectable for label in plain)
    view.go_to_criterion("E9")
    verbatim = window.findChild(QLabel, "verbatim_E9")
    qtbot.waitUntil(verbatim.isVisible)
    assert not verbatim.hasSelectedText()
    left = verbatim.contentsRect().topLeft() + _pt(12, 10)
    right = verbatim.contentsRect().topLeft() + _pt(160, 10)
    qtbot.mousePress(verbatim, Qt.MouseButton.LeftButton, pos=left)
    qtbot.mouseMove(verbatim, right)
    qtbot.mouseRelease(verbatim, Qt.MouseButton.LeftButton, pos=right)
    assert verbatim.hasSelectedText()
    assert verbatim.selectedText() in verbatim.text()
