"""The main window: a home view and the wizard for one assessment, with menus that list every
keyboard shortcut.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QSize
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from nkscreen import __version__
from nkscreen.core.casefile import CaseFileError, read_case
from nkscreen.core.protocol import Protocol, ProtocolError, builtin_protocol
from nkscreen.settings import SettingsError, SiteSettings, example_settings, load_settings
from nkscreen.settings import settings_file as site_settings_file
from nkscreen.ui import dialogs
from nkscreen.ui.assessment_view import AssessmentView
from nkscreen.ui.home_view import HomeView
from nkscreen.ui.status_badge import STYLE

DEFAULT_PROTOCOL = "NCT06641648"


class MainWindow(QMainWindow):
    def __init__(self, data_dir: Path, protocol: Protocol | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.data_dir = data_dir
        self.protocol = protocol or builtin_protocol(DEFAULT_PROTOCOL)
        self.settings_path = site_settings_file(data_dir)
        self.settings, settings_problem = self._load_settings()
        self.setWindowTitle(f"nkscreen {__version__} · {self.protocol.id}")
        self.setStyleSheet(STYLE)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomeView(self.protocol.title, self)
        self.home.new_requested.connect(self.new_assessment)
        self.home.import_requested.connect(self.import_case)
        self.stack.addWidget(self.home)
        self.assessment = self._make_assessment()
        self._build_menus()
        self.resize(QSize(1240, 780))
        self.show_home()
        if settings_problem:
            self.statusBar().showMessage(settings_problem)

    def _load_settings(self) -> tuple[SiteSettings, str]:
        try:
            return load_settings(self.settings_path), ""
        except SettingsError as exc:
            message = QCoreApplication.translate(
                "MainWindow", "Site settings could not be read (%s); example ranges are in use."
            )
            return example_settings(), message % exc

    def _make_assessment(self) -> AssessmentView:
        view = AssessmentView(self.protocol, self.settings, self)
        self.stack.addWidget(view)
        return view

    def _action(
        self, name: str, text: str, shortcut: str | QKeySequence.StandardKey | None, slot: object
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.action_new = self._action(
            "action_new",
            QCoreApplication.translate("MainWindow", "&New assessment"),
            QKeySequence.StandardKey.New,
            self.new_assessment,
        )
        self.action_import_case = self._action(
            "action_import_case",
            QCoreApplication.translate("MainWindow", "&Import case file…"),
            "Ctrl+I",
            self.import_case,
        )
        self.action_home = self._action(
            "action_home",
            QCoreApplication.translate("MainWindow", "&Home"),
            "Ctrl+H",
            self.show_home,
        )
        self.action_preferences = self._action(
            "action_preferences",
            QCoreApplication.translate("MainWindow", "&Preferences…"),
            "Ctrl+,",
            self.open_preferences,
        )
        self.action_quit = self._action(
            "action_quit",
            QCoreApplication.translate("MainWindow", "&Quit"),
            QKeySequence.StandardKey.Quit,
            self.close,
        )
        for action in (self.action_new, self.action_import_case, self.action_home):
            file_menu.addAction(action)
        file_menu.addSeparator()
        file_menu.addAction(self.action_preferences)
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        nav = bar.addMenu(
            QCoreApplication.translate("MainWindow", "&Go")
        )  # not &Navigate: Alt+N is "next page"
        self.action_next = self._action(
            "action_next",
            QCoreApplication.translate("MainWindow", "&Next page"),
            "Alt+N",
            lambda: self.assessment.go_next(),
        )
        self.action_back = self._action(
            "action_back",
            QCoreApplication.translate("MainWindow", "&Back"),
            "Alt+B",
            lambda: self.assessment.go_back(),
        )
        self.action_summary = self._action(
            "action_summary",
            QCoreApplication.translate("MainWindow", "&Summary"),
            "Ctrl+Return",
            lambda: self._show_summary(),
        )
        self.action_navigator = self._action(
            "action_navigator",
            QCoreApplication.translate("MainWindow", "Go to the criteria &list"),
            "F6",
            lambda: self.assessment.navigator.setFocus(),
        )
        for action in (
            self.action_next,
            self.action_back,
            self.action_summary,
            self.action_navigator,
        ):
            nav.addAction(action)
        nav.addSeparator()
        enter = nav.addAction(
            QCoreApplication.translate("MainWindow", "Enter in a field: next page")
        )
        enter.setEnabled(False)
        help_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&Help"))
        about = self._action(
            "action_about",
            QCoreApplication.translate("MainWindow", "&About nkscreen"),
            None,
            self.show_about,
        )
        help_menu.addAction(about)

    # --- actions ----------------------------------------------------------------------------

    def show_home(self) -> None:
        self.stack.setCurrentWidget(self.home)

    def _show_summary(self) -> None:
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_summary()

    def new_assessment(self) -> None:
        """A fresh assessment (the prepared blank one if it is still untouched)."""
        if self.assessment.answers():
            old = self.assessment
            self.assessment = self._make_assessment()
            self.stack.removeWidget(old)
            old.deleteLater()
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_page(0)

    def import_case(self) -> None:
        path = dialogs.ask_case_file(self)
        if not path:
            return
        try:
            case = read_case(path)
            protocol = case.protocol
        except CaseFileError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot import the case file"),
                str(exc.message),
            )
            return
        except ProtocolError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot import the case file"),
                str(exc),
            )
            return
        if protocol.id != self.protocol.id:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot import the case file"),
                QCoreApplication.translate(
                    "MainWindow", "The case is for protocol %s; this window screens for %s."
                )
                % (protocol.id, self.protocol.id),
            )
            return
        self.new_assessment()
        self.assessment.load_answers(case.answers)
        self.assessment.go_to_summary()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Imported %s") % path, 8000
        )

    def open_preferences(self) -> None:
        from nkscreen.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(self.settings, self.settings_path, self.protocol, self)
        if dialog.exec():
            self.settings = dialog.saved_settings
            self.assessment.settings = self.settings
            self.assessment.refresh()

    def show_about(self) -> None:
        dialogs.show_about(
            self,
            QCoreApplication.translate(
                "MainWindow",
                "nkscreen %s\nOffline eligibility screening for %s.\nProtocol file sha256: %s",
            )
            % (__version__, self.protocol.id, self.protocol.source_sha256[:16]),
        )


def application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


__all__ = ["MainWindow"]
