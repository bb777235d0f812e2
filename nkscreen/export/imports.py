"""The way back from the EDC: a REDCap row or a FHIR QuestionnaireResponse read as a case.

File > Import case reads a case file, a FHIR QuestionnaireResponse (alone or in a Bundle, as
``nkscreen export fhir`` writes it) or a REDCap CSV with the variables of
``nkscreen export redcap`` (its import file, or REDCap's raw data export of that project). A
file may hold several screenings: each is an :class:`ImportedCase` with a label to choose it
by. Answers come back as a case file holds them (exact decimals, dates as text), so they go
through the same validation and give the same verdict as the record they came from.

Every problem is a :class:`~nkscreen.core.casefile.CaseFileError` naming the column or item.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from nkscreen.core.casefile import Case, CaseFileError, parse_case
from nkscreen.core.library import ProtocolLibrary, ProtocolNotFoundError
from nkscreen.core.messages import Message
from nkscreen.core.protocol import FieldDef, Protocol
from nkscreen.export import fhir_common as fc
from nkscreen.export.identity_fields import identity_fields
from nkscreen.export.redcap import answers_from_row, saved_verdict
from nkscreen.export.redcap_dictionary import DictionaryError, build_dictionary
from nkscreen.export.redcap_names import variable_name
from nkscreen.safe_files import (
    FileRefusedError,
    JsonDepthError,
    check_json_text,
    clip,
    lone_surrogate_path,
    read_document,
)

Json = dict[str, Any]
_PROTOCOL_COLUMN = variable_name("nks_protocol")
_VERSION_COLUMN = variable_name("nks_version")


@dataclass(frozen=True, slots=True)
class ImportedCase:
    """One screening read from a file, with what the file says about it."""

    case: Case
    #: "Screening HX-001, version 2 (REDCap row 3)": to choose among several.
    label: str
    #: The verdict the file says was saved ("" when it says none, as a case file).
    source_verdict: str = ""


def _error(message_id: str, **params: object) -> CaseFileError:
    return CaseFileError(Message(message_id, dict(params)))


def _protocol(protocol_id: str, library: ProtocolLibrary) -> Protocol:
    """The newest installed version of the trial the file names (bundled or the site's)."""
    try:
        return library.find(protocol_id)
    except ProtocolNotFoundError as exc:
        raise CaseFileError(exc.message) from None


def _reject_constant(name: str) -> object:
    raise ValueError(f"{name} is not a number")


# ---------------------------------------------------------------- REDCap


def _redcap_cases(text: str, library: ProtocolLibrary) -> list[ImportedCase]:
    try:
        rows = list(csv.reader(io.StringIO(text, newline="")))
    except csv.Error as exc:
        raise _error("import.not_csv", detail=clip(str(exc), 120)) from None
    if not rows or _PROTOCOL_COLUMN not in rows[0]:
        raise _error("import.not_recognised")
    header = rows[0]
    cases: list[ImportedCase] = []
    for number, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        row = dict(zip(header, cells, strict=False))
        protocol = _protocol(row.get(_PROTOCOL_COLUMN, "").strip(), library)
        try:
            dictionary = build_dictionary(protocol)
        except DictionaryError as exc:
            raise _error("import.redcap_row", row=number, detail=str(exc)) from None
        known = set(dictionary.names)
        for column in header:
            if column not in known and not _redcap_own(column):
                raise _error(
                    "import.redcap_unknown_column", column=clip(column), protocol=protocol.id
                )
        answers, problems = answers_from_row(row, dictionary)
        if problems:
            raise _error("import.redcap_row", row=number, detail="; ".join(problems[:3]))
        sid = str(answers.get(identity_fields(protocol).screening_number, ""))
        version = row.get(_VERSION_COLUMN, "").strip()
        label = f"Screening {sid or '?'}" + (f", version {version}" if version else "")
        cases.append(
            ImportedCase(
                Case(protocol, answers),
                f"{label} (REDCap row {number})",
                saved_verdict(row, dictionary),
            )
        )
    if not cases:
        raise _error("import.redcap_empty")
    return cases


def _redcap_own(column: str) -> bool:
    """Columns REDCap adds to its own exports (events, groups, form status)."""
    return column.startswith("redcap_") or column.endswith("_complete")


# ---------------------------------------------------------------- FHIR


def _walk(items: object) -> Iterator[Json]:
    if not isinstance(items, list):
        return
    for item in items:
        if isinstance(item, dict):
            yield item
            yield from _walk(item.get("item"))


class _ResponseReader:
    """Answers of one QuestionnaireResponse, by the protocol's fields."""

    def __init__(self, protocol: Protocol, response: Json) -> None:
        self.protocol = protocol
        self.items: dict[str, list[Json]] = {}
        for item in _walk(response.get("item")):
            link = item.get("linkId")
            if isinstance(link, str):
                self.items.setdefault(link, []).append(item)

    def value(self, link_id: str, key: str, within: Json | None = None) -> Any:
        """The first answer's ``key`` (valueString...) of item ``link_id``; None if absent."""
        if within is not None:
            found = [i for i in _walk(within.get("item")) if i.get("linkId") == link_id]
        else:
            found = self.items.get(link_id, [])
        if not found:
            return None
        answers = found[0].get("answer")
        if not isinstance(answers, list) or not answers or not isinstance(answers[0], dict):
            return None
        answer = answers[0]
        if key not in answer:
            other = next(iter(answer), "nothing")
            raise _error(
                "import.fhir_answer", link_id=clip(link_id), detail=f"{other} is not {key}"
            )
        return answer[key]

    def bad(self, link_id: str, detail: str) -> CaseFileError:
        return _error("import.fhir_answer", link_id=clip(link_id), detail=detail)

    def answer(self, f: FieldDef) -> object:
        kind = fc.item_kind(self.protocol, f)
        fid = f.id
        if kind == "exposure":
            return self.exposure(f)
        if kind == "agents":
            return self.agents(f)
        key = {
            "string": "valueString",
            "boolean": "valueBoolean",
            "choice": "valueCoding",
            "integer": "valueInteger",
            "decimal": "valueDecimal",
            "quantity": "valueQuantity",
            "date": "valueDate",
        }[kind]
        value = self.value(fid, key)
        if value is None:
            return None
        if kind == "boolean":
            if not isinstance(value, bool):
                raise self.bad(fid, "valueBoolean is not true or false")
            return "yes" if value else "no"
        if kind == "choice":
            code = value.get("code") if isinstance(value, dict) else None
            choice = next((c.value for c in f.choices if str(c.value) == code), None)
            if choice is None:
                raise self.bad(fid, f"{clip(str(code))} is not one of its codes")
            return choice
        if kind == "quantity":
            value = value.get("value") if isinstance(value, dict) else None
        if kind in ("integer", "decimal", "quantity"):
            if isinstance(value, bool) or not isinstance(value, int | Decimal):
                raise self.bad(fid, "the value is not a number")
            return value
        if not isinstance(value, str):
            raise self.bad(fid, "the value is not text")
        return value

    def exposure(self, f: FieldDef) -> object:
        coding = self.value(f"{f.id}.status", "valueCoding")
        if coding is None:
            return None
        code = coding.get("code") if isinstance(coding, dict) else None
        if code in ("none", "ongoing"):
            return code
        if code != "date":
            raise self.bad(f"{f.id}.status", f"{clip(str(code))} is not date, none or ongoing")
        return self.value(f"{f.id}.date", "valueDate")

    def agents(self, f: FieldDef) -> object:
        given = self.value(f"{f.id}.any", "valueBoolean")
        if given is None:
            return None
        if not given:
            return []
        agents: list[dict[str, object]] = []
        for group in self.items.get(f"{f.id}.agent", []):
            agent: dict[str, object] = {
                "agent": self.value(f"{f.id}.agent.name", "valueString", group)
            }
            ongoing = self.value(f"{f.id}.agent.ongoing", "valueBoolean", group)
            last = self.value(f"{f.id}.agent.last_dose", "valueDate", group)
            agent["last_dose"] = "ongoing" if ongoing else last
            half_life = self.value(f"{f.id}.agent.half_life", "valueQuantity", group)
            if isinstance(half_life, dict) and half_life.get("value") is not None:
                agent["half_life_hours"] = half_life["value"]
            agents.append(agent)
        return agents


def _extension(resource: Json, url: str, key: str) -> Any:
    for ext in resource.get("extension") or []:
        if isinstance(ext, dict) and ext.get("url") == url:
            return ext.get(key)
    return None


def _response_case(response: Json, library: ProtocolLibrary) -> ImportedCase:
    canonical = response.get("questionnaire")
    prefix = fc.questionnaire_url("")
    if not isinstance(canonical, str) or not canonical.startswith(prefix):
        raise _error("import.fhir_unknown_questionnaire", questionnaire=clip(repr(canonical)))
    protocol = _protocol(canonical[len(prefix) :].split("|", 1)[0], library)
    reader = _ResponseReader(protocol, response)
    answers: dict[str, object] = {}
    for f in protocol.fields:
        value = reader.answer(f)
        if value is not None:
            answers[f.id] = value
    sid = answers.get(identity_fields(protocol).screening_number, "?")
    version = _extension(response, fc.RECORD_VERSION_EXTENSION, "valueInteger")
    status = response.get("status", "")
    label = f"Screening {sid}" + (f", version {version}" if version else "")
    verdict = _extension(response, fc.VERDICT_EXTENSION, "valueCode")
    return ImportedCase(
        Case(protocol, answers),
        f"{label} (FHIR, {status})",
        verdict if isinstance(verdict, str) else "",
    )


def _fhir_cases(document: Json, library: ProtocolLibrary) -> list[ImportedCase]:
    kind = document.get("resourceType")
    if kind == "QuestionnaireResponse":
        return [_response_case(document, library)]
    if kind != "Bundle":
        raise _error("import.fhir_not_response", kind=clip(str(kind)))
    responses = [
        entry["resource"]
        for entry in document.get("entry") or []
        if isinstance(entry, dict)
        and isinstance(entry.get("resource"), dict)
        and entry["resource"].get("resourceType") == "QuestionnaireResponse"
    ]
    if not responses:
        raise _error("import.fhir_no_response")
    return [_response_case(r, library) for r in responses]


# ---------------------------------------------------------------- any file


def parse_import(raw: bytes, library: ProtocolLibrary | None = None) -> list[ImportedCase]:
    """Every screening a case file, a FHIR file or a REDCap CSV holds (at least one), with
    its protocol from ``library`` (default: the bundled protocols only)."""
    library = library or ProtocolLibrary()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _error("import.not_text", detail=exc.reason) from None
    if text.lstrip()[:1] not in ("{", "["):
        return _redcap_cases(text, library)
    try:
        check_json_text(text)
        document = json.loads(text, parse_float=Decimal, parse_constant=_reject_constant)
    except (JsonDepthError, ValueError):
        document = None  # parse_case says what is wrong with it
    if isinstance(document, dict) and "resourceType" in document:
        where = lone_surrogate_path(text, document)
        if where is not None:
            raise CaseFileError(Message("case.lone_surrogate", {"where": where}))
        return _fhir_cases(document, library)
    return [ImportedCase(parse_case(raw, library), "Case file")]


def read_import(path: Path | str, library: ProtocolLibrary | None = None) -> list[ImportedCase]:
    """Read a file named by the user (a regular file of at most 8 MiB, never a pipe)."""
    try:
        raw = read_document(Path(path))
    except FileRefusedError as exc:
        raise CaseFileError(Message("case.unreadable", {"detail": exc.reason})) from None
    return parse_import(raw, library)


__all__ = ["ImportedCase", "parse_import", "read_import"]
