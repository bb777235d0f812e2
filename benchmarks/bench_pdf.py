"""One screening summary PDF: evaluation, document model, layout, painting, file write.

A clinician clicks Export PDF and waits for it, so the budget is 300 ms for a signed record
(verification included). Run: ``python benchmarks/bench_pdf.py``. Prints the median of
several runs, the first (cold: font registration, Qt start) separately.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # for tests.* helpers

from PySide6.QtGui import QGuiApplication

from nkscreen.core.casefile import read_case
from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import builtin_protocol
from nkscreen.records.lifecycle import new_record
from nkscreen.records.model import ProtocolRef, dumps_document, record_to_dict
from nkscreen.records.signing import sign_record
from nkscreen.records.store import open_record
from nkscreen.report.render import write_pdf
from nkscreen.report.summary import summary_for_record
from tests.records.helpers import actor_of, throwaway_identity, trust_of

BUDGET_MS = 300.0
CASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "eligible_male.json"


def measure(repeats: int = 15) -> tuple[float, list[float]]:
    app = QGuiApplication.instance() or QGuiApplication([])
    protocol = builtin_protocol("NCT06641648")
    author = throwaway_identity(1, name="Dr Bench", user_id="bench")
    trusted = trust_of(author)
    case = read_case(CASE)
    ref = ProtocolRef(id=protocol.id, version=protocol.version, sha256=protocol.source_sha256)
    unsigned = new_record(
        protocol=ref,
        answers=case.answers,
        evaluation=evaluate(protocol, case.answers).to_json(),
        actor=actor_of(author),
    )
    record = sign_record(unsigned, author, "authorship")
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "record.json"
        source.write_bytes(dumps_document(record_to_dict(record)))
        for i in range(repeats + 1):
            start = time.perf_counter()
            loaded = open_record(source, trusted)
            summary = summary_for_record(loaded, protocol, site_name="Bench site")
            write_pdf(summary, Path(folder) / f"out{i}.pdf")
            timings.append((time.perf_counter() - start) * 1000)
    del app
    return timings[0], timings[1:]


def main() -> None:
    cold, timings = measure()
    median = statistics.median(timings)
    verdict = "ok" if median < BUDGET_MS else "OVER BUDGET"
    print(
        f"pdf: median {median:.1f} ms, max {max(timings):.1f} ms, first (cold) {cold:.1f} ms "
        f"(budget {BUDGET_MS:.0f} ms) {verdict}"
    )


if __name__ == "__main__":
    main()
