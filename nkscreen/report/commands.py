"""``nkscreen pdf RECORD.json -o OUT.pdf``: the screening summary of a saved record as a PDF.

The record is verified against this data folder's trusted signers first, so the printout
states the signature's state at print time; a record whose signature fails is still printed
(an auditor needs to see it) but marked SIGNATURE INVALID on every page.
Exit codes, as for the records commands: 0 written; 1 could not write the PDF; 2 unusable
input (unreadable record, unknown protocol).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from nkscreen import paths
from nkscreen.records.atomic import StorageError
from nkscreen.records.model import RecordFormatError
from nkscreen.records.signing import VerificationState
from nkscreen.records.store import RecordStore, open_record

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_UNUSABLE = 2


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Register ``pdf`` on the main parser."""
    p = sub.add_parser("pdf", help="write the screening summary of a record as a PDF")
    p.add_argument("record", metavar="RECORD.json", help="saved record file")
    p.add_argument("-o", "--output", metavar="OUT.pdf", required=True, help="PDF to write")
    p.add_argument(
        "--page-size",
        choices=("A4", "Letter"),
        help="paper size (default: the site setting, A4 unless changed)",
    )
    p.set_defaults(func=cmd_pdf)


def _err(message: str) -> None:
    print(f"nkscreen: {message}", file=sys.stderr)


def ensure_gui_application() -> object:
    """PDF writing needs a QGuiApplication; without a display, Qt's offscreen platform.

    Returns the application so the caller keeps it alive while painting.
    """
    if sys.platform.startswith("linux") and not (
        os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    existing = QGuiApplication.instance()
    if existing is not None:
        return existing
    return QGuiApplication([sys.argv[0] if sys.argv else "nkscreen"])


def cmd_pdf(args: argparse.Namespace) -> int:
    from nkscreen.core.protocol import ProtocolError, builtin_protocol
    from nkscreen.settings import SettingsError, example_settings, load_settings, settings_file

    base = paths.data_dir(args.data_dir)
    store = RecordStore(base)
    trusted = store.trusted()
    if store.trusted_error:
        _err(f"{store.trusted_error} Every signer is treated as untrusted.")
    try:
        loaded = open_record(Path(args.record), trusted)
    except RecordFormatError as exc:
        _err(f"{args.record}: cannot read the record: {exc}")
        return EXIT_UNUSABLE
    try:
        protocol = builtin_protocol(loaded.record.protocol.id)
    except ProtocolError as exc:
        _err(f"{args.record}: the record's protocol cannot be used: {exc}")
        return EXIT_UNUSABLE
    try:
        settings = load_settings(settings_file(base))
    except SettingsError as exc:
        _err(
            f"site settings unreadable ({exc}); printing without a site name, on A4, "
            "times in this computer's time zone."
        )
        settings = example_settings()
    page_size = args.page_size or settings.page_size

    from nkscreen.clock import site_zone
    from nkscreen.report.summary import summary_for_record

    summary = summary_for_record(
        loaded,
        protocol,
        site_name=settings.site_name,
        recency_days=settings.recency_days,
        zone=site_zone(settings),
    )
    app = ensure_gui_application()
    from nkscreen.report.fonts import FontError
    from nkscreen.report.render import write_pdf

    try:
        pages = write_pdf(summary, Path(args.output), page_size)
    except (StorageError, FontError, OSError) as exc:
        _err(f"cannot write {args.output}: {exc}")
        return EXIT_FAILED
    finally:
        del app
    state = loaded.verification.state
    if state is VerificationState.INVALID:
        _err(
            f"the record's signature is INVALID ({loaded.verification.reason}); "
            "the PDF is marked SIGNATURE INVALID."
        )
    elif state is VerificationState.UNSIGNED:
        _err("the record is not signed; the PDF is marked DRAFT - NOT SIGNED.")
    print(f"{args.output} ({pages} page{'s' if pages != 1 else ''}, {page_size})")
    return EXIT_OK


__all__ = ["add_commands", "cmd_pdf", "ensure_gui_application"]
