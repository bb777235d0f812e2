"""What every command shares: its exit codes, how it reports a problem, how it prints a table.

Errors a user can meet are one clear line each on stderr, never a traceback: these commands
run at the bedside and in auditors' scripts alike.
"""

from __future__ import annotations

import sys
from enum import IntEnum


class ExitCode(IntEnum):
    """The exit codes of every command (README, "Command line")."""

    #: Done (``verify``: every file valid and trusted).
    OK = 0
    #: Refused or failed: an invalid or untrusted signature, a wrong passphrase, a full disk,
    #: a read-only folder, a lock held by someone else.
    FAILED = 1
    #: Unusable input: a file that cannot be read or parsed, invalid answers, no identity, a
    #: data folder that is a file, an output path that is a folder.
    UNUSABLE = 2
    #: A defect of nkscreen: one line, "please report it".
    INTERNAL = 3


def error(message: str, *, prefixed: bool = True) -> None:
    """One problem, one line on stderr (``nkscreen: `` first unless ``prefixed`` is False,
    as for the lines of ``evaluate`` that other tools parse). ``message`` is in the run's
    language (nkscreen.cli.texts); the prefix is the same in every language, for scripts."""
    print(f"nkscreen: {message}" if prefixed else message, file=sys.stderr)


def width(text: str) -> int:
    """Columns ``text`` takes in a terminal: a Chinese character takes two."""
    import unicodedata  # (a megabyte's table: not for the window, which imports this module)

    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def print_table(rows: list[list[str]]) -> None:
    """Columns padded to their widest cell (as a terminal shows it), on stdout."""
    widths = [max(width(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        cells = (cell + " " * (w - width(cell)) for cell, w in zip(row, widths, strict=True))
        print("  ".join(cells).rstrip())


__all__ = ["ExitCode", "error", "print_table", "width"]
