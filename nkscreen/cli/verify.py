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
from nkscreen.clock import Zone, format_time, site_zone
from nkscreen.records.folder_check import check_folder
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import SignerInfo, VerificationState
from nkscreen.records.state_words import state_words
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
        error(f"site settings unreadable ({exc}); times are in this computer's time zone.")
        return None


def _signed_by(signers: tuple[SignerInfo, ...], zone: Zone) -> str:
    """ "signed by NAME (ID, ROLE) as MEANING on 2026-12-01 22:12 UTC+08:00; ..." """
    return "signed by " + "; ".join(
        f"{s.name} ({s.user_id}, {s.role}) as {s.meaning} on "
        f"{format_time(datetime.fromisoformat(s.signed_at), zone)}"
        for s in signers
    )


def cmd_verify(args: argparse.Namespace) -> int:
    if bool(args.files) == bool(args.all_records):
        error("give record files to verify, or --all for the whole data folder (not both).")
        return ExitCode.UNUSABLE
    store = RecordStore(paths.data_dir(args.data_dir))
    zone = _display_zone(store.base)
    trusted = store.trusted()
    if store.trusted_error:
        error(f"{store.trusted_error} Every signer is treated as untrusted.")
    if args.all_records:
        return _verify_folder(store, trusted, allow_untrusted=args.allow_untrusted)
    worst = ExitCode.OK
    for name in args.files:
        try:
            loaded = open_record(Path(name), trusted)
        except RecordFormatError as exc:
            print(f"{name}: UNREADABLE: {exc}")
            worst = max(worst, ExitCode.UNUSABLE)
            continue
        state = loaded.verification.state
        reason = loaded.verification.reason
        if state is VerificationState.VALID:  # its times, in the site's zone
            reason = _signed_by(loaded.verification.signers, zone)
        print(f"{name}: {state_words(state).label}: {reason}{_superseded_note(loaded)}")
        accepted = state is VerificationState.VALID or (
            state is VerificationState.UNTRUSTED and args.allow_untrusted
        )
        if not accepted:
            worst = max(worst, ExitCode.FAILED)
    return worst


def _superseded_note(loaded: LoadedRecord) -> str:
    newer = loaded.standing.superseded
    return f"; {newer.describe()}" if newer is not None else ""


def _verify_folder(store: RecordStore, trusted: SiteTrust | None, *, allow_untrusted: bool) -> int:
    """``verify --all``: one line per record and per finding, then a one-line summary."""
    try:
        result = check_folder(store.base, trusted, allow_untrusted=allow_untrusted)
    except OSError as exc:
        error(f"the data folder {store.base} cannot be read: {exc.strerror or exc}")
        return ExitCode.UNUSABLE
    journal = result.journal
    if result.journal_unreadable is not None:
        print(f"journal: UNREADABLE: {result.journal_unreadable}")
    elif journal is not None and not journal.exists:
        print(f"journal: NONE: {journal.path} does not exist (no record was saved with one)")
    elif journal is not None:
        count = journal.problem_count
        chain = f"{count} problem(s)" if count else "chain intact"
        print(f"journal: {journal.lines} line(s), {chain}, begun on {journal.first_at}")
        for problem in journal.problems:
            print(f"journal: PROBLEM: {problem}")
        if journal.more_problems:
            print(f"journal: PROBLEM: and {journal.more_problems} more")
    for finding in result.findings:
        print(f"{finding.name}: {finding.label}: {finding.message}")
    problems = result.problems
    print(
        f"{result.records_checked} record file(s) checked in {store.base}: "
        + (f"{problems} problem(s)." if problems else "no problems.")
    )
    if result.journal_unreadable is not None:
        return ExitCode.UNUSABLE
    return ExitCode.FAILED if problems else ExitCode.OK


def _signature_cell(summary: RecordSummary) -> str:
    return state_words(summary.verification.state).cell if summary.verification else ""


def summary_rows(summaries: list[RecordSummary]) -> list[list[str]]:
    rows = [
        [
            "SCREENING ID",
            "INITIALS",
            "ASSESSED",
            "VERDICT",
            "STATUS",
            "VER",
            "SIGNED BY",
            "SIGNATURE",
            "FILE",
        ]
    ]
    for s in summaries:
        if s.error is not None:
            rows.append(["?", "", "", "", "unreadable", "", "", s.error, s.path.name])
            continue
        signers = ", ".join(f"{x.name} ({x.meaning})" for x in s.check.signers) if s.check else ""
        newer = s.standing.superseded
        status = s.status + (f" (superseded by v{newer.version})" if newer else "")
        rows.append(
            [
                s.screening_number,
                s.initials,
                s.screening_date,
                s.verdict,
                status,
                str(s.version),
                signers,
                _signature_cell(s),
                s.path.name,
            ]
        )
    return rows


def cmd_list(args: argparse.Namespace) -> int:
    store = RecordStore(paths.data_dir(args.data_dir))
    summaries = store.list_records()
    if store.listing_error:
        error(store.listing_error)
        return ExitCode.UNUSABLE
    if store.trusted_error:
        error(f"{store.trusted_error} Every signer is treated as untrusted.")
    if not summaries:
        print(f"No saved records in {store.records_dir}.")
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
        print(
            f"\n{problems} file(s) unreadable, with an invalid signature or a broken chain: see "
            "'nkscreen verify FILE' for details."
        )
    return ExitCode.OK
