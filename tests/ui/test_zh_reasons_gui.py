"""A Chinese window gives the records layer's reasons in Chinese: the banner of an invalid
record, a removed co-signature, an untrusted signer and a broken chain, and the records list."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel

from tests.records.reason_cases import reason_cases
from tests.ui.test_records_gui import make_window

pytestmark = [pytest.mark.gui, pytest.mark.usefixtures("fast_records")]


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_banner_and_the_list_give_each_reason_in_the_window_language(
    qtbot, data_dir, errors, qapp, request, language
):
    if language == "zh_CN":
        request.getfixturevalue("zh_language")
    cases = reason_cases(data_dir)
    window = make_window(qtbot, data_dir)
    shown, hidden = ("chinese", "english") if language == "zh_CN" else ("english", "chinese")
    for name, case in cases.items():
        window.open_record(case.path)
        banner = window.findChild(QLabel, "record_banner")
        assert banner.property("banner") == case.state, name
        text = banner.text().replace("&#x27;", "'")
        assert getattr(case, shown) in text, name
        assert getattr(case, hidden) not in text, name
    assert errors == []
    window.show_home()
    model = window.home.browser.model
    column = "\n".join(model.item(r, 6).text() for r in range(model.rowCount()))
    tips = "\n".join(model.item(r, 6).toolTip() for r in range(model.rowCount()))
    for name in ("invalid", "removed", "broken"):
        assert getattr(cases[name], shown) in column, name
        assert getattr(cases[name], hidden) not in column, name
    assert getattr(cases["untrusted"], shown) in tips
    assert getattr(cases["untrusted"], hidden) not in tips
    window.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_a_damaged_record_is_refused_in_the_window_language(
    qtbot, data_dir, errors, qapp, request, language
):
    if language == "zh_CN":
        request.getfixturevalue("zh_language")
    window = make_window(qtbot, data_dir)
    damaged = data_dir / "records" / ("0" * 32 + ".v1.json")
    damaged.parent.mkdir(parents=True, exist_ok=True)
    damaged.write_text('{"format": "nkscreen-screening-record", "answers": {', "utf-8")
    window.open_record(damaged)
    english = f"{damaged.name}: the file is truncated (it ends in the middle of the data)"
    chinese = f"{damaged.name}：文件不完整（在数据中途结束）"
    assert errors == [chinese if language == "zh_CN" else english]
    window.show_home()
    model = window.home.browser.model
    tips = "\n".join(model.item(r, 6).toolTip() for r in range(model.rowCount()))
    if language == "zh_CN":
        assert "文件不完整（在数据中途结束）" in tips
        assert "truncated" not in tips
    else:
        assert "the file is truncated (it ends in the middle of the data)" in tips
    window.close()
