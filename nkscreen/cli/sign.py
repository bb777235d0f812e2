"""``nkscreen sign`` and ``nkscreen amend``: evaluate a case with the data folder's protocols,
make the record (or its next version), sign it and save it.

Exit codes: 0 signed; 1 refused or failed (wrong passphrase, disk full, read-only folder,
locked); 2 unusable input (unreadable case or record, invalid answers, INCOMPLETE without
--allow-incomplete, a screening already signed, not amendable, no identity, no site name, an
output path that is a folder).
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.cli.signers import trust_note, unlock_signer
from nkscreen.cli.texts import language, say, shown
from nkscreen.core import frozen
from nkscreen.records.atomic import LockedError, StorageError, atomic_write, describe_os_error
from nkscreen.records.lifecycle import RecordReadOnlyError, new_record
from nkscreen.records.meanings import statement
from nkscreen.records.model import (
    MEANING_STATEMENTS,
    Actor,
    Meaning,
    ProtocolRef,
    RecordFormatError,
    RecordV1,
    dumps_document,
    record_to_dict,
)
from nkscreen.records.reasons import render as render_reason
from nkscreen.records.signing import SigningError, VerificationState, sign_record
from nkscreen.records.store import LoadedRecord, RecordStore, RecordSummary, open_record

if TYPE_CHECKING:
    from nkscreen.core.messages import Message
    from nkscreen.core.protocol import Protocol
    from nkscreen.records.assessment import NotSavableError
    from nkscreen.records.identity import PublicIdentity


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``sign`` and ``amend`` on the main parser."""
    p = sub.add_parser("sign", help="evaluate a case file, make a signed record and save it")
    p.add_argument("case", metavar="CASE.json", help="case file (JSON)")
    _add_signing_options(p, "the verdict")
    p.add_argument(
        "-o", "--output", metavar="FILE", help="write the record here (not the data folder)"
    )
    p.set_defaults(func=cmd_sign)

    p = sub.add_parser(
        "amend",
        help="make and sign the next version of a signed record from a corrected case file",
    )
    p.add_argument("record", metavar="RECORD", help="the newest signed version of the screening")
    p.add_argument("case", metavar="CASE.json", help="case file with the corrected answers")
    p.add_argument("--reason", required=True, help="why the record is amended (recorded, printed)")
    _add_signing_options(p, "the new verdict")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write the new version here (not the data folder); keep it beside RECORD so its "
        "amendment chain can be checked",
    )
    p.set_defaults(func=cmd_amend)


def _add_signing_options(p: argparse.ArgumentParser, verdict: str) -> None:
    """What ``sign`` and ``amend`` share: the meaning, who signs, and what may be signed."""
    p.add_argument(
        "--meaning",
        required=True,
        choices=sorted(MEANING_STATEMENTS),
        help="what the signature means: "
        + "; ".join(f"{k}: {v}" for k, v in MEANING_STATEMENTS.items()),
    )
    p.add_argument("--user-id", help="signing identity (needed when there are several)")
    p.add_argument(
        "--allow-incomplete",
        action="store_true",
        help=f"sign even when {verdict} is INCOMPLETE (refused otherwise)",
    )
    p.add_argument(
        "--site", metavar="NAME", help="the site's name, printed on records (needed once)"
    )


def _evaluate_case(base: Path, path: str) -> Evaluated | int:
    """Read and evaluate a case with the data folder's protocols; an exit code instead if it
    cannot be signed."""
    from nkscreen.core.casefile import CaseFileError, read_case
    from nkscreen.core.library import ProtocolLibrary
    from nkscreen.core.protocol import ProtocolError
    from nkscreen.records.assessment import NotSavableError, prepare

    try:
        case = read_case(path, ProtocolLibrary.for_data_dir(base))
        protocol = case.protocol
    except CaseFileError as exc:
        error(say("case.unusable", path=path, problem=message_text(exc.message)))
        return ExitCode.UNUSABLE
    except ProtocolError as exc:
        error(say("case.protocol", problem=exc))
        return ExitCode.UNUSABLE
    try:
        savable = prepare(protocol, case.answers)
    except NotSavableError as exc:
        error(say("case.not_savable", path=path))
        for problem in _not_savable_lines(exc, protocol):
            print(problem, file=sys.stderr)
        return ExitCode.UNUSABLE
    number = protocol.role_field("screening_number")
    screening = str(savable.answers.get(number) or "") if number else ""
    return Evaluated(protocol, savable.protocol, savable.answers, savable.evaluation, screening)


