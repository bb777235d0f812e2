"""``nkscreen export redcap|fhir|log``: signed screenings to the EDC, and the screening log.

    nkscreen export redcap [RECORD...|--all] [--include-drafts] -o DIR
    nkscreen export fhir   [RECORD...|--all] [--include-drafts] -o DIR
    nkscreen export log    [RECORD...] [--from DATE] [--to DATE] [--include-drafts] -o FILE

Exit codes: 0 written (records left out by rule, drafts and superseded versions, are listed
on stderr); 1 written, but records were left out because something is wrong with them
(unreadable, signature not valid, signer not trusted, broken chain, a value the export
cannot carry), one line each on stderr; 2 nothing written (no record to export, an output
path that is a file where a folder is wanted or a folder where a file is, a folder that
cannot be written, wrong dates or arguments); 3 an internal error.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.cli.texts import say
from nkscreen.export.problems import ExportError
from nkscreen.export.run import ExportReport, NothingToExportError
from nkscreen.export.selection import Selection, Skipped, select_records
from nkscreen.records.store import RecordStore

if TYPE_CHECKING:
    from nkscreen.export.screening_log import ScreeningLog

_CODES = (
    "Exit codes: 0 written; 1 written, but records with a problem were left out; 2 nothing written."
)


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``export`` and its three kinds on the main parser."""
    p = sub.add_parser(
        "export",
        help="export signed screenings to REDCap or FHIR, or write the screening log",
        description="Export the newest signed version of each screening (drafts only with "
        "--include-drafts). Nothing is sent anywhere: the files are for the site to upload. "
        + _CODES,
    )
    kinds = p.add_subparsers(dest="export_kind", metavar="KIND", required=True)
    for kind, what in (
        ("redcap", "a REDCap data dictionary and an import file (CSV)"),
        ("fhir", "a FHIR R4 Bundle: Questionnaire, QuestionnaireResponses, Provenance"),
    ):
        k = kinds.add_parser(kind, help=what, description=f"Write {what}. {_CODES}")
        _add_records(k, allow_all=True)
        k.add_argument("-o", "--output", metavar="DIR", required=True, help="folder to write in")
        k.set_defaults(func=cmd_export)
    k = kinds.add_parser(
        "log",
        help="the subject screening log with its totals (CSV or PDF)",
        description="One line per screening (date, screening id, initials, verdict, "
        "screen-failure reasons, signer, version), then totals and failures per criterion. "
        f"Default: every record of the data folder. {_CODES}",
    )
    _add_records(k, allow_all=False)
    k.add_argument(
        "--from", dest="start", metavar="DATE", help="first assessment date (YYYY-MM-DD)"
    )
    k.add_argument("--to", dest="end", metavar="DATE", help="last assessment date (YYYY-MM-DD)")
    k.add_argument("--protocol", metavar="ID", help="the trial, when records of several are found")
    k.add_argument(
        "--page-size", choices=("A4", "Letter"), help="paper size of a PDF (default: the site's)"
    )
    k.add_argument(
        "-o", "--output", metavar="FILE", required=True, help="FILE.csv or FILE.pdf to write"
    )
    k.set_defaults(func=cmd_export)


def _add_records(p: argparse.ArgumentParser, *, allow_all: bool) -> None:
    p.add_argument("records", metavar="RECORD", nargs="*", help="record files (default: see --all)")
    if allow_all:
        p.add_argument(
            "--all",
            action="store_true",
            dest="all_records",
            help="every record of the data folder",
        )
    p.add_argument(
        "--include-drafts",
        action="store_true",
        help="also export unsigned records (marked as drafts: in-progress in FHIR)",
    )


def _date(text: str | None, option: str) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ExportError(say("export.not_a_date", option=option, text=repr(text))) from None


def _select(args: argparse.Namespace, store: RecordStore) -> Selection:
    everything = getattr(args, "all_records", False)
    if args.export_kind != "log" and bool(args.records) == everything:
        raise ExportError(say("export.both"))
    paths_given = [Path(r) for r in args.records] if args.records else None
    selection = select_records(store, paths_given, include_drafts=args.include_drafts)
    if selection.listing_error:
        raise ExportError(selection.listing_error)
    return selection


def _left_out(skipped: Skipped) -> str:
    """ "left out FILE (screening ID): REASON"; the reason as the export words it."""
    who = say("export.skipped_who", screening=skipped.screening_number)
    line = say(
        "export.skipped",
        file=skipped.file_name,
        who=who if skipped.screening_number else "",
        reason=skipped.reason,
    )
    return say("export.left_out", line=line)


def _summary(report: ExportReport) -> str:
    """ "3 records went out; 2 left out." """
    count = len(report.exported)
    text = say("export.went_out_one" if count == 1 else "export.went_out", count=count)
    if report.skipped:
        text += say("export.and_left_out", count=len(report.skipped))
    return text + say("export.end")


def _report(report: ExportReport) -> int:
    for path in report.written:
        print(path)
    for skipped in report.skipped:
        error(_left_out(skipped))
    print(_summary(report))
    return ExitCode.FAILED if report.problems else ExitCode.OK


def cmd_export(args: argparse.Namespace) -> int:
    store = RecordStore(paths.data_dir(args.data_dir))
    try:
        if args.export_kind == "log":
            return _export_log(args, store)
        output = Path(args.output)
        if output.exists() and not output.is_dir():
            raise ExportError(say("export.file_not_folder", path=output))
        selection = _select(args, store)
        if store.trusted_error:
            error(say("untrusted_everyone", problem=store.trusted_error))
        from nkscreen.export.run import export_fhir, export_redcap

        exporter = export_redcap if args.export_kind == "redcap" else export_fhir
        return _report(exporter(selection, output))
    except NothingToExportError as exc:
        for skipped in exc.skipped:
            error(_left_out(skipped))
        error(str(exc))
        return ExitCode.UNUSABLE
    except ExportError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE


def _export_log(args: argparse.Namespace, store: RecordStore) -> int:
    from nkscreen.clock import site_zone
    from nkscreen.export.run import check_output_file, screening_log, write_file
    from nkscreen.settings import SettingsError, example_settings, load_settings, settings_file

    output = Path(args.output)
    check_output_file(output)
    suffix = output.suffix.lower()
    if suffix not in (".csv", ".pdf"):
        raise ExportError(say("export.log_suffix", path=output))
    start, end = _date(args.start, "--from"), _date(args.end, "--to")
    try:
        settings = load_settings(settings_file(store.base))
    except SettingsError as exc:
        error(say("export.log_settings", problem=exc))
        settings = example_settings()
    selection = _select(args, store)
    log, report = screening_log(
        selection,
        protocol_id=args.protocol,
        start=start,
        end=end,
        site_name=settings.site_name,
        zone=site_zone(settings),
    )
    if suffix == ".csv":
        write_file(output, log.csv())
    else:
        _write_pdf(log, output, args.page_size or settings.page_size)
    report.written.append(output)
    code = _report(report)
    print(say("export.log_count", count=len(log.lines), period=log.period))
    return code


def _write_pdf(log: ScreeningLog, output: Path, page_size: str) -> None:
    from nkscreen.cli.pdf import ensure_gui_application
    from nkscreen.records.atomic import StorageError
    from nkscreen.report.fonts import FontError
    from nkscreen.report.log_render import write_log_pdf

    app = ensure_gui_application()
    try:
        write_log_pdf(log, output, page_size)
    except (StorageError, FontError, OSError) as exc:
        raise ExportError(say("export.cannot_write", path=output, problem=exc)) from None
    finally:
        del app


__all__ = ["add_commands", "cmd_export"]
