"""Site settings: reference ranges (ULN) per lab and sex, evidence recency limits, paper size,
the site's name and time zone.

Stored as JSON in the platform's config folder (or beside the data when ``--data-dir`` or
``NKSCREEN_DATA_DIR`` redirects it, so a test or a shared install keeps everything together).
The shipped ULN values are *examples* clearly labelled as such: each site replaces them with its
own laboratory's ranges in Preferences. Qt-free.
"""

from __future__ import annotations

import json
import os
from decimal import Decimal
from pathlib import Path
from typing import Literal

import platformdirs
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nkscreen import paths
from nkscreen.clock import is_known_zone
from nkscreen.safe_files import FileRefusedError, clip, read_document

CONFIG_DIR_ENV = "NKSCREEN_CONFIG_DIR"


#: ULNs are typed numbers: a value with more digits or a wilder exponent is damage, and its
#: plain-decimal display (the hint beside every ULN field) would be just as absurd.
_MAX_ULN_DIGITS = 30


class UlnDefault(BaseModel):
    """One lab's upper limit of normal for each sex, in ``unit`` (a unit the protocol knows)."""

    model_config = ConfigDict(extra="forbid")
    female: Decimal | None = None
    male: Decimal | None = None
    unit: str = Field(default="", max_length=40)

    @field_validator("female", "male")
    @classmethod
    def _plain_decimal(cls, value: Decimal | None) -> Decimal | None:
        if value is None:
            return None
        _, digits, exponent = value.as_tuple()
        if (
            not isinstance(exponent, int)  # NaN, infinity
            or len(digits) > _MAX_ULN_DIGITS
            or not -_MAX_ULN_DIGITS <= exponent <= _MAX_ULN_DIGITS
        ):
            raise ValueError(f"a ULN is a plain decimal of at most {_MAX_ULN_DIGITS} digits")
        return value


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    site_name: str = ""
    uln_source: str = Field(
        default="EXAMPLE VALUES shipped with nkscreen: replace with your laboratory's ranges",
        description="Where the ULN values come from; shown beside every pre-filled ULN.",
    )
    uln_defaults: dict[str, UlnDefault] = Field(default_factory=dict)
    recency_days: dict[str, int] = Field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    time_zone: str = Field(
        default="",
        description="IANA name (Asia/Shanghai) of the zone every time is shown and printed in; "
        "empty: the computer's zone. Records keep UTC whatever it is.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        # An unknown name is an error, not a silent switch to another zone: the site would
        # otherwise print times in a zone nobody chose.
        value = value.strip()
        if value and not is_known_zone(value):
            raise ValueError(
                f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai, "
                "or leave it empty for the computer's zone"
            )
        return value


def example_settings() -> SiteSettings:
    """Common adult reference ranges, labelled as examples (see ``uln_source``)."""

    def uln(female: str, male: str, unit: str) -> UlnDefault:
        return UlnDefault(female=Decimal(female), male=Decimal(male), unit=unit)

    return SiteSettings(
        uln_defaults={
            "alt_uln": uln("40", "50", "U/L"),
            "ast_uln": uln("35", "40", "U/L"),
            "tbil_uln": uln("21", "21", "umol/L"),
            "inr_uln": uln("1.2", "1.2", ""),
            "aptt_uln": uln("40", "40", "s"),
            "creatinine_uln": uln("84", "104", "umol/L"),
        }
    )


def settings_file(data_dir: Path) -> Path:
    from_env = os.environ.get(CONFIG_DIR_ENV)
    if from_env:
        return Path(from_env).expanduser() / "settings.json"
    if data_dir == paths.data_dir(None) and not os.environ.get(paths.DATA_DIR_ENV):
        return Path(platformdirs.user_config_dir(paths.APP_NAME, appauthor=False)) / "settings.json"
    return data_dir / "settings.json"


class SettingsError(Exception):
    """The settings file cannot be used; ``str()`` is one line naming the file and the field."""


#: A settings file is a few kB; anything this large is not one.
MAX_SETTINGS_BYTES = 1024 * 1024


def _one_line(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "file"
    more = exc.error_count() - 1
    return f"{clip(where, 80)}: {clip(first['msg'], 160)}" + (
        f" (and {more} more)" if more > 0 else ""
    )


def load_settings(path: Path) -> SiteSettings:
    """The site's settings; the examples when there is no file yet.

    A damaged file raises :class:`SettingsError` (the UI says so and offers the examples)
    rather than silently replacing the site's ranges. Only a regular file of at most
    :data:`MAX_SETTINGS_BYTES` is read (never a pipe or a device; a link only within its
    folder); pydantic's JSON parser bounds nesting and refuses lone surrogates itself.
    """
    try:
        data = read_document(path, limit=MAX_SETTINGS_BYTES, within=path.parent)
    except FileRefusedError as exc:
        if exc.kind == "missing" and not path.is_symlink():
            return example_settings()
        raise SettingsError(f"{path}: {exc.reason}") from None
    try:
        return SiteSettings.model_validate_json(data)
    except ValidationError as exc:
        raise SettingsError(f"{path}: {_one_line(exc)}") from None


def save_settings(path: Path, settings: SiteSettings) -> None:
    from nkscreen.records.atomic import atomic_write

    paths.ensure_dir(path.parent)
    data = json.dumps(settings.model_dump(mode="json"), indent=1, ensure_ascii=False)
    atomic_write(path, data.encode("utf-8") + b"\n")
