"""Where nkscreen keeps its files, and every environment variable it reads.

One module decides every location so that the CLI, the GUI and the tests agree, and so that a
test (or a site with a shared drive) can redirect everything with a single override.
Order of precedence for the data folder: the ``--data-dir`` option, then ``NKSCREEN_DATA_DIR``,
then the platform's per-user data folder. Nothing here imports Qt.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from nkscreen.resources import resource_path

APP_NAME = "nkscreen"

# --- environment variables (read here only) -------------------------------------------------

#: Moves the data folder (records, drafts, identities, site protocols; settings with it).
DATA_DIR_ENV = "NKSCREEN_DATA_DIR"
#: Moves the site settings file's folder.
CONFIG_DIR_ENV = "NKSCREEN_CONFIG_DIR"
#: A signer's passphrase for automation (never logged, never stored).
PASSPHRASE_ENV = "NKSCREEN_PASSPHRASE"
#: Moves the log folder.
LOG_DIR_ENV = "NKSCREEN_LOG_DIR"
#: "shown" (or "1"): report the first frame and quit; "ready" (benchmarks/bench_startup.py, the
#: start-up tests): report the first frame, then *ready* (menus built, records listed, a new
#: screening open with a field focused, as after Ctrl+N) and quit.
STARTUP_PROBE_ENV = "NKSCREEN_STARTUP_PROBE"
#: The language of the window and the printouts ("en", "zh_CN"): overrides Preferences and the
#: computer's locale, as ``--lang`` does (see nkscreen.language).
LANG_ENV = "NKSCREEN_LANG"
#: The Qt platform for ``--smoke`` (the release test runs it once more under a real X server
#: with "xcb"); unset: offscreen.
SMOKE_PLATFORM_ENV = "NKSCREEN_SMOKE_PLATFORM"

#: Folders hold clinical records and private keys: owner-only.
DIR_MODE = 0o700


def passphrase_from_environment() -> str | None:
    """The passphrase given in ``NKSCREEN_PASSPHRASE``, or None to ask for it."""
    return os.environ.get(PASSPHRASE_ENV)


def language_from_environment() -> str | None:
    """``NKSCREEN_LANG`` as given (checked by nkscreen.language), or None when unset/empty."""
    return os.environ.get(LANG_ENV) or None


def startup_probe() -> str | None:
    return os.environ.get(STARTUP_PROBE_ENV)


def has_display() -> bool:
    """Whether a Linux session has a display to draw on (X11 or Wayland)."""
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def use_offscreen_qt(*, force: bool = False) -> None:
    """Qt's offscreen platform: always when ``force``, else unless a platform is chosen."""
    if force:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def use_smoke_qt_platform() -> None:
    """The platform ``--smoke`` runs on: ``NKSCREEN_SMOKE_PLATFORM``, else offscreen."""
    os.environ["QT_QPA_PLATFORM"] = os.environ.get(SMOKE_PLATFORM_ENV) or "offscreen"


def time_zone_variable() -> str:
    """``TZ`` as the C library reads it (a leading ':' dropped), or ""."""
    return os.environ.get("TZ", "").lstrip(":")


# --- the data folder --------------------------------------------------------------------------


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


def site_protocols_dir(base: Path) -> Path:
    """The site's own protocol files, beside the bundled ones (see nkscreen.core.library)."""
    return base / "protocols"


def trusted_signers_path(base: Path) -> Path:
    return base / "trusted-signers.json"


def journal_path(base: Path) -> Path:
    """The append-only, hash-chained journal of every record save (records/journal.py)."""
    return base / "journal.jsonl"


def settings_file(base: Path) -> Path:
    """The site settings: ``NKSCREEN_CONFIG_DIR``, else the platform's config folder, or
    beside the data when the data folder is redirected (a test or a shared install keeps
    everything together)."""
    from_env = os.environ.get(CONFIG_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser() / "settings.json"
    if base == data_dir(None) and not os.environ.get(DATA_DIR_ENV):
        import platformdirs

        return Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)) / "settings.json"
    return base / "settings.json"


def redirect_logs(folder: Path) -> None:
    """Log into ``folder`` from now on in this process (the smoke test's throwaway folder)."""
    os.environ[LOG_DIR_ENV] = str(folder)


def log_dir() -> Path:
    """The log folder: ``NKSCREEN_LOG_DIR``, else the platform's per-user log folder."""
    from_env = os.environ.get(LOG_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser()
    import platformdirs

    return Path(platformdirs.user_log_dir(APP_NAME, appauthor=False))


# --- bundled files ----------------------------------------------------------------------------


def bundled_protocols_dir() -> Path:
    return resource_path("protocols")


def bundled_protocol_ids() -> list[str]:
    """The ids of the protocols shipped with nkscreen (their files are named after them).

    ``TRIAL.zh_CN.json`` beside a protocol is its translation, not a protocol (see
    nkscreen.core.protocol_texts.is_side_file): protocol ids never contain a dot.
    """
    return sorted(p.stem for p in bundled_protocols_dir().glob("*.json") if "." not in p.stem)


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
