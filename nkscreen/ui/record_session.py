"""The life of one assessment on disk while a window shows it: lock, autosave, save, sign, amend.

Qt only for the autosave timer and the signals; every decision about records is the records
layer's. The session owns the record's state (editable, what can be saved, signed or amended,
and why not) and emits it whenever it changes; the window shows it in one slot. Errors come
back as sentences for the user, and nothing already saved is ever damaged by a failure: the
answers stay in the window until a save succeeds. A signature is made from one evaluation of
the answers and written once.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from nkscreen.core.frozen import Record
from nkscreen.core.protocol import Protocol
from nkscreen.records.atomic import FileLock, LockedError, StorageError
from nkscreen.records.chain import Standing
from nkscreen.records.ids import new_id
from nkscreen.records.notes import Notes
from nkscreen.records.verification import Verification, VerificationState
from nkscreen.ui.i18n import label_separator, not_savable_lines, reason_text, said_text

if TYPE_CHECKING:
    from nkscreen.records.assessment import Savable
    from nkscreen.records.identity import UnlockedIdentity
    from nkscreen.records.model import Actor, DraftV1, Meaning, RecordV1
    from nkscreen.records.store import LoadedRecord, RecordStore
    from nkscreen.report.amendment import Amendment

# The record models (pydantic), lifecycle and signing are imported where a record is read,
# saved or signed: a new screening at start-up needs none of them (see records.listing).

AUTOSAVE_DELAY_MS = 1500


class SessionError(Exception):
    """An operation was refused or failed; ``str()`` is what the user reads."""


class RecordState(Record, kw_only=False):
    """What the window may offer for the assessment as it stands."""

    editable: bool
    can_save: bool
    can_sign: bool
    can_amend: bool
    #: Why this version can be neither amended nor signed ("" when it can).
    refusal: str = ""


class RecordSession(QObject):
    """One assessment's identity on disk: its id, its lock, its saved record and its draft."""

    #: The draft's save time (a UTC datetime); the window shows it in the site's zone.
    autosaved = Signal(object)
    autosave_failed = Signal(str)
    #: The :class:`RecordState` after every change of the record, its lock or an amendment.
    state_changed = Signal(object)
    #: The record was saved but the data folder's journal could not record it.
    journal_failed = Signal(str)

    def __init__(self, store: RecordStore, protocol: Protocol, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.protocol = protocol
        self.assessment_id = new_id()
        self.lock: FileLock | None = None
        self.record: RecordV1 | None = None
        self.record_raw: dict[str, Any] | None = None
        self.record_path: Path | None = None
        self.verification: Verification | None = None
        #: Superseded by a newer version beside it? Its amendment chain intact?
        self.standing = Standing()
        #: What this version changed, if it amends an earlier one.
        self.amendment: Amendment | None = None
        #: File name of the version this one amends, when it is there and its link intact.
        self.previous_file: str | None = None
        self.amending: str | None = None  # the reason, while an amendment is being edited
        #: Said when the record's protocol file changed or is not installed ("" otherwise).
        self.protocol_notice = ""
        self.draft_created: Any = None
        self._saved_answers: dict[str, Any] | None = None
        self._saved_notes = Notes()
        self._pending: Mapping[str, object] | None = None
        self._pending_notes = Notes()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush_autosave)

    # --- state ------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Signed, or a version that must not change (see :meth:`change_refusal`), unless an
        amendment is under way."""
        if self.record is None or self.amending is not None:
            return False
        return self.record.is_signed or self.change_refusal() is not None

    def state(self) -> RecordState:
        """Editable unless signed, failing, or held by another window; sign and amend only
        the newest intact version (see :meth:`change_refusal`)."""
        read_only = self.read_only or (
            self.record is not None and self.lock is None and not self.signed
        )
        refusal = (self.change_refusal() or "") if self.amending is None else ""
        return RecordState(
            editable=not read_only,
            can_save=not read_only,
            can_sign=(not read_only or self.signed) and not refusal,
            can_amend=self.signed and self.amending is None and not refusal,
            refusal=refusal,
        )

    def announce(self) -> None:
        """Emit the state as it is now (a new session, or a change the window made)."""
        self.state_changed.emit(self.state())

    def change_refusal(self) -> str | None:
        """Why this version can be neither amended nor signed, or None when it can.

        Only the newest version moves on; a broken history or an invalid signature would be
        signed over by a new signature, so neither is amended nor co-signed.
        """
        if self.record is None:
            return None
        superseded = self.standing.superseded
        if superseded is not None:
            return QCoreApplication.translate(
                "RecordSession",
                "Version %d has been superseded by version %d: only the newest version can be "
                "amended or signed. Open version %d.",
            ) % (self.record.version, superseded.version, superseded.version)
        state = self.verification.state if self.verification is not None else None
        chain_break = self.standing.chain_break
        if chain_break is not None or state is VerificationState.BROKEN_CHAIN:
            what = (
                reason_text(chain_break.describe())
                if chain_break is not None
                else QCoreApplication.translate("RecordSession", "see the banner")
            )
            return (
                QCoreApplication.translate(
                    "RecordSession",
                    "This version's history is broken (%s): amending or signing it would sign over "
                    "that history. Restore the earlier version from a backup first.",
                )
                % what
            )
        if state is VerificationState.INVALID:
            assert self.verification is not None
            return QCoreApplication.translate(
                "RecordSession",
                "This record's signature is invalid (%s): it cannot be amended or signed. "
                "Use an intact copy of the record.",
            ) % reason_text(self.verification.reason)
        return None

    @property
    def invalid(self) -> bool:
        """The opened record fails verification: shown, never edited, amended or overwritten."""
        return (
            self.verification is not None and self.verification.state is VerificationState.INVALID
        )

    @property
    def signed(self) -> bool:
        return self.record is not None and self.record.is_signed

    def _acquire(self) -> None:
        if self.lock is None:
            lock = self.store.lock(self.assessment_id)
            try:
                lock.acquire()
            except LockedError as exc:
                raise SessionError(said_text(exc)) from None
            self.lock = lock

    def release(self) -> None:
        self._timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def is_dirty(self, answers: Mapping[str, object], notes: Notes | None = None) -> bool:
        """Whether the answers (or the notes) differ from the saved record (always, if none
        is saved)."""
        notes = notes or Notes()
        if self._saved_answers is None:
            return bool(answers) or notes.cleaned() != Notes()
        from nkscreen.records.assessment import NotSavableError, prepare

        try:
            savable = prepare(self.protocol, answers, notes)
        except NotSavableError:
            return True
        return _json_like(savable.answers) != self._saved_answers or savable.notes != (
            self._saved_notes
        )

    # --- opening ----------------------------------------------------------------------------

    def open_loaded(self, loaded: LoadedRecord) -> None:
        """Show a saved record: signed or INVALID ones read-only; others editable (locked)."""
        self.assessment_id = loaded.record.assessment_id
        self._adopt(loaded)
        if not self.read_only:
            self._acquire()
        self.announce()

    def _adopt(self, loaded: LoadedRecord) -> None:
        """Take the record as it is on disk now: content, verification, standing, amendment."""
        from nkscreen.records.store import previous_version
        from nkscreen.report.amendment import describe_amendment

        self.record, self.record_raw, self.record_path = loaded.record, loaded.raw, loaded.path
        self.verification = loaded.verification
        self.standing = loaded.standing
        ref = loaded.record.protocol
        match = self.store.protocols.match(ref.id, ref.version, ref.sha256)
        self.protocol_notice = match.notice(ref.id, ref.version, ref.sha256)
        self._saved_answers = dict(loaded.record.answers)
        self._saved_notes = Notes.of(loaded.record)
        previous = previous_version(loaded) if loaded.record.previous is not None else None
        self.amendment = describe_amendment(loaded.record, previous, self.protocol)
        self.previous_file = None
        if previous is not None:  # found beside it under the store's name for that version
            self.previous_file = f"{previous.assessment_id}.v{previous.version}.json"

    def _reload(self, path: Path) -> None:
        from nkscreen.records.model import RecordFormatError

        try:
            loaded = self.store.load(path)
        except RecordFormatError as exc:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "%s cannot be read: %s")
                % (path.name, said_text(exc))
            ) from None
        self._adopt(loaded)

    def recheck(self) -> str | None:
        """Re-read the record from disk (another window may have amended or signed it since)
        and say why it cannot be amended or signed now, if it cannot; ``state_changed`` is
        emitted so the window shows what was found.
        """
        if self.record_path is None:
            return None
        try:
            self._reload(self.record_path)
        finally:
            self.announce()
        return self.change_refusal()

    def restore_draft(self, draft: DraftV1) -> None:
        self.assessment_id = draft.assessment_id
        self.draft_created = draft.created_at
        if draft.based_on:
            path = self.store.records_dir / draft.based_on
            try:
                loaded = self.store.load(path)
            except Exception as exc:  # any unreadable base: say so, and keep the draft
                raise SessionError(
                    QCoreApplication.translate(
                        "RecordSession", "The record this draft edits cannot be read: %s"
                    )
                    % said_text(exc)
                ) from None
            self._adopt(loaded)
        self.amending = draft.amendment_reason
        self._acquire()
        self.announce()

    # --- autosave ---------------------------------------------------------------------------

    def changed(self, answers: Mapping[str, object], notes: Notes | None = None) -> None:
        """Called on every edit (an answer or a note): autosave shortly after the typing
        stops."""
        if self.read_only:
            return
        self._pending = dict(answers)
        self._pending_notes = notes or Notes()
        self._timer.start()

    def flush_autosave(self) -> bool:
        """Write the pending draft now (on close, before quitting); True if nothing is lost."""
        self._timer.stop()
        answers = self._pending
        if answers is None:
            return True
        notes = self._pending_notes
        if self._saved_answers is not None and not self.is_dirty(answers, notes):
            self._pending = None
            self.store.discard_draft(self.assessment_id)
            return True
        from nkscreen.records.lifecycle import make_draft

        try:
            self._acquire()
            draft = make_draft(
                assessment_id=self.assessment_id,
                protocol_id=self.protocol.id,
                answers=_json_like(answers),
                based_on=self.record_path.name if self.record_path else None,
                amendment_reason=self.amending,
                created_at=self.draft_created,
                notes=notes.savable_part(),  # a comment still being fixed waits for its fix
            )
            self.draft_created = draft.created_at
            self.store.save_draft(draft, lock=self.lock)
        except (SessionError, StorageError, LockedError, OSError, ValueError) as exc:
            self.autosave_failed.emit(
                QCoreApplication.translate(
                    "RecordSession",
                    "Autosave failed: %s. Your answers are still here; saved records are "
                    "untouched.",
                )
                % said_text(exc)
            )
            return False
        self._pending = None
        self.autosaved.emit(draft.updated_at)
        return True

    # --- save, sign, amend ------------------------------------------------------------------

    def prepare(self, answers: Mapping[str, object], notes: Notes | None = None) -> Savable:
        """Evaluate the answers once for a save or a signature, and check the notes;
        raises NotSavableError."""
        from nkscreen.records.assessment import prepare

        return prepare(self.protocol, answers, notes)

    def save(
        self,
        answers: Mapping[str, object],
        actor: Actor | None = None,
        notes: Notes | None = None,
    ) -> Path:
        """Save the answers and notes as a record (a new version when amending)."""
        from nkscreen.records.assessment import NotSavableError
        from nkscreen.records.lifecycle import AmendmentError, RecordReadOnlyError, os_actor

        if self.read_only:
            raise SessionError(
                self.change_refusal()
                or QCoreApplication.translate(
                    "RecordSession", "This record is signed: use Amend to change it."
                )
            )
        try:
            savable = self.prepare(answers, notes)
        except NotSavableError as exc:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "Cannot save yet:")
                + "\n"
                + "\n".join(not_savable_lines(exc, self.protocol))
            ) from None
        try:
            self._acquire()
            record = self._next_record(savable, actor or os_actor())
        except (AmendmentError, RecordReadOnlyError) as exc:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "Not saved: %s") % said_text(exc)
            ) from None
        return self._write(record, QCoreApplication.translate("RecordSession", "Not saved"))

    def _next_record(self, savable: Savable, actor: Actor) -> RecordV1:
        """The record these answers make, in memory: new, updated, or the next version."""
        from nkscreen.records.lifecycle import amend_record, new_record, update_record

        answers, evaluation, protocol = savable.answers, savable.evaluation, savable.protocol
        if self.amending is not None and self.record is not None and self.record.is_signed:
            assert self.record_raw is not None
            assert self.record_path is not None
            return amend_record(
                self.record,
                self.record_raw,
                self.record_path.name,
                answers=answers,
                evaluation=evaluation,
                protocol=protocol,
                actor=actor,
                reason=self.amending,
                notes=savable.notes,
            )
        if self.record is None:
            return new_record(
                protocol=protocol,
                answers=answers,
                evaluation=evaluation,
                actor=actor,
                assessment_id=self.assessment_id,
                notes=savable.notes,
            )
        # an unsigned version, or an amendment saved before: keep editing that version
        return update_record(
            self.record,
            answers=answers,
            evaluation=evaluation,
            actor=actor,
            protocol=protocol,
            notes=savable.notes,
        )

    def _write(self, record: RecordV1, failed: str) -> Path:
        """The one write of a save or a signature, then the record as it is on disk."""
        from nkscreen.records.lifecycle import AmendmentError, RecordReadOnlyError

        try:
            path = self.store.save(record, lock=self.lock)
        except (AmendmentError, RecordReadOnlyError, LockedError, StorageError) as exc:
            raise SessionError(f"{failed}{label_separator()}{said_text(exc)}") from None
        except OSError as exc:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "%s: %s. Nothing was changed.")
                % (failed, exc.strerror or exc)
            ) from None
        self._report_journal()
        self._pending = None
        self.store.discard_draft(self.assessment_id)
        if record.is_signed:
            self.amending = None
            self.release()
        self._reload(path)
        self.announce()
        return path

    def sign(
        self,
        savable: Savable | None,
        identity: UnlockedIdentity,
        meaning: Meaning,
        statement: str | None = None,
    ) -> Path:
        """Sign the evaluated answers (``savable``), or co-sign the saved record (None), and
        write the signed record once; it becomes read-only. ``statement``: the meaning's
        words as the signer was shown them (default: English)."""
        from nkscreen.records.lifecycle import AmendmentError, RecordReadOnlyError
        from nkscreen.records.model import Actor
        from nkscreen.records.signing import SigningError, sign_record

        if savable is None:  # a co-signature: on the newest, intact version only
            if not self.signed or self.amending is not None:
                raise SessionError(
                    QCoreApplication.translate(
                        "RecordSession", "Not signed: there is no signed record to co-sign."
                    )
                )
            refusal = self.recheck()
            if refusal is not None:
                raise SessionError(
                    QCoreApplication.translate("RecordSession", "Not signed: %s") % refusal
                )
            assert self.record is not None
            record = self.record
        else:
            if self.read_only:
                raise SessionError(
                    self.change_refusal()
                    or QCoreApplication.translate(
                        "RecordSession", "This record is signed: use Amend to change it."
                    )
                )
            public = identity.public
            actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
            try:
                self._acquire()
                record = self._next_record(savable, actor)
            except (AmendmentError, RecordReadOnlyError) as exc:
                raise SessionError(
                    QCoreApplication.translate("RecordSession", "Not signed: %s") % said_text(exc)
                ) from None
        try:
            signed = sign_record(record, identity, meaning, statement)
        except SigningError as exc:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "Not signed: %s") % said_text(exc)
            ) from None
        return self._write(signed, QCoreApplication.translate("RecordSession", "Not signed"))

    def begin_amend(self, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise SessionError(
                QCoreApplication.translate("RecordSession", "An amendment needs a reason.")
            )
        if not self.signed:
            raise SessionError(
                QCoreApplication.translate(
                    "RecordSession", "Only a signed record is amended; edit and save this one."
                )
            )
        refusal = self.recheck()
        if refusal is not None:
            raise SessionError(refusal)
        self._acquire()
        self.amending = reason
        self.announce()

    def _report_journal(self) -> None:
        if self.store.journal_error is not None:
            self.journal_failed.emit(said_text(self.store.journal_error))


def _json_like(answers: Mapping[str, object]) -> dict[str, Any]:
    """Answers as a record stores them (decimals as text), to compare with the saved ones."""
    from nkscreen.records.model import to_json_object

    return to_json_object(dict(answers), "answers")
