#!/usr/bin/env bash
# Build the nkscreen desktop app into dist/nkscreen/ (PyInstaller, one folder), check it with
# `nkscreen --smoke`, and compare its size with a bare PySide6 app frozen the same way.
#
# Usage: packaging/build.sh [--current] [--no-compare] [--no-smoke]
#   --current     build with the active virtual environment ($VIRTUAL_ENV, or the interpreter
#                 named by PYTHON) instead of build/venv; PyInstaller is installed into it
#   --no-compare  skip the bare PySide6 yardstick build (saves ~20 s)
#   --no-smoke    do not run the frozen app's smoke test
# Environment: PYTHON (default python3) is the interpreter that creates build/venv.
#
# Works on a fresh Debian/Ubuntu machine with python3, python3-venv, binutils (PyInstaller
# reads libraries with objdump), libpython3.X for Debian's own python3, and the runtime
# libraries listed in README.md (PyInstaller imports PySide6 while it builds); everything else
# comes from PyPI. build/ and dist/ are git-ignored: the build venv lives in build/venv.
set -euo pipefail

# One exact PyInstaller: a new release changes hooks, hence what is bundled and the size.
PYINSTALLER_VERSION=6.22.3

cd "$(dirname "$0")/.."
use_current=0 compare=1 smoke=1
for arg in "$@"; do
    case "$arg" in
        --current) use_current=1 ;;
        --no-compare) compare=0 ;;
        --no-smoke) smoke=0 ;;
        -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mib() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

start=$(now)
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null; then
    echo "build.sh: PyInstaller needs objdump on Linux: apt-get install binutils" >&2
    exit 2
fi
if [ "$use_current" = 1 ]; then
    py=${PYTHON:-${VIRTUAL_ENV:+$VIRTUAL_ENV/bin/python}}
    if [ -z "$py" ]; then
        echo "build.sh: --current needs an activated venv or PYTHON=/path/to/venv/bin/python" >&2
        exit 2
    fi
else
    if [ ! -x build/venv/bin/python ]; then
        echo "== creating build/venv"
        "${PYTHON:-python3}" -m venv build/venv
        build/venv/bin/python -m pip install -q --upgrade pip
    fi
    py=build/venv/bin/python
    echo "== installing nkscreen and its dependencies into build/venv"
    "$py" -m pip install -q -e ".[package]"
fi
"$py" -m pip install -q "pyinstaller==$PYINSTALLER_VERSION"
echo "== python: $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
# PyInstaller's Qt hooks import PySide6: fail here, clearly, rather than build a broken app.
if ! "$py" -c 'import PySide6.QtWidgets' 2>/dev/null; then
    "$py" -c 'import PySide6.QtWidgets' || true
    echo "build.sh: PySide6 cannot load; install Qt's system libraries (README.md," \
        "\"Runtime libraries\") and run again" >&2
    exit 1
fi

echo "== building dist/nkscreen (PyInstaller $PYINSTALLER_VERSION, one folder)"
build_start=$(now)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath dist --workpath build/pyinstaller packaging/nkscreen.spec
build_time=$(since "$build_start")

if [ "$smoke" = 1 ]; then
    echo "== smoke test of the frozen app"
    smoke_start=$(now)
    dist/nkscreen/nkscreen --smoke
    echo "frozen --smoke took $(since "$smoke_start") s (wall clock, process start to exit)"
fi

app_size=$(mib dist/nkscreen)
echo
echo "nkscreen bundle: dist/nkscreen  ${app_size} MiB  (built in ${build_time} s)"

if [ "$compare" = 1 ]; then
    echo "== building the bare PySide6 yardstick (packaging/bare_app.py, PyInstaller defaults)"
    rm -rf build/bare
    bare_start=$(now)
    "$py" -m PyInstaller --noconfirm --clean --log-level WARN --onedir --name bare_app \
        --distpath build/bare/dist --workpath build/bare/work --specpath build/bare \
        packaging/bare_app.py
    bare_time=$(since "$bare_start")
    bare_size=$(mib build/bare/dist/bare_app)
    run_start=$(now)
    build/bare/dist/bare_app/bare_app --smoke
    bare_run=$(since "$run_start")
    echo
    echo "bare PySide6 bundle: build/bare/dist/bare_app  ${bare_size} MiB  (built in ${bare_time} s, starts and quits in ${bare_run} s)"
    awk -v a="$app_size" -v b="$bare_size" \
        'BEGIN { printf "nkscreen - bare = %+.1f MiB (%.0f%% of the bare bundle)\n", a - b, 100 * a / b }'
fi
echo "total $(since "$start") s"
