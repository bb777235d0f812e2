"""Starting the desktop app: QApplication, translators, the main window, the event loop.

An unexpected error is shown in a dialog and logged, never dumped as a traceback in the
clinician's face; what is already saved stays untouched.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from types import TracebackType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtCore import QCoreApplication

    from nkscreen.ui.main_window import MainWindow


def _install_excepthook() -> None:
    from PySide6.QtWidgets import QApplication

    def hook(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        # (reached here: the first touch of a Qt class makes its enums, QMessageBox's 44 members)
        from PySide6.QtWidgets import QMessageBox

        from nkscreen.logs import log_internal_error

        log_internal_error(kind, tb, "nkscreen.ui")
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


def window_language(data_dir: Path, option: str | None = None) -> str:
    """The window's language: ``--lang``, ``NKSCREEN_LANG``, Preferences, then the computer's
    locale (see nkscreen.language). Raises UnknownLanguageError for an explicit unknown one."""
    from PySide6.QtCore import QLocale

    from nkscreen import language, paths

    return language.resolve(
        option=option,
        environment=paths.language_from_environment(),
        preference=language.preference_in(paths.settings_file(data_dir)),
        system=QLocale.system().name(),
    )


def _skip_feature_scan() -> None:
    """Stop PySide6 reading the source of every module imported after it.

    Since PySide6 6.4 (PYSIDE-2029) an import hook searches each newly imported module's
    source for "PySide6", to know which modules may use ``from __feature__ import
    snake_case`` or ``true_property``: about 0.15 ms a module, 14 ms of nkscreen's start-up
    (measured on the installed app; a frozen app has no source to read). nkscreen uses no
    feature: a module left unmarked is one without features, as PySide treats it. The hook
    reads ``feature_imported`` from its module at each import, so replacing it is enough;
    a PySide6 without it is left alone.
    """
    feature = sys.modules.get("shibokensupport.feature")
    if feature is not None and callable(getattr(feature, "feature_imported", None)):
        setattr(feature, "feature_imported", _no_feature_scan)  # noqa: B010 - a module we do not type


def _no_feature_scan(module: object) -> None:
    return None


def run_app(data_dir: str | None, language: str | None = None) -> int:
    """Show the window first, then load: the first frame is not held up by the protocol,
    the records layer or the wizard (they follow right after it, see MainWindow).

    ``language``: the ``--lang`` option, if given (already checked by the command line)."""
    import gc

    # No cyclic garbage collection until the window is usable: start-up makes a few hundred
    # thousand objects that nearly all stay alive, and the collector would walk them again and
    # again (6 ms). It is back right after (the last task queued below), see
    # _collect_from_now_on.
    gc.disable()
    from PySide6.QtCore import QTimer

    _skip_feature_scan()
    from PySide6.QtWidgets import QApplication

    from nkscreen import paths
    from nkscreen.ui.i18n import install_language
    from nkscreen.ui.icons import app_icon
    from nkscreen.ui.main_window import MainWindow
    from nkscreen.ui.platform_guard import new_application

    # nkscreen uses no pydantic plugins; looking for them reads every installed package's
    # metadata when the first schema is built (a twentieth of a second at start).
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    QApplication.setApplicationName("nkscreen")
    QApplication.setOrganizationName("nkscreen")
    # Wayland docks match windows to packaging/nkscreen.desktop by this name (X11: WM_CLASS).
    QApplication.setDesktopFileName("nkscreen")
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else new_application(sys.argv)
    folder = Path(paths.data_dir(data_dir))
    # Before the first widget: every text is made in the language it is shown in.
    install_language(app, window_language(folder, language))
    _install_excepthook()
    window = MainWindow(folder, deferred=True)
    window.show()
    # Its first frame drawn now: the paint is a posted event, and the loading queued below
    # would otherwise run first, leaving the window blank until all of it is done.
    app.processEvents()
    probe = paths.startup_probe()  # NKSCREEN_STARTUP_PROBE (see nkscreen.paths)
    if probe:
        quit_now = probe in ("1", "shown")
        QTimer.singleShot(0, lambda: _report_startup(app, "shown", quit_app=quit_now))
    # After the first frame: menus, icon, then protocol, records and wizard.
    # The bundled fonts are registered by the first printout (nkscreen.report.render).
    QTimer.singleShot(0, window.build_menus)
    QTimer.singleShot(0, lambda: app.setWindowIcon(app_icon()))
    QTimer.singleShot(0, window.finish_startup)
    if probe == "ready":  # benchmarks and tests: usable, with no error on the way
        QTimer.singleShot(0, lambda: _report_ready(app, window))
    QTimer.singleShot(0, _collect_from_now_on)
    return int(app.exec())


#: How long after the window is usable start-up's objects stay out of the collector's sight.
GC_SET_ASIDE_MS = 2000


def _collect_from_now_on() -> None:
    """The cyclic collector back, with what start-up made set aside for a moment (gc.freeze):
    its first collections would otherwise walk all of it again while the first page is drawn
    (9 ms). Given back (gc.unfreeze) once the window has been usable for a while, to the
    oldest generation, which the collector walks seldom: start-up's leftovers, and the blank
    screening's view once another replaces it, are then freed as any garbage is."""
    import gc

    from PySide6.QtCore import QTimer

    gc.freeze()
    gc.enable()
    QTimer.singleShot(GC_SET_ASIDE_MS, gc.unfreeze)


#: "shown" (or "1"): report the first frame and quit; "ready" (benchmarks/bench_startup.py, the
#: start-up tests): report the first frame, then *ready* (menus built, records listed, a new
#: screening open with a field focused, as after Ctrl+N) and quit.
STARTUP_PROBE_ENV = "NKSCREEN_STARTUP_PROBE"


def _report_startup(app: QCoreApplication, what: str, *, quit_app: bool = True) -> None:
    import resource

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"startup-probe {what} peak_kib={peak_kib}", flush=True)
    if quit_app:
        app.quit()


def _report_ready(app: QCoreApplication, window: MainWindow) -> None:
    """What a user does first: a new screening, typing into its first field."""
    from PySide6.QtWidgets import QApplication

    window.activateWindow()
    window.new_assessment()
    QApplication.processEvents()
    focus = QApplication.focusWidget()
    typing = focus.objectName() if focus is not None else "-"
    _report_startup(app, f"ready {window.windowTitle()} focus={typing}")
