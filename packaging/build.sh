#!/usr/bin/env bash
# Build the nkscreen desktop app and its release archive:
#   dist/nkscreen/                               the app folder (PyInstaller, one folder)
#   dist/nkscreen-VERSION-linux-x86_64.tar.gz    that folder as nkscreen-VERSION/
#   dist/SHA256SUMS                              its checksum (check: sha256sum -c SHA256SUMS)
# The folder holds the app, LICENSES/, build-info.json, install.sh and nkscreen.desktop.
#
# Usage: packaging/build.sh [--current] [--no-compare] [--no-smoke] [--dist DIR]
#   --current     build with the active virtual environment ($VIRTUAL_ENV, or the interpreter
#                 named by PYTHON) instead of the locked build/venv; quicker while working,
#                 and build-info.json says so ("unlocked")
#   --no-compare  skip the bare PySide6 yardstick build (saves ~20 s)
#   --no-smoke    do not run the frozen app's smoke test
#   --dist DIR    write into DIR instead of dist/ (packaging/compare_builds.sh)
# Environment: PYTHON (default python3) creates build/venv; SOURCE_DATE_EPOCH (default: the
# time of the commit built) is the build date and every time stamp in the archive.
#
# build/venv holds exactly packaging/requirements-build.lock, installed with --require-hashes
# (a wheel that differs from the one locked stops the build); it is made again whenever the
# lock or the Python changes. Two builds of one commit on one machine give the same archive
# (see packaging/README-packaging.md, "Reproducible").
#
# Works on a fresh Debian/Ubuntu machine with python3, python3-venv, binutils (PyInstaller
# reads and strips libraries with objdump and strip), libpython3.X for Debian's own python3,
# and the runtime libraries listed in README.md, including the xcb ones: the spec stops the
# build, naming the apt-get command, when a library the X11 plugin needs is missing.
set -euo pipefail
umask 022

cd "$(dirname "$0")/.."
use_current=0 compare=1 smoke=1 dist=dist
while [ $# -gt 0 ]; do
    case "$1" in
        --current) use_current=1 ;;
        --no-compare) compare=0 ;;
        --no-smoke) smoke=0 ;;
        --dist) dist=${2:?--dist needs a folder}; shift ;;
        -h|--help) sed -n '2,26p' "$0"; exit 0 ;;
        *) echo "build.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
    esac
    shift
done
lock=packaging/requirements-build.lock

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
mib() { du -sb "$1" | awk '{ printf "%.1f", $1 / 1048576 }'; }

start=$(now)
if [ "$(uname -s)" = Linux ] && ! command -v objdump >/dev/null; then
    echo "build.sh: PyInstaller needs objdump and strip on Linux: apt-get install binutils" >&2
    exit 2
fi
version=$(sed -n 's/^__version__ = "\(.*\)"$/\1/p' nkscreen/__init__.py)
commit=$(git rev-parse HEAD 2>/dev/null || echo unknown)
dirty=()
if [ "$commit" != unknown ] && [ -n "$(git status --porcelain --untracked-files=no)" ]; then
    dirty=(--dirty)
fi
if [ -z "${SOURCE_DATE_EPOCH:-}" ]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null) || {
        echo "build.sh: not a git checkout: set SOURCE_DATE_EPOCH (seconds since 1970)" >&2
        exit 2
    }
fi
# The same seed for every build: PyInstaller marshals sets, whose order follows string hashes.
export SOURCE_DATE_EPOCH PYTHONHASHSEED=0

if [ "$use_current" = 1 ]; then
    py=${PYTHON:-${VIRTUAL_ENV:+$VIRTUAL_ENV/bin/python}}
    if [ -z "$py" ]; then
        echo "build.sh: --current needs an activated venv or PYTHON=/path/to/venv/bin/python" >&2
        exit 2
    fi
    pin=$(sed -n 's/^pyinstaller==\([^ ]*\).*/\1/p' "$lock")
    "$py" -m pip install -q "pyinstaller==$pin"
    how=(--unlocked)
