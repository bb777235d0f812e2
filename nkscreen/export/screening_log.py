"""The subject screening log (ICH E6 essential documents) as plain data, and its CSV.

One line per screening: assessment date, screening id, initials, verdict, the screen-failure
reasons in words (each failing criterion with its label), who signed, when, and the version.
Then the totals a CONSORT flow diagram needs: screened, eligible, not eligible, incomplete,
and the screen failures per criterion (a screening may fail several). The statuses are those
saved in each record, the ones its signer signed, never a re-evaluation.

Every time is in the site's zone with one UTC offset for the whole log (the offset at the
moment it is generated), said at the top. The PDF is drawn by
:mod:`nkscreen.report.log_render` from the same :class:`ScreeningLog`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from nkscreen import __version__
from nkscreen.clock import Zone, describe_zone, fixed_zone, format_time, utc_now
from nkscreen.core.protocol import Criterion, Protocol
from nkscreen.export.redcap import csv_bytes
from nkscreen.export.selection import Outgoing

VERDICT_WORDS: Final = {
    "eligible": "Eligible",
    "not_eligible": "Not eligible",
    "incomplete": "Incomplete",
}
FAILED: Final = {"inclusion": "not_met", "exclusion": "present"}
FAILED_WORDS: Final = {"inclusion": "not met", "exclusion": "present"}
CSV_HEADER: Final = (
    "Assessment date",
    "Screening ID",
    "Initials",
    "Verdict",
    "Screen-failure reasons",
    "Signed by",
    "Signed at",
    "Version",
    "Record",
)
DRAFT_NOTE: Final = "not signed (draft)"


@dataclass(frozen=True, slots=True)
class LogLine:
    """One screening in the log, every cell already text."""

    screening_date: str
    screening_number: str
    initials: str
    verdict: str
    verdict_text: str
    #: "I3 ECOG performance status 0 to 2: not met"; for an incomplete verdict, what is open.
    reasons: tuple[str, ...]
    signed_by: str
    signed_at: str
    version: int
    signed: bool
    #: The top-level criteria this screening failed (for the totals).
    failed: tuple[str, ...]

    def cells(self) -> list[str]:
        return [
            self.screening_date,
            self.screening_number,
            self.initials,
            self.verdict_text,
            "; ".join(self.reasons),
            self.signed_by,
            self.signed_at,
            str(self.version),
            "signed" if self.signed else DRAFT_NOTE,
        ]


@dataclass(frozen=True, slots=True)
class CriterionCount:
    """How many screenings failed one top-level criterion."""

    id: str
    kind: str
    label: str
    count: int

    def text(self) -> str:
        return f"{self.id} {self.label} ({FAILED_WORDS[self.kind]})"


@dataclass(frozen=True, slots=True)
class ScreeningLog:
    trial_id: str
    title: str
    protocol_version: str
    site_name: str
    #: "2026-11-01 to 2026-11-30", "from 2026-11-01", "all dates".
    period: str
    lines: tuple[LogLine, ...]
    failures: tuple[CriterionCount, ...]
    generated_at: str
    time_zone: str
    app_version: str
    #: Unsigned records were asked for and are in the log (each line says so).
    includes_drafts: bool = False

    def count(self, verdict: str) -> int:
        return sum(1 for line in self.lines if line.verdict == verdict)

    def totals(self) -> list[tuple[str, int]]:
        return [
            ("Screened", len(self.lines)),
            ("Eligible", self.count("eligible")),
            ("Not eligible", self.count("not_eligible")),
            ("Incomplete", self.count("incomplete")),
        ]

    def csv_rows(self) -> list[list[str]]:
        """The lines under a header row, then (after a blank row) totals and failures."""
        rows: list[list[str]] = [list(CSV_HEADER)] + [line.cells() for line in self.lines]
        rows.append([])
        rows += [[label, str(count)] for label, count in self.totals()]
        rows.append([])
        rows.append(["Screen failures per criterion (a screening may fail several)"])
        rows += [[c.text(), str(c.count)] for c in self.failures]
        rows.append([])
        rows += [
            ["Trial", f"{self.trial_id} (protocol version {self.protocol_version})"],
            ["Site", self.site_name],
            ["Period (assessment dates)", self.period],
            ["Generated", f"{self.generated_at} by nkscreen {self.app_version}"],
            ["Times in", self.time_zone],
        ]
        return rows

    def csv(self) -> bytes:
        return csv_bytes(self.csv_rows())


def describe_period(start: date | None, end: date | None) -> str:
    if start and end:
        return f"{start.isoformat()} to {end.isoformat()}"
    if start:
        return f"from {start.isoformat()}"
    if end:
        return f"up to {end.isoformat()}"
    return "all dates"


def in_period(screening_date: str, start: date | None, end: date | None) -> bool:
    """Whether a screening's date is inside the period (no date: only without a period)."""
    if start is None and end is None:
        return True
    try:
        day = date.fromisoformat(screening_date)
    except ValueError:
        return False
    return (start is None or day >= start) and (end is None or day <= end)


