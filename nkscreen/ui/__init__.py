"""The PySide6 user interface: a thin layer that binds widgets to the Qt-free core."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pathlib import Path

    from nkscreen.ui.main_window import MainWindow


def build_window(data_dir: Path) -> MainWindow:
    """The main window (a QMainWindow), built without entering the event loop.

    A QApplication must exist. Imports stay inside so ``import nkscreen.ui`` stays cheap.
    """
    from nkscreen.ui.main_window import MainWindow

    return MainWindow(data_dir)