else
    base_python=${PYTHON:-python3}
    stamp="$(sha256sum "$lock" | cut -c1-64) $("$base_python" -c 'import sys; print(sys.version)')"
    if [ ! -x build/venv/bin/python ] || [ "$(cat build/venv/.lock-stamp 2>/dev/null)" != "$stamp" ]; then
        echo "== creating build/venv from $lock (pip install --require-hashes)"
        venv_start=$(now)
        rm -rf build/venv
        "$base_python" -m venv build/venv
        build/venv/bin/python -m pip install -q --require-hashes --no-deps --only-binary :all: \
            -r "$lock"
        echo "$stamp" >build/venv/.lock-stamp
        echo "build/venv made in $(since "$venv_start") s"
    fi
    py=build/venv/bin/python
    how=(--locked "$lock")
fi
echo "== python: $("$py" -c 'import sys; print(sys.executable, sys.version.split()[0])')"
# PyInstaller's Qt hooks import PySide6: fail here, clearly, rather than build a broken app.
if ! "$py" -c 'import PySide6.QtWidgets' 2>/dev/null; then
    "$py" -c 'import PySide6.QtWidgets' || true
    echo "build.sh: PySide6 cannot load; install Qt's system libraries (README.md," \
        "\"Runtime libraries\") and run again" >&2
    exit 1
fi

app=$dist/nkscreen
echo "== building $app (PyInstaller, one folder, commit ${commit:0:12}${dirty:+ with local changes})"
build_start=$(now)
"$py" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath build/pyinstaller packaging/nkscreen.spec
build_time=$(since "$build_start")

echo "== LICENSES/, build-info.json, install.sh"
"$py" packaging/collect_licenses.py build/pyinstaller/nkscreen/bundle-manifest.json "$app"
"$py" packaging/build_info.py "$app" --version "$version" --commit "$commit" "${dirty[@]}" \
    "${how[@]}"
install -m 755 packaging/install.sh "$app/install.sh"
install -m 644 packaging/nkscreen.desktop "$app/nkscreen.desktop"

echo "== archive"
name=nkscreen-$version
archive=$name-linux-x86_64.tar.gz
rm -f "$dist"/nkscreen-*-linux-x86_64.tar.gz "$dist/SHA256SUMS"
# Same bytes from the same files: names sorted, one time stamp, no owners, fixed modes,
# gzip without the name and time of its input.
tar --sort=name --format=gnu --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 \
    --numeric-owner --mode='u+rw,go-w,go+rX' --transform "s,^nkscreen,$name,S" \
    -C "$dist" -cf - nkscreen | gzip -n >"$dist/$archive"
(cd "$dist" && sha256sum "$archive" >SHA256SUMS)
echo "$(cat "$dist/SHA256SUMS")"

if [ "$smoke" = 1 ]; then
    echo "== smoke test of the frozen app"
    smoke_start=$(now)
    "$app/nkscreen" --smoke
    echo "frozen --smoke took $(since "$smoke_start") s (wall clock, process start to exit)"
fi

app_size=$(mib "$app")
echo
echo "nkscreen bundle: $app  ${app_size} MiB  (PyInstaller ${build_time} s)"
echo "release archive: $dist/$archive  $(mib "$dist/$archive") MiB"

if [ "$compare" = 1 ]; then
    echo "== building the bare PySide6 yardstick (packaging/bare_app.py, PyInstaller defaults, stripped)"
    rm -rf build/bare
    bare_start=$(now)
    strip_bare=()
    [ "$(uname -s)" != Linux ] || strip_bare=(--strip)  # stripped like nkscreen's bundle
    "$py" -m PyInstaller --noconfirm --clean --log-level WARN --onedir --name bare_app \
        "${strip_bare[@]}" \
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
