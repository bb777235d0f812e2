"""A writer killed at any moment leaves the old file or the new one, whole."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from nkscreen.records.atomic import cleanup_orphans
from nkscreen.records.model import dumps_document, record_to_dict
from nkscreen.records.store import open_record
from tests.records.helpers import signed_record, write_trusted

WRITER = """
import sys
from pathlib import Path
from nkscreen.records.atomic import atomic_write
target, a, b = (Path(p) for p in sys.argv[1:4])
versions = [a.read_bytes(), b.read_bytes()]
atomic_write(target, versions[1])
print("ready", flush=True)
i = 0
while True:
    atomic_write(target, versions[i % 2])
    i += 1
"""

KILLS = 100


@pytest.mark.slow
def test_sigkill_in_a_save_loop_never_leaves_a_damaged_record(tmp_path: Path, signer) -> None:
    folder = tmp_path / "records"
    folder.mkdir()
    target = folder / "r.v1.json"
    versions = [
        dumps_document(record_to_dict(signed_record(signer, ecog=1))),
        dumps_document(record_to_dict(signed_record(signer, ecog=2, padding="x" * 50_000))),
    ]
    sources = []
    for i, data in enumerate(versions):
        path = tmp_path / f"v{i}.json"
        path.write_bytes(data)
        sources.append(str(path))
    rng = random.Random(8785)
    orphans_seen = 0
    started = time.monotonic()
    for _ in range(KILLS):
        proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(target), *sources],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert proc.stdout is not None
        assert proc.stdout.readline().strip() == "ready"
        time.sleep(rng.uniform(0, 0.02))
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        proc.stdout.close()
        assert target.read_bytes() in versions
        orphans_seen += len(cleanup_orphans(folder))
    assert time.monotonic() - started < 60
    assert sorted(p.name for p in folder.iterdir()) == ["r.v1.json"]
    trusted_file = tmp_path / "trusted.json"
    write_trusted(trusted_file, signer)
    from nkscreen.records.trust import load_trusted

    assert open_record(target, load_trusted(trusted_file)).verification.ok
    # Not an assertion of behaviour, but it shows the clean-up had work to do.
    print(f"orphaned temporary files cleaned: {orphans_seen}")