@dataclass(frozen=True)
class Evaluated:
    """A case ready to sign: its protocol, the record's view of it, the screening number."""

    protocol: Protocol
    ref: ProtocolRef
    answers: dict[str, Any]
    evaluation: dict[str, Any]
    screening: str


def message_text(message: Message, protocol: Protocol | None = None) -> str:
    """One of the core's messages in this run's language (the protocol's labels with it when
    the protocol is known); English exactly as ``str(message)``."""
    from nkscreen.language import ENGLISH

    if language() == ENGLISH:
        return str(message)
    from nkscreen.core.localize import render_message, templates_for

    if protocol is not None:
        from nkscreen.core.localized_texts import localized

        return render_message(message, localized(protocol, language()))
    template = templates_for(language()).get(message.id)
    try:  # a message about the file itself (not JSON, no protocol): plain parameters
        return str(message) if template is None else template.format(**message.params)
    except (KeyError, IndexError, ValueError):
        return str(message)


def _not_savable_lines(exc: NotSavableError, protocol: Protocol) -> list[str]:
    """Why a case cannot be saved, one line each, in this run's language (English exactly as
    the records layer words it)."""
    from nkscreen.language import ENGLISH

    if language() == ENGLISH:
        return list(exc.problems)
    from nkscreen.core.localized_texts import localized

    return exc.worded(localized(protocol, language()))


def _verdict_word(evaluation: dict[str, Any]) -> str:
    from nkscreen.core.status import printed
    from nkscreen.language import ENGLISH

    overall = str(evaluation.get("overall", ""))
    if language() != ENGLISH and overall in ("eligible", "not_eligible", "incomplete"):
        from nkscreen.report.texts import report_text

        return report_text(language(), f"verdict.{overall}")
    return printed(overall)


def _refuse_incomplete(evaluation: dict[str, Any], allowed: bool, protocol: Protocol) -> bool:
    """True (after saying why) when an INCOMPLETE verdict may not be signed."""
    from nkscreen.core.engine import without_optional

    if evaluation.get("overall") != "incomplete" or allowed:
        return False
    missing = evaluation.get("missing")
    asked = without_optional(protocol, missing) if isinstance(missing, list) else []
    listed = say("comma").join(asked)
    error(
        say("sign.incomplete", unanswered=say("sign.unanswered", fields=listed) if listed else "")
    )
    return True


def _signed_elsewhere(base: Path, screening: str) -> list[RecordSummary]:
    """Signed records of the data folder that already hold this screening number."""
    if not screening:
        return []
    return [
        s
        for s in RecordStore(base).list_records()
        if s.error is None and s.signed and s.screening_number == screening
    ]


def _write_signed(base: Path, signed: RecordV1, output: str | None) -> Path | int:
    """Save a signed record (to ``output``, else the data folder); an exit code on failure."""
    try:
        if output:
            out = Path(output)
            try:
                atomic_write(out, dumps_document(record_to_dict(signed)), overwrite=False)
            except FileExistsError:
                error(say("sign.exists", path=out))
                return ExitCode.FAILED
            return out
        store = RecordStore(base)
        store.prepare()
        saved = store.save(signed)
        if store.journal_error is not None:
            error(store.journal_error)
        return saved
    except (StorageError, LockedError, RecordReadOnlyError) as exc:
        error(shown(exc))
        return ExitCode.FAILED
    except OSError as exc:
        where = Path(output) if output else paths.records_dir(base) / "record.json"
        error(say("sign.not_saved", problem=describe_os_error(exc, where)))
        return ExitCode.FAILED


