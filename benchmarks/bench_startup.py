"""Start-up as the user waits for it: spawn to first frame, and spawn to *ready*.

*Ready* is the app's ``NKSCREEN_STARTUP_PROBE=ready`` point: window shown, menus built, the
records list filled, and a new screening open with its first field focused, accepting
keystrokes (``nkscreen/ui/app.py``). The baseline is a bare PySide6 QApplication + QMainWindow
started the same way, whose first frame is all there is to wait for.

Each run is a fresh process; the parent timestamps the probe lines as they arrive and reads
the *whole process's* peak memory from the kernel when it exits (``wait4`` rusage), so nothing
the app loads after a report line escapes the figure. Runs alternate nkscreen / bare so machine
noise hits both alike (every other pair starts with the bare app). Each ratio is the median of
the pairs' own ratios (at least 11 pairs): this shared machine's speed drifts within a run (the
bare app's time moved from 0.10 to 0.18 s in one series), and a pair's two runs, back to back,
see the same machine. The times printed beside are the medians of each series. "First frame" is
reported once the window is drawn (both apps handle their first paint before reporting it).

    python benchmarks/bench_startup.py              # the installed app (this venv)
    python benchmarks/bench_startup.py --frozen     # also dist/nkscreen vs build/bare (build.sh)
    python benchmarks/bench_startup.py --site       # on a site's folder, not a fresh one
    python benchmarks/bench_startup.py --lang zh_CN # the window in Chinese (NKSCREEN_LANG)

A fresh data folder is the first start; ``--site`` starts on a copy of the folder
:mod:`benchmarks.demo_site` makes (settings file, signed trusted signers list, signed
records), as a site starts every day (its records index is warm after the warm-up run). The app
finds its data, settings and log folders itself, as at a user's start (on Linux the XDG
variables put them in a temporary folder; see :func:`user_folders`).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BUDGET_READY_RATIO = 2.0
BUDGET_MEMORY_RATIO = 1.6
MIN_PAIRS = 11
FROZEN_APP = ROOT / "dist" / "nkscreen" / "nkscreen"
FROZEN_BARE = ROOT / "build" / "bare" / "dist" / "bare_app" / "bare_app"


@dataclass
class Run:
    first_frame_s: float
    ready_s: float
    peak_mib: float


@dataclass
class Series:
    name: str
    runs: list[Run] = field(default_factory=list)

    def median(self, what: str) -> float:
        return statistics.median(getattr(r, what) for r in self.runs)

    def spread(self, what: str) -> tuple[float, float]:
        values = [getattr(r, what) for r in self.runs]
        return min(values), max(values)


def run_once(command: list[str], env: dict[str, str]) -> Run:
    """One process from spawn to exit: when each probe line came, and its peak memory."""
    # Qt's notes go to a file, not a pipe (a full pipe would block the app); shown on failure.
    with tempfile.TemporaryFile("w+") as errors:
        start = time.perf_counter()
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=errors, text=True, env=env
        )
        assert process.stdout is not None
        shown = ready = None
        for line in process.stdout:
            now = time.perf_counter() - start
            if line.startswith("startup-probe shown"):
                shown = now
            elif line.startswith("startup-probe ready"):
                ready = now
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
        if shown is None or process.returncode != 0:
            errors.seek(0)
            raise RuntimeError(f"{command} exited {process.returncode}:\n{errors.read()}")
    # The bare app has nothing to load after its first frame: ready is its first frame.
    return Run(shown, ready if ready is not None else shown, usage.ru_maxrss / 1024)


def measure(
    app: list[str],
    bare: list[str],
    pairs: int = MIN_PAIRS,
    env: dict[str, str] | None = None,
    *,
    site: bool = False,
) -> tuple[Series, Series]:
    """``pairs`` alternating runs of the app (probe: ready) and the bare app (probe: shown);
    ``site``: on a site's data folder (:mod:`benchmarks.demo_site`) instead of a fresh one."""
    with tempfile.TemporaryDirectory() as home:
        base = dict(env or os.environ, QT_QPA_PLATFORM="offscreen")
        data, config = user_folders(base, Path(home))
        if site:
            if str(ROOT) not in sys.path:  # run as a script
                sys.path.insert(0, str(ROOT))
            from benchmarks import demo_site

            demo_site.build(data)
            if config != data:
                config.mkdir(parents=True, exist_ok=True)
                (data / "settings.json").replace(config / "settings.json")
        # An installed app has its bytecode (pip compiles it; the warm-up run writes it for an
        # editable install): a shell that forbids writing it would time compiling instead.
        base.pop("PYTHONDONTWRITEBYTECODE", None)
        app_env = dict(base, NKSCREEN_STARTUP_PROBE="ready")
        bare_env = dict(base, NKSCREEN_STARTUP_PROBE="shown")
        run_once(app, app_env)  # warm the file cache once for each
        run_once(bare, bare_env)
        series = Series("nkscreen"), Series("bare")
        for i in range(pairs):
            # Every other pair starts with the bare app: neither always runs right after the
            # other.
            if i % 2:
                bare_run = run_once(bare, bare_env)
                app_run = run_once(app, app_env)
            else:
                app_run = run_once(app, app_env)
                bare_run = run_once(bare, bare_env)
            series[0].runs.append(app_run)
            series[1].runs.append(bare_run)
    return series


