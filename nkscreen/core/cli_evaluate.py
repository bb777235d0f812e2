"""``nkscreen evaluate FILE``: the contract other tools rely on.

Exit 0 with one JSON object on stdout whatever the eligibility; exit 2 with one line per bad
field on stderr when the input is invalid (nothing on stdout, never a traceback).
"""

from __future__ import annotations

import json
from typing import TextIO

from nkscreen.core.casefile import CaseFileError, read_case
from nkscreen.core.engine import evaluate
from nkscreen.core.library import ProtocolLibrary
from nkscreen.core.protocol import ProtocolError
from nkscreen.safe_files import clip

EXIT_OK = 0
EXIT_INVALID = 2
#: A defect of nkscreen, as for every command (see nkscreen.cli).
EXIT_INTERNAL = 3


def run_evaluate(
    path: str, out: TextIO, err: TextIO, library: ProtocolLibrary | None = None
) -> int:
    """Evaluate the case at ``path`` with ``library`` (default: the bundled protocols)."""
    try:
        case = read_case(path, library)
        protocol = case.protocol
    except CaseFileError as exc:
        print(f"{path}: {exc.message}", file=err)
        return EXIT_INVALID
    except ProtocolError as exc:
        print(f"protocol file is invalid: {exc}", file=err)
        return EXIT_INVALID
    try:
        result = evaluate(protocol, case.answers)
    except Exception as exc:  # a defect of ours: one line for the user, not a traceback
        print(
            f"{path}: internal error while evaluating ({type(exc).__name__}: "
            f"{clip(str(exc), 200)}); please report it",
            file=err,
        )
        return EXIT_INTERNAL
    if result.errors:
        for error in result.errors:
            print(str(error), file=err)
        return EXIT_INVALID
    json.dump(result.to_json(), out, indent=1, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK
