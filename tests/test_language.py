"""Which language nkscreen speaks: --lang, NKSCREEN_LANG, Preferences, the computer's locale,
and an unknown language as a clear error (never a quiet switch to English). Qt-free."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from nkscreen import language, paths
from nkscreen.cli import main
from nkscreen.language import UnknownLanguageError, from_locale_name, preference_in, resolve
from nkscreen.report.texts import LOCALES
from nkscreen.settings import SettingsError, SiteSettings, load_settings, save_settings

CASE = Path(__file__).resolve().parent / "cases" / "eligible_male.json"


def test_an_explicit_choice_wins_in_order_option_environment_preference_locale() -> None:
    assert resolve(option="zh_CN", environment="en", preference="en", system="en_US") == "zh_CN"
    assert resolve(environment="zh_CN", preference="en", system="en_US") == "zh_CN"
    assert resolve(preference="zh_CN", system="en_US") == "zh_CN"
    assert resolve(preference="en", system="zh_CN") == "en"
    assert resolve(system="zh_CN.UTF-8") == "zh_CN"
    assert resolve(system="fr_FR") == "en"  # nobody chose French for nkscreen
    assert resolve(option="", environment="", preference="", system="") == "en"
    assert language.checked("zh-CN", "--lang") == "zh_CN"


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("zh_CN", "zh_CN"),
        ("zh_Hans_CN", "zh_CN"),
        ("zh_SG.UTF-8", "zh_CN"),
        ("zh", "zh_CN"),
        ("zh_TW", "en"),
        ("zh_Hant_HK", "en"),
        ("en_GB", "en"),
        ("C", "en"),
    ],
)
def test_the_computer_locale_maps_to_simplified_chinese_or_english(name, expected) -> None:
    assert from_locale_name(name) == expected


@pytest.mark.parametrize(
    ("kwargs", "source"),
    [({"option": "fr"}, "--lang"), ({"environment": "klingon"}, "NKSCREEN_LANG")],
)
def test_an_unknown_explicit_language_is_one_sentence_naming_where_it_came_from(
    kwargs, source
) -> None:
    with pytest.raises(UnknownLanguageError) as caught:
        resolve(system="zh_CN", **kwargs)
    message = str(caught.value)
    assert message.startswith(f"{source}: unknown language ")
    assert "en (English), zh_CN (简体中文)" in message
    assert "\n" not in message


def test_every_language_of_the_app_has_printout_texts() -> None:
    assert tuple(language.LANGUAGES) == LOCALES


def test_the_preference_is_saved_in_the_settings_and_read_before_the_window(tmp_path) -> None:
    path = tmp_path / "settings.json"
    assert preference_in(path) is None  # no file yet
    save_settings(path, SiteSettings(language="zh_CN"))
    assert load_settings(path).language == "zh_CN"
    assert preference_in(path) == "zh_CN"
    save_settings(path, SiteSettings())
    assert preference_in(path) is None


def test_an_unknown_language_in_the_settings_file_is_reported_not_used(tmp_path) -> None:
    path = tmp_path / "settings.json"
    path.write_text(json.dumps({"schema_version": 2, "language": "fr"}), "utf-8")
    with pytest.raises(SettingsError, match="unknown language 'fr'"):
        load_settings(path)
    # Before the window: not used (loading the settings right after says why).
    assert preference_in(path) is None
    path.write_text("{not json", "utf-8")
    assert preference_in(path) is None


@pytest.mark.parametrize(
    ("argv", "env", "named"),
    [
        (["--lang", "fr", "evaluate", str(CASE)], None, "--lang"),
        (["evaluate", str(CASE)], "xx", "NKSCREEN_LANG"),
        (["pdf", "record.json", "-o", "out.pdf", "--lang", "de"], None, "--lang"),
    ],
)
def test_the_cli_refuses_an_unknown_language_with_exit_2(
    argv, env, named, monkeypatch, capsys
) -> None:
    if env is not None:
        monkeypatch.setenv(paths.LANG_ENV, env)
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.strip().splitlines()
    assert lines == [lines[0]]
    assert lines[0].startswith(f"nkscreen: {named}: unknown language")


def test_the_app_is_not_started_with_an_unknown_language(tmp_path) -> None:
    env = {"NKSCREEN_DATA_DIR": str(tmp_path), "PATH": "", "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen", "--lang", "fr"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("nkscreen: --lang: unknown language 'fr'")
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen"],
        env={**env, paths.LANG_ENV: "fr"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("nkscreen: NKSCREEN_LANG: unknown language 'fr'")
