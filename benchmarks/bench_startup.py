"""Start to main window shown, and peak memory of that start, as ratios to a bare PySide6 app.

Both are started the same way (a fresh ``python`` process, offscreen) and quit as soon as their
first frame is up (``NKSCREEN_STARTUP_PROBE``); the parent times from spawn to the report line.
Runs alternate between the two so that machine noise hits both alike.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
BUDGET_TIME_RATIO = 1.3
BUDGET_MEMORY_RATIO = 1.6


def _run(command: list[str], env: dict[str, str]) -> tuple[float, int]:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("startup-probe shown"):
            elapsed = time.perf_counter() - start
            peak = int(line.split("peak_kib=")[1])
            process.wait(timeout=30)
            return elapsed, peak
    raise RuntimeError(f"{command} exited without reporting start-up")


def measure(runs: int = 7) -> dict[str, list[tuple[float, int]]]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", NKSCREEN_STARTUP_PROBE="1")
    results: dict[str, list[tuple[float, int]]] = {"bare": [], "nkscreen": []}
    with tempfile.TemporaryDirectory() as data:
        env["NKSCREEN_DATA_DIR"] = data
        env["NKSCREEN_CONFIG_DIR"] = data
        commands = {
            "bare": [sys.executable, str(HERE / "bare_app_probe.py")],
            "nkscreen": [sys.executable, "-m", "nkscreen"],
        }
        for command in commands.values():  # warm the file cache once
            _run(command, env)
        for _ in range(runs):
            for name, command in commands.items():
                results[name].append(_run(command, env))
    return results


def summarize(results: dict[str, list[tuple[float, int]]]) -> dict[str, float]:
    t_bare = statistics.median(t for t, _ in results["bare"])
    t_app = statistics.median(t for t, _ in results["nkscreen"])
    m_bare = statistics.median(m for _, m in results["bare"])
    m_app = statistics.median(m for _, m in results["nkscreen"])
    return {
        "bare_s": t_bare,
        "app_s": t_app,
        "time_ratio": t_app / t_bare,
        "bare_mib": m_bare / 1024,
        "app_mib": m_app / 1024,
        "memory_ratio": m_app / m_bare,
    }


def main() -> None:
    s = summarize(measure())
    print(
        f"start-up: nkscreen {s['app_s']:.3f} s vs bare {s['bare_s']:.3f} s = "
        f"{s['time_ratio']:.2f}x (budget {BUDGET_TIME_RATIO}x)"
    )
    print(
        f"peak memory: nkscreen {s['app_mib']:.0f} MiB vs bare {s['bare_mib']:.0f} MiB = "
        f"{s['memory_ratio']:.2f}x (budget {BUDGET_MEMORY_RATIO}x)"
    )


if __name__ == "__main__":
    main()
