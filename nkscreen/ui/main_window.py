"""The main window: a home view and the wizard for one assessment, with menus that list every
keyboard shortcut.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QSize, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QMainWindow, QStackedWidget

from nkscreen import __version__
from nkscreen.ui import dialogs
from nkscreen.ui.home_view import HomeView
from nkscreen.ui.i18n import label_separator, message_text, said_text
from nkscreen.ui.style import follow_focus

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent

    from nkscreen.core.library import ProtocolLibrary
    from nkscreen.core.protocol import Protocol
    from nkscreen.report.summary import ScreeningSummary
    from nkscreen.settings import SiteSettings
    from nkscreen.ui.assessment_view import AssessmentView
    from nkscreen.ui.record_session import RecordSession, RecordState

# Only Qt and the home view are imported up front: the first frame must come as fast as a bare
# Qt app's. The protocol (pydantic), the records (cryptography) and the wizard are loaded by
# finish_startup(), right after the first paint when the app starts (build_window: at once).
# Even touching a Qt class with large enums (QKeySequence.StandardKey, QEvent) costs tens of
# milliseconds the first time, so shortcuts are given as text ("Ctrl+N": Qt maps Ctrl to Cmd
# on macOS) and event types are imported for annotations only.


def _start_log(data_dir: Path) -> None:
    """Log the window's start; the log file itself is opened once the window is usable
    (nkscreen.logs.hold_logging keeps what is logged until then)."""
    import logging

    from nkscreen.logs import hold_logging, start_logging

    hold_logging()
    logging.getLogger("nkscreen.ui").info(
        "nkscreen %s window, data folder %s", __version__, data_dir
    )
    QTimer.singleShot(0, start_logging)


class MainWindow(QMainWindow):
    # Made by nkscreen.ui.menus.build_menus, one per menu entry.
    action_new: QAction
    action_open: QAction
    action_import_case: QAction
    action_home: QAction
    action_save: QAction
    action_sign: QAction
    action_amend: QAction
    action_print: QAction
    action_print_preview: QAction
    action_export_pdf: QAction
    action_preferences: QAction
    action_quit: QAction
    action_next: QAction
    action_back: QAction
    action_summary: QAction
    action_navigator: QAction
    action_about: QAction

    def __init__(self, data_dir: Path, *, deferred: bool = False) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.data_dir = data_dir
        self.ready = False
        self.setWindowTitle(f"nkscreen {__version__}")
        # No application style sheet (it would style every widget): the few widgets whose
        # look carries meaning have their own, and the focus ring follows the focus.
        app = QApplication.instance()
        if isinstance(app, QApplication):
            follow_focus(app)
        self.stack = QStackedWidget(self)
        self.setCentralWidget(self.stack)
        self.home = HomeView(self)
        self.home.new_requested.connect(self.new_screening)
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
        from nkscreen.ui.menus import build_menus

        if not self._menus_built:
            self._menus_built = True
            build_menus(self)

    def finish_startup(self) -> None:
        """Load the protocol, settings and records and build the wizard (once)."""
        if self.ready:
            return
        from nkscreen.core.library import ProtocolLibrary
        from nkscreen.records.store import RecordStore
        from nkscreen.settings import settings_file
        from nkscreen.ui import i18n

        _start_log(self.data_dir)
        self.library: ProtocolLibrary = ProtocolLibrary.for_data_dir(self.data_dir)
        #: The protocol of the assessment shown (the first installed one until another is
        #: chosen); a broken site protocol file never stops the app (Preferences lists it).
        self.protocol = self.library.protocols[0]
        self.settings_path = settings_file(self.data_dir)
        self.settings, settings_problem = self._load_settings()
        self.store = RecordStore(self.data_dir, library=self.library)
        storage_problem = ""
        try:
            self.store.prepare()
        except OSError as exc:
            storage_problem = QCoreApplication.translate(
                "MainWindow", "The data folder %s cannot be used: %s"
            ) % (self.data_dir, said_text(exc))
        self.home.attach(self._home_title(), self.store)
        assert self.home.browser is not None
        self.home.browser.open_requested.connect(self.open_record)
        self.session = self._new_session()
        self.assessment = self._make_assessment()
        self.ready = True
        self.home.refresh()
        problem = (
            settings_problem
            or storage_problem
            or self._library_problem()
            or " ".join(i18n.problems)
        )
        if problem:
            self.statusBar().showMessage(problem)
        QTimer.singleShot(0, self.offer_drafts)

    def _home_title(self) -> str:
        from nkscreen.ui.i18n import protocol_texts_or_english

        protocols = self.library.protocols
        if len(protocols) == 1:
            return protocol_texts_or_english(protocols[0])[0].protocol_text("title")
        return QCoreApplication.translate("MainWindow", "%d protocols: %s") % (
            len(protocols),
            ", ".join(p.id for p in protocols),
        )

    def _library_problem(self) -> str:
        """One line when a site protocol file cannot be used (Preferences lists why)."""
        broken = self.library.broken
        if not broken:
            return ""
        return QCoreApplication.translate(
            "MainWindow", "%d protocol file(s) cannot be used (%s): see Preferences > Protocols."
        ) % (len(broken), ", ".join(e.path.name for e in broken))

    def _load_settings(self) -> tuple[SiteSettings, str]:
        from nkscreen.settings import SettingsError, example_settings, load_settings

        try:
            return load_settings(self.settings_path), ""
        except SettingsError as exc:
            message = QCoreApplication.translate(
                "MainWindow", "Site settings could not be read (%s); example ranges are in use."
            )
            return example_settings(), message % said_text(exc)

    def _make_assessment(self) -> AssessmentView:
        from nkscreen.ui.assessment_view import AssessmentView

        self.setWindowTitle(f"nkscreen {__version__} · {self.protocol.id}")
        # Built apart, then added: styling a finished tree once is cheaper than per widget.
        view = AssessmentView(self.protocol, self.settings)
        view.answers_changed.connect(lambda: self.session.changed(view.answers(), view.notes()))
        view.record_banner_box.link_activated.connect(self._banner_link)
        self.build_menus()  # the summary's buttons are the menu's actions
        view.summary.bind_actions(
            {
                "save": self.action_save,
                "sign": self.action_sign,
                "print": self.action_print,
                "pdf": self.action_export_pdf,
            }
        )
        self.stack.addWidget(view)
        if view.texts_problem:
            self.statusBar().showMessage(view.texts_problem)
        return view

    def _leave_session(self) -> bool:
        """Leave the current assessment safely: its draft written and its lock released.

        If the draft cannot be written, the user decides; False keeps the assessment open.
        """
        if not self.session.flush_autosave() and not dialogs.ask_close_anyway(self):
            return False
        self.session.release()
        self.session.deleteLater()
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

    # --- actions ----------------------------------------------------------------------------

    def save_record(self) -> bool:
        from nkscreen.ui import record_actions

        return record_actions.save_record(self)

    def sign_record(self) -> None:
        from nkscreen.ui import record_actions

        record_actions.sign_record(self)

    def amend_record(self) -> None:
        from nkscreen.ui import record_actions

        record_actions.amend_record(self)

    def current_summary(self) -> ScreeningSummary:
        from nkscreen.ui import record_actions

        return record_actions.current_summary(self)

    def print_summary(self, how: str) -> None:
        from nkscreen.ui import record_actions

        record_actions.print_summary(self, how)

    def show_home(self) -> None:
        if self.ready:
            self.session.flush_autosave()
            self.home.refresh()
        self.stack.setCurrentWidget(self.home)

    def show_summary(self) -> None:
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_summary()

    def new_screening(self) -> bool:
        """New assessment (Ctrl+N): asks which protocol when more than one is installed."""
        self.finish_startup()
        protocols = self.library.protocols
        protocol = self.protocol
        if len(protocols) > 1:
            chosen = dialogs.ask_protocol(self, protocols, protocols.index(self.protocol))
            if chosen is None:
                return False
            protocol = chosen
        return self.new_assessment(protocol)

    def new_assessment(self, protocol: Protocol | None = None) -> bool:
        """A fresh assessment of ``protocol`` (default: the current one), reusing the prepared
        blank one if it is still untouched and of that protocol.

        False when the current one could not be left safely (its draft could not be written
        and the user chose to keep it).
        """
        from nkscreen.records.notes import Notes

        self.finish_startup()
        protocol = protocol or self.protocol
        untouched = (
            self.assessment.answers() in ({}, self._starting_answers())
            and self.assessment.notes().cleaned() == Notes()
            and self.session.record is None
            and protocol is self.protocol
        )
        if not untouched:
            if not self._leave_session():
                return False
            self.protocol = protocol
            self.session = self._new_session()
            old = self.assessment
            self.assessment = self._make_assessment()
            self.stack.removeWidget(old)
            old.setParent(None)  # out of the tree now: findChild must see only the live view
            old.deleteLater()
        # Dated today in the site's zone; a record, draft or case opened next replaces it all.
        self.assessment.load_answers(self._starting_answers())
        self.session.announce()
        self.stack.setCurrentWidget(self.assessment)
        self.assessment.go_to_page(0)
        return True

    def _starting_answers(self) -> dict[str, object]:
        """What a new assessment starts with: its date (the field whose role is
        ``screening_date``) as today in the site's time zone; the user may change it."""
        from nkscreen.clock import site_zone, today

        field_id = self.protocol.role_field("screening_date")
        if field_id is None:
            return {}
        return {field_id: today(site_zone(self.settings)).isoformat()}

    def import_case(self) -> None:
        self.finish_startup()
        from nkscreen.core.casefile import CaseFileError
        from nkscreen.core.protocol import ProtocolError
        from nkscreen.ui.export_actions import read_case_for_import

        path = dialogs.ask_case_file(self)
        if not path:
            return
        try:
            # a case file, or a FHIR or REDCap export
            case = read_case_for_import(self, path, self.library)
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
                said_text(exc),
            )
            return
        if not self.new_assessment(protocol):
            return
        self.assessment.load_answers(case.answers)
        self.assessment.go_to_summary()
        self.statusBar().showMessage(
            QCoreApplication.translate("MainWindow", "Imported %s") % path, 8000
        )

    # --- records ----------------------------------------------------------------------------

    def offer_drafts(self) -> None:
        """After a crash: offer to restore each unsaved draft left behind."""
        from nkscreen.core.library import ProtocolNotFoundError
        from nkscreen.core.protocol import ProtocolError
        from nkscreen.records.notes import Notes
        from nkscreen.ui.record_session import SessionError

        for summary in self.store.recoverable_drafts():
            draft = summary.draft
            assert draft is not None
            number_field = self.library.roles(draft.protocol_id).get("screening_number", "")
            screening = draft.answers.get(number_field) or QCoreApplication.translate(
                "MainWindow", "(no screening ID yet)"
            )
            text = QCoreApplication.translate(
                "MainWindow",
                "An unsaved assessment was found (screening %s, last change %s). Restore it?",
            ) % (screening, self.time_text(draft.updated_at))
            if not dialogs.ask_restore_draft(self, text):
                continue
            try:
                protocol = self.library.find(draft.protocol_id)
            except (ProtocolNotFoundError, ProtocolError) as exc:
                dialogs.show_error(
                    self,
                    QCoreApplication.translate("MainWindow", "Cannot restore the draft"),
                    message_text(exc.message)
                    if isinstance(exc, ProtocolNotFoundError)
                    else said_text(exc),
                )
                continue
            if not self.new_assessment(protocol):
                return
            try:
                self.session.restore_draft(draft)
            except SessionError as exc:
                dialogs.show_error(
                    self,
                    QCoreApplication.translate("MainWindow", "Cannot restore the draft"),
                    said_text(exc),
                )
                continue
            self.assessment.load_answers(draft.answers)
            self.assessment.load_notes(Notes.of(draft))
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
        from nkscreen.records.notes import Notes
        from nkscreen.ui.record_session import SessionError

        try:
            loaded = self.store.load(path)
        except RecordFormatError as exc:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot open the record"),
                f"{path.name}{label_separator()}{said_text(exc)}",
            )
            return
        ref = loaded.record.protocol
        match = self.library.match(ref.id, ref.version, ref.sha256)
        if match.protocol is None:
            dialogs.show_error(
                self,
                QCoreApplication.translate("MainWindow", "Cannot open the record"),
                f"{path.name}: {match.notice(ref.id, ref.version, ref.sha256)}",
            )
            return
        if not self.new_assessment(match.protocol):
            return
        try:
            self.session.open_loaded(loaded)
        except SessionError as exc:  # locked by another window: show it read-only
            dialogs.show_error(
                self, QCoreApplication.translate("MainWindow", "Opened read-only"), said_text(exc)
            )
        self.assessment.load_answers(loaded.record.answers)
        self.assessment.load_notes(Notes.of(loaded.record))
        self.assessment.go_to_summary()

    def _show_record_state(self, state: RecordState) -> None:
        """The one slot for the session's ``state_changed``: editable or not, which actions
        apply (and why not), and the banner."""
        from nkscreen.clock import site_zone
        from nkscreen.ui.banner_text import banner_for

        self.assessment.set_read_only(not state.editable)
        self.action_sign.setEnabled(state.can_sign)
        self.action_amend.setEnabled(state.can_amend)
        self.action_save.setEnabled(state.can_save)
        for action in (self.action_sign, self.action_amend):
            action.setStatusTip(state.refusal)
        banner = banner_for(self.session, site_zone(self.settings))
        self.assessment.show_banner(banner.html, banner.state, banner.changes)

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
            self.settings,
            self.settings_path,
            self.library,
            self,
            data_dir=self.data_dir,
            current=self.protocol.id,
        )
        if dialog.exec():
            self.settings = dialog.saved_settings
            self.assessment.settings = self.settings
            self.assessment.refresh()
            self.session.announce()  # the banner's times follow the site's zone

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
