"""Keystroke to updated statuses in the wizard: p50 and p99 (budget: p99 under 16 ms).

Types into a lab value of an imported case, one key at a time, through Qt's event system
(``QTest.keyClick``), and times each key until the statuses, errors and derived values on
screen are updated (the update is synchronous). Run: ``python benchmarks/bench_keystroke.py``.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLineEdit

BUDGET_P99_MS = 16.0
CASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "eligible_male.json"


def measure(keys: int = 600) -> list[float]:
    app = QApplication.instance() or QApplication(sys.argv)
    from nkscreen.core.casefile import read_case
    from nkscreen.ui import build_window
    from nkscreen.ui.navigator_wrap import row_status

    window = build_window(Path(tempfile.mkdtemp()))
    window.show()
    window.new_assessment()
    window.assessment.load_answers(read_case(CASE).answers)
    window.assessment.focus_field("alt")
    edit = window.findChild(QLineEdit, "alt")
    row = window.assessment.wizard.nav_items["I5A"]  # the side panel's status of I5A
    assert edit is not None
    app.processEvents()
    timings: list[float] = []
    sequence = [
        Qt.Key.Key_1,
        Qt.Key.Key_2,
        Qt.Key.Key_0,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Backspace,
        Qt.Key.Key_Backspace,
    ]
    for i in range(keys):
        key = sequence[i % len(sequence)]
        start = time.perf_counter()
        QTest.keyClick(edit, key)
        _ = row_status(row)
        timings.append((time.perf_counter() - start) * 1000)
        app.processEvents()  # paint between keys, as on screen
    window.close()
    return timings


def main() -> None:
    timings = sorted(measure())
    p50 = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99)]
    verdict = "ok" if p99 < BUDGET_P99_MS else "OVER BUDGET"
    print(
        f"keystroke: p50 {p50:.2f} ms, p99 {p99:.2f} ms (budget p99 {BUDGET_P99_MS} ms) {verdict}"
    )


if __name__ == "__main__":
    main()