def _site_name_problem(base: Path, given: str | None) -> str | None:
    """Why signing must wait for the site's name, or None when it is set.

    The printout of a signed record names its site; a record signed before the site is
    named would print without one, so the command refuses rather than sign it anonymously.
    ``--site NAME`` names the site once, as the window asks for it at the first signature;
    it never renames a site already set (that is Preferences' job, in front of a person).
    """
    from nkscreen.settings import SettingsError, load_settings, save_settings, settings_file

    path = settings_file(base)
    try:
        settings = load_settings(path)
    except SettingsError as exc:
        return say("site.unreadable", problem=exc)
    current = settings.site_name.strip()
    wanted = (given or "").strip()
    if current:
        if wanted and wanted != current:
            return say("site.other", current=current, wanted=wanted)
        return None
    if not wanted:
        return say("site.missing", path=path)
    try:
        save_settings(path, frozen.replace(settings, site_name=wanted))
    except OSError as exc:
        why = describe_os_error(exc, path)
        return say("site.not_saved", problem=why)
    print(say("site.set", name=wanted, path=path), file=sys.stderr)
    return None


def _output_is_a_folder(output: str | None) -> bool:
    """Say so (one line) when ``-o`` names a folder: a record is written to a file name."""
    if output and Path(output).is_dir():
        error(say("output.folder", path=output))
        return True
    return False


def cmd_sign(args: argparse.Namespace) -> int:
    base = paths.data_dir(args.data_dir)
    meaning: Meaning = args.meaning
    if _output_is_a_folder(args.output):
        return ExitCode.UNUSABLE
    evaluated = _evaluate_case(base, args.case)
    if isinstance(evaluated, int):
        return evaluated
    protocol_ref, answers, evaluation = evaluated.ref, evaluated.answers, evaluated.evaluation
    screening = evaluated.screening
    if _refuse_incomplete(evaluation, args.allow_incomplete, evaluated.protocol):
        return ExitCode.UNUSABLE
    problem = _site_name_problem(base, args.site)
    if problem is not None:
        error(problem)
        return ExitCode.UNUSABLE
    existing = _signed_elsewhere(base, screening)
    if existing:
        newest = max(existing, key=lambda s: s.version)
        error(
            say(
                "sign.already",
                screening=screening,
                path=newest.path,
                version=newest.version,
                case=args.case,
                meaning=meaning,
            )
        )
        return ExitCode.UNUSABLE
    what = say(
        "sign.what", screening=screening or say("sign.no_id"), verdict=_verdict_word(evaluation)
    )
    unlocked = unlock_signer(base, args.user_id, what, meaning)
    if isinstance(unlocked, int):
        return unlocked
    public = unlocked.public
    actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
    try:
        record = new_record(
            protocol=protocol_ref, answers=answers, evaluation=evaluation, actor=actor
        )
        signed = sign_record(record, unlocked, meaning, statement(meaning, language()))
    except (SigningError, ValueError, TypeError) as exc:
        error(say("sign.cannot", case=args.case, problem=exc))
        return ExitCode.UNUSABLE
    done = say("sign.done", verdict=_verdict_word(evaluation))
    return _save_and_report(base, signed, args.output, done, public)


def _save_and_report(
    base: Path, signed: RecordV1, output: str | None, done: str, public: PublicIdentity
) -> int:
    """Write the signed record, then say what was signed (stderr) and where (stdout)."""
    out = _write_signed(base, signed, output)
    if isinstance(out, int):
        return out
    print(done, file=sys.stderr)
    print(out)
    trust_note(base, public)
    return ExitCode.OK


def _amendable(loaded: LoadedRecord) -> str | None:
    """Why ``loaded`` cannot be amended, or None."""
    record, state = loaded.record, loaded.verification.state
    if not record.is_signed:
        return say("amend.unsigned")
    if state is VerificationState.INVALID:
        return say("amend.invalid", reason=render_reason(loaded.verification.reason, language()))
    if state is VerificationState.BROKEN_CHAIN:
        return render_reason(loaded.verification.reason, language())
    superseded = loaded.standing.superseded
    if superseded is not None:
        return say(
            "amend.superseded",
            version=record.version,
            newer=superseded.version,
            file=superseded.file_name,
        )
    return None


