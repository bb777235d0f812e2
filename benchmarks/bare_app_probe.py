"""The baseline for start-up: a bare PySide6 QApplication + QMainWindow, started the same way
as nkscreen (a fresh interpreter) and reporting the same way once its first frame is up."""

import resource
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow


def main() -> int:
    app = QApplication(sys.argv)
    window = QMainWindow()
    window.resize(1240, 780)
    window.show()
    # Up means drawn: the first paint is a posted event, handled here (as nkscreen does), so
    # "shown" comes after the window's first frame, not before it is painted.
    app.processEvents()

    def report() -> None:
        peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        print(f"startup-probe shown peak_kib={peak_kib}", flush=True)
        app.quit()

    QTimer.singleShot(0, report)
    return int(app.exec())


if __name__ == "__main__":
    sys.exit(main())
