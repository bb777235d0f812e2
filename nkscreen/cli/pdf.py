"""``nkscreen pdf RECORD.json -o OUT.pdf``: the screening summary of a saved record as a PDF.

The record is verified against this data folder's trusted signers first, so the printout
states the signature's state at print time; a record whose signature fails is still printed
(an auditor needs to see it) but marked SIGNATURE INVALID on every page.
Exit codes: 0 the PDF was written and the record's signature is valid and trusted; 1 the PDF
was written but the signature is invalid, untrusted, absent or its amendment chain is broken
(one line on stderr says which); 2 nothing was written (unreadable record, unknown protocol,
the PDF could not be written: full disk,
read-only folder, an output path that is a folder); 3 an internal error.
``--lang zh_CN`` (the global option, before or after ``pdf``, or ``NKSCREEN_LANG``) prints it
in Chinese; English otherwise (the record itself holds ids and values, no language).
Characters that no font on this computer can print are named in one line on stderr.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.cli.texts import say
from nkscreen.records.atomic import StorageError, describe_os_error
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import LoadedRecord, RecordStore, open_record


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pdf`` on the main parser."""
    p = sub.add_parser(
        "pdf",
        help="write the screening summary of a record as a PDF",
        description="Exit codes: 0 PDF written, signature valid and trusted; 1 PDF written, but "
        "the signature is invalid, untrusted or absent, or the amendment chain is broken; "
        "2 nothing written.",
    )
    p.add_argument("record", metavar="RECORD.json", help="saved record file")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True, help="PDF to write")
    p.add_argument(
        "--page-size",
        choices=("A4", "Letter"),
        help="paper size (default: the site setting, A4 unless changed)",
    )
    p.add_argument(
        "--lang",
        dest="command_lang",
        metavar="LANG",
        help="language of the printout: en (English, the default) or zh_CN (简体中文); "
        "the same as nkscreen's global --lang (or NKSCREEN_LANG)",
    )
    p.set_defaults(func=cmd_pdf)


def ensure_gui_application() -> object:
    """PDF writing needs a QGuiApplication; without a display, Qt's offscreen platform.

    Returns the application so the caller keeps it alive while painting.
    """
    if sys.platform.startswith("linux") and not paths.has_display():
        paths.use_offscreen_qt()
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    return QGuiApplication([sys.argv[0] if sys.argv else "nkscreen"])


def cmd_pdf(args: argparse.Namespace) -> int:
    from nkscreen.core.library import ProtocolLibrary
    from nkscreen.settings import SettingsError, example_settings, load_settings, settings_file

    base = paths.data_dir(args.data_dir)
    if Path(args.output).is_dir():
        error(say("pdf.output_folder", output=args.output))
        return ExitCode.UNUSABLE
    store = RecordStore(base)
    trusted = store.trusted()
    if store.trusted_error:
        error(say("untrusted_everyone", problem=store.trusted_error))
    try:
        loaded = open_record(Path(args.record), trusted)
    except RecordFormatError as exc:
        error(say("pdf.unreadable", record=args.record, problem=exc))
        return ExitCode.UNUSABLE
    ref = loaded.record.protocol
    match = ProtocolLibrary.for_data_dir(base).match(ref.id, ref.version, ref.sha256)
    protocol = match.protocol
    if protocol is None:
        why = match.notice(ref.id, ref.version, ref.sha256)
        error(say("pdf.protocol", record=args.record, why=why))
        return ExitCode.UNUSABLE
    try:
        settings = load_settings(settings_file(base))
    except SettingsError as exc:
        error(say("pdf.settings", problem=exc))
        settings = example_settings()
    page_size = args.page_size or settings.page_size

    from nkscreen.clock import site_zone
    from nkscreen.core.localized_texts import ProtocolTextsError
    from nkscreen.language import ENGLISH
    from nkscreen.report.summary import summary_for_record

    language = getattr(args, "language", None) or ENGLISH
    try:
        summary = summary_for_record(
            loaded,
            protocol,
            site_name=settings.site_name,
            recency_days=settings.for_protocol(protocol).recency_days,
            zone=site_zone(settings),
            locale=language,
        )
    except ProtocolTextsError as exc:
        error(say("pdf.translation", language=language, problem=exc))
        return ExitCode.UNUSABLE
    app = ensure_gui_application()
    from nkscreen.report.fonts import FontError
    from nkscreen.report.glyphs import describe, unprintable_characters
    from nkscreen.report.render import write_pdf

    try:
        pages = write_pdf(summary, Path(args.output), page_size)
        blank = unprintable_characters(summary)
    except (StorageError, FontError) as exc:  # their message is a sentence for the user
        error(say("pdf.cannot_write", output=args.output, problem=exc))
        return ExitCode.UNUSABLE
    except OSError as exc:
        problem = describe_os_error(exc, Path(args.output))
        error(say("pdf.cannot_write", output=args.output, problem=problem))
        return ExitCode.UNUSABLE
    finally:
        del app
    written = "pdf.written_one" if pages == 1 else "pdf.written"
    print(say(written, output=args.output, pages=pages, page_size=page_size))
    if blank:
        error(say("pdf.blank", characters=describe(blank), output=args.output))
    return _report_state(loaded)


def _report_state(loaded: LoadedRecord) -> int:
    """One stderr line for anything short of a valid, trusted signature; the exit code."""
    state, reason = loaded.verification.state, loaded.verification.reason
    newer = loaded.standing.superseded
    if newer is not None:
        version = loaded.record.version
        error(say("pdf.superseded", version=version, newer=newer.version, file=newer.file_name))
    if state is VerificationState.VALID:
        return ExitCode.OK
    if state is VerificationState.INVALID:
        error(say("pdf.invalid", reason=reason))
    elif state is VerificationState.BROKEN_CHAIN:
        error(say("pdf.broken_chain", reason=reason))
    elif state is VerificationState.UNTRUSTED:
        error(say("pdf.untrusted", reason=reason))
    else:
        error(say("pdf.unsigned"))
    return ExitCode.FAILED


__all__ = ["add_commands", "cmd_pdf", "ensure_gui_application"]
