"""Where nkscreen keeps its files.

One module decides every location so that the CLI, the GUI and the tests agree, and so that a
test (or a site with a shared drive) can redirect everything with a single override.
Order of precedence: the ``--data-dir`` option, then ``NKSCREEN_DATA_DIR``, then the
platform's per-user data folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

APP_NAME = "nkscreen"
DATA_DIR_ENV = "NKSCREEN_DATA_DIR"

#: Folders hold clinical records and private keys: owner-only.
DIR_MODE = 0o700


def data_dir(override: str | None = None) -> Path:
    """Return the data folder (not created: read-only commands must not litter the disk)."""
    if override:
        return Path(override).expanduser()
    from_env = os.environ.get(DATA_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs  # only when nothing overrides it: a few ms off every start

    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))


def records_dir(base: Path) -> Path:
    return base / "records"


def drafts_dir(base: Path) -> Path:
    return base / "drafts"


def identities_dir(base: Path) -> Path:
    return base / "identities"


def locks_dir(base: Path) -> Path:
    return base / "locks"


def cache_dir(base: Path) -> Path:
    """Disposable files (the records index): deleting this folder loses nothing."""
    return base / "cache"


def settings_path(base: Path) -> Path:
    return base / "settings.json"


def trusted_signers_path(base: Path) -> Path:
    return base / "trusted-signers.json"


def journal_path(base: Path) -> Path:
    """The append-only, hash-chained journal of every record save (records/journal.py)."""
    return base / "journal.jsonl"


def ensure_dir(path: Path) -> Path:
    """Create ``path`` (and parents) owner-only; tighten it if it already exists.

    Parents that already exist are left alone: ``--data-dir`` may point inside a folder the
    site manages itself, and changing its permissions would surprise them.
    """
    missing: list[Path] = []
    probe = path
    while not probe.exists():
        missing.append(probe)
        if probe.parent == probe:
            break
        probe = probe.parent
    for folder in reversed(missing):
        with contextlib.suppress(FileExistsError):  # created meanwhile by another process
            folder.mkdir(mode=DIR_MODE)
    if os.name == "posix" and (path.stat().st_mode & 0o777) != DIR_MODE:
        os.chmod(path, DIR_MODE)
    return path
