"""Starting the desktop app: QApplication, the main window, the event loop."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(data_dir: str | None) -> int:
    from PySide6.QtWidgets import QApplication

    from nkscreen import paths
    from nkscreen.ui import build_window

    app = QApplication.instance() or QApplication(sys.argv)
    window = build_window(Path(paths.data_dir(data_dir)))
    window.show()
    return int(app.exec())
