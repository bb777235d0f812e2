"""The screening log: one line per screening, the totals, the period; CSV and PDF."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from nkscreen.core.protocol import Protocol
from nkscreen.export.problems import ExportError
from nkscreen.export.run import screening_log
from nkscreen.export.screening_log import CSV_HEADER, build_log
from nkscreen.export.selection import select_records
from nkscreen.records.store import RecordStore
from tests.export.conftest import SITE, Saver
from tests.report.conftest import read_pdf

GENERATED = datetime(2026, 12, 1, 6, 30, tzinfo=UTC)
SHANGHAI = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def four(saver: Saver) -> None:
    saver.save("eligible_male", "S-1", assessment_date="2026-11-20")
    saver.save("alt_4x", "S-2", assessment_date="2026-11-21")
    saver.save("pregnant", "S-3", assessment_date="2026-11-22")
    saver.save("missing_lvef", "S-4", assessment_date="2026-11-25")


def _log(store: RecordStore, protocol: Protocol, **options):
    return build_log(
        protocol,
        select_records(store).records,
        site_name=SITE,
        zone=SHANGHAI,
        generated_at=GENERATED,
        **options,
    )


def test_one_line_per_screening_with_reasons_in_words(
    store: RecordStore, protocol: Protocol, four: None
) -> None:
    log = _log(store, protocol)
    assert [line.screening_number for line in log.lines] == ["S-1", "S-2", "S-3", "S-4"]
    s1, s2, s3, s4 = log.lines
    assert (s1.verdict_text, s1.reasons) == ("Eligible", ())
    assert s2.reasons == ("I5 Adequate organ function: not met",)
    assert s3.reasons == ("E6 Pregnant or breastfeeding: present",)
    assert s4.verdict_text == "Incomplete"
    assert s4.reasons == ("I5 Adequate organ function: not decided",)
    assert s1.initials == "AB"
    assert s1.screening_date == "2026-11-20"
    assert s1.signed_by == "Dr Li Wei (authorship)"
    assert s1.signed_at.endswith("UTC+08:00")  # the site's zone, with its offset
    assert s1.version == 1


def test_totals_and_failures_per_criterion(
    store: RecordStore, protocol: Protocol, four: None
) -> None:
    log = _log(store, protocol)
    assert log.totals() == [
        ("Screened", 4),
        ("Eligible", 1),
        ("Not eligible", 2),
        ("Incomplete", 1),
    ]
    counts = {c.id: c.count for c in log.failures}
    assert [c.id for c in log.failures] == [c.id for c in protocol.criteria]
    assert counts["I5"] == 1
    assert counts["E6"] == 1
    assert sum(counts.values()) == 2


def test_the_period_is_inclusive(store: RecordStore, protocol: Protocol, four: None) -> None:
    log = _log(store, protocol, start=date(2026, 11, 21), end=date(2026, 11, 22))
    assert [line.screening_number for line in log.lines] == ["S-2", "S-3"]
    assert log.period == "2026-11-21 to 2026-11-22"
    assert log.totals()[0] == ("Screened", 2)
    with pytest.raises(ExportError, match="ends"):
        screening_log(select_records(store), start=date(2026, 12, 1), end=date(2026, 11, 1))


def test_drafts_are_in_the_log_only_when_asked_and_say_so(
    store: RecordStore, protocol: Protocol, saver: Saver
) -> None:
    saver.save("eligible_male", "S-1")
    saver.save("eligible_female", "S-2", signers=())
    assert [line.screening_number for line in _log(store, protocol).lines] == ["S-1"]
    log = build_log(protocol, select_records(store, include_drafts=True).records)
    assert log.includes_drafts
    draft = next(line for line in log.lines if line.screening_number == "S-2")
    assert draft.cells()[-1] == "not signed (draft)"
    assert draft.signed_by == "not signed (draft)"


def test_csv_lines_then_totals(store: RecordStore, protocol: Protocol, four: None) -> None:
    rows = list(csv.reader(io.StringIO(_log(store, protocol).csv().decode("utf-8"))))
    assert rows[0] == list(CSV_HEADER)
    assert rows[2][:5] == [
        "2026-11-21",
        "S-2",
        "AB",
        "Not eligible",
        "I5 Adequate organ function: not met",
    ]
    assert rows[5] == []
    assert rows[6:10] == [
        ["Screened", "4"],
        ["Eligible", "1"],
        ["Not eligible", "2"],
        ["Incomplete", "1"],
    ]
    flat = [cell for row in rows for cell in row]
    assert "I5 Adequate organ function (not met)" in flat
    assert "Asia/Shanghai, UTC+08:00" in flat
    assert SITE in flat


def test_pdf_goes_through_the_render_path(
    qapp, store: RecordStore, protocol: Protocol, four: None
) -> None:
    from nkscreen.report.log_render import log_pdf_bytes

    data, pages = log_pdf_bytes(_log(store, protocol))
    pdf = read_pdf(data)
    assert pages == len(pdf.pages) == 1
    page = pdf.reader.pages[0]
    assert float(page.mediabox.width) > float(page.mediabox.height)  # landscape
    flat = pdf.flat
    assert "Subject screening log" in flat
    for sid in ("S-1", "S-2", "S-3", "S-4"):
        assert sid in flat
    assert "I5 Adequate organ function: not met" in flat
    assert "Screened 4" in flat
    assert "Page 1 of 1" in flat
    assert "UTC+08:00" in flat
    assert "INCLUDES UNSIGNED RECORDS" not in flat


def test_a_long_log_repeats_its_header_on_every_page(
    qapp, store: RecordStore, protocol: Protocol, saver: Saver
) -> None:
    from nkscreen.report.log_render import log_pdf_bytes

    for number in range(45):
        saver.save("alt_4x", f"S-{number:02d}", signers=() if number == 7 else None)
    log = build_log(protocol, select_records(store, include_drafts=True).records)
    data, pages = log_pdf_bytes(log)
    pdf = read_pdf(data)
    assert pages == len(pdf.pages) > 1
    for index in range(pages):
        text = pdf.page_flat(index)
        assert f"Page {index + 1} of {pages}" in text
        assert "Subject screening log" in text
        assert "INCLUDES UNSIGNED RECORDS" in text