def cmd_amend(args: argparse.Namespace) -> int:
    from nkscreen.records.lifecycle import AmendmentError, amend_record, os_actor
    from nkscreen.records.notes import Notes

    base = paths.data_dir(args.data_dir)
    meaning: Meaning = args.meaning
    if _output_is_a_folder(args.output):
        return ExitCode.UNUSABLE
    store = RecordStore(base)
    trusted = store.trusted()
    record_path = Path(args.record)
    try:
        loaded = open_record(record_path, trusted)
    except RecordFormatError as exc:
        error(say("amend.unreadable", path=args.record, problem=exc))
        return ExitCode.UNUSABLE
    problem = _amendable(loaded)
    if problem is None and not args.output:
        expected = store.record_path(loaded.record.assessment_id, loaded.record.version)
        if record_path.resolve() != expected.resolve():
            problem = say("amend.elsewhere", folder=store.records_dir)
    if problem is not None:
        error(say("amend.refused", path=args.record, problem=problem))
        return ExitCode.UNUSABLE
    evaluated = _evaluate_case(base, args.case)
    if isinstance(evaluated, int):
        return evaluated
    protocol_ref, answers, evaluation = evaluated.ref, evaluated.answers, evaluated.evaluation
    if protocol_ref.id != loaded.record.protocol.id:
        error(
            say(
                "amend.other_protocol",
                case=args.case,
                protocol=protocol_ref.id,
                record_protocol=loaded.record.protocol.id,
            )
        )
        return ExitCode.UNUSABLE
    if _refuse_incomplete(evaluation, args.allow_incomplete, evaluated.protocol):
        return ExitCode.UNUSABLE
    problem = _site_name_problem(base, args.site)
    if problem is not None:
        error(problem)
        return ExitCode.UNUSABLE
    previous = loaded.record
    # A case file holds answers only: the amended version's comments and reason carry over.
    notes = Notes.of(previous).kept_for(evaluated.protocol, answers)
    try:  # a preview, to refuse "nothing changed" and show the changes before the passphrase
        preview = amend_record(
            previous,
            loaded.raw,
            record_path.name,
            answers=answers,
            evaluation=evaluation,
            protocol=protocol_ref,
            actor=os_actor(),
            reason=args.reason,
            notes=notes,
        )
    except AmendmentError as exc:
        error(say("amend.nothing_signed", problem=exc))
        return ExitCode.UNUSABLE
    for change in _amendment_lines(previous, preview, evaluated.protocol):
        print(change, file=sys.stderr)
    screening = evaluated.screening
    what = say(
        "amend.what",
        version=preview.version,
        screening=screening or say("sign.no_id"),
        verdict=_verdict_word(evaluation),
    )
    unlocked = unlock_signer(base, args.user_id, what, meaning)
    if isinstance(unlocked, int):
        return unlocked
    public = unlocked.public
    actor = Actor(user_id=public.user_id, name=public.name, role=public.role)
    try:
        amended = amend_record(
            previous,
            loaded.raw,
            record_path.name,
            answers=answers,
            evaluation=evaluation,
            protocol=protocol_ref,
            actor=actor,
            reason=args.reason,
            notes=notes,
        )
        signed = sign_record(amended, unlocked, meaning, statement(meaning, language()))
    except (AmendmentError, SigningError, ValueError, TypeError) as exc:
        error(say("amend.cannot", case=args.case, problem=exc))
        return ExitCode.UNUSABLE
    done = say("amend.done", version=signed.version, verdict=_verdict_word(evaluation))
    return _save_and_report(base, signed, args.output, done, public)


def _amendment_lines(previous: RecordV1, amended: RecordV1, protocol: Protocol) -> list[str]:
    """What the new version changes, for the signer to read before the passphrase prompt."""
    from nkscreen.report.amendment import describe_amendment
    from nkscreen.report.texts import report_texts

    texts = report_texts(protocol, language())
    amendment = describe_amendment(amended, previous, protocol, texts)
    if amendment is None:
        return []
    heading = say("amend.heading", heading=amendment.heading(texts), reason=amendment.reason)
    lines = [heading, say("amend.changes")]
    lines += [f"  {c.line(texts)}" for c in amendment.answers]
    lines += [f"  {c.line(texts)}" for c in amendment.notes]
    lines += [f"  {c.line(texts)}" for c in amendment.criteria]
    if amendment.verdict is not None:
        lines.append(f"  {amendment.verdict.line(texts)}")
    return lines
