"""Site settings: the site's name and time zone, paper size, and for each protocol its
reference ranges (ULN) per lab and sex and its evidence recency limits.

Stored as JSON in the platform's config folder (or beside the data when ``--data-dir`` or
``NKSCREEN_DATA_DIR`` redirects it, so a test or a shared install keeps everything together).
ULNs and recency limits are keyed by protocol id, since each protocol names its own fields; a
protocol the site has not set up yet uses the example ULNs of its protocol file, clearly
labelled as examples: each site replaces them with its own laboratory's ranges in Preferences.
Files written before settings were kept per protocol (schema 1) are read and migrated: their
ranges and limits belong to the protocols bundled with nkscreen. Qt-free.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from nkscreen import paths
from nkscreen.clock import is_known_zone
from nkscreen.language import checked
from nkscreen.safe_files import FileRefusedError, clip, read_document

if TYPE_CHECKING:
    from nkscreen.core.protocol import Protocol

#: Shown beside ULNs that come from a protocol file's examples, not from the site.
EXAMPLE_SOURCE: Final = (
    "EXAMPLE VALUES shipped with nkscreen: replace with your laboratory's ranges"
)


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


def _checked_zone(value: str) -> str:
    # An unknown name is an error, not a silent switch to another zone: the site would
    # otherwise print times in a zone nobody chose.
    value = value.strip()
    if value and not is_known_zone(value):
        raise ValueError(
            f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai, "
            "or leave it empty for the computer's zone"
        )
    return value


class ProtocolSettings(BaseModel):
    """One protocol's site values: ULN defaults by ULN field id, recency limits (days) by
    evidence-date field id (a limit not given is the protocol file's)."""

    model_config = ConfigDict(extra="forbid")
    uln_defaults: dict[str, UlnDefault] = Field(default_factory=dict)
    recency_days: dict[str, int] = Field(default_factory=dict)


class SiteSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[2] = 2
    site_name: str = ""
    uln_source: str = Field(
        default=EXAMPLE_SOURCE,
        description="Where the ULN values come from; shown beside every pre-filled ULN.",
    )
    #: By protocol id; a protocol without an entry uses its protocol file's examples.
    protocols: dict[str, ProtocolSettings] = Field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    time_zone: str = Field(
        default="",
        description="IANA name (Asia/Shanghai) of the zone every time is shown and printed in; "
        "empty: the computer's zone. Records keep UTC whatever it is.",
    )
    language: str = Field(
        default="",
        description="The window's and the printout's language (en, zh_CN); empty: the "
        "computer's. NKSCREEN_LANG and --lang override it; it takes effect at the next start.",
    )

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _checked_zone(value)

    @field_validator("language")
    @classmethod
    def _known_language(cls, value: str) -> str:
        # An unknown language is refused like an unknown zone: never silently English.
        return checked(value, "language") if value.strip() else ""

    def for_protocol(self, protocol: Protocol) -> ProtocolSettings:
        """The site's values for ``protocol``; its file's examples until the site sets them."""
        found = self.protocols.get(protocol.id)
        return found if found is not None else example_protocol_settings(protocol)

    def uln_source_for(self, protocol: Protocol) -> str:
        """Where ``protocol``'s ULN defaults come from, as shown beside each of them."""
        return self.uln_source if protocol.id in self.protocols else EXAMPLE_SOURCE

    def with_protocol(self, protocol_id: str, values: ProtocolSettings) -> SiteSettings:
        """A copy with ``values`` as the settings of ``protocol_id``."""
        return self.model_copy(update={"protocols": {**self.protocols, protocol_id: values}})


class SiteSettingsV1(BaseModel):
    """Settings as written before they were kept per protocol: read, then migrated."""

    model_config = ConfigDict(extra="forbid")
    schema_version: Literal[1] = 1
    site_name: str = ""
    uln_source: str = EXAMPLE_SOURCE
    uln_defaults: dict[str, UlnDefault] = Field(default_factory=dict)
    recency_days: dict[str, int] = Field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    time_zone: str = ""

    @field_validator("time_zone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        return _checked_zone(value)

    def migrate(self, protocol_ids: list[str]) -> SiteSettings:
        """Schema 1 kept one set of ranges and limits, for the protocols shipped then: the
        bundled ones (``protocol_ids``). Each gets them; nothing else changes."""
        values = ProtocolSettings(uln_defaults=self.uln_defaults, recency_days=self.recency_days)
        return SiteSettings(
            site_name=self.site_name,
            uln_source=self.uln_source,
            protocols={pid: values.model_copy(deep=True) for pid in protocol_ids},
            page_size=self.page_size,
            time_zone=self.time_zone,
        )


def example_protocol_settings(protocol: Protocol) -> ProtocolSettings:
    """The protocol file's example ULNs (see ``EXAMPLE_SOURCE``) and its own recency limits."""
    defaults = {
        f.id: UlnDefault(
            female=f.example_uln.female, male=f.example_uln.male, unit=f.example_uln.unit
        )
        for f in protocol.uln_fields
        if f.example_uln is not None
    }
    return ProtocolSettings(uln_defaults=defaults)


def example_settings() -> SiteSettings:
    """No site values yet: every protocol uses its examples, labelled as such."""
    return SiteSettings()


def settings_file(data_dir: Path) -> Path:
    return paths.settings_file(data_dir)


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
        if _schema_version(data) in (None, 1):  # older files, and damage: the old shape
            return SiteSettingsV1.model_validate_json(data).migrate(paths.bundled_protocol_ids())
        return SiteSettings.model_validate_json(data)
    except ValidationError as exc:
        raise SettingsError(f"{path}: {_one_line(exc)}") from None


def _schema_version(data: bytes) -> object:
    """The file's ``schema_version`` (1 when absent), or None when it is not a JSON object.

    pydantic's parser bounds nesting itself; the model then reports what is wrong.
    """
    from pydantic_core import from_json

    try:
        document = from_json(data)
    except ValueError:
        return None
    return document.get("schema_version", 1) if isinstance(document, dict) else None


def save_settings(path: Path, settings: SiteSettings) -> None:
    from nkscreen.records.atomic import atomic_write

    paths.ensure_dir(path.parent)
    data = json.dumps(settings.model_dump(mode="json"), indent=1, ensure_ascii=False)
    atomic_write(path, data.encode("utf-8") + b"\n")
