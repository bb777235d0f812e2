"""Records benchmarks: listing 10,000 saved records and verifying 1,000 signatures.

    .venv/bin/python benchmarks/bench_records.py [--records 10000] [--verify 1000]

Targets (issue "Records"): a warm listing of 10,000 records under 1 s (the index cache is
checked against each file's size, mtime, ctime and inode), and 1,000 signature verifications
under 1 s. Prints the median of several runs; not a test, so machine noise never fails CI.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nkscreen import paths
from nkscreen.records.identity import UnlockedIdentity
from nkscreen.records.model import RecordV1, dumps_document, record_to_dict
from nkscreen.records.signing import check_signatures
from nkscreen.records.store import RecordStore, open_record, read_record_file
from tests.records.helpers import signed_record, throwaway_identity, write_trusted


def _timings(fn: Callable[[], object], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def _median(fn: Callable[[], object], runs: int) -> float:
    return statistics.median(_timings(fn, runs))


def _realistic_record(signer: UnlockedIdentity, i: int) -> RecordV1:
    # The engine's evaluation carries an explanation per criterion: records are ~9 kB.
    explanations = {f"C{k}": f"explanation of criterion {k} for case {i} " * 3 for k in range(30)}
    extra: dict[str, Any] = {f"field_{k}": k * i for k in range(50)}
    return signed_record(
        signer,
        "authorship",
        screening_id=f"HX-{i:05d}",
        assessment_date=f"2026-{1 + i % 12:02d}-{1 + i % 28:02d}",
        explanations=explanations,
        **extra,
    )


def measure(
    records: int = 10_000, verify: int = 1_000, runs: int = 5, log: Callable[[str], Any] = print
) -> dict[str, list[float]]:
    """Seconds per run: warm listing of ``records`` files, verifying ``verify`` signatures."""
    signer = throwaway_identity(7)
    with tempfile.TemporaryDirectory(prefix="nkscreen-bench-") as tmp:
        store = RecordStore(Path(tmp))
        store.prepare()
        write_trusted(paths.trusted_signers_path(store.base), signer)
        start = time.perf_counter()
        # Setup writes directly: the store's fsyncs would make it minutes long, and setup is
        # not what is measured.
        big: list[Path] = []
        for i in range(records):
            record = (
                _realistic_record(signer, i)
                if i < verify
                else signed_record(signer, screening_id=f"HX-{i:05d}")
            )
            path = store.record_path(record.assessment_id, record.version)
            path.write_bytes(dumps_document(record_to_dict(record)))
            if i < verify:
                big.append(path)
        size = big[0].stat().st_size if big else 0
        log(
            f"setup: {records} signed records written in {time.perf_counter() - start:.1f} s "
            f"({len(big)} of {size / 1000:.1f} kB, the rest smaller)"
        )
        start = time.perf_counter()
        rows = store.list_records()
        log(
            f"list, cold (no index: parse + verify every file): {time.perf_counter() - start:.2f} s"
        )
        assert len(rows) == records
        assert all(r.verification and r.verification.ok for r in rows)
        warm = _timings(store.list_records, runs)
        parsed = [read_record_file(p) for p in big]
        in_memory = _timings(lambda: [check_signatures(raw, rec) for raw, rec in parsed], runs)
        trusted = store.trusted()
        from_disk = _timings(lambda: [open_record(p, trusted) for p in big], runs)
    return {"list_warm": warm, "verify": in_memory, "open_verify": from_disk}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=10_000)
    parser.add_argument("--verify", type=int, default=1_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    result = measure(args.records, args.verify, args.runs)
    print(
        f"list, warm ({args.records} records, index checked against each file): "
        f"median {statistics.median(result['list_warm']):.3f} s  [target < 1 s]"
    )
    print(
        f"verify {args.verify} signatures (records parsed in memory): "
        f"median {statistics.median(result['verify']):.3f} s  [target < 1 s]"
    )
    print(
        f"open + parse + verify {args.verify} record files: "
        f"median {statistics.median(result['open_verify']):.3f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
