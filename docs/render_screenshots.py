"""Regenerate docs/screenshots: every wizard page at 1366x768, as a clinician sees it.

Imports the example cases eligible_male and eligible_female into a window on a throwaway data
folder (offscreen, on a virtual 1366x768 screen: no display needed) and saves one PNG per page,
named by the page's key (``male-I5.png``, ``female-summary.png``...); then the summary of a
NOT ELIGIBLE screening (ecog_3) with a comment and a screen-failure reason typed in, and
Preferences as that screen shows it. Look at them for clipped text and alignment.

    python docs/render_screenshots.py [OUTPUT_FOLDER]
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "screenshots"
CASES = ROOT / "tests" / "cases"
SIZE = (1366, 768)


def _virtual_screen(folder: Path) -> None:
    """Qt's offscreen platform on one screen of SIZE (its own default is 800x800), so that
    dialogs size themselves as they would on a 1366x768 laptop."""
    config = folder / "screen.json"
    screen = {"name": "nkscreen", "x": 0, "y": 0, "width": SIZE[0], "height": SIZE[1]}
    screen |= {"logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}
    config.write_text(json.dumps({"screens": [screen]}), encoding="utf-8")
    os.environ.setdefault("QT_QPA_PLATFORM", f"offscreen:configfile={config}")


def main(out: Path = OUT) -> int:
    from unittest import mock

    with tempfile.TemporaryDirectory() as tmp:
        _virtual_screen(Path(tmp))
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QFileDialog, QLineEdit, QPlainTextEdit

        from nkscreen.ui import build_window

        app = QApplication.instance() or QApplication(sys.argv)
        out.mkdir(parents=True, exist_ok=True)
        window = build_window(Path(tmp) / "data")
        window.resize(*SIZE)
        window.show()

        def open_case(name: str) -> None:
            chosen = (str(CASES / f"{name}.json"), "")
            with mock.patch.object(QFileDialog, "getOpenFileName", return_value=chosen):
                window.action_import_case.trigger()

        for sex in ("male", "female"):
            open_case(f"eligible_{sex}")
            view = window.assessment
            for index, page in enumerate(view.pages):
                view.go_to_page(index)
                app.processEvents()
                window.grab().save(str(out / f"{sex}-{page.key}.png"))
            window.session.release()
        open_case("ecog_3")
        view = window.assessment
        view.go_to_criterion("I3")
        comment = window.findChild(QLineEdit, "comment_I3")
        comment.setText("ECOG assessed by the PI on the ward round")
        view.go_to_page(view.page_of_criterion["I3"])
        app.processEvents()
        window.grab().save(str(out / "not-eligible-I3-comment.png"))
        view.go_to_summary()
        reason = window.findChild(QPlainTextEdit, "screen_failure_reason")
        reason.setPlainText("ECOG 3: bed-bound most of the day since the last cycle.")
        app.processEvents()
        window.grab().save(str(out / "not-eligible-summary.png"))
        window.session.release()

        def grab_preferences() -> None:
            dialog = QApplication.activeModalWidget()
            if dialog is not None:
                app.processEvents()
                dialog.grab().save(str(out / "preferences.png"))
                dialog.reject()

        QTimer.singleShot(0, grab_preferences)
        window.open_preferences()
        window.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(Path(sys.argv[1]) if len(sys.argv) > 1 else OUT))
