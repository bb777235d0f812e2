"""All performance budgets in one table: ``python -m benchmarks.run`` (from the checkout).

Each figure is a median with its spread (min-max over the runs), printed beside its budget and,
for start-up, beside the bare PySide6 baseline measured in the same run. Benchmarks are not
tests: machine noise never fails CI, and the README keeps the table from a dated run.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
from dataclasses import dataclass
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))


@dataclass
class Row:
    name: str
    values: list[float]
    unit: str
    budget: str
    baseline: str
    ok: bool

    def cells(self) -> list[str]:
        median = statistics.median(self.values)
        spread = f"{min(self.values):.3g}-{max(self.values):.3g}"
        return [
            self.name,
            f"{median:.3g} {self.unit}",
            spread,
            self.budget,
            self.baseline,
            "ok" if self.ok else "OVER",
        ]


def startup_rows(pairs: int, frozen: bool) -> list[Row]:
    """First frame and ready, and the whole process's peak memory, against a bare PySide6
    window started the same way (installed; and frozen against the frozen bare app)."""
    from benchmarks import bench_startup as b

    kinds = [("installed", b.installed_commands())]
    if frozen:
        commands = b.frozen_commands()
        if commands is None:
            raise SystemExit("--frozen: no frozen build, run packaging/build.sh first")
        kinds.append(("frozen", commands))
    rows: list[Row] = []
    for label, (app, bare) in kinds:
        f = b.Figures(label, *b.measure(app, bare, pairs=max(pairs, b.MIN_PAIRS)))
        bare_s = f.bare.median("first_frame_s")
        first = [r.first_frame_s for r in f.app.runs]
        ready = [r.ready_s for r in f.app.runs]
        rows += [
            Row(
                f"{label}: spawn to first frame",
                first,
                "s",
                "",
                f"bare {bare_s:.3g} s; {f.first_frame_ratio:.2f}x",
                True,
            ),
            Row(
                f"{label}: spawn to ready",
                ready,
                "s",
                f"<= {b.BUDGET_READY_RATIO}x bare",
                f"bare {bare_s:.3g} s; {f.ready_ratio:.2f}x",
                f.ready_ratio <= b.BUDGET_READY_RATIO,
            ),
            Row(
                f"{label}: whole-process peak memory",
                [r.peak_mib for r in f.app.runs],
                "MiB",
                f"<= {b.BUDGET_MEMORY_RATIO}x bare",
                f"bare {f.bare.median('peak_mib'):.0f} MiB; {f.memory_ratio:.2f}x",
                f.memory_ratio <= b.BUDGET_MEMORY_RATIO,
            ),
        ]
    return rows


def evaluate_row() -> Row:
    from benchmarks import bench_evaluate

    timings = bench_evaluate.measure()
    return Row(
        "one full evaluation",
        timings,
        "ms",
        "< 1 ms",
        "",
        statistics.median(timings) < bench_evaluate.BUDGET_MS,
    )


def keystroke_rows() -> list[Row]:
    from benchmarks import bench_keystroke

    timings = sorted(bench_keystroke.measure())
    p99 = timings[int(len(timings) * 0.99)]
    return [
        Row("keystroke to statuses, p50", timings, "ms", "", "", True),
        Row(
            "keystroke to statuses, p99",
            [p99],
            "ms",
            f"p99 < {bench_keystroke.BUDGET_P99_MS:.0f} ms",
            "",
            p99 < bench_keystroke.BUDGET_P99_MS,
        ),
    ]


def pdf_row() -> Row:
    from benchmarks import bench_pdf

    _cold, timings = bench_pdf.measure()
    return Row(
        "one summary PDF",
        timings,
        "ms",
        f"< {bench_pdf.BUDGET_MS:.0f} ms",
        "",
        statistics.median(timings) < bench_pdf.BUDGET_MS,
    )


def records_rows(records: int) -> list[Row]:
    from benchmarks import bench_records

    result = bench_records.measure(records=records, verify=1000, log=lambda _line: None)
    return [
        Row(
            f"list {records} records",
            result["list_warm"],
            "s",
            "< 1 s",
            "",
            statistics.median(result["list_warm"]) < 1,
        ),
        Row(
            "verify 1000 signatures",
            result["verify"],
            "s",
            "< 1 s",
            "",
            statistics.median(result["verify"]) < 1,
        ),
    ]


def table(rows: list[Row]) -> str:
    head = ["figure", "median", "spread", "budget", "baseline (same run)", ""]
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(row.cells()) + " |" for row in rows]
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=11, help="start-up pairs (at least 11)")
    parser.add_argument(
        "--frozen", action="store_true", help="start-up of the frozen app too (build.sh first)"
    )
    parser.add_argument("--records", type=int, default=10_000)
    args = parser.parse_args()
    rows: list[Row] = []
    rows += startup_rows(args.pairs, args.frozen)  # first, before this process warms anything
    rows.append(evaluate_row())
    rows += keystroke_rows()
    rows.append(pdf_row())
    rows += records_rows(args.records)
    print(
        f"nkscreen benchmarks, {date.today().isoformat()}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}"
    )
    print(table(rows))
    return 0 if all(r.ok for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
