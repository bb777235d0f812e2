"""The plain reading of an app-written settings file agrees with the pydantic schema.

:func:`nkscreen.settings_fast.plain_settings` may decline any file (the schema then reads it),
but what it accepts the schema must accept, with the same values down to a Decimal's exponent
and an int that is not a bool. Checked on files the app writes, on those files changed field by
field into odd and hostile ones, and on their bytes damaged at random.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from nkscreen import settings_schema
from nkscreen.core import frozen
from nkscreen.settings import (
    ProtocolSettings,
    SiteSettings,
    UlnDefault,
    check_uln,
    load_settings,
    save_settings,
    settings_to_json,
)
from nkscreen.settings_fast import plain_settings
from nkscreen.settings_schema import InvalidSettingsError, settings_from_json
from tests.damage import damaged


def schema_reads(data: bytes) -> SiteSettings | None:
    try:
        return settings_from_json(data)
    except InvalidSettingsError:
        return None


def exactly(settings: SiteSettings) -> str:
    """Every value as written, types included (1 and true differ, 1.50 and 1.5 differ)."""
    return json.dumps(settings_to_json(settings), ensure_ascii=False)


def agree(data: bytes) -> SiteSettings | None:
    """The plain reading of ``data``, after checking that the schema reads it the same."""
    plain = plain_settings(data)
    if plain is not None:
        schema = schema_reads(data)
        assert schema is not None, f"accepted what the schema refuses: {data[:300]!r}"
        assert plain == schema
        assert exactly(plain) == exactly(schema), data[:300]
    return plain


# ------------------------------------------------------------------ files the app writes

_ZONES = ("", "UTC", "Asia/Shanghai", "America/New_York", "Europe/Berlin")
_text = st.text(max_size=30)


@st.composite
def ulns(draw: st.DrawFn) -> Decimal | None:
    value = draw(
        st.none()
        | st.decimals(allow_nan=False, allow_infinity=False, places=draw(st.integers(0, 6)))
        | st.decimals(allow_nan=False, allow_infinity=False)
    )
    try:
        return check_uln(value)
    except ValueError:
        assume(False)
        raise


@st.composite
def site_settings(draw: st.DrawFn) -> SiteSettings:
    protocols = draw(
        st.dictionaries(
            _text,
            st.builds(
                ProtocolSettings,
                uln_defaults=st.dictionaries(
                    _text,
                    st.builds(UlnDefault, female=ulns(), male=ulns(), unit=st.text(max_size=40)),
                    max_size=4,
                ),
                recency_days=st.dictionaries(
                    _text, st.integers(-(10**15) + 1, 10**15 - 1), max_size=4
                ),
            ),
            max_size=3,
        )
    )
    return SiteSettings(
        site_name=draw(_text),
        uln_source=draw(_text),
        protocols=protocols,
        page_size=draw(st.sampled_from(("A4", "Letter"))),
        time_zone=draw(st.sampled_from(_ZONES)),
        language=draw(st.sampled_from(("", "en", "zh_CN"))),
    )


def written(settings: SiteSettings, folder: Path) -> bytes:
    path = folder / "settings.json"
    save_settings(path, settings)
    return path.read_bytes()


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(site_settings())
def test_every_file_the_app_writes_is_read_plainly_as_the_schema_reads_it(tmp_path, value):
    data = written(value, tmp_path)
    plain = agree(data)
    assert plain is not None, data[:300]  # the point of the fast path: the app's own files
    assert plain == value


# ------------------------------------------------------------------ odd and hostile files

_ODD_VALUES: list[Any] = [
    None, True, False, 0, 1, 2, -1, 2.0, 1.5, 1e400, -0.0, 10**30, 10**16, 10**15 - 1, "",
    " ", "2", "1.50", " 2 ", "+5", "1_0", "007", "1e3", "1E+3", "-0", "NaN", "Infinity",
    "1" * 31, "1" * 30, "0." + "0" * 40 + "1", "A4", "Letter", "a4", "UTC", " UTC ",
    "Asia/Shangai", "../../etc/passwd", "zh-CN", " zh_CN ", "fr", "u" * 41, "u" * 40,
    "\x00", "\u2028", "\U0001f600", "٣", [], [1], {}, {"x": 1},
]  # fmt: skip

_PATHS: list[tuple[str, ...]] = [
    ("schema_version",),
    ("site_name",),
    ("uln_source",),
    ("protocols",),
    ("page_size",),
    ("time_zone",),
    ("language",),
    ("protocols", "P"),
    ("protocols", "P", "uln_defaults"),
    ("protocols", "P", "recency_days"),
    ("protocols", "P", "uln_defaults", "alt_uln"),
    ("protocols", "P", "uln_defaults", "alt_uln", "female"),
    ("protocols", "P", "uln_defaults", "alt_uln", "male"),
    ("protocols", "P", "uln_defaults", "alt_uln", "unit"),
    ("protocols", "P", "recency_days", "labs_date"),
    ("extra",),
    ("protocols", "P", "extra"),
    ("protocols", "P", "uln_defaults", "alt_uln", "extra"),
]


def base_document() -> dict[str, Any]:
    values = ProtocolSettings(
        uln_defaults={
            "alt_uln": UlnDefault(female=Decimal("40"), male=Decimal("52.5"), unit="U/L")
        },
        recency_days={"labs_date": 14},
    )
    settings = SiteSettings(site_name="Ward 7", time_zone="Asia/Shanghai").with_protocol(
        "P", values
    )
    return settings_to_json(settings)


def changed(path: tuple[str, ...], value: Any, *, remove: bool = False) -> dict[str, Any]:
    document = base_document()
    here = document
    for key in path[:-1]:
        here = here[key]
    if remove:
        here.pop(path[-1], None)
    else:
        here[path[-1]] = value
    return document


def encodings(document: dict[str, Any]) -> list[bytes]:
    text = json.dumps(document, indent=1, ensure_ascii=False)
    return [text.encode(), json.dumps(document).encode(), text.encode() + b"\n\n"]


def test_the_base_document_is_read_plainly():
    assert all(agree(data) is not None for data in encodings(base_document()))


@pytest.mark.parametrize("path", _PATHS, ids=".".join)
def test_each_field_changed_to_odd_values_never_passes_where_the_schema_would_not(path):
    refused = 0
    for value in _ODD_VALUES:
        for data in encodings(changed(path, value)):
            if agree(data) is None:
                refused += 1
    for data in encodings(changed(path, None, remove=True)):
        agree(data)
    assert refused > 0  # odd values are met, not all of them silently fine


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"null",
        b"[]",
        b"{}",  # schema 1 by default: migrated by the schema, not here
        b'{"schema_version": 1}',
        b'{"schema_version": 2.0}',
        b'{"schema_version": true}',
        b'{"schema_version": "2"}',
        b'{"schema_version": 2, "site_name": "a", "site_name": "b"}',
        b'{"schema_version": 2, "schema_version": 2}',
        b'{"schema_version": 2, "protocols": {"P": {}, "P": {"recency_days": {"x": 1}}}}',
        b'{"schema_version": 2, "site_name": NaN}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": NaN}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": Infinity}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": 1e400}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": 3.0}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": true}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": "3"}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": ' + b"9" * 5000 + b"}}}}",
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": 40}}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": 4.5}}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": "1_0"}}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": " 2"}}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": "NaN"}}}}}',
        b'{"schema_version": 2, "site_name": "\\ud800"}',
        b'{"schema_version": 2, "site_name": "\\ud83d\\ude00"}',
        b'{"schema_version": 2, "site_name": "a\x01b"}',
        b'{"schema_version": 2, "site_name": "\xff"}',
        b'\xef\xbb\xbf{"schema_version": 2}',
        b'{"schema_version": 2} x',
        b'{"schema_version": 2,}',
        b'{"schema_version": 2, "time_zone": "Mars/Olympus"}',
        b'{"schema_version": 2, "language": "xx"}',
        b'{"schema_version": 2, "page_size": "A5"}',
        b'{"schema_version": 2, "extra": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"schema_version": 2, "site_name": "' + b"x" * 100_000 + b'"}',
        '{"schema_version": 2, "site_name": "ward"}'.encode("utf-16"),
    ],
)
def test_odd_and_hostile_files_are_left_to_the_schema_or_read_alike(data):
    agree(data)


def test_what_only_the_schema_reads_is_left_to_it():
    """Files the schema accepts in its lax way, and that nkscreen never writes, are declined
    here (the schema reads them, slower but right)."""
    for data in (
        b'{"schema_version": 2, "site_name": "a", "site_name": "b"}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": 3.0}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"recency_days": {"x": true}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": 40}}}}}',
        b'{"schema_version": 2, "protocols": {"P": {"uln_defaults": {"a": {"female": "1_0"}}}}}',
        b'{"schema_version": 1, "site_name": "a"}',
        b'{"site_name": "a"}',
    ):
        assert schema_reads(data) is not None, data
        assert plain_settings(data) is None, data


@settings(max_examples=400, deadline=None)
@given(st.data())
def test_damaged_bytes_never_pass_where_the_schema_would_not(data):
    original = json.dumps(base_document(), indent=1).encode()
    agree(damaged(original, data, b'{}[]",:0123456789.eE+-tnf \\u\x00\xff', 4))


@settings(max_examples=300, deadline=None)
@given(
    st.recursive(
        st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=8),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
        max_leaves=8,
    ),
    st.sampled_from(_PATHS),
)
def test_any_json_value_anywhere_never_passes_where_the_schema_would_not(value, path):
    try:
        for data in encodings(changed(path, value)):
            agree(data)
    except ValueError:  # a NaN json.dumps writes and no JSON allows: still checked below
        pass
    agree(json.dumps(changed(path, value), allow_nan=True).encode())


# ------------------------------------------------------------------ load_settings uses it


def test_load_settings_reads_the_apps_own_file_without_the_schema(tmp_path, monkeypatch):
    value = frozen.replace(
        SiteSettings(site_name="Ward 7", time_zone="Asia/Shanghai", language="zh_CN"),
    ).with_protocol("P", ProtocolSettings(recency_days={"labs_date": 14}))
    path = tmp_path / "settings.json"
    save_settings(path, value)

    def no_schema(data: bytes) -> SiteSettings:
        raise AssertionError("the schema was used")

    monkeypatch.setattr(settings_schema, "settings_from_json", no_schema)
    assert load_settings(path) == value
    path.write_text('{"schema_version": 1, "site_name": "old"}', "utf-8")
    with pytest.raises(AssertionError, match="the schema was used"):
        load_settings(path)  # anything else still goes through the schema
