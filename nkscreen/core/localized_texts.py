"""A protocol's texts in one language, as the window and the printout look them up (Qt-free,
no pydantic).

The side file (``TRIAL.zh_CN.json``, see :mod:`nkscreen.core.protocol_texts`) is checked by
pydantic against its protocol before it is used; the shipped one was checked by the test suite,
which lists its sha256 beside the shipped protocol's (``resources/protocols/validated.sha256``),
so the window builds those very bytes straight into the plain classes here, as it does the
protocol (:func:`nkscreen.core.protocol.builtin_protocol`): a Chinese window starts without
loading pydantic. Any other side file, or changed bytes, is validated in full first.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any, Final, Literal

from nkscreen.core import texts_protocol as _texts  # noqa: F401  (registers the sentences)
from nkscreen.core.digest import sha256_hex
from nkscreen.core.frozen import Record, field
from nkscreen.core.protocol import Protocol
from nkscreen.resources import resource_path
from nkscreen.sentences import Sentence

#: The languages a printout (and the window) can be shown in; English is the source.
ENGLISH: Final = "en"
ProtocolKey = Literal["title", "short_title", "sponsor", "registry_source"]


class ProtocolTextsError(Exception):
    """A side file that cannot be used: unreadable, malformed, or not about this protocol."""

    def __init__(self, source: Path, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(Sentence("pfile.problems", source=str(source), problems=tuple(problems)))


class FieldTexts(Record):
    label: str | None = None
    help: str | None = None
    pattern_hint: str | None = None
    reference_name: str | None = None
    choices: Mapping[str, str] = field(default_factory=dict)
    choice_help: Mapping[str, str] = field(default_factory=dict)


class DerivedTexts(Record):
    label: str | None = None


class CriterionTexts(Record):
    label: str | None = None
    text: str | None = None
    not_applicable_reason: str | None = None


class SectionTexts(Record):
    title: str | None = None


class TextsData(Record):
    """A side file's texts (the shape :class:`~nkscreen.core.protocol_texts.ProtocolTextsFile`
    checks)."""

    locale: str
    #: The fingerprint of the English this translation renders (see protocol_texts).
    english_sha256: str = ""
    protocol_texts: Mapping[str, str] = field(default_factory=dict)
    units: Mapping[str, str] = field(default_factory=dict)
    sections: Mapping[str, SectionTexts] = field(default_factory=dict)
    fields: Mapping[str, FieldTexts] = field(default_factory=dict)
    derived: Mapping[str, DerivedTexts] = field(default_factory=dict)
    criteria: Mapping[str, CriterionTexts] = field(default_factory=dict)


def texts_data(raw: Mapping[str, Any]) -> TextsData:
    """The texts of a side file already checked (its JSON object, or a checked model dumped)."""

    def each(key: str, make: type[Any]) -> dict[str, Any]:
        return {k: make(**v) for k, v in (raw.get(key) or {}).items()}

    return TextsData(
        locale=str(raw["locale"]),
        english_sha256=str(raw.get("english_sha256") or ""),
        protocol_texts=dict(raw.get("protocol_texts") or {}),
        units=dict(raw.get("units") or {}),
        sections=each("sections", SectionTexts),
        fields=each("fields", FieldTexts),
        derived=each("derived", DerivedTexts),
        criteria=each("criteria", CriterionTexts),
    )


def side_file_path(protocol_path: Path, locale: str) -> Path:
    """``TRIAL.json`` -> ``TRIAL.zh_CN.json`` in the same folder."""
    return protocol_path.with_name(f"{protocol_path.stem}.{locale}.json")


class LocalizedTexts(Record):
    """One protocol's texts in one language, each falling back to the English on its own."""

    protocol: Protocol
    locale: str = ENGLISH
    data: TextsData | None = None

    @property
    def translated(self) -> bool:
        """Whether a side file gives this protocol's texts in ``locale``."""
        return self.data is not None

    def field_label(self, field_id: str) -> str:
        f = self.protocol.field_map.get(field_id)
        if f is None:
            return field_id
        return self._field(field_id).label or f.label

    def field_help(self, field_id: str) -> str:
        return self._field(field_id).help or self.protocol.field_map[field_id].help

    def pattern_hint(self, field_id: str) -> str:
        return self._field(field_id).pattern_hint or self.protocol.field_map[field_id].pattern_hint

    def field_reference(self, field_id: str) -> str:
        """How a date is named when counting days before it ("infusion"): the protocol's
        ``reference_name``, else the field's label (lower case in English)."""
        f = self.protocol.field_map[field_id]
        own = self._field(field_id)
        if f.reference_name:
            return own.reference_name or f.reference_name
        return own.label or f.as_reference

    def choice_label(self, field_id: str, value: object) -> str | None:
        """The label of a choice (``female``, ECOG ``0``), or None when it is not one."""
        f = self.protocol.field_map.get(field_id)
        if f is None:
            return None
        for c in f.choices:
            if str(c.value) == str(value):
                return self._field(field_id).choices.get(str(c.value), c.label)
        return None

    def choice_help(self, field_id: str, value: object) -> str:
        for c in self.protocol.field_map[field_id].choices:
            if str(c.value) == str(value):
                return self._field(field_id).choice_help.get(str(c.value), c.help)
        return ""

    def derived_label(self, derived_id: str) -> str:
        d = self.protocol.derived_map.get(derived_id)
        if d is None:
            return derived_id
        own = self.data.derived.get(derived_id) if self.data else None
        return (own.label if own else None) or d.label

    def unit(self, unit: str) -> str:
        """A unit's name ("years" is 岁 in Chinese); abbreviations stay as written."""
        if self.data is None:
            return unit
        return self.data.units.get(unit, unit)

    def criterion_label(self, criterion_id: str) -> str:
        c = self.protocol.criterion_map.get(criterion_id)
        if c is None:
            return criterion_id
        return self._criterion(criterion_id).label or c.label

    def criterion_text(self, criterion_id: str) -> str:
        """The registry text in this language (the verbatim English when not translated)."""
        return self._criterion(criterion_id).text or self.registry_text(criterion_id)

    def registry_text(self, criterion_id: str) -> str:
        """The verbatim English registry text. The registry copy escapes one apostrophe
        (``investigator\\'s``, a copying artefact the specification says to show as
        ``investigator's``)."""
        return self.protocol.criterion_map[criterion_id].text.replace("\\'", "'")

    def not_applicable_reason(self, criterion_id: str) -> str:
        own = self._criterion(criterion_id).not_applicable_reason
        return own or self.protocol.criterion_map[criterion_id].not_applicable_reason

    def section_title(self, section_id: str) -> str:
        own = self.data.sections.get(section_id) if self.data else None
        english = next((s.title for s in self.protocol.sections if s.id == section_id), "")
        return (own.title if own else None) or english or section_id

    def protocol_text(self, key: ProtocolKey) -> str:
        english: str = getattr(self.protocol, key)
        return (self.data.protocol_texts.get(key) if self.data else None) or english

    def _field(self, field_id: str) -> FieldTexts:
        own = self.data.fields.get(field_id) if self.data else None
        return own or _NO_FIELD

    def _criterion(self, criterion_id: str) -> CriterionTexts:
        own = self.data.criteria.get(criterion_id) if self.data else None
        return own or _NO_CRITERION


