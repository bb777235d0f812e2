"""The main window: a home view and the wizard for one assessment, with menus that list every
keyboard shortcut.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QStackedWidget

from nkscreen import __version__
from nkscreen.ui import dialogs
from nkscreen.ui.home_view import HomeView
from nkscreen.ui.style import STYLE

if TYPE_CHECKING:
    from collections.abc import Callable

    from PySide6.QtGui import QCloseEvent

    from nkscreen.core.protocol import Protocol
    from nkscreen.report.summary import ScreeningSummary
    from nkscreen.settings import SiteSettings
    from nkscreen.ui.assessment_view import AssessmentView
    from nkscreen.ui.record_session import RecordSession

# Only Qt and the home view are imported up front: the first frame must come as fast as a bare
# Qt app's. The protocol (pydantic), the records (cryptography) and the wizard are loaded by
# finish_startup(), right after the first paint when the app starts (build_window: at once).
# Even touching a Qt class with large enums (QKeySequence.StandardKey, QEvent) costs tens of
# milliseconds the first time, so shortcuts are given as text ("Ctrl+N": Qt maps Ctrl to Cmd
# on macOS) and event types are imported for annotations only.

DEFAULT_PROTOCOL = "NCT06641648"


class MainWindow(QMainWindow):
    def __init__(
        self, data_dir: Path, protocol: Protocol | None = None, *, deferred: bool = False
    ) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.data_dir = data_dir
        self.ready = False
        self._protocol_override = protocol
        self.setWindowTitle(f"nkscreen {__version__}")
        self.setStyleSheet(STYLE)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomeView(self)
        self.home.new_requested.connect(self.new_assessment)
        self.home.import_requested.connect(self.import_case)
        self.stack.addWidget(self.home)
        self.resize(QSize(1240, 780))
        self.stack.setCurrentWidget(self.home)
        self._menus_built = False
        if not deferred:
            self.build_menus()
            self.finish_startup()

    def build_menus(self) -> None:
        """Menus and shortcuts (once): right after the first frame when the app starts."""
        if not self._menus_built:
            self._menus_built = True
            self._build_menus()

    def finish_startup(self) -> None:
        """Load the protocol, settings and records and build the wizard (once)."""
        if self.ready:
            return
        from nkscreen.core.protocol import builtin_protocol
        from nkscreen.records.store import RecordStore
        from nkscreen.settings import settings_file
        from nkscreen.ui.i18n import route_core_messages

        route_core_messages()
        self.protocol = self._protocol_override or builtin_protocol(DEFAULT_PROTOCOL)
        self.settings_path = settings_file(self.data_dir)
        self.settings, settings_problem = self._load_settings()
        self.setWindowTitle(f"nkscreen {__version__} · {self.protocol.id}")
        self.store = RecordStore(self.data_dir)
        storage_problem = ""
        try:
            self.store.prepare()
        except OSError as exc:
            storage_problem = QCoreApplication.translate(
                "MainWindow", "The data folder %s cannot be used: %s"
            ) % (self.data_dir, exc)
        self.home.attach(self.protocol.title, self.store)
        assert self.home.browser is not None
        self.home.browser.open_requested.connect(self.open_record)
        self.session = self._new_session()
        self.assessment = self._make_assessment()
        self.ready = True
        self.home.refresh()
        if settings_problem or storage_problem:
            self.statusBar().showMessage(settings_problem or storage_problem)
        QTimer.singleShot(0, self.offer_drafts)

    def _load_settings(self) -> tuple[SiteSettings, str]:
        from nkscreen.settings import SettingsError, example_settings, load_settings

        try:
            return load_settings(self.settings_path), ""
        except SettingsError as exc:
            message = QCoreApplication.translate(
                "MainWindow", "Site settings could not be read (%s); example ranges are in use."
            )
            return example_settings(), message % exc

    def _make_assessment(self) -> AssessmentView:
        from nkscreen.ui.assessment_view import AssessmentView

        view = AssessmentView(self.protocol, self.settings, self)
        view.answers_changed.connect(lambda: self.session.changed(view.answers()))
        view.record_banner_box.link_activated.connect(self._banner_link)
        self.stack.addWidget(view)
        return view

    def _replace_session(self) -> bool:
        """Leave the current assessment safely: its draft written and its lock released.

        If the draft cannot be written, the user decides; False keeps the assessment open.
        """
        if not self.session.flush_autosave() and not dialogs.ask_close_anyway(self):
            return False
        self.session.release()
        self.session.deleteLater()
        self.session = self._new_session()
        return True

    def _new_session(self) -> RecordSession:
        from nkscreen.ui.record_session import RecordSession

        session = RecordSession(self.store, self.protocol, self)
        session.autosaved.connect(self._autosaved)
        session.autosave_failed.connect(self._autosave_failed)
        session.journal_failed.connect(self._journal_failed)
        session.state_changed.connect(self._show_record_state)
        return session

    def time_text(self, moment: datetime | str) -> str:
        """A time as people see it everywhere: the site's zone, with its UTC offset."""
        from nkscreen.clock import format_time, site_zone

        if isinstance(moment, str):  # a signer's time as the verification reports it
            try:
                parsed = datetime.fromisoformat(moment)
            except ValueError:
                return moment  # not a time nkscreen wrote: shown as it is, not guessed at
        else:
            parsed = moment
        return format_time(parsed, site_zone(self.settings))

    def _autosaved(self, when: datetime) -> None:
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Draft autosaved at %s")
            % self.time_text(when),
            4000,
        )

    def _autosave_failed(self, message: str) -> None:
        self.statusBar().showMessage(message)
        dialogs.show_error(
            self, QCoreApplication.translate("MainWindow", "Autosave failed"), message
        )

    def _journal_failed(self, message: str) -> None:
        dialogs.show_error(
            self, QCoreApplication.translate("MainWindow", "Saved, but not journaled"), message
        )

    def _action(
        self,
        name: str,
        text: str,
        shortcut: str | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(shortcut)  # text, not QKeySequence: see the module note

        def run() -> None:  # a shortcut pressed during the first instant waits for the load
            self.finish_startup()
            slot()

        action.triggered.connect(run)
        self.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(QCoreApplication.translate("MainWindow", "&File"))
        self.action_new = self._action(
            "action_new",
            QCoreApplication.translate("MainWindow", "&New assessment"),
            "Ctrl+N",
            self.new_assessment,
        )
        self.action_import_case = self._action(
            "action_import_case",
            QCoreApplication.translate("MainWindow", "&Import case file…"),
            "Ctrl+I",
            self.import_case,
        )
        self.action_open = self._action(
            "action_open",
            QCoreApplication.translate("MainWindow", "&Open record file…"),
            "Ctrl+O",
            self.open_record_file,
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
            "Ctrl+Q",
            self.close,
        )
        self.action_save = self._action(
            "action_save",
            QCoreApplication.translate("MainWindow", "&Save"),
            "Ctrl+S",
            self.save_record,
        )
        self.action_sign = self._action(
            "action_sign",
            QCoreApplication.translate("MainWindow", "Si&gn…"),
            "Ctrl+Shift+S",
            self.sign_record,
        )
        self.action_amend = self._action(
            "action_amend",
            QCoreApplication.translate("MainWindow", "&Amend signed record…"),
            "Ctrl+Shift+A",
            self.amend_record,
        )
        for action in (
            self.action_new,
            self.action_open,
            self.action_import_case,
            self.action_home,
        ):
            file_menu.addAction(action)
        file_menu.addSeparator()
        for action in (self.action_save, self.action_sign, self.action_amend):
            file_menu.addAction(action)
        file_menu.addSeparator()
        self.action_print = self._action(
            "action_print",
            QCoreApplication.translate("MainWindow", "&Print…"),
            "Ctrl+P",
            lambda: self._print("print"),
        )
        self.action_print_preview = self._action(
            "action_print_preview",
            QCoreApplication.translate("MainWindow", "Print pre&view…"),
            "Ctrl+Shift+P",
            lambda: self._print("preview"),
        )
        self.action_export_pdf = self._action(
            "action_export_pdf",
            QCoreApplication.translate("MainWindow", "&Export PDF…"),
            "Ctrl+E",
            lambda: self._print("pdf"),
        )
        for action in (self.action_print, self.action_print_preview, self.action_export_pdf):
            file_menu.addAction(action)
        from nkscreen.ui.export_actions import add_export_menu

        add_export_menu(self, file_menu)
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
        if self.ready:
            self.session.flush_autosave()
            self.home.refresh()
        self.stack.setCurrentWidget(self.home)

    def _show_summary(self) -> None:
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_summary()

    def new_assessment(self) -> bool:
        """A fresh assessment (the prepared blank one if it is still untouched).

        False when the current one could not be left safely (its draft could not be written
        and the user chose to keep it).
        """
        self.finish_startup()
        untouched = not self.assessment.answers() and self.session.record is None
        if not untouched:
            if not self._replace_session():
                return False
            old = self.assessment
            self.assessment = self._make_assessment()
            self.stack.removeWidget(old)
            old.setParent(None)  # out of the tree now: findChild must see only the live view
            old.deleteLater()
        self._show_record_state()
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_page(0)
        return True

    def import_case(self) -> None:
        self.finish_startup()
        from nkscreen.core.casefile import CaseFileError
        from nkscreen.core.protocol import ProtocolError
        from nkscreen.ui.export_actions import read_case_for_import

        path = dialogs.ask_case_file(self)
        if not path:
            return
        try:
            case = read_case_for_import(self, path)  # a case file, or a FHIR or REDCap export
            if case is None:
                return
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
        if not self.new_assessment():
            return
        self.assessment.load_answers(case.answers)
        self.assessment.go_to_summary()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Imported %s") % path, 8000
        )

    # --- records ----------------------------------------------------------------------------

    def offer_drafts(self) -> None:
        """After a crash: offer to restore each unsaved draft left behind."""
        from nkscreen.ui.record_session import SessionError

        for summary in self.store.recoverable_drafts():
            draft = summary.draft
            assert draft is not None
            screening = draft.answers.get("screening_id") or QCoreApplication.translate(
                "MainWindow", "(no screening ID yet)"
            )
            text = QCoreApplication.translate(
                "MainWindow",
                "An unsaved assessment was found (screening %s, last change %s). Restore it?",
            ) % (screening, self.time_text(draft.updated_at))
            if not dialogs.ask_restore_draft(self, text):
                continue
            if not self.new_assessment():
                return
            try:
                self.session.restore_draft(draft)
            except SessionError as exc:
                dialogs.show_error(
                    self,
                    QCoreApplication.translate("MainWindow", "Cannot restore the draft"),
                    str(exc),
                )
                continue
            self.assessment.load_answers(draft.answers)
            self._show_record_state()
            self.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "Draft restored."), 6000
            )
            return

    def open_record_file(self) -> None:
        path = dialogs.ask_record_file(self, self.store.records_dir)
        if path:
            self.open_record(Path(path))

    def open_record(self, path: Path) -> None:
        from nkscreen.records.model import RecordFormatError
        from nkscreen.ui.record_session import SessionError

        try:
            loaded = self.store.load(path)
        except RecordFormatError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot open the record"),
                f"{path.name}: {exc}",
            )
            return
        if not self.new_assessment():
            return
        try:
            self.session.open_loaded(loaded)
        except SessionError as exc:  # locked by another window: show it read-only
            dialogs.show_error(
                self, QCoreApplication.translate("MainWindow", "Opened read-only"), str(exc)
            )
        self.assessment.load_answers(loaded.record.answers)
        self._show_record_state()
        self.assessment.go_to_summary()

    def _show_record_state(self) -> None:
        """Editable or not, which actions apply, and the banner: from the session as it is.

        Connected to the session's ``state_changed``; also called after answers are loaded.
        """
        from nkscreen.ui.banner_text import banner_for

        session, view = self.session, self.assessment
        read_only = session.read_only or (
            session.record is not None and session.lock is None and not session.signed
        )
        view.set_read_only(read_only)
        refusal = session.change_refusal() if session.amending is None else None
        self.action_sign.setEnabled((not read_only or session.signed) and refusal is None)
        self.action_amend.setEnabled(
            session.signed and session.amending is None and refusal is None
        )
        self.action_save.setEnabled(not read_only)
        for action in (self.action_sign, self.action_amend):
            action.setStatusTip(refusal or "")
        from nkscreen.clock import site_zone

        banner = banner_for(session, site_zone(self.settings))
        view.show_banner(banner.html, banner.state, banner.changes)

    def _banner_link(self, href: str) -> None:
        """A link in the banner: "version:<file name>" opens that version of the screening,
        from the folder the open record came from (after this click has been handled)."""
        from nkscreen.ui.banner_text import VERSION_LINK

        if not href.startswith(VERSION_LINK):
            return
        name = href[len(VERSION_LINK) :]
        if not name or Path(name).name != name:  # a plain file name beside the record only
            return
        folder = (
            self.session.record_path.parent
            if self.session.record_path is not None
            else self.store.records_dir
        )
        QTimer.singleShot(0, lambda: self.open_record(folder / name))

    def save_record(self) -> bool:
        from nkscreen.ui.record_session import SessionError

        if self.stack.currentWidget() is not self.assessment:
            return False
        try:
            path = self.session.save(self.assessment.answers())
        except SessionError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("MainWindow", "Not saved"), str(exc)
            )
            return False
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Saved %s") % path.name, 6000
        )
        return True

    def sign_record(self) -> None:
        from nkscreen import paths
        from nkscreen.ui.record_session import SessionError

        if self.stack.currentWidget() is not self.assessment:
            return
        if self.session.signed and self.session.amending is None:
            # a co-signature: re-read the record first, another window may have amended it
            try:
                refusal = self.session.recheck()
            except SessionError as exc:
                refusal = str(exc)
            if refusal is not None:
                dialogs.show_error(
                    self, QCoreApplication.translate("MainWindow", "Cannot sign"), refusal
                )
                return
        else:
            try:  # check it can be saved before asking for a passphrase
                from nkscreen.records.assessment import prepare

                prepare(self.protocol, self.assessment.answers())
            except Exception as exc:  # NotSavableError: shown to the user
                dialogs.show_error(
                    self, QCoreApplication.translate("MainWindow", "Cannot sign yet"), str(exc)
                )
                return
        if not self._ensure_site_name():
            return
        evaluation = self.assessment.refresh()
        if evaluation.overall == "incomplete" and not dialogs.ask_sign_incomplete(
            self, ", ".join(evaluation.missing)
        ):
            return
        choice = dialogs.ask_signature(
            self, paths.identities_dir(self.data_dir), paths.trusted_signers_path(self.data_dir)
        )
        if choice is None:
            return
        unlocked, meaning = choice
        try:
            path = self.session.sign(self.assessment.answers(), unlocked, meaning)
        except SessionError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("MainWindow", "Not signed"), str(exc)
            )
            return
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Signed and saved %s") % path.name, 8000
        )

    def _ensure_site_name(self) -> bool:
        """A signed record's printout names its site: ask for the name once, before the first
        signature, and keep it in Preferences. False when it is still unknown."""
        from nkscreen.settings import SettingsError, load_settings, save_settings

        if self.settings.site_name.strip():
            return True
        name = dialogs.ask_site_name(self)
        if name is None:
            return False
        title = QCoreApplication.translate("MainWindow", "Not signed")
        try:  # the file as it is now: a damaged one is reported, never replaced by examples
            current = load_settings(self.settings_path)
        except SettingsError as exc:
            dialogs.show_error(
                self,
                title,
                QCoreApplication.translate(
                    "MainWindow",
                    "The site settings cannot be read (%s), so the site name cannot be saved. "
                    "Repair them in Preferences, then sign.",
                )
                % exc,
            )
            return False
        updated = current.model_copy(update={"site_name": name})
        try:
            save_settings(self.settings_path, updated)
        except OSError as exc:
            dialogs.show_error(
                self,
                title,
                QCoreApplication.translate(
                    "MainWindow", "The site name could not be saved in %s: %s. Nothing was signed."
                )
                % (self.settings_path, exc.strerror or exc),
            )
            return False
        self.settings = updated
        self.assessment.settings = updated
        return True

    def amend_record(self) -> None:
        from nkscreen.ui.record_session import SessionError

        if not self.session.signed:
            return
        reason = dialogs.ask_amendment_reason(self)
        if reason is None:
            return
        try:
            self.session.begin_amend(reason)
        except SessionError as exc:
            dialogs.show_error(
                self, QCoreApplication.translate("MainWindow", "Cannot amend"), str(exc)
            )

    def current_summary(self) -> ScreeningSummary:
        """What a printout shows: the saved record if the answers are unchanged, else a draft."""
        from nkscreen.records.model import RecordFormatError
        from nkscreen.ui import print_actions

        session = self.session
        if session.record_path is not None and not session.is_dirty(self.assessment.answers()):
            try:
                loaded = self.store.load(session.record_path)
            except RecordFormatError:
                pass
            else:
                return print_actions.summary_for_loaded(loaded, self.protocol, self.settings)
        return print_actions.summary_for_view(self.assessment)

    def _print(self, how: str) -> None:
        from nkscreen.ui import print_actions

        if self.stack.currentWidget() is not self.assessment:
            return
        summary = self.current_summary()
        if how == "print":
            print_actions.print_summary(self, summary, self.settings)
        elif how == "preview":
            print_actions.print_preview(self, summary, self.settings)
        else:
            path = print_actions.export_pdf(self, summary, self.settings)
            if path is not None:
                self.statusBar().showMessage(
                    QCoreApplication.translate("MainWindow", "PDF written: %s") % path, 8000
                )

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Nothing typed is lost on close: the draft is written before the window goes."""
        if not self.ready:
            super().closeEvent(event)
            return
        if not self.session.flush_autosave() and not dialogs.ask_close_anyway(self):
            event.ignore()
            return
        self.session.release()
        super().closeEvent(event)

    def open_preferences(self) -> None:
        from nkscreen.ui.preferences import PreferencesDialog

        dialog = PreferencesDialog(
            self.settings, self.settings_path, self.protocol, self, data_dir=self.data_dir
        )
        if dialog.exec():
            self.settings = dialog.saved_settings
            self.assessment.settings = self.settings
            self.assessment.refresh()
            self._show_record_state()  # its times follow the site's zone

    def show_about(self) -> None:
        dialogs.show_about(
            self,
            QCoreApplication.translate(
                "MainWindow",
                "nkscreen %s\nOffline eligibility screening for %s.\nProtocol file sha256: %s",
            )
            % (__version__, self.protocol.id, self.protocol.source_sha256[:16]),
        )


__all__ = ["MainWindow"]
