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
    # nkscreen's window size, as benchmarks/bare_app_probe.py: the start-up baseline paints the
    # same area (its backing store is part of the memory compared).
    window.resize(1240, 780)
    window.show()
    app.processEvents()  # its first frame drawn before "shown" (see benchmarks/bare_app_probe.py)
    if "--smoke" in sys.argv:
        QTimer.singleShot(0, app.quit)
    if os.environ.get("NKSCREEN_STARTUP_PROBE"):  # benchmarks/bench_startup.py --frozen
        QTimer.singleShot(0, lambda: _report_shown(app))
    return int(app.exec())


def _report_shown(app: QApplication) -> None:
    import resource

    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(f"startup-probe shown peak_kib={peak_kib}", flush=True)
    app.quit()


if __name__ == "__main__":
    sys.exit(main())