_NO_FIELD: Final = FieldTexts()
_NO_CRITERION: Final = CriterionTexts()
_CACHE: dict[tuple[int, str, Path], tuple[Protocol, LocalizedTexts]] = {}


def _validated_bytes(protocol: Protocol, path: Path, raw: bytes) -> bool:
    """Whether ``raw`` is the shipped side file the test suite checked against the shipped
    protocol, and ``protocol`` is that protocol (both sha256 listed)."""
    from nkscreen.core.protocol_validated import validated_sha256

    listed = validated_sha256()
    bundled = resource_path("protocols", f"{protocol.id}.json")
    return (
        path.parent == bundled.parent
        and listed.get(path.name) == sha256_hex(raw)
        and listed.get(bundled.name) == protocol.source_sha256
    )


def _load(protocol: Protocol, path: Path, locale: str) -> TextsData:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = str(exc.strerror)
        raise ProtocolTextsError(path, [Sentence("pfile.cannot_read", reason=reason)]) from None
    if _validated_bytes(protocol, path, raw):
        data = texts_data(json.loads(raw))
        if data.locale == locale:
            return data
    from nkscreen.core.protocol_texts import load_side_file  # pydantic: the full check

    return texts_data(load_side_file(path, protocol, locale).model_dump())


def localized(protocol: Protocol, locale: str, protocol_path: Path | None = None) -> LocalizedTexts:
    """``protocol``'s texts in ``locale``; English where the side file gives none.

    The side file is looked for beside ``protocol_path`` (default: the bundled protocol of
    that id). No side file: English throughout. A side file that does not fit the protocol
    raises :class:`ProtocolTextsError` rather than printing half-wrong labels.
    """
    if locale == ENGLISH:
        return LocalizedTexts(protocol=protocol)
    path = side_file_path(
        protocol_path or resource_path("protocols", f"{protocol.id}.json"), locale
    )
    key = (id(protocol), locale, path)
    found = _CACHE.get(key)
    if found is None:
        data = _load(protocol, path, locale) if path.is_file() else None
        # The protocol is kept alive with its entry, so its id is never reused.
        found = _CACHE[key] = (
            protocol,
            LocalizedTexts(protocol=protocol, locale=locale, data=data),
        )
    return found[1]


__all__ = [
    "ENGLISH",
    "CriterionTexts",
    "DerivedTexts",
    "FieldTexts",
    "LocalizedTexts",
    "ProtocolKey",
    "ProtocolTextsError",
    "SectionTexts",
    "TextsData",
    "localized",
    "side_file_path",
    "texts_data",
]
