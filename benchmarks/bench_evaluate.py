"""One full evaluation of the protocol from raw answers (validation included).

The wizard re-evaluates on every keystroke, so the budget is 1 ms. Run:
``python benchmarks/bench_evaluate.py``. Prints the median and spread of many runs.
"""

from __future__ import annotations

import json
import statistics
import time
from decimal import Decimal
from pathlib import Path

from nkscreen.core.engine import evaluate
from nkscreen.core.protocol import builtin_protocol

BUDGET_MS = 1.0
CASE = Path(__file__).resolve().parent.parent / "tests" / "cases" / "eligible_female.json"


def measure(repeats: int = 3000) -> list[float]:
    protocol = builtin_protocol("NCT06641648")
    answers = json.loads(CASE.read_text("utf-8"), parse_float=Decimal)["answers"]
    evaluate(protocol, answers)  # warm-up: engine preparation happens once per protocol
    timings = []
    for _ in range(repeats):
        start = time.perf_counter()
        evaluate(protocol, answers)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    timings = sorted(measure())
    median = statistics.median(timings)
    p99 = timings[int(len(timings) * 0.99)]
    verdict = "ok" if median < BUDGET_MS else "OVER BUDGET"
    print(f"evaluate: median {median:.3f} ms, p99 {p99:.3f} ms (budget {BUDGET_MS} ms) {verdict}")


if __name__ == "__main__":
    main()
