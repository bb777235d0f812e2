"""Site settings: the site's name and time zone, paper size, and for each protocol its
reference ranges (ULN) per lab and sex and its evidence recency limits.

Stored as JSON in the platform's config folder (or beside the data when ``--data-dir`` or
``NKSCREEN_DATA_DIR`` redirects it, so a test or a shared install keeps everything together).
ULNs and recency limits are keyed by protocol id, since each protocol names its own fields; a
protocol the site has not set up yet uses the example ULNs of its protocol file, clearly
labelled as examples: each site replaces them with its own laboratory's ranges in Preferences.
Files written before settings were kept per protocol (schema 1) are read and migrated: their
ranges and limits belong to the protocols bundled with nkscreen. Qt-free.

The settings are plain records (:class:`~nkscreen.core.frozen.MutableRecord`, dataclasses
without the cost of importing :mod:`dataclasses`). A file as nkscreen writes it is read by a
strict plain check (:mod:`nkscreen.settings_fast`); any other file is checked by pydantic
(:mod:`nkscreen.settings_schema`), imported only then, so neither a fresh start nor a site's
daily one waits for pydantic.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from nkscreen import paths
from nkscreen.core.frozen import MutableRecord, as_plain, field, replace
from nkscreen.safe_files import FileRefusedError, read_document
from nkscreen.sentences import Sentence

if TYPE_CHECKING:
    from nkscreen.core.protocol import Protocol

#: Shown beside ULNs that come from a protocol file's examples, not from the site.
EXAMPLE_SOURCE: Final = (
    "EXAMPLE VALUES shipped with nkscreen: replace with your laboratory's ranges"
)


#: ULNs are typed numbers: a value with more digits or a wilder exponent is damage, and its
#: plain-decimal display (the hint beside every ULN field) would be just as absurd.
_MAX_ULN_DIGITS = 30
#: A unit as a protocol names it ("umol/L"): anything longer is not one.
MAX_UNIT_LENGTH = 40


def check_uln(value: Decimal | None) -> Decimal | None:
    """``value`` if it is a plain decimal of at most 30 digits (or None); else ValueError."""
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


def checked_zone(value: str) -> str:
    """An IANA zone name (stripped), or "" for the computer's zone; else ValueError.

    An unknown name is an error, not a silent switch to another zone: the site would
    otherwise print times in a zone nobody chose."""
    from nkscreen.clock import is_known_zone

    value = value.strip()
    if value and not is_known_zone(value):
        raise ValueError(
            f"unknown time zone {value!r}: use an IANA name such as Asia/Shanghai, "
            "or leave it empty for the computer's zone"
        )
    return value


class UlnDefault(MutableRecord, kw_only=True):
    """One lab's upper limit of normal for each sex, in ``unit`` (a unit the protocol knows).

    Checked when made (Preferences shows a bad value instead of saving it)."""

    female: Decimal | None = None
    male: Decimal | None = None
    unit: str = ""

    def __post_init__(self) -> None:
        check_uln(self.female)
        check_uln(self.male)
        if len(self.unit) > MAX_UNIT_LENGTH:
            raise ValueError(f"a unit has at most {MAX_UNIT_LENGTH} characters")


class ProtocolSettings(MutableRecord, kw_only=True):
    """One protocol's site values: ULN defaults by ULN field id, recency limits (days) by
    evidence-date field id (a limit not given is the protocol file's)."""

    uln_defaults: dict[str, UlnDefault] = field(default_factory=dict)
    recency_days: dict[str, int] = field(default_factory=dict)


class SiteSettings(MutableRecord, kw_only=True):
    schema_version: Literal[2] = 2
    site_name: str = ""
    #: Where the ULN values come from; shown beside every pre-filled ULN.
    uln_source: str = EXAMPLE_SOURCE
    #: By protocol id; a protocol without an entry uses its protocol file's examples.
    protocols: dict[str, ProtocolSettings] = field(default_factory=dict)
    page_size: Literal["A4", "Letter"] = "A4"
    #: IANA name (Asia/Shanghai) of the zone every time is shown and printed in; empty: the
    #: computer's zone. Records keep UTC whatever it is.
    time_zone: str = ""
    #: The window's and the printout's language (en, zh_CN); empty: the computer's.
    #: NKSCREEN_LANG and --lang override it; it takes effect at the next start.
    language: str = ""

    def for_protocol(self, protocol: Protocol) -> ProtocolSettings:
        """The site's values for ``protocol``; its file's examples until the site sets them."""
        found = self.protocols.get(protocol.id)
        return found if found is not None else example_protocol_settings(protocol)

    def uln_source_for(self, protocol: Protocol) -> str:
        """Where ``protocol``'s ULN defaults come from, as shown beside each of them."""
        return self.uln_source if protocol.id in self.protocols else EXAMPLE_SOURCE

    def with_protocol(self, protocol_id: str, values: ProtocolSettings) -> SiteSettings:
        """A copy with ``values`` as the settings of ``protocol_id``."""
        return replace(self, protocols={**self.protocols, protocol_id: values})


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
        raise SettingsError(Sentence("file.problem", path=str(path), problem=exc.reason)) from None
    from nkscreen.settings_fast import plain_settings

    # A file as nkscreen writes it is read without pydantic; anything else (older, hand-edited,
    # damaged) goes through the schema, which says what is wrong.
    plain = plain_settings(data)
    if plain is not None:
        return plain
    from nkscreen.settings_schema import InvalidSettingsError, settings_from_json

    try:
        return settings_from_json(data)
    except InvalidSettingsError as exc:
        raise SettingsError(Sentence("file.problem", path=str(path), problem=str(exc))) from None


def settings_to_json(settings: SiteSettings) -> dict[str, Any]:
    """The settings as the file holds them (numbers as text, exactly as typed)."""

    def plain(value: object) -> object:
        if isinstance(value, Decimal):
            return str(value)
        if isinstance(value, dict):
            return {key: plain(item) for key, item in value.items()}
        return value

    result = plain(as_plain(settings))
    assert isinstance(result, dict)
    return result


def save_settings(path: Path, settings: SiteSettings) -> None:
    from nkscreen.records.atomic import atomic_write

    paths.ensure_dir(path.parent)
    data = json.dumps(settings_to_json(settings), indent=1, ensure_ascii=False)
    atomic_write(path, data.encode("utf-8") + b"\n")
