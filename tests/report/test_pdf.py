"""The PDF read back with pypdf: every item the issue lists is there as searchable text,
drafts and invalid records carry their marks on every page, and the layout stays within
one page (two at most) for the example cases."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from nkscreen import __version__
from nkscreen.clock import format_time
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import Protocol
from nkscreen.records.identity import UnlockedIdentity, format_fingerprint
from nkscreen.records.lifecycle import record_hash
from nkscreen.records.model import MEANING_STATEMENTS
from nkscreen.records.store import LoadedRecord
from nkscreen.report.render import pdf_bytes
from nkscreen.report.summary import (
    DRAFT_MARK,
    INVALID_MARK,
    ScreeningSummary,
    build_summary,
    summary_for_record,
)
from nkscreen.report.summary_html import SYMBOLS
from tests.report.conftest import PRINTED_AT, SITE, SITE_ZONE, PdfText, case_answers, read_pdf

VALID_CASES = [
    "eligible_male",
    "eligible_female",
    "alt_4x",
    "antitumor_recent",
    "dli_recent",
    "ecog_3",
    "inr_high_aptt_ok",
    "missing_lvef",
    "pregnant",
]
RecordFactory = Callable[..., LoadedRecord]
ROOT = Path(__file__).resolve().parents[2]


def draft(protocol: Protocol, case: str, page_size: str = "A4") -> tuple[ScreeningSummary, PdfText]:
    answers = case_answers(case)
    summary = build_summary(
        protocol,
        answers,
        evaluate(protocol, answers),
        site_name=SITE,
        printed_at=PRINTED_AT,
        zone=SITE_ZONE,
    )
    data, pages = pdf_bytes(summary, page_size)
    pdf = read_pdf(data)
    assert len(pdf.pages) == pages
    return summary, pdf


def printed(
    loaded: LoadedRecord, protocol: Protocol, page_size: str = "A4"
) -> tuple[ScreeningSummary, PdfText]:
    summary = summary_for_record(
        loaded, protocol, site_name=SITE, printed_at=PRINTED_AT, zone=SITE_ZONE
    )
    data, _pages = pdf_bytes(summary, page_size)
    return summary, read_pdf(data)


@pytest.fixture
def signed_eligible(
    saved_record: RecordFactory, author: UnlockedIdentity, approver: UnlockedIdentity
) -> LoadedRecord:
    return saved_record("eligible_male", (author, "authorship"), (approver, "approval"))


def test_signed_record_prints_every_item(
    signed_eligible: LoadedRecord,
    protocol: Protocol,
    author: UnlockedIdentity,
    approver: UnlockedIdentity,
) -> None:
    summary, pdf = printed(signed_eligible, protocol)
    flat = pdf.flat
    # Trial, protocol, site.
    for expected in (protocol.id, protocol.short_title, protocol.version, SITE):
        assert expected in flat, expected
    # Patient and dates.
    for expected in (
        "Screening ID HX-001",
        "Patient initials AB",
        "Sex Male",
        "Age 46 years",
        "Assessment date 2026-11-20",
        "Planned infusion date 2026-12-01",
    ):
        assert expected in flat, expected
    # The verdict, and every criterion and sub-criterion with its status and evidence.
    assert "✓ ELIGIBLE" in flat
    assert [r.id for r in summary.criteria] == [c.id for c in protocol.all_criteria]
    for row in summary.criteria:
        first_word = row.label.split()[0]
        assert f"{row.id} {first_word}" in flat, row.id
        # Each row's text runs ID, label, status, evidence on its first line.
        symbol = SYMBOLS[row.tone]  # N/A ("–") where the criterion does not apply (E6, a man)
        assert f"{symbol} {row.status_text} {row.evidence[:30]}" in flat, row.id
    assert flat.count("✓ Met") == sum(r.status_text == "Met" for r in summary.criteria)
    assert flat.count("✓ Absent") == sum(r.status_text == "Absent" for r in summary.criteria)
    assert "ALT 45 U/L / ULN 40 = 1.13 × ULN ≤ 3 × (limit 120 U/L)" in flat
    assert "CrCl (Cockcroft-Gault) 89.7 mL/min ≥ 30 mL/min" in flat
    assert "Age 46 years ≥ 18 years" in flat
    # Signature manifestations (11.50): name, role, meaning, date and time with zone, key.
    for identity, meaning in ((author, "authorship"), (approver, "approval")):
        p = identity.public
        assert f"Signed by {p.name} ({p.user_id}), {p.role}" in flat
        assert f"Meaning: {meaning} - {MEANING_STATEMENTS[meaning]}" in flat
        assert format_fingerprint(p.fingerprint) in flat
    for m in signed_eligible.record.signatures:
        assert format_time(m.manifestation.signed_at, SITE_ZONE) in flat
    assert flat.count("Verification at print time: VALID") == 2
    # Record identity and content hash.
    assert record_hash(signed_eligible.raw) in flat
    assert signed_eligible.record.record_id in flat
    # Footer.
    assert "Page 1 of 2" in flat
    assert "Printed 2026-11-21 09:30 UTC+08:00" in flat
    assert f"nkscreen {__version__}" in flat
    # No marks on a valid signed record.
    assert DRAFT_MARK not in flat
    assert INVALID_MARK not in flat
    assert summary.marks == ()


def test_every_page_carries_header_footer_and_signature_line(
    saved_record: RecordFactory,
    protocol: Protocol,
    author: UnlockedIdentity,
    approver: UnlockedIdentity,
) -> None:
    # A tampered record on Letter paper: the notices make it two pages.
    loaded = saved_record(
        "alt_4x", (author, "authorship"), (approver, "approval"), tamper=_tamper_initials
    )
    _summary, pdf = printed(loaded, protocol, "Letter")
    assert len(pdf.pages) == 3  # summary on two pages, then the answers appendix
    for index in range(len(pdf.pages)):
        page = pdf.page_flat(index)
        assert f"Page {index + 1} of 3" in page
        assert "Signed by Dr Li Wei (authorship," in page
        assert "Prof Zhang Min (approval," in page
        assert "signature INVALID" in page
        assert "Screening HX-001" in page  # running header: a loose page finds its patient
    # The record and signature block is kept together on one page.
    assert "Record and electronic signatures" not in pdf.page_flat(0)
    assert "Key fingerprint" in pdf.page_flat(1)


def test_not_eligible_prints_reasons_and_failing_status(protocol: Protocol) -> None:
    _summary, pdf = draft(protocol, "alt_4x")
    flat = pdf.flat
    assert "✗ NOT ELIGIBLE" in flat
    assert "Reasons for the verdict" in flat
    assert (
        "I5: Adequate organ function - not met: I5A not met: "
        "ALT 160 U/L / ULN 40 = 4.00 × ULN > 3 × (limit 120 U/L)"
    ) in flat
    assert "I5A Liver: ALT and AST at most 3 × ULN, bilirubin at most 2 × ULN ✗ NOT MET" in flat


def test_incomplete_prints_missing_fields(protocol: Protocol) -> None:
    summary, pdf = draft(protocol, "missing_lvef")
    assert "INCOMPLETE" in pdf.flat
    assert "Missing answers" in pdf.flat
    assert summary.missing
    for item in summary.missing:
        assert item in pdf.flat
    assert "(lvef_pct)" in pdf.flat


@pytest.mark.parametrize("case", ["eligible_male", "alt_4x"])
def test_unsaved_assessment_is_marked_draft_on_every_page(protocol: Protocol, case: str) -> None:
    summary, pdf = draft(protocol, case)
    assert summary.marks == (DRAFT_MARK,)
    for index in range(len(pdf.pages)):
        assert DRAFT_MARK in pdf.page_flat(index)
    assert "Not saved and not signed: this printout is not a clinical record." in pdf.flat
    assert "Signature verification at print time: NOT SIGNED" in pdf.flat
    assert "Content hash (sha256 of the record's RFC 8785 bytes): not saved" in pdf.flat


def test_saved_unsigned_record_is_a_draft(saved_record: RecordFactory, protocol: Protocol) -> None:
    loaded = saved_record("eligible_male")
    summary, pdf = printed(loaded, protocol)
    assert summary.marks == (DRAFT_MARK,)
    assert DRAFT_MARK in pdf.flat
    assert "Saved but not signed" in pdf.flat
    assert record_hash(loaded.raw) in pdf.flat


def _tamper_initials(raw: dict[str, Any]) -> None:
    raw["answers"]["patient_initials"] = "XY"


def test_tampered_record_is_marked_invalid_on_every_page(
    saved_record: RecordFactory, protocol: Protocol, author: UnlockedIdentity
) -> None:
    loaded = saved_record("alt_4x", (author, "authorship"), tamper=_tamper_initials)
    summary, pdf = printed(loaded, protocol)
    assert summary.marks == (INVALID_MARK,)
    for index in range(len(pdf.pages)):
        assert INVALID_MARK in pdf.page_flat(index)
        assert "signature INVALID" in pdf.page_flat(index)
    assert "Verification at print time: INVALID" in pdf.flat
    assert DRAFT_MARK not in pdf.flat


def test_verdict_changed_after_signing_is_not_hidden(
    saved_record: RecordFactory, protocol: Protocol, author: UnlockedIdentity
) -> None:
    def lower_alt(raw: dict[str, Any]) -> None:
        raw["answers"]["alt"] = 45

    loaded = saved_record("alt_4x", (author, "authorship"), tamper=lower_alt)
    summary, pdf = printed(loaded, protocol)
    # The verdict that was signed is printed, and the disagreement is spelled out.
    assert summary.verdict_text == "NOT ELIGIBLE"
    assert "re-evaluating its answers with this version of nkscreen gives ELIGIBLE" in pdf.flat
    assert "I5 (saved not_met)" in pdf.flat


def test_untrusted_signer_is_flagged(saved_record: RecordFactory, protocol: Protocol) -> None:
    from tests.records.helpers import throwaway_identity

    stranger = throwaway_identity(77, name="Dr Stranger", user_id="stranger")
    loaded = saved_record("eligible_male", (stranger, "authorship"))
    summary, pdf = printed(loaded, protocol)
    assert summary.marks == ()
    assert "INTACT, SIGNER NOT TRUSTED" in pdf.flat
    assert "Signer not trusted at this site" in pdf.flat


@pytest.mark.parametrize(("page_size", "width", "height"), [("A4", 595, 842), ("Letter", 612, 792)])
def test_page_size(protocol: Protocol, page_size: str, width: int, height: int) -> None:
    _summary, pdf = draft(protocol, "eligible_male", page_size)
    for page in pdf.reader.pages:
        box = page.mediabox
        assert (round(float(box.width)), round(float(box.height))) == (width, height)


def _appendix_pages(pdf: PdfText) -> list[int]:
    return [i for i in range(len(pdf.pages)) if "Answers appendix" in pdf.page_flat(i)]


@pytest.mark.parametrize("case", VALID_CASES)
@pytest.mark.parametrize("page_size", ["A4", "Letter"])
def test_example_cases_fit_two_pages_and_the_appendix_one(
    saved_record: RecordFactory,
    protocol: Protocol,
    author: UnlockedIdentity,
    approver: UnlockedIdentity,
    case: str,
    page_size: str,
) -> None:
    """A4 (the default) keeps the summary on one page; Letter, shorter, on two at most."""
    most = 1 if page_size == "A4" else 2
    _summary, pdf = draft(protocol, case, page_size)
    assert len(pdf.pages) <= most + 1
    assert _appendix_pages(pdf) == [len(pdf.pages) - 1]
    loaded = saved_record(case, (author, "authorship"), (approver, "approval"))
    _summary, pdf = printed(loaded, protocol, page_size)
    assert len(pdf.pages) <= most + 1
    assert _appendix_pages(pdf) == [len(pdf.pages) - 1]
    # The signature block stays whole on one summary page, never on the appendix's.
    assert [i for i in range(len(pdf.pages)) if "Key fingerprint" in pdf.page_flat(i)] == [
        len(pdf.pages) - 2
    ]


def test_eligible_case_fits_one_page_and_the_appendix_the_next(
    signed_eligible: LoadedRecord, protocol: Protocol
) -> None:
    _summary, pdf = draft(protocol, "eligible_male")
    assert len(pdf.pages) == 2
    _summary, pdf = printed(signed_eligible, protocol)
    assert len(pdf.pages) == 2
    assert "Key fingerprint" in pdf.page_flat(0)
    assert "Answers appendix" not in pdf.page_flat(0)
    assert "Answers appendix" in pdf.page_flat(1)


def test_bundled_font_is_embedded_and_text_extractable(protocol: Protocol) -> None:
    _summary, pdf = draft(protocol, "eligible_male")
    resources: Any = pdf.reader.pages[0]["/Resources"]
    fonts = resources["/Font"]
    names = []
    embedded = 0
    for ref in fonts.values():
        font = ref.get_object()
        names.append(str(font["/BaseFont"]))
        descendants = font.get("/DescendantFonts")
        if descendants is not None:
            descriptor = descendants[0].get_object()["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor, "font not embedded"
            embedded += 1
    assert embedded >= 2  # regular and bold
    assert all("DejaVuSans" in n for n in names), names
    # Extractable text is the real proof that nothing printed blank.
    assert len(pdf.flat) > 2000


def test_text_stays_in_the_body_font_size(protocol: Protocol) -> None:
    """The 3.6 pt / 15 pt trap (paint device set after the page size) stays fixed."""
    _summary, pdf = draft(protocol, "eligible_male")
    sizes: list[float] = []

    def visitor(text: str, cm: Any, tm: Any, font_dict: Any, font_size: float) -> None:
        if text.strip():
            sizes.append(font_size * abs(tm[0]) * abs(cm[0]) or font_size)

    pdf.reader.pages[0].extract_text(visitor_text=visitor)
    assert sizes
    median = sorted(sizes)[len(sizes) // 2]
    assert 6.5 <= median <= 9.0, median


def test_answers_appendix_and_evidence_dates_are_in_the_pdf(protocol: Protocol) -> None:
    answers = {**case_answers("eligible_male"), "creatinine": 200, "labs_date": "2026-10-01"}
    summary = build_summary(
        protocol, answers, evaluate(protocol, answers), site_name=SITE, zone=SITE_ZONE
    )
    data, pages = pdf_bytes(summary)
    pdf = read_pdf(data)
    assert pages == 2
    summary_page, appendix = pdf.page_flat(0), pdf.page_flat(1)
    assert "Date of the bone marrow aspirate: 2026-11-15 (5 days before the assessment" in (
        summary_page
    )
    assert "Date of the blood tests: 2026-10-01 (50 days before the assessment date)" in (
        summary_page
    )
    assert "⚠ older than the site's limit of 14 days" in summary_page
    assert "Date of informed consent: 2026-11-18" in summary_page
    assert "Date of the LVEF measurement: 2026-11-10" in summary_page
    assert "Answers appendix" in appendix
    assert "Inclusion 5: Adequate organ function" in appendix
    assert (
        "Serum creatinine ✗ 200 µmol/L / ULN 104 µmol/L = 1.93 × ULN, ABOVE the 1.5 × limit "
        "(156 µmol/L)" in appendix
    )
    assert f"Protocol version: {protocol.version} (2026-11-25)" in pdf.flat


def test_a_signed_record_never_says_the_site_is_not_set(
    signed_eligible: LoadedRecord, protocol: Protocol
) -> None:
    summary = summary_for_record(signed_eligible, protocol, site_name="", zone=SITE_ZONE)
    flat = read_pdf(pdf_bytes(summary)[0]).flat
    assert "not set" not in flat
    assert "Site:" not in flat
    answers = case_answers("eligible_male")
    unsigned = build_summary(protocol, answers, evaluate(protocol, answers))
    assert "Site: not set (Preferences)" in read_pdf(pdf_bytes(unsigned)[0]).flat


def test_a_pdf_made_under_tz_shanghai_holds_one_utc_offset(
    saved_record: RecordFactory,
    author: UnlockedIdentity,
    approver: UnlockedIdentity,
    data_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The issue's case: saved_at kept in UTC, signatures made with the signer's +08:00
    offset, printed by ``nkscreen pdf`` on a computer whose zone is Asia/Shanghai (no site
    zone in Preferences): every time on the paper carries the same offset."""
    from nkscreen.records import signing

    shanghai = ZoneInfo("Asia/Shanghai")
    monkeypatch.setattr(signing, "local_now", lambda: datetime.now(shanghai).replace(microsecond=0))
    loaded = saved_record("eligible_male", (author, "authorship"), (approver, "approval"))
    assert loaded.record.saved_at.utcoffset() == timedelta(0)
    assert loaded.record.signatures[0].manifestation.signed_at.utcoffset() == timedelta(hours=8)
    out = tmp_path / "shanghai.pdf"
    env = {**os.environ, "TZ": "Asia/Shanghai", "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "nkscreen",
            "--data-dir",
            str(data_dir),
            "pdf",
            str(loaded.path),
            "-o",
            str(out),
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    flat = read_pdf(out.read_bytes()).flat
    offsets = re.findall(r"UTC[+-]\d\d:\d\d", flat)
    assert len(offsets) >= 6  # saved, two signatures (block and footer), printed, zone
    assert set(offsets) == {"UTC+08:00"}, offsets
    saved = format_time(loaded.record.saved_at, shanghai)
    assert f"Saved: {saved}" in flat
    assert "Times in: Asia/Shanghai (this computer's time zone), UTC+08:00" in flat


def test_not_applicable_rows_print_na_and_incomplete_verdict_its_own_icon(protocol: Protocol):
    """E6 for a man prints "– N/A"; an incomplete verdict prints "… INCOMPLETE", not "?"."""
    answers = case_answers("eligible_male")
    del answers["lvef_pct"]
    summary = build_summary(protocol, answers, evaluate(protocol, answers))
    e6 = next(r for r in summary.criteria if r.id == "E6")
    assert (e6.status_text, e6.tone) == ("N/A", "not_applicable")
    flat = read_pdf(pdf_bytes(summary)[0]).flat
    assert "– N/A does not apply" in flat
    assert "… INCOMPLETE" in flat
    assert "? INCOMPLETE" not in flat
