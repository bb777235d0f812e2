"""Starting the desktop app: QApplication, translators, the main window, the event loop.

An unexpected error is shown in a dialog and logged, never dumped as a traceback in the
clinician's face; what is already saved stays untouched.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

log = logging.getLogger("nkscreen")


def _install_excepthook() -> None:
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        log.error("unexpected error:\n%s", "".join(traceback.format_exception(kind, error, tb)))
        if QApplication.instance() is not None:
            QMessageBox.critical(
                None,
                "nkscreen",
                QApplication.translate(
                    "App",
                    "Something went wrong: %s\nYour saved assessments are not affected. "
                    "Please tell your nkscreen administrator.",
                )
                % error,
            )

    sys.excepthook = hook


def run_app(data_dir: str | None) -> int:
    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QApplication

    from nkscreen import paths
    from nkscreen.resources import resource_path
    from nkscreen.ui import build_window
    from nkscreen.ui.i18n import install_translators

    QApplication.setApplicationName("nkscreen")
    QApplication.setOrganizationName("nkscreen")
    # Wayland docks match windows to packaging/nkscreen.desktop by this name (X11: WM_CLASS).
    QApplication.setDesktopFileName("nkscreen")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setWindowIcon(QIcon(str(resource_path("icons", "nkscreen.svg"))))
    install_translators(app)
    from nkscreen.report.fonts import register_fonts

    register_fonts()  # bundled fonts: a machine without them must not print blank PDFs
    _install_excepthook()
    window = build_window(Path(paths.data_dir(data_dir)))
    window.show()
    return int(app.exec())
