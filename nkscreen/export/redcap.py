"""REDCap files: the data dictionary and an import file whose columns are its variables.

How versions map: one REDCap record per screening, its record id the screening id. A row
carries the newest signed version (see :mod:`nkscreen.export.selection`) with its version
number, its content hash and the hash of the version it amends, so REDCap always holds the
version to act on and a monitor can match it to the signed file. Importing an amended
version again replaces the REDCap record's values (REDCap's own log keeps the old ones): use
"Allow blank values to overwrite existing saved values" so an answer removed by the amendment
is removed in REDCap too.

The way back, :func:`answers_from_row`, reads one row of such a file (or of REDCap's raw data
export of the same project) as answers.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from nkscreen.export.problems import NotExportableError
from nkscreen.export.redcap_dictionary import (
    AGENT_SLOTS,
    SIGNED,
    VERDICTS,
    RedcapDictionary,
    RedcapField,
)
from nkscreen.export.selection import Outgoing
from nkscreen.export.values import date_text, number_text, read_date, read_number
from nkscreen.records.canonical import CanonicalizationError
from nkscreen.records.lifecycle import record_hash

Row = dict[str, str]


# ---------------------------------------------------------------- record -> row


def _signature_lines(item: Outgoing) -> list[str]:
    return [
        f"{m.name} ({m.user_id}, {m.role}) as {m.meaning} on {m.signed_at.isoformat()}, "
        f"key sha256 {m.key_fingerprint}"
        for m in (s.manifestation for s in item.loaded.record.signatures)
    ]


def _record_values(item: Outgoing) -> dict[str, str]:
    loaded = item.loaded
    record = loaded.record
    try:
        content_hash = record_hash(loaded.raw)
    except CanonicalizationError:
        raise NotExportableError("its content hash cannot be computed") from None
    first = record.signatures[0].manifestation if record.signatures else None
    verdict = next((c.code for c in VERDICTS if c.value == record.verdict), "")
    return {
        "nks_protocol": record.protocol.id,
        "nks_protocol_version": record.protocol.version,
        "nks_protocol_sha256": record.protocol.sha256,
        "nks_record_id": record.record_id,
        "nks_version": str(record.version),
        "nks_previous_sha256": record.previous.sha256 if record.previous else "",
        "nks_record_sha256": content_hash,
        "nks_signed": SIGNED[0].code if record.is_signed else SIGNED[1].code,
        "nks_verdict": verdict,
        "nks_signer": f"{first.name} ({first.user_id}), {first.role}" if first else "",
        "nks_signature_meaning": first.meaning if first else "",
        "nks_signed_at": first.signed_at.isoformat() if first else "",
        "nks_signatures": "\n".join(_signature_lines(item)),
        "nks_signature_state": loaded.verification.state.value,
    }


def _encode_field(parts: Sequence[RedcapField], value: Any, out: Row) -> None:
    """Write one answer into its variable(s); :class:`NotExportableError` if it cannot be."""
    first = parts[0]
    where = f"answer {first.source}"
    if first.part == "status":  # a date of exposure: status, then the date
        status, day = parts
        if value in ("none", "ongoing"):
            out[status.name] = status.code_of(value) or ""
        else:
            out[status.name] = status.code_of("date") or ""
            out[day.name] = date_text(value, where)
        return
    if first.part == "count":
        _encode_agents(parts, value, where, out)
        return
    if first.choices:
        code = first.code_of(value)
        if code is None:
            raise NotExportableError(f"{where}: {value!r} is not one of its choices")
        out[first.name] = code
    elif first.validation in ("integer", "number"):
        out[first.name] = number_text(value, where)
    elif first.validation == "date_ymd":
        out[first.name] = date_text(value, where)
    elif isinstance(value, str):
        out[first.name] = value
    else:
        raise NotExportableError(f"{where}: {value!r} is not text")


def _encode_agents(parts: Sequence[RedcapField], value: Any, where: str, out: Row) -> None:
    if not isinstance(value, list):
        raise NotExportableError(f"{where}: not a list of agents")
    if len(value) > AGENT_SLOTS:
        raise NotExportableError(
            f"{where}: {len(value)} agents, but a REDCap row has room for {AGENT_SLOTS}"
        )
    slots = {(p.part, p.slot): p for p in parts}
    out[slots["count", 0].name] = str(len(value))
    for slot, agent in enumerate(value, start=1):
        if not isinstance(agent, dict):
            raise NotExportableError(f"{where}: agent {slot} is not an agent")
        out[slots["agent", slot].name] = str(agent.get("agent", ""))
        last = agent.get("last_dose")
        ongoing = slots["ongoing", slot]
        if last == "ongoing":
            out[ongoing.name] = ongoing.code_of("yes") or ""
        else:
            out[ongoing.name] = ongoing.code_of("no") or ""
            out[slots["last_dose", slot].name] = date_text(last, f"{where}, agent {slot}")
        half_life = agent.get("half_life_hours")
        if half_life is not None:
            text = number_text(half_life, f"{where}, agent {slot}")
            out[slots["half_life", slot].name] = text


def record_row(item: Outgoing, dictionary: RedcapDictionary) -> Row:
    """The import row of one record, keyed by variable name; every variable present."""
    out: Row = dict.fromkeys(dictionary.names, "")
    answers = item.loaded.record.answers
    unknown = sorted(k for k in answers if not dictionary.parts_of(k))
    if unknown:
        raise NotExportableError(
            f"answers {', '.join(unknown)} have no field in protocol {dictionary.protocol.id} "
            f"version {dictionary.protocol.version}"
        )
    for field_id, value in answers.items():
        if value is None:
            continue
        _encode_field(dictionary.parts_of(field_id), value, out)
    for key, text in _record_values(item).items():
        out[dictionary.record_field(key).name] = text
    saved = item.loaded.record.evaluation.get("criteria")
    statuses = saved if isinstance(saved, dict) else {}
    for f in dictionary.fields:
        if f.part == "criterion" and isinstance(statuses.get(f.source), str):
            out[f.name] = f.code_of(statuses[f.source]) or ""
    return out


# ---------------------------------------------------------------- files


def csv_bytes(rows: Iterable[Sequence[str]]) -> bytes:
    """UTF-8 CSV (no byte-order mark), every cell quoted when needed, CRLF line ends."""
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def dictionary_csv(dictionary: RedcapDictionary) -> bytes:
    return csv_bytes(dictionary.rows())


def import_csv(dictionary: RedcapDictionary, rows: Sequence[Row]) -> bytes:
    """The import file: a header of exactly the dictionary's variables, one row per record."""
    names = dictionary.names
    return csv_bytes([names, *([row[n] for n in names] for row in rows)])


