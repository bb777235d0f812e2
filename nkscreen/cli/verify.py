"""``nkscreen verify`` and ``nkscreen list``.

``verify`` exit codes: 0 every file valid and trusted (a superseded version too); 1 a signature
invalid or untrusted, unsigned, a broken chain; with ``--all`` also a record missing, changed or
not journaled, a signature removed, a broken journal; 2 an unreadable file or journal.
``list`` exits 0, or 2 when the records folder cannot be listed.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error, print_table
from nkscreen.cli.texts import columns, joined, language, say, shown
from nkscreen.clock import Zone, format_time, site_zone
from nkscreen.language import ENGLISH
from nkscreen.records.chain import Superseded
from nkscreen.records.folder_check import Finding, check_folder
from nkscreen.records.model import RecordFormatError
from nkscreen.records.reasons import render as render_reason
from nkscreen.records.signing import SignerInfo, VerificationState
from nkscreen.records.store import LoadedRecord, RecordStore, RecordSummary, open_record
from nkscreen.records.trust import SiteTrust


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``verify`` and ``list`` on the main parser."""
    p = sub.add_parser(
        "verify",
        help="check the signatures of record files, or of the whole data folder (--all)",
        description="Check the signatures of record files and the chain of versions beside "
        "them. With --all, check every record in the data folder and compare the folder with "
        "its journal, which reports records and signatures the folder has lost. Exit codes: "
        "0 all valid (a superseded version whose signature is valid counts as valid: verify "
        "says which version replaces it; with --all, unsigned records are fine); 1 an invalid, "
        "untrusted, missing, changed, removed or unjournaled record, a broken amendment chain, "
        "or a damaged or broken journal chain; 2 an unreadable record file (FILE...) or an "
        "unreadable journal (--all).",
    )
    p.add_argument("files", metavar="FILE", nargs="*", help="record files")
    p.add_argument(
        "--all",
        action="store_true",
        dest="all_records",
        help="check every record in the data folder against the folder's journal",
    )
    p.add_argument(
        "--allow-untrusted",
        action="store_true",
        help="exit 0 for intact signatures by signers not in this site's trusted list",
    )
    p.set_defaults(func=cmd_verify)

    p = sub.add_parser("list", help="list the saved records with their signature state")
    p.set_defaults(func=cmd_list)


def _display_zone(base: Path) -> Zone:
    """The site's time zone for times printed here; the computer's, said so, if unreadable."""
    from nkscreen.settings import SettingsError, load_settings, settings_file

    try:
        return site_zone(load_settings(settings_file(base)))
    except SettingsError as exc:
        error(say("verify.zone", problem=exc))
        return None


def _signed_by(signers: tuple[SignerInfo, ...], zone: Zone) -> str:
    """ "signed by NAME (ID, ROLE) as MEANING on 2026-12-01 22:12 UTC+08:00; ..." """
    return say(
        "verify.signed_by",
        signers=joined(
            [
                say(
                    "verify.signer",
                    name=s.name,
                    user_id=s.user_id,
                    role=s.role,
                    meaning=meaning_name(s.meaning),
                    time=format_time(datetime.fromisoformat(s.signed_at), zone),
                )
                for s in signers
            ]
        ),
    )


def meaning_name(meaning: str) -> str:
    """A signature's meaning id as this run names it ("authorship", 作者); an id nkscreen
    does not know is shown as it is."""
    from nkscreen.records.meanings import NAMES

    if language() == ENGLISH:
        return meaning
    return NAMES.get(language(), {}).get(meaning, meaning)


#: The CLI's key for each label ``check_folder`` and the verification states give.
_LABEL_KEYS: dict[str, str] = {
    "VALID": "label.valid",
    "VALID, UNTRUSTED SIGNER": "label.untrusted",
    "INVALID": "label.invalid",
    "BROKEN CHAIN": "label.broken_chain",
    "NOT SIGNED": "label.unsigned",
    "UNREADABLE": "label.unreadable",
    "NOT JOURNALED": "label.not_journaled",
    "CHANGED SINCE JOURNALED": "label.changed",
    "SIGNATURE REMOVED": "label.signature_removed",
    "MISSING": "label.missing",
}


def state_label(state: VerificationState) -> str:
    """``verify``'s word for a verification state ("VALID, UNTRUSTED SIGNER")."""
    return say(f"label.{state.value}")


def _label(english: str) -> str:
    key = _LABEL_KEYS.get(english)
    return say(key) if key is not None else english


def superseded_text(newer: Superseded) -> str:
    """ "superseded by version 2 (file, signed by NAME on DATE)" in this run's language."""
    return render_reason(newer.describe(), language())


def reason_text(state: VerificationState, reason: str) -> str:
    """The records layer's reason for ``state`` in this run's language (an unsigned record in
    the CLI's own words); a sentence the records layer has no id for stays as written."""
    if state is VerificationState.UNSIGNED and language() != ENGLISH:
        return say("reason.unsigned")
    return render_reason(reason, language())


