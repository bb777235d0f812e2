"""When Qt cannot load its platform plugin, nkscreen names the packages to install.

The end-to-end tests start the app from source in a subprocess with a real xcb plugin that
needs a library no machine has (tests/packaging/helpers.py), or with a plugin name that does
not exist; the wording itself is tested on Qt's own messages, with ldd replaced.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import PySide6
import pytest

from nkscreen.system_libs import install_advice, missing_libraries, parse_ldd_missing
from nkscreen.ui.platform_failure import explain
from nkscreen.ui.platform_guard import EXIT_NO_PLATFORM
from tests.packaging.helpers import broken_xcb_plugin

QT_DIR = Path(PySide6.__file__).resolve().parent / "Qt"
# What Qt 6.11 prints when libxcb-icccm4 is missing (it blames xcb-cursor0 regardless).
QT_SAID_MISSING = [
    "From 6.5.0, xcb-cursor0 or libxcb-cursor0 is needed to load the Qt xcb platform plugin.",
    'Could not load the Qt platform plugin "xcb" in "" even though it was found.',
    "This application failed to start because no Qt platform plugin could be initialized. "
    "Reinstalling the application may fix this problem.\n\n"
    "Available platform plugins are: minimal, offscreen, xcb, wayland.\n",
]
LDD_OUTPUT = """\
\tlinux-vdso.so.1 (0x00007ffd)
\tlibQt6XcbQpa.so.6 => /opt/nkscreen/_internal/libQt6XcbQpa.so.6 (0x00007f)
\tlibxcb-icccm.so.4 => not found
\tlibxcb-keysyms.so.1 => not found
\tlibxcb-icccm.so.4 => not found
"""


def _run_app(env_changes: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    env.update(env_changes)
    return subprocess.run(
        [sys.executable, "-m", "nkscreen", "--data-dir", str(tmp_path / "data")],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_ldd_listing_gives_each_missing_library_once() -> None:
    assert parse_ldd_missing(LDD_OUTPUT) == ["libxcb-icccm.so.4", "libxcb-keysyms.so.1"]


def test_advice_names_the_packages_and_how_to_find_unknown_ones() -> None:
    advice = install_advice(["libxcb-keysyms.so.1", "libxcb-icccm.so.4", "libfoo.so.3"])
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in advice
    assert "apt-file search libfoo.so.3" in advice


def test_missing_libraries_are_named_with_the_apt_command(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"")
    asked = []

    def fake_ldd(path: Path, environ: object) -> list[str]:
        asked.append(path)
        return parse_ldd_missing(LDD_OUTPUT)

    text = explain(QT_SAID_MISSING, plugins, {"DISPLAY": ":0"}, fake_ldd)
    assert asked == [plugins / "platforms" / "libqxcb.so"]
    assert "libxcb-icccm.so.4, libxcb-keysyms.so.1" in text
    assert "sudo apt-get install libxcb-icccm4 libxcb-keysyms1" in text
    assert "xcb-cursor0" not in text  # Qt's misleading advice is gone


def test_no_display_is_told_apart_from_missing_libraries(tmp_path: Path) -> None:
    plugins = tmp_path / "plugins"
    (plugins / "platforms").mkdir(parents=True)
    (plugins / "platforms" / "libqxcb.so").write_bytes(b"")
    said = ["could not connect to display :7", *QT_SAID_MISSING]
    text = explain(said, plugins, {"DISPLAY": ":7"}, lambda path, env: [])
    assert "could not reach a display (DISPLAY=:7)" in text
    assert "nkscreen --smoke" in text
    assert "could not connect to display :7" in text  # Qt's own detail stays
    assert "apt-get" not in text
    assert "xcb-cursor0" not in text


def test_app_names_the_library_its_xcb_plugin_lacks(tmp_path: Path) -> None:
    platforms, missing = broken_xcb_plugin(tmp_path / "qt", QT_DIR)
    assert missing_libraries(platforms / "libqxcb.so") == [missing]
    result = _run_app(
        {"QT_QPA_PLATFORM": "xcb", "QT_QPA_PLATFORM_PLUGIN_PATH": str(platforms)}, tmp_path
    )
    assert result.returncode == EXIT_NO_PLATFORM, result.stderr
    assert f"missing on this computer: {missing}." in result.stderr
    assert f"apt-file search {missing}" in result.stderr
    assert "xcb-cursor0" not in result.stderr
    assert "Reinstalling the application" not in result.stderr


def test_app_names_the_plugins_there_are_for_an_unknown_one(tmp_path: Path) -> None:
    result = _run_app({"QT_QPA_PLATFORM": "nosuchplatform"}, tmp_path)
    assert result.returncode == EXIT_NO_PLATFORM, result.stderr
    assert 'no platform plugin "nosuchplatform" (QT_QPA_PLATFORM=nosuchplatform)' in result.stderr
    assert "offscreen" in result.stderr.split("the plugins there are:", 1)[1]


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="X11 is Linux's")
def test_app_without_a_display_says_so(tmp_path: Path) -> None:
    real_missing = missing_libraries(QT_DIR / "plugins" / "platforms" / "libqxcb.so")
    result = _run_app({"QT_QPA_PLATFORM": "xcb"}, tmp_path)
    assert result.returncode == EXIT_NO_PLATFORM, result.stderr
    if real_missing:  # this machine lacks xcb libraries: that is what must be said
        assert "sudo apt-get install" in result.stderr
    else:
        assert "could not reach a display (DISPLAY and WAYLAND_DISPLAY are not set)" in (
            result.stderr
        )
