"""Command-line front end: argparse over the Qt-free core, plus the GUI launcher.

Every sub-command is a function ``handler(args) -> int`` registered with
``parser.set_defaults(func=handler)``; the exit code is the handler's return value.
Errors a user can meet are printed as one clear line each on stderr, never a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence

from nkscreen import __version__


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="nkscreen",
        description="Bedside eligibility screening for clinical trials. "
        "Without a command, starts the desktop app.",
    )
    parser.add_argument("--version", action="version", version=f"nkscreen {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder for records, drafts and settings (default: the user data folder; "
        "also NKSCREEN_DATA_DIR)",
    )
    parser.add_argument(
        "--smoke",
        action="store_true",
        help="check this installation offscreen (window, protocol, example assessment, "
        "signing, PDF, print path) in a temporary folder, print each step and exit",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_evaluate(sub)
    from nkscreen.records.commands import add_commands

    add_commands(sub)
    from nkscreen.report.commands import add_commands as add_report_commands

    add_report_commands(sub)
    return parser


def _add_evaluate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("evaluate", help="evaluate a case file and print the result as JSON")
    p.add_argument("file", metavar="FILE", help="case file (JSON)")
    p.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from nkscreen.core.cli_evaluate import run_evaluate

    return run_evaluate(args.file, sys.stdout, sys.stderr)


def _cmd_gui(args: argparse.Namespace) -> int:
    from nkscreen.ui.app import run_app

    return run_app(args.data_dir)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.smoke:
        from nkscreen.smoke import run_smoke

        return run_smoke()
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", _cmd_gui)
    return func(args)
