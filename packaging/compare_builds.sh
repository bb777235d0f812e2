#!/usr/bin/env bash
# Is the release build reproducible? Compare two builds of the same commit on this machine.
#
# Usage: packaging/compare_builds.sh [DIST_A DIST_B]
#   without arguments: build twice (packaging/build.sh --no-smoke --no-compare into
#                      build/repro/a and build/repro/b, about a minute), then compare
#   DIST_A DIST_B:     compare two existing build outputs (folders with SHA256SUMS)
# Exit 0 when both archives have the same sha256; otherwise 1, after listing every file
# whose content differs (sha256 of each file of both unpacked trees), and any file only one
# tree has. The reasons known so far are in packaging/README-packaging.md ("Reproducible").
set -euo pipefail
cd "$(dirname "$0")/.."

if [ $# = 0 ]; then
    rm -rf build/repro
    for side in a b; do
        echo "== build $side"
        packaging/build.sh --no-smoke --no-compare --dist "build/repro/$side" >"build/repro-$side.log" 2>&1 || {
            tail -20 "build/repro-$side.log" >&2
            exit 2
        }
    done
    set -- build/repro/a build/repro/b
elif [ $# != 2 ]; then
    echo "compare_builds.sh: give two build folders, or none (see the header)" >&2
    exit 2
fi
a=$1 b=$2
sum_a=$(cut -d' ' -f1 "$a/SHA256SUMS")
sum_b=$(cut -d' ' -f1 "$b/SHA256SUMS")
echo "$a: $(cat "$a/SHA256SUMS")"
echo "$b: $(cat "$b/SHA256SUMS")"
if [ "$sum_a" = "$sum_b" ]; then
    echo "reproducible: both archives have sha256 $sum_a"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
listing() {  # listing DIST NAME: "sha256  path" for every file of the unpacked archive
    mkdir -p "$work/$2"
    tar -xzf "$(ls "$1"/nkscreen-*-linux-x86_64.tar.gz)" -C "$work/$2"
    (cd "$work/$2" && find . -type f -print0 | sort -z | xargs -0 sha256sum) >"$work/$2.sums"
}
listing "$a" a
listing "$b" b
echo "not reproducible: the archives differ; files whose content differs:"
join -j 2 <(sort -k2 "$work/a.sums") <(sort -k2 "$work/b.sums") |
    awk '$2 != $3 { print "  " $1 }'
only=$(diff <(awk '{ print $2 }' "$work/a.sums") <(awk '{ print $2 }' "$work/b.sums") |
    sed -n 's/^[<>] /  only in one build: /p')
[ -z "$only" ] || echo "$only"
# Same files, same contents: then only the tar metadata (modes, times, order) differs.
exit 1