def cmd_verify(args: argparse.Namespace) -> int:
    if bool(args.files) == bool(args.all_records):
        error(say("verify.both"))
        return ExitCode.UNUSABLE
    store = RecordStore(paths.data_dir(args.data_dir))
    zone = _display_zone(store.base)
    trusted = store.trusted()
    if store.trusted_error:
        error(say("untrusted_everyone", problem=store.trusted_error))
    if args.all_records:
        return _verify_folder(store, trusted, zone, allow_untrusted=args.allow_untrusted)
    worst = ExitCode.OK
    for name in args.files:
        try:
            loaded = open_record(Path(name), trusted)
        except RecordFormatError as exc:
            print(say("verify.line", name=name, label=say("label.unreadable"), reason=exc))
            worst = max(worst, ExitCode.UNUSABLE)
            continue
        state = loaded.verification.state
        reason = reason_text(state, loaded.verification.reason)
        if state is VerificationState.VALID:  # its times, in the site's zone
            reason = _signed_by(loaded.verification.signers, zone)
        reason += _superseded_note(loaded)
        print(say("verify.line", name=name, label=state_label(state), reason=reason))
        accepted = state is VerificationState.VALID or (
            state is VerificationState.UNTRUSTED and args.allow_untrusted
        )
        if not accepted:
            worst = max(worst, ExitCode.FAILED)
    return worst


def _superseded_note(loaded: LoadedRecord) -> str:
    newer = loaded.standing.superseded
    return f"{say('list_separator')}{superseded_text(newer)}" if newer is not None else ""


def _verify_folder(
    store: RecordStore, trusted: SiteTrust | None, zone: Zone, *, allow_untrusted: bool
) -> int:
    """``verify --all``: one line per record and per finding, then a one-line summary."""
    try:
        result = check_folder(store.base, trusted, allow_untrusted=allow_untrusted)
    except OSError as exc:
        error(say("verify.folder_unreadable", base=store.base, problem=exc.strerror or exc))
        return ExitCode.UNUSABLE
    journal = result.journal
    name = say("verify.journal")
    if result.journal_unreadable is not None:
        label = say("label.unreadable")
        print(say("verify.line", name=name, label=label, reason=result.journal_unreadable))
    elif journal is not None and not journal.exists:
        reason = say("verify.journal_none", path=journal.path)
        print(say("verify.line", name=name, label=say("label.none"), reason=reason))
    elif journal is not None:
        count = journal.problem_count
        chain = (
            say("verify.journal_problems", count=count) if count else say("verify.journal_intact")
        )
        summary = say(
            "verify.journal_summary", lines=journal.lines, chain=chain, begun=journal.first_at
        )
        print(f"{name}: {summary}" if language() == ENGLISH else f"{name}：{summary}")
        problem_label = say("label.problem")
        for problem in journal.problems:
            print(say("verify.line", name=name, label=problem_label, reason=problem))
        if journal.more_problems:
            more = say("verify.journal_more", count=journal.more_problems)
            print(say("verify.line", name=name, label=problem_label, reason=more))
    for finding in result.findings:
        reason = _finding_text(finding, zone)
        print(say("verify.line", name=finding.name, label=_label(finding.label), reason=reason))
    problems = result.problems
    outcome = say("verify.problems", count=problems) if problems else say("verify.no_problems")
    print(say("verify.checked", count=result.records_checked, base=store.base, result=outcome))
    if result.journal_unreadable is not None:
        return ExitCode.UNUSABLE
    return ExitCode.FAILED if problems else ExitCode.OK


def _finding_text(finding: Finding, zone: Zone) -> str:
    """A finding's message; outside English, the CLI's own words where the finding carries
    what they are made of (a valid record's signers, a newer version), else as written."""
    if language() == ENGLISH or finding.state is None:
        return finding.message
    if finding.state is VerificationState.VALID:
        text = _signed_by(finding.signers, zone)
    else:
        text = reason_text(finding.state, finding.reason)
    if finding.superseded is not None:
        text += say("list_separator") + superseded_text(finding.superseded)
    return text


def _signature_cell(summary: RecordSummary) -> str:
    return say(f"cell.{summary.verification.state.value}") if summary.verification else ""


def summary_rows(summaries: list[RecordSummary]) -> list[list[str]]:
    rows = [columns("list.header")]
    for s in summaries:
        if s.error is not None:
            status = say("list.status.unreadable")
            rows.append(["?", "", "", "", status, "", "", s.error, s.path.name])
            continue
        signers = (
            say("comma").join(
                say("list.signer", name=x.name, meaning=meaning_name(x.meaning))
                for x in s.check.signers
            )
            if s.check
            else ""
        )
        newer = s.standing.superseded
        status = say(f"list.status.{s.status}")
        if newer:
            status = say("list.superseded", status=status, version=newer.version)
        rows.append(
            [
                s.screening_number,
                s.initials,
                s.screening_date,
                _verdict_cell(s.verdict),
                status,
                str(s.version),
                signers,
                _signature_cell(s),
                s.path.name,
            ]
        )
    return rows


def _verdict_cell(verdict: str) -> str:
    """The verdict as ``list`` shows it: the record's id in English ("eligible"), the
    printout's words in another language (符合入组条件)."""
    if language() == ENGLISH or verdict not in ("eligible", "not_eligible", "incomplete"):
        return verdict
    from nkscreen.report.texts import report_text

    return report_text(language(), f"verdict.{verdict}")


def cmd_list(args: argparse.Namespace) -> int:
    store = RecordStore(paths.data_dir(args.data_dir))
    summaries = store.list_records()
    if store.listing_error:
        error(shown(store.listing_error))
        return ExitCode.UNUSABLE
    if store.trusted_error:
        error(say("untrusted_everyone", problem=store.trusted_error))
    if not summaries:
        print(say("list.empty", folder=store.records_dir))
        return ExitCode.OK
    print_table(summary_rows(summaries))
    problems = sum(
        1
        for s in summaries
        if s.error
        or (
            s.verification
            and s.verification.state in (VerificationState.INVALID, VerificationState.BROKEN_CHAIN)
        )
    )
    if problems:
        print()
        print(say("list.problems", count=problems))
    return ExitCode.OK
