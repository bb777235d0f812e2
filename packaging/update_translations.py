"""Refresh the translation sources (``resources/translations/*.ts``) and compile them (``.qm``).

Run: ``python packaging/update_translations.py [LOCALE ...]`` (default: zh_CN). The UI's own
strings are found by ``pyside6-lupdate``; the words of statuses and verification states live in
Python tables it cannot see, so they are written to a temporary file of ``QT_TRANSLATE_NOOP(...)``
lines first. The core's message templates are not here: they have their own Chinese templates
(:mod:`nkscreen.core.messages_zh`, rendered by :mod:`nkscreen.core.localize`, tested complete),
so the window, the printout and the CLI say the same words. A translator then edits the
``.ts`` file in Qt Linguist (``pyside6-linguist``), or fills the new entries with
``packaging/fill_translations.py`` (which checks placeholders, tags and accelerators).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from nkscreen.core.status import WORDS_CONTEXT, all_words
from nkscreen.records.state_words import shown_words

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "resources" / "translations"


def tool(name: str) -> str:
    return shutil.which(name) or str(Path(sys.executable).parent / name)


def lupdate(ts: Path) -> None:
    """Bring ``ts`` up to the code: new texts added (unfinished), vanished ones dropped."""
    with tempfile.TemporaryDirectory() as tmp:
        core = Path(tmp) / "core_strings.py"
        lines = ["from PySide6.QtCore import QT_TRANSLATE_NOOP\n"]
        lines += [
            f"QT_TRANSLATE_NOOP({WORDS_CONTEXT!r}, {text!r})\n"
            for text in [*all_words(), *shown_words()]
        ]
        core.write_text("".join(lines), "utf-8")
        sources = [*map(str, sorted((ROOT / "nkscreen" / "ui").glob("*.py"))), str(core)]
        # -no-obsolete: a text the code no longer shows leaves the file (git keeps its
        # translation), so the file holds exactly what the window can show.
        options = ["-locations", "none", "-no-obsolete"]
        subprocess.run([tool("pyside6-lupdate"), *options, *sources, "-ts", str(ts)], check=True)


def main(locales: list[str]) -> int:
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    for locale in locales:
        ts = TRANSLATIONS / f"nkscreen_{locale}.ts"
        lupdate(ts)
        subprocess.run([tool("pyside6-lrelease"), str(ts)], check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["zh_CN"]))
