"""What the printed screening summary says, as plain data (Qt-free).

Everything a printout must carry is decided here: the verdict and the evidence behind every
criterion, the signature manifestation with its verification state at print time (21 CFR
11.50(b) wants it on every printout), the record's content hash and the DRAFT / SIGNATURE
INVALID marks. The Qt renderer only lays this out, so the PDF, the print preview and the
printer cannot disagree, and the content is tested without a QApplication.

Texts are in the printout's language (``locale``: English, or Chinese with ``zh_CN``): fixed
words from :mod:`nkscreen.report.texts`, the protocol's labels from its side file and the core's
:class:`~nkscreen.core.messages.Message` evidence rendered by :mod:`nkscreen.core.localize`. The
English constants below are the English catalogue's entries, kept for callers. Every time is
shown in the site's zone with one UTC offset for the whole printout (see
:mod:`nkscreen.clock`); the answers appendix and the evidence dates come from
:mod:`nkscreen.report.appendix`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from nkscreen import __version__
from nkscreen.clock import Zone, describe_zone, fixed_zone, format_time, utc_now
from nkscreen.core import status
from nkscreen.core.engine import (
    ELIGIBLE,
    INCOMPLETE,
    NOT_ELIGIBLE,
    Evaluation,
    EvaluationSettings,
    derived_display,
    evaluate,
)
from nkscreen.core.library import MatchState, ProtocolMatch
from nkscreen.core.localized_texts import ENGLISH
from nkscreen.core.protocol import Protocol
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.chain import Superseded
from nkscreen.records.identity import format_fingerprint
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.model import Manifestation
from nkscreen.records.notes import Notes
from nkscreen.records.reasons import render as render_reason
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import LoadedRecord, previous_version
from nkscreen.report.amendment import Amendment, describe_amendment
from nkscreen.report.appendix import AnswerPage, answers_appendix, evidence_dates
from nkscreen.report.summary_rows import (
    NOT_ANSWERED,
    CriterionRow,
    CriterionText,
    Item,
    criteria_texts,
    criterion_rows,
    field_label,
    initials_text,
    key_values,
    patient_items,
    role_answer,
)
from nkscreen.report.texts import ReportTexts, report_text, report_texts

DRAFT_MARK: Final = report_text(ENGLISH, "mark.draft")
INVALID_MARK: Final = report_text(ENGLISH, "mark.invalid")
BROKEN_CHAIN_MARK: Final = report_text(ENGLISH, "mark.broken_chain")
#: With the number of the version that replaces the one printed.
SUPERSEDED_MARK: Final = "SUPERSEDED BY VERSION {version}"

VERDICT_TEXT: Final[dict[str, str]] = {
    v: report_text(ENGLISH, f"verdict.{v}") for v in (ELIGIBLE, NOT_ELIGIBLE, INCOMPLETE)
}
#: A failing status is in capitals so it stands out on a black-and-white printout too.
STATUS_TEXT: Final[dict[str, str]] = {
    s: report_text(ENGLISH, f"status.{s}")
    for s in ("met", "absent", "not_met", "present", "unknown")
}
#: Catalogue keys of the verification states (``verification.<key>``, ``verification_short.``).
_STATE_KEYS: Final[dict[VerificationState, str]] = {
    VerificationState.VALID: "valid",
    VerificationState.UNTRUSTED: "untrusted",
    VerificationState.INVALID: "invalid",
    VerificationState.BROKEN_CHAIN: "broken_chain",
    VerificationState.UNSIGNED: "unsigned",
}
VERIFICATION_TEXT: Final[dict[VerificationState, str]] = {
    state: report_text(ENGLISH, f"verification.{key}") for state, key in _STATE_KEYS.items()
}
#: The state in each signature's row; the sentence above the rows explains it.
VERIFICATION_SHORT: Final[dict[VerificationState, str]] = {
    state: report_text(ENGLISH, f"verification_short.{key}") for state, key in _STATE_KEYS.items()
}
#: The patient and date fields printed at the top, in this order, when the protocol has them.
NOT_SAVED: Final = report_text(ENGLISH, "not_saved")
#: Printed for the site on unsigned work only: a signed record never carries it.
NO_SITE: Final = report_text(ENGLISH, "no_site")
HASH_NOT_COMPUTABLE: Final = report_text(ENGLISH, "hash.not_computable")


@dataclass(frozen=True, slots=True)
class SignatureBlock:
    """A signature manifestation as printed, with the verification state at print time."""

    name: str
    user_id: str
    role: str
    meaning: str
    statement: str
    signed_at: str
    key_fingerprint: str
    verification: str
    #: The signature fails verification: its state is printed in red.
    invalid: bool = False


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """What a saved record adds to a printout: identity, hash, signatures, verification."""

    record_id: str
    version: int
    content_hash: str
    state: VerificationState
    reason: str
    signatures: tuple[Manifestation, ...]
    saved_verdict: str
    saved_criteria: Mapping[str, str]
    protocol_version: str
    protocol_sha256: str
    saved_at: datetime
    #: The newer version that replaces this one, if any is beside it.
    superseded: Superseded | None = None
    #: What breaks the amendment chain ("version 1 missing ..."), if anything; like
    #: ``reason``, a records-layer Reason the printout renders in its language.
    chain_break: str | None = None
    #: How this version amends the one before it (None for a first version).
    amendment: Amendment | None = None

    @classmethod
    def from_loaded(cls, loaded: LoadedRecord, amendment: Amendment | None = None) -> RecordInfo:
        record = loaded.record
        try:
            content_hash = record_hash(loaded.raw)
        except CanonicalizationError:
            content_hash = HASH_NOT_COMPUTABLE
        saved = record.evaluation.get("criteria")
        saved_criteria = (
            {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
        )
        return cls(
            record_id=record.record_id,
            version=record.version,
            content_hash=content_hash,
            state=loaded.verification.state,
            reason=loaded.verification.reason,
            signatures=tuple(s.manifestation for s in record.signatures),
            saved_verdict=record.verdict,
            saved_criteria=saved_criteria,
            protocol_version=record.protocol.version,
            protocol_sha256=record.protocol.sha256,
            saved_at=record.saved_at,
            superseded=loaded.standing.superseded,
            chain_break=(
                loaded.standing.chain_break.describe() if loaded.standing.chain_break else None
            ),
            amendment=amendment,
        )


@dataclass(frozen=True, slots=True)
class ScreeningSummary:
    """Everything printed on a screening summary, already formatted as text."""

    trial_id: str
    short_title: str
    protocol_version: str
    site_name: str
    #: The answers of the protocol's screening number, initials and screening date fields.
    screening_number: str
    patient: tuple[Item, ...]
    overall: str
    verdict_text: str
    criteria: tuple[CriterionRow, ...]
    reasons: tuple[str, ...]
    missing: tuple[str, ...]
    errors: tuple[str, ...]
    warnings: tuple[str, ...]
    key_values: tuple[Item, ...]
    record: tuple[Item, ...]
    content_hash: str
    verification: str
    signatures: tuple[SignatureBlock, ...]
    #: DRAFT_MARK or INVALID_MARK: printed large on every page; empty for a valid record.
    marks: tuple[str, ...]
    #: One sentence under the mark saying what it means for the reader.
    mark_detail: str
    #: Things the reader must notice (untrusted signer, verdict differs on re-evaluation).
    notices: tuple[str, ...]
    printed_at: str
    app_version: str
    #: Every answer the evaluation used, grouped as the wizard's pages.
    appendix: tuple[AnswerPage, ...] = ()
    #: The zone and the one UTC offset of every time printed ("Asia/Shanghai, UTC+08:00").
    time_zone: str = ""
    #: "Amends version 1 (sha256 ...)" for an amended version, else empty.
    amendment_heading: str = ""
    #: The reason, who amended it and when, and each change as "label: old -> new".
    amendment_lines: tuple[str, ...] = ()
    #: The language it is printed in ("en", "zh_CN"): the renderer's fixed words follow it.
    locale: str = ENGLISH
    #: Each criterion translated, over its verbatim registry text (translated protocols only).
    criteria_texts: tuple[CriterionText, ...] = ()
    initials: str = ""
    screening_date: str = ""
    #: Why the screening failed, in the screener's words ("" for none): printed by the verdict.
    screen_failure_reason: str = ""

    @property
    def tone(self) -> str:
        return status.tone(self.overall)

    def text(self, key: str, /, **params: object) -> str:
        """A fixed word of the printout in its language (see nkscreen.report.texts)."""
        return report_text(self.locale, key, **params)

    def site_text(self) -> str:
        """The site as printed: its name; on unsigned work a pointer to where it is set.

        A signed record printed on a computer without a site name shows no site line rather
        than a hint that reads like a defect of the record.
        """
        if self.site_name:
            return self.site_name
        return "" if self.signatures else self.text("no_site")

    def running_header(self) -> str:
        """Repeated at the top of every page so a loose page can be matched to its patient."""
        parts = [
            self.text("header.title"),
            self.trial_id,
            self.text("header.screening", id=self.screening_number or NOT_ANSWERED),
        ]
        if self.initials:
            parts.append(self.initials)
        if self.site_name:
            parts.append(self.site_name)
        return " · ".join(parts)

    def footer(self, page: int, pages: int) -> str:
        return self.text(
            "footer.pages",
            page=page,
            pages=pages,
            printed=self.printed_at,
            version=self.app_version,
        )

    def signature_line(self) -> str:
        """A one-line manifestation for every page footer (11.50(b): on every printout)."""
        if not self.signatures:
            return self.text("mark.draft")
        who = self.text("list_separator").join(
            self.text("footer.signer", name=s.name, meaning=s.meaning, time=s.signed_at)
            for s in self.signatures
        )
        return self.text("footer.signed", who=who, state=self.signatures[0].verification)

    def file_stem(self) -> str:
        """A safe default file name: screening id and assessment date, nothing else."""
        parts = ("screening", self.screening_number, self.screening_date)
        raw = "-".join(p for p in parts if p)
        return "".join(c if c.isalnum() or c in "-_." else "_" for c in raw)


# ---------------------------------------------------------------- formatting


def format_timestamp(value: datetime, zone: Zone = None) -> str:
    """Date, time and UTC offset in ``zone`` (None: the computer's): a time without its
    zone is ambiguous in a trial binder. Within one printout pass the printout's fixed zone
    (see :func:`build_summary`), so every time on it carries the same offset."""
    return format_time(value, zone)


def _protocol_version(protocol: Protocol, version: str) -> str:
    """ "version (date)": the date is the protocol file's, so only beside its own version."""
    if protocol.version_date is not None and version == protocol.version:
        return f"{version} ({protocol.version_date.isoformat()})"
    return version


def _signature_blocks(info: RecordInfo, zone: Zone, tx: ReportTexts) -> tuple[SignatureBlock, ...]:
    state = tx(f"verification_short.{_STATE_KEYS[info.state]}")
    return tuple(
        SignatureBlock(
            name=m.name,
            user_id=m.user_id,
            role=m.role,
            meaning=tx(f"meaning.{m.meaning}"),
            statement=m.statement,
            signed_at=format_timestamp(m.signed_at, zone),
            key_fingerprint=format_fingerprint(m.key_fingerprint),
            verification=state,
            invalid=info.state is VerificationState.INVALID,
        )
        for m in info.signatures
    )


def _record_notices(
    protocol: Protocol, evaluation: Evaluation, info: RecordInfo, tx: ReportTexts
) -> list[str]:
    notices: list[str] = []
    if info.state is VerificationState.UNTRUSTED:
        notices.append(tx("notice.untrusted", reason=render_reason(info.reason, tx.locale)))
    elif info.state is VerificationState.INVALID:
        notices.append(tx("notice.invalid", reason=render_reason(info.reason, tx.locale)))
    if info.protocol_sha256 != protocol.source_sha256 and tx.locale == ENGLISH:
        state: MatchState = (
            "changed" if info.protocol_version == protocol.version else "version_missing"
        )
        match = ProtocolMatch(protocol, state)
        notices.append(match.notice(protocol.id, info.protocol_version, info.protocol_sha256))
    elif info.protocol_sha256 != protocol.source_sha256:
        notices.append(
            tx(
                "notice.protocol_copy",
                saved=info.protocol_sha256[:16],
                current=protocol.source_sha256[:16],
            )
        )
    differs = sorted(
        cid
        for cid, saved in info.saved_criteria.items()
        if cid in evaluation.criteria and evaluation.criteria[cid].status != saved
    )
    if info.saved_verdict and info.saved_verdict != evaluation.overall:
        notices.append(
            tx(
                "notice.verdict_differs",
                saved=_verdict_text(info.saved_verdict, tx, info.saved_verdict),
                now=_verdict_text(evaluation.overall, tx, evaluation.overall),
            )
        )
    if differs:
        items = tx("comma").join(
            tx("notice.criterion_saved", id=cid, status=_saved_status(info.saved_criteria[cid], tx))
            for cid in differs
        )
        notices.append(tx("notice.criteria_differ", items=items))
    return notices


def _verdict_text(verdict: str, tx: ReportTexts, unknown: str | None = None) -> str:
    """The verdict's words; an unknown one as ``unknown`` (default: in capitals)."""
    if verdict in VERDICT_TEXT:
        return tx(f"verdict.{verdict}")
    return verdict.upper() if unknown is None else unknown


def _saved_status(status: str, tx: ReportTexts) -> str:
    if status in STATUS_TEXT:
        return tx(f"saved_status.{status}")
    return status


# ---------------------------------------------------------------- building


def build_summary(
    protocol: Protocol,
    answers: Mapping[str, object],
    evaluation: Evaluation,
    *,
    record: RecordInfo | None = None,
    site_name: str = "",
    app_version: str = __version__,
    printed_at: datetime | None = None,
    zone: Zone = None,
    locale: str = ENGLISH,
    notes: Notes | None = None,
) -> ScreeningSummary:
    """The summary of one assessment; ``record`` is None for unsaved work (printed as DRAFT).
    ``notes``: the comments on criteria, the screen-failure reason and the values typed in
    another unit, printed under their rows, by the verdict and in the appendix.

    The verdict printed large is the one saved in the record when there is one (that is what
    was signed); the criteria rows come from ``evaluation``, and any disagreement between
    the two is printed as a notice rather than hidden.

    ``zone`` is the site's time zone (None: the computer's). Every time printed uses its
    offset at the moment the record was saved (for unsaved work: the print time), so one
    printout never shows two offsets, even across a daylight-saving change.

    ``locale`` is the printout's language (see :data:`nkscreen.report.texts.LOCALES`); it
    raises :class:`~nkscreen.core.protocol_texts.ProtocolTextsError` when the protocol's
    translation does not fit the protocol.
    """
    tx = report_texts(protocol, locale)
    notes = (notes or Notes()).cleaned()
    shown = derived_display(protocol, evaluation.derived)
    amendment = record.amendment if record is not None else None
    overall = record.saved_verdict if record is not None and record.saved_verdict else None
    overall = overall or evaluation.overall
    marks: tuple[str, ...] = (tx("mark.draft"),)
    notices: list[str] = []
    record_items: list[Item] = []
    signatures: tuple[SignatureBlock, ...] = ()
    verification = tx("verification.unsigned")
    content_hash = tx("not_saved")
    protocol_version = _protocol_version(protocol, protocol.version)
    dates = evidence_dates(protocol, answers, evaluation, tx)
    when = printed_at or utc_now()
    reference = record.saved_at if record is not None else when
    printout_zone = fixed_zone(zone, reference)
    mark_detail = tx("detail.unsaved")
    if record is None:
        record_items.append(Item(tx("item.record"), tx("not_saved")))
    else:
        content_hash = record.content_hash
        if content_hash == HASH_NOT_COMPUTABLE:
            content_hash = tx("hash.not_computable")
        protocol_version = _protocol_version(protocol, record.protocol_version)
        signatures = _signature_blocks(record, printout_zone, tx)
        verification = tx(f"verification.{_STATE_KEYS[record.state]}")
        mark_detail = tx("detail.unsigned")
        if record.state is VerificationState.INVALID:
            marks = (tx("mark.invalid"),)
            mark_detail = tx("detail.invalid")
        elif record.state is VerificationState.BROKEN_CHAIN:
            marks = (tx("mark.broken_chain"),)
            why = render_reason(record.chain_break or record.reason, tx.locale)
            mark_detail = tx("detail.broken_chain", reason=why)
        elif record.signatures:
            marks = ()
            mark_detail = ""
        if record.superseded is not None and record.state is not VerificationState.INVALID:
            newer = record.superseded
            marks = (tx("mark.superseded", version=newer.version), *marks)
            by = (
                tx(
                    "detail.superseded_signed",
                    signer=newer.signer,
                    time=format_timestamp(newer.signed_at, printout_zone),
                )
                if newer.signer is not None and newer.signed_at is not None
                else tx("detail.superseded_unsigned")
            )
            superseded = tx("detail.superseded", version=newer.version, by=by)
            mark_detail = f"{superseded} {mark_detail}".strip()
        record_items += [
            Item(tx("item.record_id"), record.record_id),
            Item(tx("item.version"), str(record.version)),
            Item(tx("item.saved"), format_timestamp(record.saved_at, printout_zone)),
        ]
        notices += _record_notices(protocol, evaluation, record, tx)
    return ScreeningSummary(
        trial_id=protocol.id,
        short_title=tx.protocol.protocol_text("short_title"),
        protocol_version=protocol_version,
        site_name=site_name,
        screening_number=role_answer(protocol, answers, "screening_number"),
        initials=initials_text(protocol, answers, tx),
        screening_date=role_answer(protocol, answers, "screening_date"),
        patient=patient_items(protocol, answers, shown, tx),
        overall=overall,
        verdict_text=_verdict_text(overall, tx),
        criteria=criterion_rows(protocol, evaluation, dates, tx, notes.comments),
        reasons=tuple(tx.message(m) for m in evaluation.reasons),
        missing=tuple(field_label(fid, tx) for fid in evaluation.to_answer()),
        errors=tuple(
            tx("labelled_value", label=field_label(e.field, tx), value=tx.message(e.message))
            for e in evaluation.errors
        ),
        warnings=tuple(tx.message(w.message) for w in evaluation.warnings),
        key_values=key_values(protocol, evaluation, tx),
        record=tuple(record_items),
        content_hash=content_hash,
        verification=verification,
        signatures=signatures,
        marks=marks,
        mark_detail=mark_detail,
        notices=tuple(notices),
        printed_at=format_timestamp(when, printout_zone),
        app_version=app_version,
        appendix=answers_appendix(protocol, answers, evaluation, tx, notes.entered_as),
        time_zone=describe_zone(zone, reference),
        amendment_heading=amendment.heading(tx) if amendment is not None else "",
        amendment_lines=_amendment_lines(amendment, printout_zone, tx),
        locale=tx.locale,
        criteria_texts=criteria_texts(protocol, tx),
        screen_failure_reason=notes.screen_failure_reason,
    )


def _amendment_lines(amendment: Amendment | None, zone: Zone, tx: ReportTexts) -> tuple[str, ...]:
    """What a monitor needs to read an amended version on its own: why, who, what changed."""
    if amendment is None:
        return ()
    when = format_timestamp(amendment.amended_at, zone) if amendment.amended_at else ""
    lines = [tx("amend.reason", reason=amendment.reason)]
    if amendment.amended_by:
        if when:
            lines.append(tx("amend.by_on", who=amendment.amended_by, time=when))
        else:
            lines.append(tx("amend.by", who=amendment.amended_by))
    if amendment.verdict is not None:
        lines.append(amendment.verdict.line(tx))
    lines += [tx("amend.answer", change=c.line(tx)) for c in amendment.answers]
    lines += [tx("amend.note", change=c.line(tx)) for c in amendment.notes]
    lines += [tx("amend.criterion", change=c.line(tx)) for c in amendment.criteria]
    if not amendment.compared_with_previous:
        lines.append(tx("amend.unreadable", version=amendment.amends_version))
    return tuple(lines)


def summary_for_record(
    loaded: LoadedRecord,
    protocol: Protocol,
    *,
    site_name: str = "",
    recency_days: Mapping[str, int] | None = None,
    printed_at: datetime | None = None,
    zone: Zone = None,
    locale: str = ENGLISH,
) -> ScreeningSummary:
    """A saved record's summary: its answers re-evaluated for the evidence, its signatures
    and their verification as they stand now (a printout says whether it could be trusted
    at the time it was printed). ``locale``: the printout's language.
    """
    answers = loaded.record.answers
    settings = EvaluationSettings(recency_days=dict(recency_days or {}))
    evaluation = evaluate(protocol, answers, settings)
    tx = report_texts(protocol, locale)
    return build_summary(
        protocol,
        answers,
        evaluation,
        record=RecordInfo.from_loaded(
            loaded, describe_amendment(loaded.record, previous_version(loaded), protocol, tx)
        ),
        site_name=site_name,
        printed_at=printed_at,
        zone=zone,
        locale=locale,
        notes=Notes.of(loaded.record),
    )


__all__ = [
    "DRAFT_MARK",
    "INVALID_MARK",
    "NO_SITE",
    "CriterionRow",
    "CriterionText",
    "Item",
    "RecordInfo",
    "ScreeningSummary",
    "SignatureBlock",
    "build_summary",
    "format_timestamp",
    "summary_for_record",
]
