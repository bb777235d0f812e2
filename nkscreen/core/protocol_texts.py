"""A protocol's texts in another language, from a side file beside the protocol (Qt-free).

The protocol file stays the one source of rules and of the verbatim English registry text;
``<ID>.<locale>.json`` beside it (``TRIAL.zh_CN.json``) holds, keyed by the protocol's
ids, the labels, help, choice labels, unit names, section titles, derived value labels and a
rendering of each criterion's registry text in that language. Records keep ids and values
only, so a record signed in one language prints in the other.

A side file is checked against its protocol when it is loaded: a key that names no id of the
protocol, or a text the protocol does not have, is refused with its place in the file (a
protocol change must not leave a translation that silently describes something else).
Texts the file does not give fall back to English one by one, and
:func:`translation_problems` lists them, so a test can insist that a shipped translation is
complete and was reviewed against the current English (:func:`english_fingerprint`).
A protocol without a side file is simply shown in English.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from nkscreen.core.protocol import Protocol
from nkscreen.resources import resource_path

#: The languages a printout (and later the app) can be shown in; English is the source.
ENGLISH: Final = "en"
#: A translation is never empty or blank: that would print as a gap.
Text = Annotated[str, StringConstraints(pattern=r"\S")]
ProtocolKey = Literal["title", "short_title", "sponsor", "registry_source"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldTexts(_Model):
    label: Text | None = None
    help: Text | None = None
    pattern_hint: Text | None = None
    #: How the printout names the date when counting days before it ("infusion").
    reference_name: Text | None = None
    #: A choice's value (as text: ECOG's 0 is "0") -> its label.
    choices: dict[str, Text] = {}
    choice_help: dict[str, Text] = {}


class DerivedTexts(_Model):
    label: Text | None = None


class CriterionTexts(_Model):
    label: Text | None = None
    #: A rendering of the registry text; the English stays the verbatim source.
    text: Text | None = None
    not_applicable_reason: Text | None = None


class SectionTexts(_Model):
    title: Text | None = None


class ProtocolTextsFile(_Model):
    """The side file as written; :func:`load_side_file` checks it against its protocol."""

    schema_version: Literal[1]
    protocol: str
    locale: str = Field(pattern=r"^[a-z]{2}(_[A-Z]{2})?$")
    #: :func:`english_fingerprint` of the English texts this translation was made from.
    english_sha256: str = Field(pattern=r"^[0-9a-f]{64}$")
    protocol_texts: dict[ProtocolKey, Text] = {}
    #: A unit as the protocol writes it ("years", "x ULN") -> its name in this language.
    units: dict[str, Text] = {}
    sections: dict[str, SectionTexts] = {}
    fields: dict[str, FieldTexts] = {}
    derived: dict[str, DerivedTexts] = {}
    criteria: dict[str, CriterionTexts] = {}


class ProtocolTextsError(Exception):
    """A side file that cannot be used: unreadable, malformed, or not about this protocol."""

    def __init__(self, source: Path, problems: list[str]) -> None:
        self.source = source
        self.problems = problems
        super().__init__(f"{source}: " + "; ".join(problems))


# ---------------------------------------------------------------- the English sources


def _units(protocol: Protocol) -> list[str]:
    units = [f.unit for f in protocol.fields if f.unit]
    units += [u for d in protocol.derived if (u := getattr(d, "unit", ""))]
    return list(dict.fromkeys(units))


def english_texts(protocol: Protocol) -> dict[str, str]:
    """Every translatable English text of ``protocol`` by its key in a side file.

    Keys are dotted paths into the side file (``fields.sex.choices.female``,
    ``criteria.I4A.text``); the order is the protocol's.
    """
    out: dict[str, str] = {}
    for key in ("title", "short_title", "sponsor", "registry_source"):
        if value := getattr(protocol, key):
            out[f"protocol_texts.{key}"] = value
    for unit in _units(protocol):
        out[f"units.{unit}"] = unit
    for s in protocol.sections:
        out[f"sections.{s.id}.title"] = s.title
    for f in protocol.fields:
        base = f"fields.{f.id}"
        for attr in ("label", "help", "pattern_hint", "reference_name"):
            if value := getattr(f, attr):
                out[f"{base}.{attr}"] = value
        for c in f.choices:
            out[f"{base}.choices.{c.value}"] = c.label
            if c.help:
                out[f"{base}.choice_help.{c.value}"] = c.help
    for d in protocol.derived:
        out[f"derived.{d.id}.label"] = d.label
    for criterion in protocol.all_criteria:
        for attr in ("label", "text", "not_applicable_reason"):
            if value := getattr(criterion, attr):
                out[f"criteria.{criterion.id}.{attr}"] = value
    return out


def english_fingerprint(protocol: Protocol) -> str:
    """sha256 of the protocol's translatable English texts: changes when any of them does,
    so a translation records which English it renders (``english_sha256``)."""
    canonical = json.dumps(english_texts(protocol), ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _given(data: ProtocolTextsFile) -> Iterator[str]:
    """The keys a side file gives, in the form :func:`english_texts` uses."""
    for key in data.protocol_texts:
        yield f"protocol_texts.{key}"
    for unit in data.units:
        yield f"units.{unit}"
    for sid, section in data.sections.items():
        if section.title is not None:
            yield f"sections.{sid}.title"
    for fid, f in data.fields.items():
        for attr in ("label", "help", "pattern_hint", "reference_name"):
            if getattr(f, attr) is not None:
                yield f"fields.{fid}.{attr}"
        yield from (f"fields.{fid}.choices.{v}" for v in f.choices)
        yield from (f"fields.{fid}.choice_help.{v}" for v in f.choice_help)
    for did, d in data.derived.items():
        if d.label is not None:
            yield f"derived.{did}.label"
    for cid, c in data.criteria.items():
        for attr in ("label", "text", "not_applicable_reason"):
            if getattr(c, attr) is not None:
                yield f"criteria.{cid}.{attr}"


def _strays(protocol: Protocol, data: ProtocolTextsFile) -> list[str]:
    """Keys of the side file that name nothing in ``protocol`` (one sentence each)."""
    english = english_texts(protocol)
    problems: list[str] = []
    if data.protocol != protocol.id:
        problems.append(f"it translates protocol {data.protocol!r}, not {protocol.id!r}")
    for key in _given(data):
        if key not in english:
            problems.append(f"{key}: the protocol has no such text")
    return problems


# ---------------------------------------------------------------- loading


def side_file_path(protocol_path: Path, locale: str) -> Path:
    """``TRIAL.json`` -> ``TRIAL.zh_CN.json`` in the same folder."""
    return protocol_path.with_name(f"{protocol_path.stem}.{locale}.json")


def is_side_file(path: Path) -> bool:
    """Whether ``path`` is a translation beside a protocol rather than a protocol itself
    (a protocol library listing ``*.json`` must skip these)."""
    return "." in path.stem


def load_side_file(path: Path, protocol: Protocol, locale: str) -> ProtocolTextsFile:
    """Read and check a side file; :class:`ProtocolTextsError` names every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProtocolTextsError(path, [f"cannot read: {exc.strerror}"]) from None
    try:
        data = ProtocolTextsFile.model_validate_json(raw)
    except ValidationError as exc:
        problems = [
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: {err['msg']}"
            for err in exc.errors()
        ]
        raise ProtocolTextsError(path, problems) from None
    problems = _strays(protocol, data)
    if data.locale != locale:
        problems.insert(0, f"it is for locale {data.locale!r}, not {locale!r}")
    if problems:
        raise ProtocolTextsError(path, problems)
    return data


