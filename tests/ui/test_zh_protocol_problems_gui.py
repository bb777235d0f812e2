"""A Chinese window says in Chinese why a site's protocol file cannot be used (Preferences >
Protocols) and what keeps an assessment from being saved; an English window says exactly what
it always said."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtWidgets import QLabel

from nkscreen.ui.preferences import PreferencesDialog
from tests.ui.test_records_gui import make_window

pytestmark = pytest.mark.gui
DEMO_FILE = (
    Path(__file__).resolve().parents[2] / "tests" / "data" / "protocols" / "DEMO-RCC-01.json"
)


def damaged_site_protocol(data_dir: Path) -> None:
    """A site file whose rule names a field that does not exist, and one that is not JSON."""
    data = json.loads(DEMO_FILE.read_text("utf-8"))
    data["criteria"][1]["rule"]["field"] = "karnofski"
    folder = data_dir / "protocols"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "DEMO-RCC-01.json").write_text(json.dumps(data), "utf-8")
    (folder / "half.json").write_text('{"schema_version": 1', "utf-8")


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_preferences_list_a_damaged_protocol_file_s_problems_in_the_window_language(
    qtbot, data_dir, request, language
) -> None:
    if language == "zh_CN":
        request.getfixturevalue("zh_language")
    damaged_site_protocol(data_dir)
    window = make_window(qtbot, data_dir)
    assert window.ready
    dialog = PreferencesDialog(
        window.settings, window.settings_path, window.library, window, data_dir=data_dir
    )
    qtbot.addWidget(dialog)
    listing = dialog.findChild(QLabel, "pref_protocols_list").text().replace("&#x27;", "'")
    chinese = ("<li>标准 IN2.rule：未知字段 'karnofski'</li>", "<li>不是有效的 JSON：")
    english = ("<li>criterion IN2.rule: unknown field 'karnofski'</li>", "<li>not valid JSON: ")
    shown, hidden = (chinese, english) if language == "zh_CN" else (english, chinese)
    for text in shown:
        assert text in listing
    for text in hidden:
        assert text not in listing
    window.close()


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_save_says_what_is_missing_in_the_window_language(
    qtbot, data_dir, errors, request, language
) -> None:
    if language == "zh_CN":
        request.getfixturevalue("zh_language")
    window = make_window(qtbot, data_dir)
    window.action_new.trigger()
    window.assessment.load_answers(
        {"patient_initials": "ZM", "date_of_birth": "2030-01-01", "assessment_date": "2026-01-01"}
    )
    assert not window.save_record()
    assert len(errors) == 1
    if language == "zh_CN":
        assert errors[0].endswith(
            "\ndate_of_birth：2030-01-01 晚于评估日期（2026-01-01）"
            "\nscreening_id：保存记录须填写筛选号"
        )
        assert "required" not in errors[0]
    else:
        assert errors[0] == (
            "Cannot save yet:"
            "\ndate_of_birth: 2030-01-01 is after the assessment date (2026-01-01)"
            "\nscreening_id: Screening ID is required to save a record"
        )
    # Sign asks nothing before saying the same, in one line.
    window.action_sign.setEnabled(True)
    window.action_sign.trigger()
    assert len(errors) == 2
    assert errors[1] == (
        "date_of_birth：2030-01-01 晚于评估日期（2026-01-01）；screening_id：保存记录须填写筛选号"
        if language == "zh_CN"
        else "date_of_birth: 2030-01-01 is after the assessment date (2026-01-01); "
        "screening_id: Screening ID is required to save a record"
    )
    window.close()
