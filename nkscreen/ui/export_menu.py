"""File > Export's three entries (REDCap, FHIR, the screening log), built with the menus.

The menus are built on the way to a usable window, the export dialogs when an export starts:
each entry imports :mod:`nkscreen.ui.export_actions` (its questions and the export machinery)
when it is chosen, not when the menu is made.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from PySide6.QtCore import QCoreApplication

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMenu

    from nkscreen.ui.main_window import MainWindow

KINDS: Final = ("redcap", "fhir", "log")


def add_export_menu(window: MainWindow, file_menu: QMenu) -> None:
    """File > Export with its three actions (``action_export_redcap``, ``_fhir``, ``_log``)."""
    from nkscreen.ui.menus import menu_action

    # In export_actions' context, where the export dialogs' own texts are.
    menu = file_menu.addMenu(QCoreApplication.translate("ExportActions", "E&xport"))
    menu.setObjectName("menu_export")
    texts = {
        "redcap": QCoreApplication.translate(
            "ExportActions", "&REDCap (data dictionary and import file)…"
        ),
        "fhir": QCoreApplication.translate("ExportActions", "&FHIR (Questionnaire and responses)…"),
        "log": QCoreApplication.translate("ExportActions", "&Screening log (PDF or CSV)…"),
    }
    for kind in KINDS:

        def run(kind: str = kind) -> None:
            from nkscreen.ui.export_actions import run_export

            run_export(window, kind)

        menu.addAction(menu_action(window, (f"action_export_{kind}", texts[kind], None, run)))


__all__ = ["KINDS", "add_export_menu"]
