"""Guards against a Qt binding that corrupts Python's reference counts.

PySide6 6.12.0 released a reference to None for every None it returned (``currentData()`` of an
empty item, an unset ``property()``, ``focusWidget()``); on Python 3.11 the app crashed after a
few thousand edits with "deallocating None". This test fails fast on such a binding.
"""

import sys

from PySide6.QtWidgets import QApplication, QComboBox, QLabel


def test_bindings_keep_none_refcount(qapp):
    combo = QComboBox()
    combo.addItem("empty", None)
    label = QLabel()
    before = sys.getrefcount(None)
    for _ in range(200):
        combo.currentData()
        label.property("status")
        QApplication.focusWidget()
    assert abs(sys.getrefcount(None) - before) < 50
