"""A settings file as nkscreen writes it, read without pydantic (a ward computer's every start).

:func:`nkscreen.settings.load_settings` tries this first; it returns None for anything it is not
sure of, and the file then goes through the full pydantic schema (:mod:`nkscreen.settings_schema`:
about 20 MiB, and a tenth of a second or more to import and build), which also gives the
user-facing error. So this check only ever *accepts less*: it never turns down a file, and what
it accepts the schema accepts with the same values (a test holds the two together on valid,
odd and hostile files).

Accepted: UTF-8 JSON, one object with ``schema_version`` exactly the integer 2 and only the
schema's keys, each of the type the app writes (text; ULNs as plain decimal text or null;
recency limits as JSON integers), no key twice, no floats, NaN, lone surrogates or very long
numbers. Everything else, schema 1 files included, is left to pydantic. Qt-free.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any, Final

from nkscreen.language import checked
from nkscreen.plain_json import NotPlainError, plain_document
from nkscreen.settings import (
    MAX_UNIT_LENGTH,
    ProtocolSettings,
    SiteSettings,
    UlnDefault,
    checked_zone,
)

_SITE_KEYS: Final = frozenset(
    ("schema_version", "site_name", "uln_source", "protocols", "page_size", "time_zone", "language")
)
_PROTOCOL_KEYS: Final = frozenset(("uln_defaults", "recency_days"))
_ULN_KEYS: Final = frozenset(("female", "male", "unit"))
_PAGE_SIZES: Final = ("A4", "Letter")
#: What ``str(Decimal)`` writes for a typed ULN (ASCII digits only: ``\d`` would take others).
_PLAIN_DECIMAL: Final = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:E[+-][0-9]+)?")
#: A recency limit of more digits than this is not one the app wrote.
_MAX_INT_DIGITS: Final = 15


def _object(value: object, keys: frozenset[str]) -> dict[str, Any]:
    if not isinstance(value, dict) or not keys.issuperset(value):
        raise NotPlainError
    return value


def _text(value: object) -> str:
    if type(value) is not str:
        raise NotPlainError
    return value


def _uln(value: object) -> Decimal | None:
    if value is None:
        return None
    if not _PLAIN_DECIMAL.fullmatch(_text(value)):
        raise NotPlainError
    return Decimal(value)  # type: ignore[arg-type]  # a str, checked above


def _uln_default(value: object) -> UlnDefault:
    data = _object(value, _ULN_KEYS)
    unit = _text(data.get("unit", ""))
    if len(unit) > MAX_UNIT_LENGTH:
        raise NotPlainError
    # UlnDefault checks the ULNs (digits, exponent) as the schema's validator does.
    return UlnDefault(female=_uln(data.get("female")), male=_uln(data.get("male")), unit=unit)


def _days(value: object) -> int:
    if type(value) is not int:  # never a bool, a float or a numeric string
        raise NotPlainError
    return value


def _protocol(value: object) -> ProtocolSettings:
    data = _object(value, _PROTOCOL_KEYS)
    ulns = data.get("uln_defaults", {})
    if not isinstance(ulns, dict):
        raise NotPlainError
    recency = data.get("recency_days", {})
    if not isinstance(recency, dict):
        raise NotPlainError
    return ProtocolSettings(
        uln_defaults={key: _uln_default(item) for key, item in ulns.items()},
        recency_days={key: _days(item) for key, item in recency.items()},
    )


def _site(document: object) -> SiteSettings:
    data = _object(document, _SITE_KEYS)
    version = data.get("schema_version")
    if type(version) is not int or version != 2:  # absent: schema 1, migrated by the schema
        raise NotPlainError
    page_size = _text(data.get("page_size", "A4"))
    if page_size not in _PAGE_SIZES:
        raise NotPlainError
    protocols = data.get("protocols", {})
    if not isinstance(protocols, dict):
        raise NotPlainError
    language = _text(data.get("language", ""))
    site = SiteSettings()
    return SiteSettings(
        site_name=_text(data.get("site_name", site.site_name)),
        uln_source=_text(data.get("uln_source", site.uln_source)),
        protocols={key: _protocol(item) for key, item in protocols.items()},
        page_size=page_size,  # type: ignore[arg-type]  # one of _PAGE_SIZES
        time_zone=checked_zone(_text(data.get("time_zone", ""))),
        language=checked(language, "language") if language.strip() else "",
    )


def plain_settings(data: bytes) -> SiteSettings | None:
    """The settings in ``data`` if it is a file as nkscreen writes it; None for anything else
    (then :mod:`nkscreen.settings_schema` decides, and says what is wrong)."""
    try:
        document = plain_document(data, max_int_digits=_MAX_INT_DIGITS)
        return _site(document)
    except (NotPlainError, ValueError, RecursionError):
        # ValueError: not UTF-8 or JSON, too deep, an unknown zone or language, a ULN out of
        # range; the schema reports each of them.
        return None


__all__ = ["plain_settings"]