def user_folders(env: dict[str, str], home: Path) -> tuple[Path, Path]:
    """Point ``env`` at a user's own folders, made inside ``home``: the data, settings and log
    folders nkscreen finds as it does at a user's start (platformdirs, on the XDG variables
    here), not ones given to it. Returns the data folder and the settings folder. Windows and
    macOS take their folders from the system, not the environment: there the data and settings
    go to ``home`` through nkscreen's own variables."""
    for name in ("NKSCREEN_DATA_DIR", "NKSCREEN_CONFIG_DIR", "NKSCREEN_LOG_DIR"):
        env.pop(name, None)
    if sys.platform.startswith(("win", "darwin")):
        env.update(NKSCREEN_DATA_DIR=str(home), NKSCREEN_CONFIG_DIR=str(home))
        return home, home
    for name, sub in (("XDG_DATA_HOME", "data"), ("XDG_CONFIG_HOME", "config")):
        env[name] = str(home / sub)
    env["XDG_STATE_HOME"] = str(home / "state")  # the log
    return home / "data" / "nkscreen", home / "config" / "nkscreen"


def installed_commands() -> tuple[list[str], list[str]]:
    """The app as the README's quick start starts it: the ``nkscreen`` command pip put beside
    the interpreter (``python -m nkscreen`` only where there is none: it also loads runpy)."""
    script = Path(sys.executable).with_name("nkscreen.exe" if os.name == "nt" else "nkscreen")
    app = [str(script)] if script.is_file() else [sys.executable, "-m", "nkscreen"]
    return app, [sys.executable, str(HERE / "bare_app_probe.py")]


def frozen_commands() -> tuple[list[str], list[str]] | None:
    if FROZEN_APP.is_file() and FROZEN_BARE.is_file():
        return [str(FROZEN_APP)], [str(FROZEN_BARE)]
    return None


@dataclass
class Figures:
    label: str
    app: Series
    bare: Series

    def paired_ratio(self, what: str, bare_what: str) -> float:
        """The median of each pair's app / bare ratio."""
        return statistics.median(
            getattr(a, what) / getattr(b, bare_what)
            for a, b in zip(self.app.runs, self.bare.runs, strict=True)
        )

    @property
    def first_frame_ratio(self) -> float:
        return self.paired_ratio("first_frame_s", "first_frame_s")

    @property
    def ready_ratio(self) -> float:
        return self.paired_ratio("ready_s", "first_frame_s")

    @property
    def memory_ratio(self) -> float:
        return self.paired_ratio("peak_mib", "peak_mib")

    def lines(self) -> list[str]:
        a, b = self.app, self.bare
        bare_s, bare_m = b.median("first_frame_s"), b.median("peak_mib")
        return [
            f"{self.label}: first frame {a.median('first_frame_s'):.3f} s, bare {bare_s:.3f} s:"
            f" {self.first_frame_ratio:.2f}x",
            f"{self.label}: ready {a.median('ready_s'):.3f} s, bare {bare_s:.3f} s: "
            f"{self.ready_ratio:.2f}x (budget {BUDGET_READY_RATIO}x)",
            f"{self.label}: whole-process peak memory {a.median('peak_mib'):.0f} MiB, bare "
            f"{bare_m:.0f} MiB: {self.memory_ratio:.2f}x (budget {BUDGET_MEMORY_RATIO}x)",
            f"{self.label}: {len(a.runs)} pairs; times are medians, each ratio the median of the "
            "pairs' own ratios",
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=MIN_PAIRS)
    parser.add_argument(
        "--frozen", action="store_true", help="also the PyInstaller app (packaging/build.sh)"
    )
    parser.add_argument(
        "--site", action="store_true", help="on a site's data folder (benchmarks/demo_site.py)"
    )
    parser.add_argument(
        "--lang", default="", help="the app's language (NKSCREEN_LANG), e.g. zh_CN; default: as set"
    )
    args = parser.parse_args(argv)
    pairs = max(args.pairs, MIN_PAIRS)
    label = ("site: " if args.site else "") + (f"{args.lang}: " if args.lang else "")
    env = dict(os.environ, NKSCREEN_LANG=args.lang) if args.lang else None
    figures = [
        Figures(
            f"{label}installed",
            *measure(*installed_commands(), pairs=pairs, env=env, site=args.site),
        )
    ]
    if args.frozen:
        frozen = frozen_commands()
        if frozen is None:
            print(f"no frozen build: run packaging/build.sh ({FROZEN_APP}, {FROZEN_BARE})")
            return 2
        figures.append(
            Figures(f"{label}frozen", *measure(*frozen, pairs=pairs, env=env, site=args.site))
        )
    for f in figures:
        print("\n".join(f.lines()))
    over = [
        f.label
        for f in figures
        if f.ready_ratio > BUDGET_READY_RATIO or f.memory_ratio > BUDGET_MEMORY_RATIO
    ]
    return 1 if over else 0


if __name__ == "__main__":
    raise SystemExit(main())
