"""Site settings: examples labelled as such, round trip, damaged files reported (Qt-free)."""

from decimal import Decimal

import pytest

from nkscreen.settings import (
    SettingsError,
    example_settings,
    load_settings,
    save_settings,
    settings_file,
)


def test_examples_are_labelled_and_complete():
    settings = example_settings()
    assert "EXAMPLE" in settings.uln_source
    for lab in ("alt_uln", "ast_uln", "tbil_uln", "inr_uln", "aptt_uln", "creatinine_uln"):
        assert settings.uln_defaults[lab].female is not None
        assert settings.uln_defaults[lab].male is not None


def test_round_trip(tmp_path):
    path = tmp_path / "cfg" / "settings.json"
    settings = example_settings().model_copy(
        update={"site_name": "PKU First", "page_size": "Letter"}
    )
    settings.uln_defaults["alt_uln"].male = Decimal("45")
    save_settings(path, settings)
    again = load_settings(path)
    assert again == settings
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_missing_file_gives_examples(tmp_path):
    assert load_settings(tmp_path / "none.json") == example_settings()


def test_damaged_file_is_reported_not_replaced(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"uln_defaults": 3}', "utf-8")
    with pytest.raises(SettingsError, match=r"settings\.json"):
        load_settings(path)
    assert path.read_text("utf-8") == '{"uln_defaults": 3}'


def test_config_dir_follows_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("NKSCREEN_CONFIG_DIR", str(tmp_path / "c"))
    assert settings_file(tmp_path / "d") == tmp_path / "c" / "settings.json"
    monkeypatch.delenv("NKSCREEN_CONFIG_DIR")
    assert settings_file(tmp_path / "d") == tmp_path / "d" / "settings.json"


def test_time_zone_is_optional_for_older_settings_files(tmp_path):
    path = tmp_path / "settings.json"
    path.write_text('{"schema_version": 1, "site_name": "PKU First", "page_size": "A4"}')
    loaded = load_settings(path)
    assert loaded.time_zone == ""
    assert loaded.site_name == "PKU First"


def test_time_zone_round_trip_and_unknown_zone_refused(tmp_path):
    path = tmp_path / "settings.json"
    save_settings(path, example_settings().model_copy(update={"time_zone": "Asia/Shanghai"}))
    assert load_settings(path).time_zone == "Asia/Shanghai"
    path.write_text('{"schema_version": 1, "time_zone": "Asia/Shangai"}')
    with pytest.raises(SettingsError, match="unknown time zone 'Asia/Shangai'"):
        load_settings(path)
