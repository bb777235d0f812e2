"""The main window's menus: every action with its shortcut, so the menus list every key.

Shortcuts are given as text ("Ctrl+N": Qt maps Ctrl to Cmd on macOS) rather than
QKeySequence.StandardKey, whose large enum costs tens of milliseconds the first time it is
touched (see nkscreen.ui.main_window). Each action waits for the deferred start-up first, so a
shortcut pressed during the first instant still works.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from nkscreen.ui.main_window import MainWindow

Entry = tuple[str, str, str | None, Callable[[], object]]


def menu_action(window: MainWindow, entry: Entry) -> QAction:
    """The action of one entry, also ``window.<its object name>``."""
    name, text, shortcut, slot = entry
    action = QAction(text, window)
    action.setObjectName(name)
    if shortcut is not None:
        action.setShortcut(shortcut)

    def run() -> None:  # a shortcut pressed during the first instant waits for the load
        window.finish_startup()
        slot()

    action.triggered.connect(run)
    window.addAction(action)
    setattr(window, name, action)
    return action


def _add(window: MainWindow, menu: QMenu, groups: list[list[Entry]]) -> None:
    for index, group in enumerate(groups):
        if index:
            menu.addSeparator()
        for entry in group:
            menu.addAction(menu_action(window, entry))


def build_menus(window: MainWindow) -> None:
    """File, Go and Help; each action is also ``window.<its object name>``."""
    w = window
    bar = w.menuBar()
    file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
    _add(
        w,
        file_menu,
        [
            [
                (
                    "action_new",
                    QCoreApplication.translate("MainWindow", "&New assessment"),
                    "Ctrl+N",
                    w.new_screening,
                ),
                (
                    "action_open",
                    QCoreApplication.translate("MainWindow", "&Open record file…"),
                    "Ctrl+O",
                    w.open_record_file,
                ),
                (
                    "action_import_case",
                    QCoreApplication.translate("MainWindow", "&Import case file…"),
                    "Ctrl+I",
                    w.import_case,
                ),
                (
                    "action_home",
                    QCoreApplication.translate("MainWindow", "&Home"),
                    "Ctrl+H",
                    w.show_home,
                ),
            ],
            [
                (
                    "action_save",
                    QCoreApplication.translate("MainWindow", "&Save"),
                    "Ctrl+S",
                    w.save_record,
                ),
                (
                    "action_sign",
                    QCoreApplication.translate("MainWindow", "Si&gn…"),
                    "Ctrl+Shift+S",
                    w.sign_record,
                ),
                (
                    "action_amend",
                    QCoreApplication.translate("MainWindow", "&Amend signed record…"),
                    "Ctrl+Shift+A",
                    w.amend_record,
                ),
            ],
            [
                (
                    "action_print",
                    QCoreApplication.translate("MainWindow", "&Print…"),
                    "Ctrl+P",
                    lambda: w.print_summary("print"),
                ),
                (
                    "action_print_preview",
                    QCoreApplication.translate("MainWindow", "Print pre&view…"),
                    "Ctrl+Shift+P",
                    lambda: w.print_summary("preview"),
                ),
                (
                    "action_export_pdf",
                    QCoreApplication.translate("MainWindow", "&Export PDF…"),
                    "Ctrl+E",
                    lambda: w.print_summary("pdf"),
                ),
            ],
        ],
    )
    from nkscreen.ui.export_menu import add_export_menu

    add_export_menu(w, file_menu)  # File > Export: REDCap, FHIR, the screening log
    file_menu.addSeparator()
    _add(
        w,
        file_menu,
        [
            [
                (
                    "action_preferences",
                    QCoreApplication.translate("MainWindow", "&Preferences…"),
                    "Ctrl+,",
                    w.open_preferences,
                ),
            ],
            [("action_quit", QCoreApplication.translate("MainWindow", "&Quit"), "Ctrl+Q", w.close)],
        ],
    )
    # not &Navigate: Alt+N is "next page"
    nav = bar.addMenu(QCoreApplication.translate("MainWindow", "&Go"))
    _add(
        w,
        nav,
        [
            [
                (
                    "action_next",
                    QCoreApplication.translate("MainWindow", "&Next page"),
                    "Alt+N",
                    lambda: w.assessment.go_next(),
                ),
                (
                    "action_back",
                    QCoreApplication.translate("MainWindow", "&Back"),
                    "Alt+B",
                    lambda: w.assessment.go_back(),
                ),
                (
                    "action_summary",
                    QCoreApplication.translate("MainWindow", "&Summary"),
                    "Ctrl+Return",
                    w.show_summary,
                ),
                (
                    "action_navigator",
                    QCoreApplication.translate("MainWindow", "Go to the criteria &list"),
                    "F6",
                    lambda: w.assessment.navigator.setFocus(),
                ),
            ]
        ],
    )
    nav.addSeparator()
    enter = nav.addAction(QCoreApplication.translate("MainWindow", "Enter in a field: next page"))
    enter.setEnabled(False)
    help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
    about = (
        "action_about",
        QCoreApplication.translate("MainWindow", "&About nkscreen"),
        None,
        w.show_about,
    )
    help_menu.addAction(menu_action(w, about))


__all__ = ["build_menus"]
