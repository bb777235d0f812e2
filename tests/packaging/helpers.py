"""Shared by the packaging tests: a Qt xcb plugin that needs a library no machine has."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path


def broken_xcb_plugin(folder: Path, qt_dir: Path) -> tuple[Path, str]:
    """Copy ``qt_dir``'s xcb plugin into ``folder/plugins/platforms`` with one of its xcb
    library names changed to a version that does not exist (same length, so the ELF stays
    valid); return that platforms folder (for QT_QPA_PLATFORM_PLUGIN_PATH) and the name.

    ``qt_dir`` is PySide6's Qt folder (``plugins/`` and ``lib/``); ``folder/lib`` links to its
    ``lib/`` so the plugin's RUNPATH ($ORIGIN/../../lib) still finds the Qt libraries.
    """
    original = qt_dir / "plugins" / "platforms" / "libqxcb.so"
    dump = subprocess.run(["objdump", "-p", str(original)], capture_output=True, text=True)
    needed = re.findall(r"NEEDED\s+(libxcb-[a-z-]+\.so\.(\d))$", dump.stdout, re.MULTILINE)
    assert needed, f"no libxcb-*.so.N among the libraries {original} needs:\n{dump.stdout}"
    name, digit = needed[0]
    missing = name[:-1] + ("8" if digit == "9" else "9")
    data = original.read_bytes()
    assert data.count(name.encode() + b"\0") >= 1
    platforms = folder / "plugins" / "platforms"
    platforms.mkdir(parents=True)
    (platforms / "libqxcb.so").write_bytes(
        data.replace(name.encode() + b"\0", missing.encode() + b"\0")
    )
    (folder / "lib").symlink_to(qt_dir / "lib")
    return platforms, missing
