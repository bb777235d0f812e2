"""The smallest PySide6 desktop app: the size yardstick for nkscreen's bundle.

``packaging/build.sh`` freezes this with PyInstaller's defaults (one folder, every plugin its
Qt hooks collect), stripped like nkscreen's bundle, and prints both sizes: nkscreen's bundle
should stay close to this one, so a growing gap means a dependency or Qt module crept in.
With ``--smoke`` it shows its window offscreen and exits, to check the yardstick works.
"""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    if "--smoke" in sys.argv:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.setWindowTitle("bare PySide6 app")
    window.show()
    if "--smoke" in sys.argv:
        QTimer.singleShot(0, app.quit)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
