"""Site settings: examples labelled as such, round trip, damaged files reported (Qt-free)."""

import json
from decimal import Decimal

import pytest

from nkscreen.core import frozen
from nkscreen.core.protocol import builtin_protocol
from nkscreen.settings import (
    EXAMPLE_SOURCE,
    SettingsError,
    example_settings,
    load_settings,
    save_settings,
    settings_file,
)

LABS = ("alt_uln", "ast_uln", "tbil_uln", "inr_uln", "aptt_uln", "creatinine_uln")
PROTOCOL_ID = "NCT06641648"


@pytest.fixture
def protocol():
    return builtin_protocol(PROTOCOL_ID)


def test_examples_are_labelled_and_complete(protocol):
    settings = example_settings()
    assert "EXAMPLE" in settings.uln_source
    assert settings.uln_source_for(protocol) == EXAMPLE_SOURCE
    defaults = settings.for_protocol(protocol).uln_defaults
    for lab in LABS:
        assert defaults[lab].female is not None
        assert defaults[lab].male is not None
    assert defaults["alt_uln"].female == Decimal("40")
    assert defaults["creatinine_uln"].male == Decimal("104")
    assert defaults["tbil_uln"].unit == "umol/L"


def test_round_trip(tmp_path, protocol):
    path = tmp_path / "cfg" / "settings.json"
    values = example_settings().for_protocol(protocol)
    values.uln_defaults["alt_uln"].male = Decimal("45")
    settings = frozen.replace(
        example_settings(), site_name="PKU First", page_size="Letter"
    ).with_protocol(PROTOCOL_ID, values)
    save_settings(path, settings)
    again = load_settings(path)
    assert again == settings
    assert again.for_protocol(protocol).uln_defaults["alt_uln"].male == 45
    assert json.loads(path.read_text("utf-8"))["schema_version"] == 2
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_settings_of_one_protocol_leave_another_with_its_examples(protocol):
    from nkscreen.settings import ProtocolSettings

    settings = example_settings().with_protocol("OTHER-1", ProtocolSettings(recency_days={"x": 3}))
    assert settings.for_protocol(protocol).uln_defaults["alt_uln"].female == Decimal("40")
    assert settings.uln_source_for(protocol) == EXAMPLE_SOURCE


def test_schema_1_file_is_migrated_to_the_bundled_protocols(tmp_path, protocol):
    """A file written before settings were kept per protocol keeps meaning the same."""
    path = tmp_path / "settings.json"
    old = {
        "schema_version": 1,
        "site_name": "PKU First",
        "uln_source": "Central lab 2026",
        "uln_defaults": {"alt_uln": {"female": "38", "male": "52", "unit": ""}},
        "recency_days": {"labs_date": 10},
        "page_size": "Letter",
        "time_zone": "Asia/Shanghai",
    }
    path.write_text(json.dumps(old), "utf-8")
    settings = load_settings(path)
    assert (settings.site_name, settings.page_size, settings.time_zone) == (
        "PKU First",
        "Letter",
        "Asia/Shanghai",
    )
    values = settings.for_protocol(protocol)
    assert values.uln_defaults["alt_uln"].male == Decimal("52")
    assert "ast_uln" not in values.uln_defaults  # as before: only what the file held
    assert values.recency_days == {"labs_date": 10}
    assert settings.uln_source_for(protocol) == "Central lab 2026"
    save_settings(path, settings)  # written back in the new shape, read the same
    assert load_settings(path) == settings


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
    save_settings(path, frozen.replace(example_settings(), time_zone="Asia/Shanghai"))
    assert load_settings(path).time_zone == "Asia/Shanghai"
    path.write_text('{"schema_version": 1, "time_zone": "Asia/Shangai"}')
    with pytest.raises(SettingsError, match="unknown time zone 'Asia/Shangai'"):
        load_settings(path)


def test_the_file_is_written_as_its_schema_reads_it(tmp_path, protocol):
    """The settings records and the pydantic schema of the file hold the same fields, and a file
    written from the one is read back by the other to the same values."""
    from nkscreen import settings_schema as schema
    from nkscreen.settings import (
        ProtocolSettings,
        SiteSettings,
        UlnDefault,
        settings_to_json,
    )

    for plain, model in (
        (SiteSettings, schema.SiteSettingsModel),
        (ProtocolSettings, schema.ProtocolSettingsModel),
        (UlnDefault, schema.UlnDefaultModel),
    ):
        defaults = frozen.field_defaults(plain)
        assert list(defaults) == list(model.model_fields)
        for name, default in defaults.items():
            info = model.model_fields[name]
            assert default is not frozen.MISSING, name
            assert info.get_default(call_default_factory=True) == default, name
    values = ProtocolSettings(
        uln_defaults={"alt_uln": UlnDefault(female=Decimal("1E+2"), male=Decimal("52.50"))},
        recency_days={"labs_date": 10},
    )
    settings = SiteSettings(site_name="W7", time_zone="Asia/Shanghai").with_protocol("P", values)
    written = settings_to_json(settings)
    validated = schema.SiteSettingsModel.model_validate_json(json.dumps(written))
    assert written == validated.model_dump(mode="json")
    assert validated.plain() == settings


def test_a_bad_uln_is_refused_when_made():
    from nkscreen.settings import UlnDefault

    with pytest.raises(ValueError, match="plain decimal"):
        UlnDefault(female=Decimal("1" * 40))
    with pytest.raises(ValueError, match="unit"):
        UlnDefault(unit="u" * 41)
