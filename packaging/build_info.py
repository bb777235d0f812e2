"""Write ``build-info.json`` into the built app folder and report the oldest glibc it needs.

Run by ``packaging/build.sh`` with the build venv's Python (it reads the versions of Python,
Qt, PySide6 and PyInstaller that made the bundle) as
``build_info.py APP_DIR --commit C [--dirty] --locked LOCKFILE|--unlocked``, with
SOURCE_DATE_EPOCH set. The build date is the commit's time (SOURCE_DATE_EPOCH), not the
clock's, so two builds of one commit write the same file.

The glibc floor is the highest ``GLIBC_x.y`` symbol version any bundled ELF file asks for
(``objdump -T``): the archive runs on a Linux whose glibc is at least that.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import re
import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

_GLIBC = re.compile(rb"GLIBC_(\d+(?:\.\d+)+)")


def _version_key(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split("."))


def elf_files(folder: Path) -> list[Path]:
    """Every regular ELF file under ``folder`` (symlinks are counted once, at their target)."""
    found = []
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or not path.is_file():
            continue
        with path.open("rb") as handle:
            if handle.read(4) == b"\x7fELF":
                found.append(path)
    return found


def glibc_needs(folder: Path) -> dict[Path, str]:
    """Each ELF file's highest required glibc symbol version (files that need none left out)."""
    needs = {}
    for path in elf_files(folder):
        dump = subprocess.run(["objdump", "-T", str(path)], capture_output=True, check=False)
        versions = {m.decode() for m in _GLIBC.findall(dump.stdout)}
        if versions:
            needs[path] = max(versions, key=_version_key)
    return needs


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("app", type=Path, help="the app folder (dist/nkscreen)")
    parser.add_argument("--version", required=True, help="nkscreen's version")
    parser.add_argument("--commit", required=True, help="the git commit built")
    parser.add_argument("--dirty", action="store_true", help="the work tree had changes")
    how = parser.add_mutually_exclusive_group(required=True)
    how.add_argument("--locked", type=Path, metavar="LOCKFILE", help="the lock installed")
    how.add_argument("--unlocked", action="store_true", help="built with --current")
    args = parser.parse_args(argv)

    import PyInstaller  # type: ignore[import-untyped]  # only in build/venv
    import PySide6
    from PySide6.QtCore import qVersion

    epoch = int(os.environ["SOURCE_DATE_EPOCH"])
    needs = glibc_needs(args.app) if sys.platform.startswith("linux") else {}
    floor = max(needs.values(), key=_version_key) if needs else "n/a"
    if args.locked:
        digest = hashlib.sha256(args.locked.read_bytes()).hexdigest()
        environment = f"locked: {args.locked.as_posix()} (sha256 {digest})"
    else:
        environment = "unlocked: the active virtual environment (build.sh --current)"
    info = {
        "name": "nkscreen",
        "version": args.version,
        "commit": args.commit,
        "commit_dirty": args.dirty,
        "build_date": datetime.fromtimestamp(epoch, UTC).isoformat(),
        "source_date_epoch": epoch,
        "platform": f"{platform.system().lower()}-{platform.machine()}",
        "python": platform.python_version(),
        "qt": qVersion(),
        "pyside6": PySide6.__version__,
        "pyinstaller": PyInstaller.__version__,
        "build_environment": environment,
        "glibc_min": floor,
    }
    (args.app / "build-info.json").write_text(json.dumps(info, indent=2) + "\n", "utf-8")
    top = sorted(needs.items(), key=lambda item: _version_key(item[1]), reverse=True)
    needing = [p.relative_to(args.app).as_posix() for p, v in top if v == floor]
    shown = ", ".join(needing[:4]) + (f" and {len(needing) - 4} more" if len(needing) > 4 else "")
    print(f"glibc floor: {floor} (needed by {shown}); {len(needs)} ELF files checked")
    return 0


if __name__ == "__main__":
    sys.exit(main())
