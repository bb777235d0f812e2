"""File > Save, Sign, Amend and the print actions of the main window, as the user meets them:
dialogs first (site name, an INCOMPLETE verdict, the passphrase), then one call to the
record session, and one line in the status bar or one error dialog.

A signature evaluates the answers once (the verdict the signer is shown is the one signed) and
writes the record once; a co-signature re-reads the record first, since another window may have
amended it meanwhile.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from nkscreen.core import frozen
from nkscreen.ui import dialogs
from nkscreen.ui.i18n import not_savable_text, said_text

if TYPE_CHECKING:
    from nkscreen.records.assessment import Savable
    from nkscreen.report.summary import ScreeningSummary
    from nkscreen.ui.main_window import MainWindow


def save_record(window: MainWindow) -> bool:
    from nkscreen.ui.record_session import SessionError

    if window.stack.currentWidget() is not window.assessment:
        return False
    try:
        path = window.session.save(window.assessment.answers(), notes=window.assessment.notes())
    except SessionError as exc:
        dialogs.show_error(
            window, QCoreApplication.translate("MainWindow", "Not saved"), said_text(exc)
        )
        return False
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Saved %s") % path.name, 6000
    )
    return True


def _what_to_sign(window: MainWindow) -> tuple[Savable | None, str, list[str]] | None:
    """The evaluated answers (None for a co-signature), the verdict and the missing answers;
    None, after saying why, when there is nothing that can be signed."""
    from nkscreen.core.engine import without_optional
    from nkscreen.records.assessment import NotSavableError
    from nkscreen.ui.record_session import SessionError

    session = window.session
    if session.signed and session.amending is None:
        try:  # a co-signature: another window may have amended the record meanwhile
            refusal = session.recheck()
        except SessionError as exc:
            refusal = said_text(exc)
        if refusal is not None:
            dialogs.show_error(
                window, QCoreApplication.translate("MainWindow", "Cannot sign"), refusal
            )
            return None
        assert session.record is not None
        evaluation = session.record.evaluation
        savable = None
    else:
        try:  # the one evaluation of this signature, before any passphrase is asked
            savable = session.prepare(window.assessment.answers(), window.assessment.notes())
        except NotSavableError as exc:
            dialogs.show_error(
                window,
                QCoreApplication.translate("MainWindow", "Cannot sign yet"),
                not_savable_text(exc, session.protocol),
            )
            return None
        evaluation = savable.evaluation
    missing = evaluation.get("missing")
    texts = window.assessment.texts  # the record keeps ids: the signer reads the labels
    listed = (
        [texts.field_label(str(m)) for m in without_optional(window.protocol, missing)]
        if isinstance(missing, list)
        else []
    )
    return savable, str(evaluation.get("overall", "")), listed


def sign_record(window: MainWindow) -> None:
    from nkscreen import paths
    from nkscreen.ui.record_session import SessionError

    if window.stack.currentWidget() is not window.assessment:
        return
    found = _what_to_sign(window)
    if found is None or not ensure_site_name(window):
        return
    savable, overall, missing = found
    from nkscreen.ui.i18n import list_separator

    if overall == "incomplete" and not dialogs.ask_sign_incomplete(
        window, list_separator().join(missing)
    ):
        return
    base = window.data_dir
    choice = dialogs.ask_signature(
        window,
        paths.identities_dir(base),
        paths.trusted_signers_path(base),
        _signed_text(window, overall),
    )
    if choice is None:
        return
    unlocked, meaning = choice
    from nkscreen.records.meanings import statement
    from nkscreen.ui.i18n import current_language

    # The words the sign dialog showed, in its language, go into the signature.
    shown = statement(meaning, current_language())
    try:
        path = window.session.sign(savable, unlocked, meaning, shown)
    except SessionError as exc:
        dialogs.show_error(
            window, QCoreApplication.translate("MainWindow", "Not signed"), said_text(exc)
        )
        return
    window.statusBar().showMessage(
        QCoreApplication.translate("MainWindow", "Signed and saved %s") % path.name, 8000
    )


def _signed_text(window: MainWindow, overall: str) -> str:
    """ "You are signing screening HX-001 (AB), verdict: ✓ ELIGIBLE" for the sign dialog."""
    from nkscreen.core.status import WORDS_CONTEXT, words

    answers = window.assessment.answers()
    if window.session.signed and window.session.record is not None:
        answers = dict(window.session.record.answers)
    number_field = window.protocol.role_field("screening_number")
    initials_field = window.protocol.role_field("initials")
    number = str(answers.get(number_field) or "—") if number_field else "—"
    initials = str(answers.get(initials_field) or "—") if initials_field else "—"
    found = words(overall)
    verdict = (
        f"{found.symbol} {QCoreApplication.translate(WORDS_CONTEXT, found.badge)}"
        if found is not None
        else overall
    )
    return (
        QCoreApplication.translate(
            "MainWindow", "You are signing screening %1 (initials %2), verdict: %3"
        )
        .replace("%1", number)
        .replace("%2", initials)
        .replace("%3", verdict)
    )


def ensure_site_name(window: MainWindow) -> bool:
    """A signed record's printout names its site: ask for the name once, before the first
    signature, and keep it in Preferences. False when it is still unknown."""
    from nkscreen.settings import SettingsError, load_settings, save_settings

    if window.settings.site_name.strip():
        return True
    name = dialogs.ask_site_name(window)
    if name is None:
        return False
    title = QCoreApplication.translate("MainWindow", "Not signed")
    try:  # the file as it is now: a damaged one is reported, never replaced by examples
        current = load_settings(window.settings_path)
    except SettingsError as exc:
        dialogs.show_error(
            window,
            title,
            QCoreApplication.translate(
                "MainWindow",
                "The site settings cannot be read (%s), so the site name cannot be saved. "
                "Repair them in Preferences, then sign.",
            )
            % said_text(exc),
        )
        return False
    updated = frozen.replace(current, site_name=name)
    try:
        save_settings(window.settings_path, updated)
    except OSError as exc:
        dialogs.show_error(
            window,
            title,
            QCoreApplication.translate(
                "MainWindow", "The site name could not be saved in %s: %s. Nothing was signed."
            )
            % (window.settings_path, exc.strerror or exc),
        )
        return False
    window.settings = updated
    window.assessment.settings = updated
    return True


def amend_record(window: MainWindow) -> None:
    from nkscreen.ui.record_session import SessionError

    if not window.session.signed:
        return
    reason = dialogs.ask_amendment_reason(window)
    if reason is None:
        return
    try:
        window.session.begin_amend(reason)
    except SessionError as exc:
        dialogs.show_error(
            window, QCoreApplication.translate("MainWindow", "Cannot amend"), said_text(exc)
        )


def current_summary(window: MainWindow) -> ScreeningSummary:
    """What a printout shows: the saved record if the answers are unchanged, else a draft."""
    from nkscreen.records.model import RecordFormatError
    from nkscreen.ui import print_actions

    session = window.session
    view = window.assessment
    if session.record_path is not None and not session.is_dirty(view.answers(), view.notes()):
        try:
            loaded = window.store.load(session.record_path)
        except RecordFormatError:
            pass
        else:
            return print_actions.summary_for_loaded(
                loaded, window.protocol, window.settings, window.assessment.texts.locale
            )
    return print_actions.summary_for_view(window.assessment)


def print_summary(window: MainWindow, how: str) -> None:
    """Print (``print``), preview (``preview``) or export a PDF (``pdf``) of the summary."""
    from nkscreen.ui import print_actions

    if window.stack.currentWidget() is not window.assessment:
        return
    summary = current_summary(window)
    if how == "print":
        print_actions.print_summary(window, summary, window.settings)
    elif how == "preview":
        print_actions.print_preview(window, summary, window.settings)
    else:
        path = print_actions.export_pdf(window, summary, window.settings)
        if path is not None:
            window.statusBar().showMessage(
                QCoreApplication.translate("MainWindow", "PDF written: %s") % path, 8000
            )


__all__ = [
    "amend_record",
    "current_summary",
    "ensure_site_name",
    "print_summary",
    "save_record",
    "sign_record",
]
