"""What the record banner says about the open record, in the order a reader needs it.

The worst news comes first: an invalid signature or a broken history, then a superseded version
(the newer one is the one to act on); then the signatures; then, for an amended version, which
version it amends, why, and what changed. Links use ``version:<file name>`` to open another
version of the same screening from the folder the record was opened from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from nkscreen.clock import Zone
from nkscreen.core.frozen import Record, field
from nkscreen.records.verification import VerificationState
from nkscreen.ui.i18n import reason_text, reasons_text, said_text
from nkscreen.ui.markup import escape
from nkscreen.ui.shown_time import shown_time

if TYPE_CHECKING:
    from nkscreen.records.chain import Superseded
    from nkscreen.report.amendment import Amendment
    from nkscreen.ui.record_session import RecordSession

#: Link scheme of the banner's "Open version N" links.
VERSION_LINK = "version:"


class BannerContent(Record, kw_only=False):
    html: str
    #: The banner's style and meaning: valid, untrusted, invalid, broken_chain, superseded,
    #: draft, amending, or "" (no banner).
    state: str
    #: (section heading, change lines) as plain text.
    changes: tuple[tuple[str, tuple[str, ...]], ...] = field(default=())


def _link(file_name: str, text: str) -> str:
    return f'<a href="{escape(VERSION_LINK + file_name)}">{escape(text)}</a>'


def banner_for(session: RecordSession, zone: Zone = None) -> BannerContent:
    """The banner for the session's record as it stands now."""
    record = session.record
    if session.amending is not None and record is not None:
        return _amending(session, zone)
    if record is None:
        return BannerContent("", "")
    verification = session.verification
    state = verification.state if verification is not None else VerificationState.UNSIGNED
    superseded = session.standing.superseded
    lines: list[str] = []
    if state is VerificationState.INVALID:
        assert verification is not None
        lines.append(
            "✗ "
            + QCoreApplication.translate(
                "RecordBanner", "SIGNATURE INVALID: %s. Do not rely on this record."
            )
            % escape(reason_text(verification.reason))
        )
    elif state is VerificationState.BROKEN_CHAIN:
        assert verification is not None
        chain_break = session.standing.chain_break
        what = reason_text(
            chain_break.describe() if chain_break is not None else verification.reason
        )
        lines.append(
            "✗ "
            + QCoreApplication.translate(
                "RecordBanner",
                "<b>BROKEN HISTORY</b>: %s. Do not rely on this version's history. "
                "It cannot be amended or signed.",
            )
            % escape(what)
        )
    if superseded is not None:
        lines.append(_superseded_line(superseded, zone))
    if state is VerificationState.INVALID and not record.is_signed:
        pass  # signatures removed: the line above says so; "not signed yet" would mislead
    elif not record.is_signed or verification is None:
        name = session.record_path.name if session.record_path else ""
        lines.append(
            QCoreApplication.translate(
                "RecordBanner", "Saved record %s, version %d, not signed yet."
            )
            % (escape(name), record.version)
        )
    else:
        if state is VerificationState.VALID:
            lines.append(
                "✓ "
                + (
                    QCoreApplication.translate(
                        "RecordBanner", "Signature valid. This version is read-only."
                    )
                    if superseded is not None
                    else QCoreApplication.translate(
                        "RecordBanner",
                        "Signature valid. This record is read-only; use Amend to change it.",
                    )
                )
            )
        elif state is VerificationState.UNTRUSTED:
            assert verification is not None
            untrusted = "⚠ " + QCoreApplication.translate(
                "RecordBanner", "Signature intact, but this site does not vouch for the signer: %s."
            ) % escape(reasons_text(verification.trust_problems))
            if session.store.trusted_error:
                untrusted += "<br>" + escape(said_text(session.store.trusted_error))
            lines.append(untrusted)
        elif state is VerificationState.BROKEN_CHAIN:
            lines.append(
                QCoreApplication.translate(
                    "RecordBanner", "The signatures on this file are intact."
                )
            )
        lines += _signer_lines(session, zone)
    if session.protocol_notice:
        lines.append("⚠ " + escape(session.protocol_notice))
    changes: tuple[tuple[str, tuple[str, ...]], ...] = ()
    if session.amendment is not None:
        lines += _amendment_lines(session.amendment, session.previous_file, zone)
        changes = _changes(session.amendment)
    return BannerContent("<br>".join(lines), _state_key(state, superseded is not None), changes)


def _state_key(state: VerificationState, superseded: bool) -> str:
    if state in (VerificationState.INVALID, VerificationState.BROKEN_CHAIN):
        return state.value
    if superseded:
        return "superseded"
    if state is VerificationState.UNSIGNED:
        return "draft"
    return state.value


