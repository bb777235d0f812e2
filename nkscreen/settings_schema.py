"""What a settings file must hold, checked by pydantic, and its migration from schema 1.

Imported by :func:`nkscreen.settings.load_settings` only when there is a file to read. The
models mirror :mod:`nkscreen.settings`'s records field by field (a test holds them
together); a valid file becomes those records. A file as nkscreen writes it is read
without this module (:mod:`nkscreen.settings_fast`, held to the same results by
tests/test_settings_fast.py): a change to what these models accept must be made there too.
Qt-free.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import from_json

from nkscreen import paths
from nkscreen.language import checked
from nkscreen.safe_files import clip
from nkscreen.settings import (
    EXAMPLE_SOURCE,
    MAX_UNIT_LENGTH,
    ProtocolSettings,
    SiteSettings,
    UlnDefault,
    check_uln,
    checked_zone,
)


class InvalidSettingsError(ValueError):
    """One line: the first bad field and what is wrong with it."""


class UlnDefaultModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    female: Decimal | None = None
    male: Decimal | None = None
    unit: str = Field(default="", max_length=MAX_UNIT_LENGTH)

    @field_validator("female", "male")
    @classmethod
    def _plain_decimal(cls, value: Decimal | None) -> Decimal | None:
        return check_uln(value)

    def plain(self) -> UlnDefault:
        return UlnDefault(female=self.female, male=self.male, unit=self.unit)


class ProtocolSettingsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    uln_defaults: dict[str, UlnDefaultModel] = Field(default_factory=dict)
    recency_days: dict[str, int] = Field(default_factory=dict)

    def plain(self) -> ProtocolSettings:
        return ProtocolSettings(
            uln_defaults={fid: u.plain() for fid, u in self.uln_defaults.items()},
            recency_days=dict(self.recency_days),
        )


class SiteSettingsModel(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[2] = 2
    site_name: str = ""
    uln_source: str = EXAMPLE_SOURCE
    protocols: dict[str, ProtocolSettingsModel] = Field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    time_zone: str = ""
    language: str = ""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return checked_zone(value)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        # An unknown language is refused like an unknown zone: never silently English.
        return checked(value, "language") if value.strip() else ""

    def plain(self) -> SiteSettings:
        return SiteSettings(
            site_name=self.site_name,
            uln_source=self.uln_source,
            protocols={pid: p.plain() for pid, p in self.protocols.items()},
            page_size=self.page_size,
            time_zone=self.time_zone,
            language=self.language,
        )


class SiteSettingsV1(BaseModel):
    """Settings as written before they were kept per protocol: read, then migrated."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    site_name: str = ""
    uln_source: str = EXAMPLE_SOURCE
    uln_defaults: dict[str, UlnDefaultModel] = Field(default_factory=dict)
    recency_days: dict[str, int] = Field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    time_zone: str = ""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return checked_zone(value)

    def migrate(self, protocol_ids: list[str]) -> SiteSettings:
        """Schema 1 kept one set of ranges and limits, for the protocols shipped then: the
        bundled ones (``protocol_ids``). Each gets them; nothing else changes."""
        values = ProtocolSettingsModel(
            uln_defaults=self.uln_defaults, recency_days=self.recency_days
        )
        return SiteSettings(
            site_name=self.site_name,
            uln_source=self.uln_source,
            protocols={pid: values.plain() for pid in protocol_ids},
            page_size=self.page_size,
            time_zone=self.time_zone,
        )


def _one_line(exc: ValidationError) -> str:
    first = exc.errors()[0]
    where = ".".join(str(part) for part in first["loc"]) or "file"
    more = exc.error_count() - 1
    return f"{clip(where, 80)}: {clip(first['msg'], 160)}" + (
        f" (and {more} more)" if more > 0 else ""
    )


def settings_from_json(data: bytes) -> SiteSettings:
    """The settings a file's bytes hold (schema 1 migrated), or :class:`InvalidSettingsError`."""
    try:
        if _schema_version(data) in (None, 1):  # older files, and damage: the old shape
            return SiteSettingsV1.model_validate_json(data).migrate(paths.bundled_protocol_ids())
        return SiteSettingsModel.model_validate_json(data).plain()
    except ValidationError as exc:
        raise InvalidSettingsError(_one_line(exc)) from None


def _schema_version(data: bytes) -> object:
    """The file's ``schema_version`` (1 when absent), or None when it is not a JSON object.

    pydantic's parser bounds nesting itself; the model then reports what is wrong.
    """
    try:
        document = from_json(data)
    except ValueError:
        return None
    return document.get("schema_version", 1) if isinstance(document, dict) else None


__all__ = ["InvalidSettingsError", "SiteSettingsModel", "settings_from_json"]