def _reasons(protocol: Protocol, statuses: dict[str, str], verdict: str) -> list[str]:
    reasons: list[str] = []
    wanted = "failed" if verdict != "incomplete" else "unknown"
    for c in protocol.criteria:
        status = statuses.get(c.id, "")
        if wanted == "failed" and status == FAILED[c.kind]:
            reasons.append(f"{c.id} {c.label}: {FAILED_WORDS[c.kind]}")
        elif wanted == "unknown" and status == "unknown":
            reasons.append(f"{c.id} {c.label}: not decided")
    return reasons


def _line(item: Outgoing, zone: Zone) -> LogLine:
    record = item.loaded.record
    saved = record.evaluation.get("criteria")
    statuses = {str(k): str(v) for k, v in saved.items()} if isinstance(saved, dict) else {}
    verdict = record.verdict or "incomplete"
    failed = tuple(c.id for c in item.protocol.criteria if statuses.get(c.id) == FAILED[c.kind])
    signatures = [s.manifestation for s in record.signatures]
    signed_by = "; ".join(f"{m.name} ({m.meaning})" for m in signatures) or DRAFT_NOTE
    signed_at = format_time(signatures[0].signed_at, zone) if signatures else ""
    return LogLine(
        screening_date=item.identity.screening_date,
        screening_number=item.identity.screening_number,
        initials=item.identity.initials,
        verdict=verdict,
        verdict_text=VERDICT_WORDS.get(verdict, verdict),
        reasons=tuple(_reasons(item.protocol, statuses, verdict)),
        signed_by=signed_by,
        signed_at=signed_at,
        version=record.version,
        signed=record.is_signed,
        failed=failed,
    )


def _counts(criteria: Sequence[Criterion], lines: Sequence[LogLine]) -> tuple[CriterionCount, ...]:
    return tuple(
        CriterionCount(c.id, c.kind, c.label, sum(1 for line in lines if c.id in line.failed))
        for c in criteria
    )


def build_log(
    protocol: Protocol,
    records: Sequence[Outgoing],
    *,
    start: date | None = None,
    end: date | None = None,
    site_name: str = "",
    zone: Zone = None,
    generated_at: datetime | None = None,
) -> ScreeningLog:
    """The log of ``protocol``'s screenings among ``records`` assessed in the period."""
    when = generated_at or utc_now()
    log_zone = fixed_zone(zone, when)
    chosen = [
        r
        for r in records
        if r.protocol.id == protocol.id and in_period(r.identity.screening_date, start, end)
    ]
    lines = tuple(_line(r, log_zone) for r in chosen)
    return ScreeningLog(
        trial_id=protocol.id,
        title=protocol.short_title or protocol.title,
        protocol_version=protocol.version,
        site_name=site_name,
        period=describe_period(start, end),
        lines=lines,
        failures=_counts(protocol.criteria, lines),
        generated_at=format_time(when, log_zone),
        time_zone=describe_zone(zone, when),
        app_version=__version__,
        includes_drafts=any(not line.signed for line in lines),
    )


__all__ = [
    "CSV_HEADER",
    "CriterionCount",
    "LogLine",
    "ScreeningLog",
    "build_log",
    "describe_period",
    "in_period",
]
