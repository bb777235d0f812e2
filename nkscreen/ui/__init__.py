"""The PySide6 user interface: a thin layer that binds widgets to the Qt-free core."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from PySide6.QtWidgets import QMainWindow


def build_window(data_dir: Path) -> QMainWindow:
    """The main window, built without entering the event loop (a QApplication must exist)."""
    from nkscreen.ui.main_window import MainWindow

    return MainWindow(data_dir)
