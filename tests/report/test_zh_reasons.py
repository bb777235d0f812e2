"""The printout gives the records layer's reasons (invalid, untrusted, broken chain) in its
language: Chinese on a Chinese printout, today's English on an English one."""

from __future__ import annotations

from pathlib import Path

from nkscreen.core.protocol import Protocol
from nkscreen.records.store import RecordStore
from nkscreen.report.summary import ScreeningSummary, summary_for_record
from tests.records.reason_cases import reason_cases
from tests.report.conftest import PRINTED_AT, SITE_ZONE


def _printed(summary: ScreeningSummary) -> str:
    return "\n".join([*summary.notices, summary.mark_detail])


def test_each_reason_prints_in_the_printout_language(protocol: Protocol, tmp_path: Path) -> None:
    base = tmp_path / "reasons"
    store = RecordStore(base)
    for name, case in reason_cases(base).items():
        loaded = store.load(case.path)
        printed = {
            locale: _printed(
                summary_for_record(
                    loaded, protocol, printed_at=PRINTED_AT, zone=SITE_ZONE, locale=locale
                )
            )
            for locale in ("en", "zh_CN")
        }
        assert case.chinese in printed["zh_CN"], name
        assert case.english not in printed["zh_CN"], name
        assert case.english in printed["en"], name
        assert case.chinese not in printed["en"], name
