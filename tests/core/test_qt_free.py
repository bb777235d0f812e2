"""The core must not import Qt: the CLI, benchmarks and a headless server rely on it."""

import subprocess
import sys
from pathlib import Path

CASE = Path(__file__).parent.parent / "cases" / "eligible_male.json"

CORE_MODULES = [
    "nkscreen.core.engine",
    "nkscreen.core.casefile",
    "nkscreen.cli.evaluate",
    "nkscreen.cli",
    "nkscreen.safe_files",
    "nkscreen.export.run",
    "nkscreen.export.imports",
    "nkscreen.cli.export",
    "nkscreen.core.protocol_texts",
    "nkscreen.core.localize",
    "nkscreen.report.texts",
]


def test_core_and_cli_import_no_qt():
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in CORE_MODULES)
        + "from nkscreen.cli import main\n"
        + "import io, contextlib\n"
        + "with contextlib.redirect_stdout(io.StringIO()):\n"
        + f"    main(['evaluate', {str(CASE)!r}])\n"
        + "bad = sorted(m for m in sys.modules if m.startswith(('PySide6', 'shiboken6')))\n"
        + "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == ""
