"""Creating the QApplication, with a useful message when Qt cannot open a window.

When Qt cannot load its platform plugin it aborts (core dump, exit 134) after a message that
misleads: it suggests xcb-cursor0 whatever library is missing, and reads the same when there
is simply no display. Here Qt's messages are held while the QApplication is created; on
Qt's fatal "no platform plugin" message, ``ldd`` tells which system libraries the plugin
lacks, and the app prints the ``apt-get install`` command for them (or says that no display
could be reached) and exits with 1. A normal start pays two ``qInstallMessageHandler`` calls;
the diagnosis is imported only on failure.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QMessageLogContext, QtMsgType
    from PySide6.QtWidgets import QApplication

#: Exit status when no window can be opened (Qt itself would abort with 134).
EXIT_NO_PLATFORM = 1


def new_application(argv: list[str]) -> QApplication:
    """``QApplication(argv)``; on a platform plugin failure, explain and exit instead."""
    from PySide6.QtCore import QtMsgType, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    held: list[tuple[str, str]] = []  # (category, message) while Qt starts up

    def hold(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
        if kind == QtMsgType.QtFatalMsg:
            if "platform plugin" in message:
                _explain_and_exit(held, message)
            _replay([*held, ("default", message)])  # another fatal error: Qt aborts next
            return
        held.append((context.category or "default", message))

    previous = qInstallMessageHandler(hold)
    try:
        app = QApplication(argv)
    finally:
        qInstallMessageHandler(previous)
    _replay(held)  # nothing Qt said at start-up is lost
    return app


def _replay(messages: list[tuple[str, str]]) -> None:
    """Print held messages the way Qt's default handler would have."""
    for category, message in messages:
        prefix = "" if category == "default" else f"{category}: "
        print(f"{prefix}{message}", file=sys.stderr)


def _explain_and_exit(held: list[tuple[str, str]], fatal: str) -> None:
    from PySide6.QtCore import QLibraryInfo

    from nkscreen.ui.platform_failure import explain

    plugins = QLibraryInfo.path(QLibraryInfo.LibraryPath.PluginsPath)
    qt_said = [message for _category, message in held] + [fatal]
    sys.stderr.write(explain(qt_said, plugins, dict(os.environ)) + "\n")
    sys.stderr.flush()
    sys.stdout.flush()
    os._exit(EXIT_NO_PLATFORM)  # from inside Qt's constructor: no unwinding through C++