def _superseded_line(superseded: Superseded, zone: Zone) -> str:
    if superseded.signer is not None:
        by = QCoreApplication.translate("RecordBanner", "signed by %s on %s") % (
            escape(superseded.signer),
            escape(shown_time(superseded.signed_at, zone)),
        )
    else:
        by = QCoreApplication.translate("RecordBanner", "not signed yet")
    version = superseded.version
    return (
        "⚠ "
        + QCoreApplication.translate("RecordBanner", "<b>Superseded by version %d</b> (%s).")
        % (version, by)
        + " "
        + QCoreApplication.translate(
            "RecordBanner", "This version is kept as history: it cannot be amended or signed."
        )
        + " "
        + _link(
            superseded.file_name,
            QCoreApplication.translate("RecordBanner", "Open version %d") % version,
        )
    )


def _signer_lines(session: RecordSession, zone: Zone) -> list[str]:
    verification = session.verification
    if verification is None:
        return []
    from nkscreen.records.model import MEANING_STATEMENTS  # a signed record's: models loaded

    # Each signature's statement as its signer read it (in the language it was shown).
    record = session.record
    kept = [s.manifestation.statement for s in record.signatures] if record is not None else []

    def statement(index: int, meaning: str) -> str:
        if index < len(kept):
            return kept[index]
        return MEANING_STATEMENTS.get(meaning, meaning)

    return [
        QCoreApplication.translate(
            "RecordBanner", "Signed by <b>%s</b> (%s, user %s) at %s. Meaning: %s Key %s…"
        )
        % (
            escape(signer.name),
            escape(signer.role),
            escape(signer.user_id),
            escape(shown_time(signer.signed_at, zone)),
            escape(statement(index, signer.meaning)),
            signer.key_fingerprint[:16],
        )
        for index, signer in enumerate(verification.signers)
    ]


def _amendment_lines(amendment: Amendment, previous_file: str | None, zone: Zone) -> list[str]:
    head = QCoreApplication.translate(
        "RecordBanner", "<b>Amends version %d</b> (sha256 %s...)."
    ) % (
        amendment.amends_version,
        escape(amendment.short_hash),
    )
    if previous_file is not None:
        head += " " + _link(
            previous_file,
            QCoreApplication.translate("RecordBanner", "Open version %d")
            % amendment.amends_version,
        )
    lines = [head]
    if amendment.amended_by or amendment.reason:
        lines.append(
            QCoreApplication.translate("RecordBanner", "Amended by %s on %s. Reason: <b>%s</b>")
            % (
                escape(amendment.amended_by),
                escape(shown_time(amendment.amended_at, zone)),
                escape(amendment.reason),
            )
        )
    return lines + _outcome_lines(amendment)


def _outcome_lines(amendment: Amendment) -> list[str]:
    """The verdict's change, and what the list of changes can and cannot say."""
    lines = []
    if amendment.verdict is not None:
        verdict = QCoreApplication.translate("RecordBanner", "Verdict changed: %s -> %s") % (
            amendment.verdict.old,
            amendment.verdict.new,
        )
        lines.append(f"<b>{escape(verdict)}</b>")
    if not amendment.compared_with_previous:
        lines.append(
            QCoreApplication.translate(
                "RecordBanner",
                "Version %d could not be compared with this one: the changed answers listed are "
                "those this version's audit trail records; changed criteria are not known.",
            )
            % amendment.amends_version
        )
    elif not amendment.answers and not amendment.notes:
        lines.append(QCoreApplication.translate("RecordBanner", "No answer changed."))
    elif not amendment.answers:
        lines.append(
            QCoreApplication.translate(
                "RecordBanner", "No answer changed; only comments or the screen-failure reason."
            )
        )
    return lines


def _changes(amendment: Amendment) -> tuple[tuple[str, tuple[str, ...]], ...]:
    sections: list[tuple[str, tuple[str, ...]]] = []
    if amendment.answers:
        sections.append(
            (
                QCoreApplication.translate("RecordBanner", "Answers changed"),
                tuple(c.line() for c in amendment.answers),
            )
        )
    if amendment.notes:
        sections.append(
            (
                QCoreApplication.translate("RecordBanner", "Comments changed"),
                tuple(c.line() for c in amendment.notes),
            )
        )
    if amendment.criteria:
        sections.append(
            (
                QCoreApplication.translate("RecordBanner", "Criteria changed"),
                tuple(c.line() for c in amendment.criteria),
            )
        )
    return tuple(sections)


def _amending(session: RecordSession, zone: Zone) -> BannerContent:
    record = session.record
    assert record is not None
    assert session.amending is not None
    saved = not record.is_signed  # the new version has been saved at least once
    old, new = (
        (record.version - 1, record.version) if saved else (record.version, record.version + 1)
    )
    head = QCoreApplication.translate(
        "RecordBanner",
        "Amending version %d: your changes become version %d. Reason: %s. Save, then sign again.",
    ) % (old, new, escape(session.amending))
    if not saved or session.amendment is None:
        return BannerContent(head, "amending")
    lines = [head, *_outcome_lines(session.amendment)]
    return BannerContent("<br>".join(lines), "amending", _changes(session.amendment))


__all__ = ["VERSION_LINK", "BannerContent", "banner_for"]
