"""The life of one assessment on disk while a window shows it: lock, autosave, save, sign, amend.

Qt only for the autosave timer; every decision about records is the records layer's. Errors
come back as sentences for the user, and nothing already saved is ever damaged by a failure:
the answers stay in the window until a save succeeds.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from nkscreen.core.protocol import Protocol
from nkscreen.records.assessment import NotSavableError, prepare
from nkscreen.records.atomic import FileLock, LockedError, StorageError
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.lifecycle import (
    AmendmentError,
    RecordReadOnlyError,
    amend_record,
    make_draft,
    new_id,
    new_record,
    os_actor,
    update_record,
)
from nkscreen.records.model import Actor, DraftV1, Meaning, RecordV1, record_to_dict
from nkscreen.records.signing import SigningError, Verification, sign_record
from nkscreen.records.store import LoadedRecord, RecordStore

AUTOSAVE_DELAY_MS = 1500


class SessionError(Exception):
    """An operation was refused or failed; ``str()`` is what the user reads."""


class RecordSession(QObject):
    """One assessment's identity on disk: its id, its lock, its saved record and its draft."""

    #: The draft's save time (a UTC datetime); the window shows it in the site's zone.
    autosaved = Signal(object)
    autosave_failed = Signal(str)
    state_changed = Signal()

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
        self.amending: str | None = None  # the reason, while an amendment is being edited
        self.draft_created: Any = None
        self._saved_answers: dict[str, Any] | None = None
        self._pending: Mapping[str, object] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(AUTOSAVE_DELAY_MS)
        self._timer.timeout.connect(self.flush_autosave)

    # --- state ------------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        return self.record is not None and self.record.is_signed and self.amending is None

    @property
    def signed(self) -> bool:
        return self.record is not None and self.record.is_signed

    def _acquire(self) -> None:
        if self.lock is None:
            lock = self.store.lock(self.assessment_id)
            try:
                lock.acquire()
            except LockedError as exc:
                raise SessionError(str(exc)) from None
            self.lock = lock

    def release(self) -> None:
        self._timer.stop()
        if self.lock is not None:
            self.lock.release()
            self.lock = None

    def is_dirty(self, answers: Mapping[str, object]) -> bool:
        """Whether the answers differ from the saved record (always, if none is saved)."""
        if self._saved_answers is None:
            return bool(answers)
        try:
            return _json_like(prepare(self.protocol, answers).answers) != self._saved_answers
        except NotSavableError:
            return True

    # --- opening ----------------------------------------------------------------------------

    def open_loaded(self, loaded: LoadedRecord) -> None:
        """Show a saved record: signed ones read-only; unsigned ones editable (locked)."""
        self.assessment_id = loaded.record.assessment_id
        self.record = loaded.record
        self.record_raw = loaded.raw
        self.record_path = loaded.path
        self.verification = loaded.verification
        self._saved_answers = dict(loaded.record.answers)
        if not loaded.record.is_signed:
            self._acquire()
        self.state_changed.emit()

    def restore_draft(self, draft: DraftV1) -> None:
        self.assessment_id = draft.assessment_id
        self.draft_created = draft.created_at
        if draft.based_on:
            path = self.store.records_dir / draft.based_on
            try:
                loaded = self.store.load(path)
            except Exception as exc:  # any unreadable base: say so, and keep the draft
                raise SessionError(f"The record this draft edits cannot be read: {exc}") from None
            self.record, self.record_raw, self.record_path = loaded.record, loaded.raw, path
            self.verification = loaded.verification
            self._saved_answers = dict(loaded.record.answers)
        self.amending = draft.amendment_reason
        self._acquire()
        self.state_changed.emit()

    # --- autosave ---------------------------------------------------------------------------

    def changed(self, answers: Mapping[str, object]) -> None:
        """Called on every edit: autosave shortly after the typing stops."""
        if self.read_only:
            return
        self._pending = dict(answers)
        self._timer.start()

    def flush_autosave(self) -> bool:
        """Write the pending draft now (on close, before quitting); True if nothing is lost."""
        self._timer.stop()
        answers = self._pending
        if answers is None:
            return True
        if self._saved_answers is not None and not self.is_dirty(answers):
            self._pending = None
            self.store.discard_draft(self.assessment_id)
            return True
        try:
            self._acquire()
            draft = make_draft(
                assessment_id=self.assessment_id,
                protocol_id=self.protocol.id,
                answers=_json_like(answers),
                based_on=self.record_path.name if self.record_path else None,
                amendment_reason=self.amending,
                created_at=self.draft_created,
            )
            self.draft_created = draft.created_at
            self.store.save_draft(draft, lock=self.lock)
        except (SessionError, StorageError, LockedError, OSError, ValueError) as exc:
            self.autosave_failed.emit(
                f"Autosave failed: {exc}. Your answers are still here; saved records are untouched."
            )
            return False
        self._pending = None
        self.autosaved.emit(draft.updated_at)
        return True

    # --- save, sign, amend ------------------------------------------------------------------

    def save(self, answers: Mapping[str, object], actor: Actor | None = None) -> Path:
        """Save the answers as a record (a new version when amending)."""
        if self.read_only:
            raise SessionError("This record is signed: use Amend to change it.")
        try:
            savable = prepare(self.protocol, answers)
        except NotSavableError as exc:
            raise SessionError("Cannot save yet:\n" + "\n".join(exc.problems)) from None
        actor = actor or os_actor()
        try:
            self._acquire()
            if self.amending is not None:
                assert self.record is not None
                assert self.record_raw is not None
                assert self.record_path is not None
                if self.record.is_signed:
                    record = amend_record(
                        self.record,
                        self.record_raw,
                        self.record_path.name,
                        answers=savable.answers,
                        evaluation=savable.evaluation,
                        protocol=savable.protocol,
                        actor=actor,
                        reason=self.amending,
                    )
                else:  # the amendment was saved before: keep editing that version
                    record = update_record(
                        self.record,
                        answers=savable.answers,
                        evaluation=savable.evaluation,
                        actor=actor,
                        protocol=savable.protocol,
                    )
            elif self.record is None:
                record = new_record(
                    protocol=savable.protocol,
                    answers=savable.answers,
                    evaluation=savable.evaluation,
                    actor=actor,
                    assessment_id=self.assessment_id,
                )
            else:
                record = update_record(
                    self.record,
                    answers=savable.answers,
                    evaluation=savable.evaluation,
                    actor=actor,
                    protocol=savable.protocol,
                )
            path = self.store.save(record, lock=self.lock)
        except (AmendmentError, RecordReadOnlyError, LockedError, StorageError) as exc:
            raise SessionError(f"Not saved: {exc}") from None
        except OSError as exc:
            raise SessionError(f"Not saved: {exc.strerror or exc}. Nothing was changed.") from None
        self.record, self.record_path = record, path
        self.record_raw = record_to_dict(record)
        self._saved_answers = dict(record.answers)
        self._pending = None
        self.store.discard_draft(self.assessment_id)
        self.state_changed.emit()
        return path

    def sign(
        self, answers: Mapping[str, object], identity: UnlockedIdentity, meaning: Meaning
    ) -> Path:
        """Save (if needed) and sign; the signed record becomes read-only."""
        if not self.signed or self.amending is not None:
            actor = Actor(
                user_id=identity.public.user_id,
                name=identity.public.name,
                role=identity.public.role,
            )
            self.save(answers, actor)
        assert self.record is not None
        try:
            signed = sign_record(self.record, identity, meaning)
            path = self.store.save(signed, lock=self.lock)
        except (SigningError, RecordReadOnlyError, LockedError, StorageError) as exc:
            raise SessionError(f"Not signed: {exc}") from None
        loaded = self.store.load(path)
        self.record, self.record_raw, self.record_path = signed, loaded.raw, path
        self.verification = loaded.verification
        self.amending = None
        self.release()
        self.state_changed.emit()
        return path

    def begin_amend(self, reason: str) -> None:
        reason = reason.strip()
        if not reason:
            raise SessionError("An amendment needs a reason.")
        if not self.signed:
            raise SessionError("Only a signed record is amended; edit and save this one.")
        self._acquire()
        self.amending = reason
        self.state_changed.emit()


def _json_like(answers: Mapping[str, object]) -> dict[str, Any]:
    """Answers as a record stores them (decimals as text), to compare with the saved ones."""
    from nkscreen.records.model import to_json_object

    return to_json_object(dict(answers), "answers")
