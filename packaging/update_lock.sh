#!/usr/bin/env bash
# Re-resolve packaging/requirements-build.lock: every package the desktop bundle is built from,
# pinned, with the sha256 of every wheel and sdist of that version for every platform (the
# Windows and macOS builds install the same lock). packaging/build.sh installs it with
# `pip install --require-hashes`, so a changed file on the index stops the build.
#
# Usage: packaging/update_lock.sh [uv pip compile options]
#   e.g. --upgrade (newest versions pyproject.toml allows) or --upgrade-package pydantic.
# Without options it keeps the current pins and only adds what is new. Commit the result,
# then rebuild and run `pytest -m frozen` before releasing with it.
#
# The resolver is uv (one exact version, in build/lock-tools): unlike pip-compile it resolves
# for every platform at once (`--universal`), so the Windows-only and macOS-only build
# dependencies of PyInstaller are in the lock too, behind their environment markers.
set -euo pipefail
UV_VERSION=0.13.9

cd "$(dirname "$0")/.."
if [ ! -x build/lock-tools/bin/uv ] || [ "$(build/lock-tools/bin/uv --version | cut -d' ' -f2)" != "$UV_VERSION" ]; then
    rm -rf build/lock-tools
    "${PYTHON:-python3}" -m venv build/lock-tools
    build/lock-tools/bin/python -m pip install -q "uv==$UV_VERSION"
fi
build/lock-tools/bin/uv pip compile pyproject.toml packaging/requirements-build.in \
    --universal --python-version 3.11 --generate-hashes \
    --custom-compile-command packaging/update_lock.sh \
    --output-file packaging/requirements-build.lock "$@"
