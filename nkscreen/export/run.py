"""Writing exports: folders checked, files written atomically, a report of what went out.

The command line and the window share these functions, so both write the same files and
give the same account: how many records went out, which were left out and why. Nothing is
written when nothing can go out.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import partial
from pathlib import Path
from typing import TypeVar

from nkscreen.clock import Zone, utc_now
from nkscreen.core.protocol import Protocol
from nkscreen.export import fhir
from nkscreen.export.problems import ExportError, NotExportableError
from nkscreen.export.redcap import Row, dictionary_csv, import_csv, record_row
from nkscreen.export.redcap_dictionary import DictionaryError, RedcapDictionary, build_dictionary
from nkscreen.export.screening_log import ScreeningLog, build_log
from nkscreen.export.selection import Outgoing, Selection, Skipped
from nkscreen.records.atomic import StorageError, atomic_write, describe_os_error

T = TypeVar("T")


@dataclass(slots=True)
class ExportReport:
    """What an export wrote, which records went out and which were left out (and why)."""

    written: list[Path] = field(default_factory=list)
    exported: list[Outgoing] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)

    @property
    def problems(self) -> list[Skipped]:
        return [s for s in self.skipped if s.problem]

    def summary(self) -> str:
        """ "3 records went out; 2 left out." """
        count = len(self.exported)
        text = f"{count} record{'s' if count != 1 else ''} went out"
        if self.skipped:
            text += f"; {len(self.skipped)} left out"
        return text + "."


class NothingToExportError(ExportError):
    """No record could go out; ``skipped`` says why each was left out."""

    def __init__(self, message: str, skipped: Sequence[Skipped]) -> None:
        super().__init__(message)
        self.skipped = list(skipped)


def _file_stem(protocol_id: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in protocol_id)


def prepare_folder(folder: Path) -> None:
    """The output folder, made if missing; :class:`ExportError` when it cannot be one."""
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"{folder} is a file, not a folder: give a folder for the export files.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(
            f"The folder {folder} cannot be made: {describe_os_error(exc, folder / 'x')}."
        ) from None


def check_output_file(path: Path) -> None:
    """An output file name, not a folder, in a folder that exists."""
    if path.is_dir():
        raise ExportError(f"{path} is a folder: give the file a name ({path / 'screening-log'}).")
    if not path.parent.is_dir():
        raise ExportError(f"The folder {path.parent} does not exist.")


def write_file(path: Path, data: bytes) -> None:
    """Write atomically (never a half-written export); :class:`ExportError` on failure."""
    try:
        atomic_write(path, data)
    except StorageError as exc:
        raise ExportError(str(exc)) from None


def _nothing(selection: Selection, what: str) -> NothingToExportError:
    if selection.listing_error:
        return NothingToExportError(selection.listing_error, selection.skipped)
    reason = "no signed record" if not selection.skipped else "every record was left out"
    return NothingToExportError(f"Nothing to export to {what}: {reason}.", selection.skipped)


def _by_protocol(records: Sequence[Outgoing]) -> dict[str, tuple[Protocol, list[Outgoing]]]:
    grouped: dict[str, tuple[Protocol, list[Outgoing]]] = {}
    for item in records:
        grouped.setdefault(item.protocol.id, (item.protocol, []))[1].append(item)
    return grouped


def _convert(
    items: Sequence[Outgoing], convert: Callable[[Outgoing], T], report: ExportReport
) -> list[T]:
    """Each record converted; one that cannot be is left out with its reason."""
    out: list[T] = []
    for item in items:
        try:
            out.append(convert(item))
        except NotExportableError as exc:
            name = item.loaded.path.name
            report.skipped.append(Skipped(name, item.identity.screening_number, str(exc), True))
            continue
        report.exported.append(item)
    return out


def _row_of(item: Outgoing, dictionary: RedcapDictionary) -> Row:
    return record_row(item, dictionary)


def export_redcap(selection: Selection, folder: Path) -> ExportReport:
    """Per protocol: ``<id>_redcap_dictionary.csv`` and ``<id>_redcap_import.csv``."""
    report = ExportReport(skipped=list(selection.skipped))
    planned: list[tuple[RedcapDictionary, list[Row]]] = []
    for protocol, items in _by_protocol(selection.records).values():
        try:
            dictionary = build_dictionary(protocol)
        except DictionaryError as exc:
            for item in items:
                report.skipped.append(
                    Skipped(item.loaded.path.name, item.identity.screening_number, str(exc), True)
                )
            continue
        rows = _convert(items, partial(_row_of, dictionary=dictionary), report)
        if rows:
            planned.append((dictionary, rows))
    if not planned:
        raise _nothing(Selection(skipped=report.skipped), "REDCap")
    prepare_folder(folder)
    for dictionary, rows in planned:
        stem = _file_stem(dictionary.protocol.id)
        for name, data in (
            (f"{stem}_redcap_dictionary.csv", dictionary_csv(dictionary)),
            (f"{stem}_redcap_import.csv", import_csv(dictionary, rows)),
        ):
            write_file(folder / name, data)
            report.written.append(folder / name)
    return report


def export_fhir(
    selection: Selection, folder: Path, *, timestamp: datetime | None = None
) -> ExportReport:
    """Per protocol: ``<id>_fhir_bundle.json`` (Questionnaire, responses, provenance)."""
    report = ExportReport(skipped=list(selection.skipped))
    planned: list[tuple[Protocol, list[list[fhir.Json]]]] = []
    for protocol, items in _by_protocol(selection.records).values():
        resources = _convert(items, fhir.record_resources, report)
        if resources:
            planned.append((protocol, resources))
    if not planned:
        raise _nothing(Selection(skipped=report.skipped), "FHIR")
    prepare_folder(folder)
    when = timestamp or utc_now()
    for protocol, resources in planned:
        flat = [resource for group in resources for resource in group]
        path = folder / f"{_file_stem(protocol.id)}_fhir_bundle.json"
        write_file(path, fhir.bundle_json(fhir.bundle(protocol, flat, when)))
        report.written.append(path)
    return report


def log_protocol(selection: Selection, protocol_id: str | None) -> Protocol:
    """The one trial a log is about: ``protocol_id``, or the only one among the records."""
    grouped = _by_protocol(selection.records)
    if protocol_id is not None:
        if protocol_id not in grouped:
            raise _nothing(selection, f"the screening log of {protocol_id}")
        return grouped[protocol_id][0]
    if not grouped:
        raise _nothing(selection, "the screening log")
    if len(grouped) > 1:
        raise ExportError(
            f"The records belong to several trials ({', '.join(sorted(grouped))}): "
            "make one screening log per trial (--protocol ID)."
        )
    return next(iter(grouped.values()))[0]


def screening_log(
    selection: Selection,
    *,
    protocol_id: str | None = None,
    start: date | None = None,
    end: date | None = None,
    site_name: str = "",
    zone: Zone = None,
    generated_at: datetime | None = None,
) -> tuple[ScreeningLog, ExportReport]:
    """The log and a report (its ``exported``: the screenings in it)."""
    if start is not None and end is not None and start > end:
        raise ExportError(f"The period ends ({end}) before it starts ({start}).")
    protocol = log_protocol(selection, protocol_id)
    log = build_log(
        protocol,
        selection.records,
        start=start,
        end=end,
        site_name=site_name,
        zone=zone,
        generated_at=generated_at,
    )
    ids = {(line.screening_number, line.version) for line in log.lines}
    exported = [
        r
        for r in selection.records
        if r.protocol.id == protocol.id
        and (r.identity.screening_number, r.loaded.record.version) in ids
    ]
    report = ExportReport(exported=exported, skipped=list(selection.skipped))
    return log, report


__all__ = [
    "ExportReport",
    "NothingToExportError",
    "check_output_file",
    "export_fhir",
    "export_redcap",
    "log_protocol",
    "prepare_folder",
    "screening_log",
    "write_file",
]
