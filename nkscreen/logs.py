"""The log: what nkscreen did and what went wrong, for whoever supports a site (Qt-free).

One rotating file, ``nkscreen.log`` in the user log folder (``NKSCREEN_LOG_DIR`` moves it;
1 MB, three old files kept). It says which command ran, which record files were saved,
signed or amended (by their random file names), which protocol files were found or refused,
and internal errors with their traceback. It never holds patient data: no answer, no screening
number, no initials, no exception message of an internal error (its text may quote an
answer), and never a passphrase.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from nkscreen import paths

LOG_NAME = "nkscreen.log"
MAX_BYTES = 1024 * 1024
BACKUPS = 3
_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"

_handler: RotatingFileHandler | None = None


def start_logging() -> Path | None:
    """Log to the user log folder from now on; the file, or None (said on stderr) when the
    folder cannot be written: a clinician's work never waits for a log."""
    global _handler
    try:
        folder = paths.ensure_dir(paths.log_dir())
    except OSError as exc:
        print(f"nkscreen: no log is kept ({exc.strerror or exc}).", file=sys.stderr)
        return None
    path = folder / LOG_NAME
    logger = logging.getLogger("nkscreen")
    if _handler is not None:
        if Path(_handler.baseFilename) == path.absolute():
            return path
        logger.removeHandler(_handler)
        _handler.close()
    handler = RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    _handler = handler
    return path


def log_internal_error(
    kind: type[BaseException], tb: TracebackType | None, where: str = "nkscreen"
) -> None:
    """An internal error: its type and where it happened (file, line, function), not its
    message nor the source lines (see above)."""
    frames = traceback.extract_tb(tb) if tb is not None else []
    where_from = "\n".join(f"  {f.filename}:{f.lineno} in {f.name}" for f in frames)
    logging.getLogger(where).error("internal error %s\n%s", kind.__name__, where_from)


__all__ = ["LOG_NAME", "log_internal_error", "start_logging"]
