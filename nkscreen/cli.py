"""Command-line front end: argparse over the Qt-free core, plus the GUI launcher.

Every sub-command is a function ``handler(args) -> int`` registered with
``parser.set_defaults(func=handler)``; the exit code is the handler's return value.
Errors a user can meet are printed as one clear line each on stderr, never a traceback.

Exit codes of every command: 0 success; 1 refused or failed (invalid or untrusted signature,
wrong passphrase, full disk, read-only folder, locked); 2 unusable input (a file that cannot
be read or parsed, invalid answers, no identity, a data folder that is a file, an output path
that is a folder); 3 an internal error (a defect of nkscreen: one line, "please report it").
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from nkscreen import __version__

if TYPE_CHECKING:
    import argparse


def _top_level_parser() -> argparse.ArgumentParser:
    import argparse

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
    return parser


def build_parser() -> argparse.ArgumentParser:
    """The full parser, with every sub-command (their modules import the records layer)."""
    parser = _top_level_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    _add_evaluate(sub)
    from nkscreen.records.commands import add_commands

    add_commands(sub)
    from nkscreen.report.commands import add_commands as add_report_commands

    add_report_commands(sub)
    from nkscreen.export.commands import add_commands as add_export_commands

    add_export_commands(sub)
    return parser


def _add_evaluate(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("evaluate", help="evaluate a case file and print the result as JSON")
    p.add_argument("file", metavar="FILE", help="case file (JSON)")
    p.set_defaults(func=_cmd_evaluate)


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from nkscreen.core.cli_evaluate import run_evaluate

    return run_evaluate(args.file, sys.stdout, sys.stderr)


def _cmd_gui(args: argparse.Namespace) -> int:
    return _run_gui(args.data_dir)


def _run_gui(data_dir: str | None) -> int:
    from nkscreen.ui.app import run_app

    return run_app(data_dir)


def _no_command(argv: Sequence[str]) -> bool:
    """Only top-level options (starting the app, --version, --smoke): no sub-command."""
    tokens = list(argv)
    while tokens:
        token = tokens.pop(0)
        if token == "--data-dir":
            if tokens:
                tokens.pop(0)
        elif not (token.startswith("--data-dir=") or token in ("--smoke", "--version")):
            return False
    return True


EXIT_UNUSABLE = 2
EXIT_INTERNAL = 3


def _printable_output() -> None:
    """Never crash on printing: text that cannot be encoded (a lone surrogate in a file
    name, a console without UTF-8) is written as backslash escapes instead."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            with contextlib.suppress(ValueError, OSError):
                reconfigure(errors="backslashreplace")


def _data_dir_problem(args: argparse.Namespace) -> str | None:
    """A data folder that exists but is a file: every command but evaluate would trip on it."""
    if getattr(args, "command", None) in (None, "evaluate"):
        return None
    from nkscreen import paths

    base = paths.data_dir(args.data_dir)
    if base.exists() and not base.is_dir():
        return (
            f"the data folder {base} is a file, not a folder: choose another one with "
            "--data-dir or NKSCREEN_DATA_DIR."
        )
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run nkscreen; a defect of ours still ends with one line and exit 3, not a traceback."""
    _printable_output()
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print("\nnkscreen: interrupted.", file=sys.stderr)
        return 130
    except Exception as exc:  # the backstop: every expected problem has its own message
        from nkscreen.safe_files import clip

        print(
            f"nkscreen: internal error ({type(exc).__name__}: {clip(str(exc), 200)}); "
            "please report it.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _main(argv: Sequence[str] | None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # the desktop app, as a double-click starts it: no parsing to do
        return _run_gui(None)
    # Starting the app must not pay for importing every sub-command's dependencies.
    parser = _top_level_parser() if _no_command(argv) else build_parser()
    args = parser.parse_args(argv)
    if args.smoke:
        from nkscreen.smoke import run_smoke

        return run_smoke()
    problem = _data_dir_problem(args)
    if problem is not None:
        print(f"nkscreen: {problem}", file=sys.stderr)
        return EXIT_UNUSABLE
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", _cmd_gui)
    return func(args)
