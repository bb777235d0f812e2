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
from pathlib import Path
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from nkscreen.core.localized_texts import (
    ENGLISH,
    LocalizedTexts,
    ProtocolKey,
    ProtocolTextsError,
    TextsData,
    localized,
    side_file_path,
)
from nkscreen.core.protocol import Protocol
from nkscreen.sentences import Sentence

#: A translation is never empty or blank: that would print as a gap.
Text = Annotated[str, StringConstraints(pattern=r"\S")]


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


def _given(data: ProtocolTextsFile | TextsData) -> Iterator[str]:
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
        problems.append(
            Sentence("ptexts.other_protocol", given=repr(data.protocol), wanted=repr(protocol.id))
        )
    for key in _given(data):
        if key not in english:
            problems.append(Sentence("ptexts.no_such_text", key=key))
    return problems


# ---------------------------------------------------------------- loading


def is_side_file(path: Path) -> bool:
    """Whether ``path`` is a translation beside a protocol rather than a protocol itself
    (a protocol library listing ``*.json`` must skip these)."""
    return "." in path.stem


def load_side_file(path: Path, protocol: Protocol, locale: str) -> ProtocolTextsFile:
    """Read and check a side file; :class:`ProtocolTextsError` names every problem."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        reason = str(exc.strerror)
        raise ProtocolTextsError(path, [Sentence("pfile.cannot_read", reason=reason)]) from None
    try:
        data = ProtocolTextsFile.model_validate_json(raw)
    except ValidationError as exc:
        problems: list[str] = [
            Sentence(
                "pfile.shape",
                where=".".join(str(p) for p in err["loc"]) or Sentence("pfile.top_level"),
                message=err["msg"],
            )
            for err in exc.errors()
        ]
        raise ProtocolTextsError(path, problems) from None
    problems = _strays(protocol, data)
    if data.locale != locale:
        problems.insert(
            0, Sentence("ptexts.other_locale", given=repr(data.locale), wanted=repr(locale))
        )
    if problems:
        raise ProtocolTextsError(path, problems)
    return data


def translation_problems(protocol: Protocol, data: ProtocolTextsFile | TextsData) -> list[str]:
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
