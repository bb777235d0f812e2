"""The log: what nkscreen did and what went wrong, for whoever supports a site (Qt-free).

One file, ``nkscreen.log`` in the user log folder (``NKSCREEN_LOG_DIR`` moves it), started
afresh when nkscreen opens it past 1 MB (three old files kept). It says which command ran,
which record files were saved, signed or amended (by their random file names), which protocol
files were found or refused, and internal errors with their traceback. It never holds patient
data: no answer, no screening number, no initials, no exception message of an internal error
(its text may quote an answer), and never a passphrase.
"""

from __future__ import annotations

import logging
import os
import sys
import traceback
from pathlib import Path
from types import TracebackType

from nkscreen import paths

LOG_NAME = "nkscreen.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: logging.FileHandler | None = None
#: At most this many records are held before the log file is opened.
HELD_MAX = 1000


class _Held(logging.Handler):
    """What is logged before the file is opened, written to it when it is."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        if len(self.records) < HELD_MAX:
            self.records.append(record)


_held: _Held | None = None


def hold_logging() -> None:
    """Keep what is logged from now on until :func:`start_logging` writes it to the file.

    The window opens its log once a new screening accepts keystrokes, and nothing logged
    meanwhile is lost."""
    global _held, _handler
    if _held is not None:
        return
    logger = logging.getLogger("nkscreen")
    if _handler is not None:
        if Path(_handler.baseFilename) == (paths.log_dir() / LOG_NAME).absolute():
            return  # the right file is open already
        logger.removeHandler(_handler)  # another log folder's (tests; NKSCREEN_LOG_DIR)
        _handler.close()
        _handler = None
    _held = _Held()
    logger.addHandler(_held)
    logger.setLevel(logging.INFO)


def start_logging() -> Path | None:
    """Log to the user log folder from now on (with what :func:`hold_logging` kept); the file,
    or None (said on stderr) when the folder cannot be written: a clinician's work never waits
    for a log."""
    global _handler, _held
    held, _held = _held, None
    logger = logging.getLogger("nkscreen")
    if held is not None:
        logger.removeHandler(held)
    try:
        folder = paths.ensure_dir(paths.log_dir())
    except OSError as exc:
        print(f"nkscreen: no log is kept ({exc.strerror or exc}).", file=sys.stderr)
        return None
    path = folder / LOG_NAME
    if _handler is not None:
        if Path(_handler.baseFilename) == path.absolute():
            return path
        logger.removeHandler(_handler)
        _handler.close()
    roll_over(path)
    handler = logging.FileHandler(path, encoding="utf-8", delay=True)
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    for record in held.records if held is not None else ():
        handler.handle(record)
    return path


def roll_over(path: Path) -> None:
    """Start a fresh log when the file has grown past MAX_BYTES, keeping BACKUPS older ones
    (``nkscreen.log.1`` the newest).

    Done when the log is opened, never while it is written (logging.handlers' rotating
    handler, whose module alone, with sockets and pickling, was a twentieth of the start-up's
    work, renames the file in the middle of a session). The live file is moved aside first:
    when it cannot be (Windows refuses to rename a file another nkscreen has open) nothing has
    moved, the log goes on in it and the next start tries again. On Linux and macOS a second
    nkscreen that starts while the first writes does move it: the first goes on writing into
    ``nkscreen.log.1``, and nothing is lost."""
    try:
        if path.stat().st_size < MAX_BYTES:
            return
        rolling = path.with_name(f"{path.name}.rolling")
        os.replace(path, rolling)
    except OSError:
        return
    try:
        for n in range(BACKUPS - 1, 0, -1):
            older = path.with_name(f"{path.name}.{n}")
            if older.exists():
                os.replace(older, path.with_name(f"{path.name}.{n + 1}"))
        os.replace(rolling, path.with_name(f"{path.name}.1"))
    except OSError:
        return  # the old logs stay where they are; the moved one is kept as .rolling


def log_internal_error(
    kind: type[BaseException], tb: TracebackType | None, where: str = "nkscreen"
) -> None:
    """An internal error: its type and where it happened (file, line, function), not its
    message nor the source lines (see above)."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    where_from = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    logging.getLogger(where).error("internal error %s\n%s", kind.__name__, where_from)


__all__ = ["LOG_NAME", "hold_logging", "log_internal_error", "start_logging"]
