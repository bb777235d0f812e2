"""``nkscreen evaluate FILE``: the contract other tools rely on.

Exit 0 with one JSON object on stdout whatever the eligibility; exit 2 with one line per bad
field on stderr when the input is invalid (nothing on stdout, never a traceback). The case's
protocol comes from the data folder's library (bundled and site protocols); evaluate reads
that folder and writes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from typing import TYPE_CHECKING, TextIO

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.cli.texts import language, say
from nkscreen.core.casefile import CaseFileError, read_case
from nkscreen.core.engine import evaluate
from nkscreen.core.library import ProtocolLibrary
from nkscreen.core.protocol import ProtocolError
from nkscreen.language import ENGLISH
from nkscreen.safe_files import clip

if TYPE_CHECKING:
    from nkscreen.core.answers import FieldMessage
    from nkscreen.core.messages import Message
    from nkscreen.core.protocol import Protocol


def add_commands(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("evaluate", help="evaluate a case file and print the result as JSON")
    p.add_argument("file", metavar="FILE", help="case file (JSON)")
    p.set_defaults(func=cmd_evaluate)


def cmd_evaluate(args: argparse.Namespace) -> int:
    library = ProtocolLibrary.for_data_dir(paths.data_dir(args.data_dir))
    return run_evaluate(args.file, sys.stdout, library)


def run_evaluate(path: str, out: TextIO, library: ProtocolLibrary | None = None) -> int:
    """Evaluate the case at ``path`` with ``library`` (default: the bundled protocols)."""
    try:
        case = read_case(path, library)
        protocol = case.protocol
    except CaseFileError as exc:
        error(say("evaluate.case", path=path, problem=_message(exc.message)), prefixed=False)
        return ExitCode.UNUSABLE
    except ProtocolError as exc:
        error(say("evaluate.protocol", problem=exc), prefixed=False)
        return ExitCode.UNUSABLE
    try:
        result = evaluate(protocol, case.answers)
    except Exception as exc:  # a defect of ours: one line for the user, not a traceback
        kind, detail = type(exc).__name__, clip(str(exc), 200)
        error(say("evaluate.internal", path=path, kind=kind, detail=detail), prefixed=False)
        return ExitCode.INTERNAL
    if result.errors:
        for problem in result.errors:
            error(_field_problem(problem, protocol), prefixed=False)
        return ExitCode.UNUSABLE
    json.dump(result.to_json(), out, indent=1, ensure_ascii=False)
    out.write("\n")
    return ExitCode.OK


def _message(message: Message, protocol: Protocol | None = None) -> str:
    """A core message in this run's language (English exactly as ``str(message)``)."""
    if language() == ENGLISH:
        return str(message)
    from nkscreen.cli.sign import message_text

    return message_text(message, protocol)


def _field_problem(problem: FieldMessage, protocol: Protocol) -> str:
    if language() == ENGLISH:
        return str(problem)
    return say(
        "case.field_problem", field=clip(problem.field), problem=_message(problem.message, protocol)
    )


__all__ = ["add_commands", "cmd_evaluate", "run_evaluate"]
