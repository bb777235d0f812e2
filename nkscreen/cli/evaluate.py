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
from typing import TextIO

from nkscreen import paths
from nkscreen.cli.output import ExitCode, error
from nkscreen.core.casefile import CaseFileError, read_case
from nkscreen.core.engine import evaluate
from nkscreen.core.library import ProtocolLibrary
from nkscreen.core.protocol import ProtocolError
from nkscreen.safe_files import clip


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
        error(f"{path}: {exc.message}", prefixed=False)
        return ExitCode.UNUSABLE
    except ProtocolError as exc:
        error(f"protocol file is invalid: {exc}", prefixed=False)
        return ExitCode.UNUSABLE
    try:
        result = evaluate(protocol, case.answers)
    except Exception as exc:  # a defect of ours: one line for the user, not a traceback
        error(
            f"{path}: internal error while evaluating ({type(exc).__name__}: "
            f"{clip(str(exc), 200)}); please report it",
            prefixed=False,
        )
        return ExitCode.INTERNAL
    if result.errors:
        for problem in result.errors:
            error(str(problem), prefixed=False)
        return ExitCode.UNUSABLE
    json.dump(result.to_json(), out, indent=1, ensure_ascii=False)
    out.write("\n")
    return ExitCode.OK


__all__ = ["add_commands", "cmd_evaluate", "run_evaluate"]
