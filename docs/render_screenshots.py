"""Regenerate docs/screenshots: every wizard page at 1366x768, as a clinician sees it.

Imports the example cases eligible_male and eligible_female into a window on a throwaway data
folder (offscreen: no display needed) and saves one PNG per page, named by the page's key
(``male-I5.png``, ``female-summary.png``...). Look at them for clipped text and alignment.

    python docs/render_screenshots.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CASES = ROOT / "tests" / "cases"
SIZE = (1366, 768)


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from unittest import mock

    from PySide6.QtWidgets import QApplication, QFileDialog

    from nkscreen.ui import build_window

    app = QApplication.instance() or QApplication(sys.argv)
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        window = build_window(Path(tmp) / "data")
        window.resize(*SIZE)
        window.show()
        for sex in ("male", "female"):
            case = CASES / f"eligible_{sex}.json"
            chosen = (str(case), "")
            with mock.patch.object(QFileDialog, "getOpenFileName", return_value=chosen):
                window.action_import_case.trigger()
            view = window.assessment
            for index, page in enumerate(view.pages):
                view.go_to_page(index)
                app.processEvents()
                window.grab().save(str(OUT / f"{sex}-{page.key}.png"))
            window.session.release()
        window.close()
    print(f"screenshots written to {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
