"""The look that carries meaning: status colours, message roles, banners, chosen answers, focus.

Style sheets, but never one for the whole application: once an application has a style sheet,
Qt draws and polishes *every* widget through its style-sheet style, and that alone was a
seventh of the wait until a new screening accepts keystrokes (measured: about 30 ms of 200).
So each widget that needs a rule gets only its own small sheet (a badge, a box of protocol text,
the record banner, a choice button), a message line only its palette's text colour, and one small
frame draws the focus ring around whichever widget has the focus (:func:`follow_focus`). The
widgets keep their ``status``, ``role`` and ``banner`` properties, which tests and screen readers
read.

Plain text and duck-typed widgets: no Qt import at the top, so the first frame waits for
nothing here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication, QWidget

#: A status badge's colours (background, text, border) by its ``status`` property.
_BADGE_COLOURS: Final = {
    "met": ("#dff3e0", "#11561a", "#7cbf83"),
    "absent": ("#dff3e0", "#11561a", "#7cbf83"),
    "eligible": ("#dff3e0", "#11561a", "#7cbf83"),
    "not_met": ("#fbe0df", "#8a1111", "#e08a86"),
    "present": ("#fbe0df", "#8a1111", "#e08a86"),
    "not_eligible": ("#fbe0df", "#8a1111", "#e08a86"),
    "unknown": ("#fff4d6", "#6b4b00", "#d9b85c"),
    "incomplete": ("#fff4d6", "#6b4b00", "#d9b85c"),
    "not_applicable": ("#eeeeee", "#444444", "#b0b0b0"),
}


def badge_colours(status: str) -> tuple[str, str, str] | None:
    """A status's (background, text, border) colours, as its badge shows them."""
    return _BADGE_COLOURS.get(status)


def badge_sheet(status: str) -> str:
    """One badge's rule for ``status``: one short rule, as Qt parses every widget's sheet anew
    (a sheet with every status, on each of the forty badges, was a tenth of the styling)."""
    colours = _BADGE_COLOURS.get(status)
    shape = "border-radius: 4px; padding: 1px 6px; font-weight: 600;"
    if colours is None:
        return f"QLabel {{ {shape} }}"
    background, text, border = colours
    return (
        f"QLabel {{ {shape} background: {background}; color: {text}; border: 1px solid {border}; }}"
    )


#: The text colour of a line by its ``role`` property: a problem, a warning, help, quoted
#: protocol text (its rendering), as Qt's palette colour for text (no style sheet: Qt parses a
#: widget's sheet anew for each widget, and twenty lines with one were 2% of the start-up's work).
ROLE_COLOURS: Final = {
    "error": "#a30f0f",
    "warning": "#7a5300",
    "help": "#555555",
    "verbatim": "#222222",
    "rendering": "#111111",
}
#: The roles drawn as a box: quoted protocol text and its rendering (a sheet draws the box).
_BOX: Final = "QLabel {{ background: #f4f6f9; border-left: 4px solid {}; padding: 6px 8px; }}"
ROLE_SHEETS: Final = {"verbatim": _BOX.format("#8aa1c1"), "rendering": _BOX.format("#2f5d8a")}
#: The role whose text is semi-bold: a value worked out from the answers.
BOLD_ROLE: Final = "derived"

#: The record banner's box and its labels, by their ``banner`` property.
BANNER: Final = """
QFrame#record_banner_box { border-radius: 4px; }
QFrame#record_banner_box[banner="valid"] { background: #dff3e0; border: 1px solid #7cbf83; }
QFrame#record_banner_box[banner="untrusted"], QFrame#record_banner_box[banner="draft"],
QFrame#record_banner_box[banner="amending"], QFrame#record_banner_box[banner="superseded"] {
    background: #fff4d6; border: 1px solid #d9b85c; }
QFrame#record_banner_box[banner="superseded"] { border: 2px solid #c99a1e; }
QFrame#record_banner_box[banner="broken_chain"] { background: #fde3d0; border: 2px solid #c4561d; }
QFrame#record_banner_box[banner="invalid"] { background: #fbe0df; border: 2px solid #c0392b; }
QLabel[banner="valid"] { color: #11561a; }
QLabel[banner="untrusted"], QLabel[banner="draft"], QLabel[banner="amending"],
QLabel[banner="superseded"] { color: #4d3600; }
QLabel[banner="broken_chain"] { color: #6e2800; }
QLabel[banner="invalid"] { color: #8a1111; }
QScrollArea#record_changes_scroll, QScrollArea#record_changes_scroll > QWidget {
    background: transparent; }
"""

#: A choice button (yes/no and the like) that is the chosen answer.
CHOSEN: Final = """
QPushButton:checked { background: #2f5d8a; color: #ffffff; font-weight: 600;
    border: 1px solid #1f3f60; border-radius: 3px; padding: 3px 10px; }
"""

#: The focus ring's colour: amber, apart from every status colour (nkscreen.ui.focus_ring).
FOCUS_COLOUR: Final = "#e0a100"
#: The application property saying the focus ring follows the focus already.
_RING_FOLLOWS: Final = "nkscreen_focus_ring"


def set_role(widget: QWidget, role: str) -> None:
    """Show ``widget`` (a label) as a line of that ``role`` ("" for plain text): its text
    colour, its box for quoted protocol text, semi-bold for a worked-out value."""
    from PySide6.QtGui import QColor, QFont, QPalette

    old = widget.property("role") or ""
    if old == role:
        return
    widget.setProperty("role", role)
    sheet = ROLE_SHEETS.get(role, "")
    if widget.styleSheet() != sheet:
        widget.setStyleSheet(sheet)
    colour = ROLE_COLOURS.get(role)
    if colour is not None:
        palette = widget.palette()
        # Text too: a selectable label draws through a text document, which takes it when
        # disabled (a sheet's colour covered both).
        for part in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text):
            palette.setColor(part, QColor(colour))
        widget.setPalette(palette)
    elif old in ROLE_COLOURS:
        widget.setPalette(QPalette())  # the parent's again
    if BOLD_ROLE in (role, old):
        font = widget.font()
        font.setWeight(QFont.Weight.DemiBold if role == BOLD_ROLE else QFont.Weight.Normal)
        widget.setFont(font)


def repolish(widget: QWidget) -> None:
    """Apply a changed property to the widget's rules, if it is styled already (one not shown
    yet is styled when it first is: touching its QStyle from Python costs milliseconds the
    first time)."""
    from PySide6.QtCore import Qt

    if widget.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
        widget.style().unpolish(widget)
        widget.style().polish(widget)


def follow_focus(app: QApplication) -> None:
    """The focus ring around the field or button that has the keyboard focus (once per
    application; nkscreen.ui.focus_ring, loaded when the focus first moves)."""
    if not app.property(_RING_FOLLOWS):
        app.setProperty(_RING_FOLLOWS, True)
        app.focusChanged.connect(_focus_moved)


def _focus_moved(old: QWidget | None, new: QWidget | None) -> None:
    from nkscreen.ui.focus_ring import ring_around

    ring_around(new)


__all__ = [
    "BANNER",
    "BOLD_ROLE",
    "CHOSEN",
    "FOCUS_COLOUR",
    "ROLE_COLOURS",
    "ROLE_SHEETS",
    "badge_colours",
    "badge_sheet",
    "follow_focus",
    "repolish",
    "set_role",
]