def translation_problems(protocol: Protocol, data: ProtocolTextsFile) -> list[str]:
    """What a complete translation still lacks: missing keys, and English that changed
    since the translation was made. Empty for a complete, current side file."""
    english = english_texts(protocol)
    given = set(_given(data))
    problems = [f"{key}: not translated ({english[key]!r})" for key in english if key not in given]
    fingerprint = english_fingerprint(protocol)
    if data.english_sha256 != fingerprint:
        problems.append(
            f"english_sha256: the English texts changed since this translation was made; "
            f"review it against the protocol, then set english_sha256 to {fingerprint}"
        )
    return problems


# ---------------------------------------------------------------- look-ups


@dataclass(frozen=True, slots=True)
class LocalizedTexts:
    """One protocol's texts in one language, each falling back to the English on its own."""

    protocol: Protocol
    locale: str = ENGLISH
    data: ProtocolTextsFile | None = None

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


def localized(protocol: Protocol, locale: str, protocol_path: Path | None = None) -> LocalizedTexts:
    """``protocol``'s texts in ``locale``; English where the side file gives none.

    The side file is looked for beside ``protocol_path`` (default: the bundled protocol of
    that id). No side file: English throughout. A side file that does not fit the protocol
    raises :class:`ProtocolTextsError` rather than printing half-wrong labels.
    """
    if locale == ENGLISH:
        return LocalizedTexts(protocol)
    path = side_file_path(
        protocol_path or resource_path("protocols", f"{protocol.id}.json"), locale
    )
    key = (id(protocol), locale, path)
    found = _CACHE.get(key)
    if found is None:
        data = load_side_file(path, protocol, locale) if path.is_file() else None
        # The protocol is kept alive with its entry, so its id is never reused.
        found = _CACHE[key] = (protocol, LocalizedTexts(protocol, locale, data))
    return found[1]


__all__ = [
    "ENGLISH",
    "LocalizedTexts",
    "ProtocolTextsError",
    "ProtocolTextsFile",
    "english_fingerprint",
    "english_texts",
    "is_side_file",
    "load_side_file",
    "localized",
    "side_file_path",
    "translation_problems",
]