# ---------------------------------------------------------------- row -> answers


class _Reader:
    def __init__(self, row: Mapping[str, str]) -> None:
        self.row = row
        self.problems: list[str] = []

    def text(self, f: RedcapField) -> str:
        return (self.row.get(f.name) or "").strip()

    def bad(self, f: RedcapField, detail: str) -> None:
        self.problems.append(f"column {f.name}: {detail}")

    def choice(self, f: RedcapField) -> str | int | None:
        code = self.text(f)
        if not code:
            return None
        value = f.value_of(code)
        if value is None:
            codes = ", ".join(c.code for c in f.choices)
            self.bad(f, f"{code!r} is not one of its codes ({codes})")
        return value

    def number(self, f: RedcapField) -> object:
        text = self.text(f)
        if not text:
            return None
        number = read_number(text)
        if number is None:
            self.bad(f, f"{text!r} is not a number")
        return number

    def day(self, f: RedcapField) -> str | None:
        text = self.text(f)
        if not text:
            return None
        day = read_date(text)
        if day is None:
            self.bad(f, f"{text!r} is not a date YYYY-MM-DD")
        return day


def _decode_agents(reader: _Reader, parts: Sequence[RedcapField]) -> list[dict[str, object]] | None:
    slots = {(p.part, p.slot): p for p in parts}
    count_field = slots["count", 0]
    count = reader.number(count_field)
    if count is None:
        return None
    if not isinstance(count, int) or not 0 <= count <= AGENT_SLOTS:
        reader.bad(count_field, f"{count} is not a number of agents from 0 to {AGENT_SLOTS}")
        return None
    agents: list[dict[str, object]] = []
    for slot in range(1, count + 1):
        agent: dict[str, object] = {"agent": reader.text(slots["agent", slot])}
        ongoing = reader.choice(slots["ongoing", slot])
        agent["last_dose"] = "ongoing" if ongoing == "yes" else reader.day(slots["last_dose", slot])
        half_life = reader.number(slots["half_life", slot])
        if half_life is not None:
            agent["half_life_hours"] = half_life
        agents.append(agent)
    return agents


def answers_from_row(
    row: Mapping[str, str], dictionary: RedcapDictionary
) -> tuple[dict[str, object], list[str]]:
    """The answers one import row holds, and one line per value that cannot be read.

    Blank variables are unanswered questions. Values are returned as a case file holds them
    (numbers exact, dates as text), for the same validation as any imported case.
    """
    reader = _Reader(row)
    answers: dict[str, object] = {}
    for f in dictionary.protocol.fields:
        parts = dictionary.parts_of(f.id)
        first = parts[0]
        value: object
        if first.part == "status":
            status = reader.choice(first)
            value = reader.day(parts[1]) if status == "date" else status
        elif first.part == "count":
            value = _decode_agents(reader, parts)
        elif first.choices:
            value = reader.choice(first)
        elif first.validation in ("integer", "number"):
            value = reader.number(first)
        elif first.validation == "date_ymd":
            value = reader.day(first)
        else:
            value = reader.text(first) or None
        if value is not None:
            answers[f.id] = value
    return answers, reader.problems


def saved_verdict(row: Mapping[str, str], dictionary: RedcapDictionary) -> str:
    """The verdict the row says was signed ("" when absent or not a verdict code)."""
    code = (row.get(dictionary.record_field("nks_verdict").name) or "").strip()
    return next((str(c.value) for c in VERDICTS if c.code == code), "")


__all__ = [
    "Row",
    "answers_from_row",
    "csv_bytes",
    "dictionary_csv",
    "import_csv",
    "record_row",
    "saved_verdict",
]
