"""The labels' escaping is html.escape's (Qt-free: no QApplication)."""

from __future__ import annotations

import html
import subprocess
import sys

import pytest

from nkscreen.ui.markup import escape

TEXTS = [
    "",
    "plain",
    "<b>bold</b> & 'single' \"double\"",
    "&amp; already escaped",
    "AST > 2.5 × ULN <3>",
    "丙氨酸氨基转移酶 > 2.5 × 正常值上限 & '肌酐'",
    "\x00\t\n<<>>&&''\"\"",
]


@pytest.mark.parametrize("text", TEXTS)
def test_escape_is_html_escape(text):
    assert escape(text) == html.escape(text)


def test_the_window_modules_do_not_load_html_entities():
    code = (
        "import sys, nkscreen.ui.main_window, nkscreen.ui.wizard_pages, nkscreen.ui.summary_page,"
        " nkscreen.ui.record_banner, nkscreen.ui.banner_text, nkscreen.ui.home_view;"
        " print('html.entities' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
