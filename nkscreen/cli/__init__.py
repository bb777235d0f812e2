"""Command-line front end: argparse over the Qt-free core, plus the GUI launcher.

One module per group of commands (``evaluate``, ``sign``/``amend``, ``verify``/``list``,
``identity``, ``pdf``, ``protocol``, ``export``), each with ``add_commands(sub)``; a
sub-command is a function ``handler(args) -> int`` registered with
``parser.set_defaults(func=handler)``, and its exit code is the handler's return value.
Errors a user can meet are printed as one clear line each on stderr by
:func:`nkscreen.cli.output.error`, never a traceback.

Exit codes of every command (:class:`nkscreen.cli.output.ExitCode`): 0 success; 1 refused or
failed (invalid or untrusted signature, wrong passphrase, full disk, read-only folder, locked);
2 unusable input (a file that cannot be read or parsed, invalid answers, no identity, a data
folder that is a file, an output path that is a folder); 3 an internal error (a defect of
nkscreen: one line, "please report it").
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from nkscreen import __version__
from nkscreen.cli.output import ExitCode, error

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
        "--lang",
        metavar="LANG",
        help="language of the window and the printouts: en (English) or zh_CN (简体中文); "
        "also NKSCREEN_LANG. The app otherwise uses its Preferences, then the computer's "
        "language; a command's printout is otherwise in English",
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
    from nkscreen.cli import evaluate, export, identity, pdf, protocol, sign, verify

    parser = _top_level_parser()
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in (evaluate, sign, verify, identity, pdf, protocol, export):
        group.add_commands(sub)
    return parser


def _cmd_gui(args: argparse.Namespace) -> int:
    return _run_gui(args.data_dir, args.lang)


def _run_gui(data_dir: str | None, language: str | None = None) -> int:
    from nkscreen.ui.app import run_app

    return run_app(data_dir, language)


#: Top-level options that take a value ("--data-dir DIR", "--lang zh_CN").
_VALUED = ("--data-dir", "--lang")


def _no_command(argv: Sequence[str]) -> bool:
    """Only top-level options (starting the app, --version, --smoke): no sub-command."""
    tokens = list(argv)
    while tokens:
        token = tokens.pop(0)
        if token in _VALUED:
            if tokens:
                tokens.pop(0)
        elif not (
            token.startswith(tuple(f"{name}=" for name in _VALUED))
            or token in ("--smoke", "--version")
        ):
            return False
    return True


def _chosen_language(option: str | None) -> str | None:
    """The language asked for with ``option`` (``--lang``) or NKSCREEN_LANG, checked; None
    when nobody asked. Raises :class:`nkscreen.language.UnknownLanguageError`.
    """
    from nkscreen import paths
    from nkscreen.language import resolve

    environment = paths.language_from_environment()
    if not (option or environment):
        return None
    return resolve(option=option, environment=environment)


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
        from nkscreen.cli.texts import say

        return say("data_dir_is_file", base=base)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """Run nkscreen; a defect of ours still ends with one line and exit 3, not a traceback."""
    from nkscreen.cli.texts import say, use_language

    _printable_output()
    use_language(None)  # English until --lang or NKSCREEN_LANG asks (scripts read English)
    try:
        return _main(argv)
    except KeyboardInterrupt:
        print(file=sys.stderr)
        error(say("interrupted"))
        return 130
    except Exception as exc:  # the backstop: every expected problem has its own message
        from nkscreen.logs import log_internal_error
        from nkscreen.safe_files import clip

        log_internal_error(type(exc), exc.__traceback__)
        error(say("internal", kind=type(exc).__name__, detail=clip(str(exc), 200)))
        return ExitCode.INTERNAL


def _main(argv: Sequence[str] | None) -> int:
    from nkscreen.language import UnknownLanguageError

    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:  # the desktop app, as a double-click starts it: no parsing to do
        try:
            _chosen_language(None)
        except UnknownLanguageError as exc:
            error(str(exc))
            return ExitCode.UNUSABLE
        return _run_gui(None)
    # Starting the app must not pay for importing every sub-command's dependencies.
    parser = _top_level_parser() if _no_command(argv) else build_parser()
    args = parser.parse_args(argv)
    # A sub-command's own --lang (pdf has one) before the global one. Checked for every
    # command: a language nkscreen does not have is never ignored.
    option = getattr(args, "command_lang", None) or args.lang
    try:
        args.language = _chosen_language(option)
    except UnknownLanguageError as exc:
        error(str(exc))
        return ExitCode.UNUSABLE
    from nkscreen.cli.texts import use_language

    use_language(args.language)
    if args.smoke:
        from nkscreen.smoke import run_smoke

        return run_smoke()
    problem = _data_dir_problem(args)
    if problem is not None:
        error(problem)
        return ExitCode.UNUSABLE
    func: Callable[[argparse.Namespace], int] = getattr(args, "func", _cmd_gui)
    if func is not _cmd_gui:  # the app starts its log after its first frame
        _log_command(args)
    code = func(args)
    if func is not _cmd_gui:
        logging.getLogger("nkscreen.cli").info("%s: exit %d", args.command, code)
    return code


def _log_command(args: argparse.Namespace) -> None:
    """The command and its action, never its arguments (file names may name a patient)."""
    from nkscreen.logs import start_logging

    start_logging()
    action = next(
        (
            getattr(args, name)
            for name in ("identity_command", "protocol_command", "export_kind")
            if getattr(args, name, None)
        ),
        None,
    )
    logging.getLogger("nkscreen.cli").info(
        "nkscreen %s: %s%s", __version__, args.command, f" {action}" if action else ""
    )
