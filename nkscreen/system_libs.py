"""Which system libraries a Qt plugin lacks on this Linux machine, and the packages to install.

Qt opens its platform plugin (xcb on X11, wayland) with dlopen when the app starts. When a
system library of the plugin is missing, Qt aborts with a message that names the wrong
package (it suggests xcb-cursor0 whatever is missing), and a PyInstaller build on such a
machine silently leaves the library out of the bundle. Both the build
(``packaging/nkscreen.spec``) and the app (``nkscreen.ui.platform_guard``) ask ``ldd``
instead and name the Debian/Ubuntu packages to install. Qt-free: the spec runs it before
anything imports Qt, and the app only imports it once Qt has failed.
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterable, Mapping
from pathlib import Path

#: Shared library (soname) -> the Debian 12 / Ubuntu 22.04+ package that provides it: the
#: libraries Qt's xcb and Wayland plugins, QtGui and the kept plugins link.
PACKAGES: dict[str, str] = {
    "libxcb.so.1": "libxcb1",
    "libxcb-cursor.so.0": "libxcb-cursor0",
    "libxcb-icccm.so.4": "libxcb-icccm4",
    "libxcb-keysyms.so.1": "libxcb-keysyms1",
    "libxcb-image.so.0": "libxcb-image0",
    "libxcb-render-util.so.0": "libxcb-render-util0",
    "libxcb-render.so.0": "libxcb-render0",
    "libxcb-randr.so.0": "libxcb-randr0",
    "libxcb-shape.so.0": "libxcb-shape0",
    "libxcb-shm.so.0": "libxcb-shm0",
    "libxcb-sync.so.1": "libxcb-sync1",
    "libxcb-util.so.1": "libxcb-util1",
    "libxcb-xfixes.so.0": "libxcb-xfixes0",
    "libxcb-xkb.so.1": "libxcb-xkb1",
    "libxcb-glx.so.0": "libxcb-glx0",
    "libxcb-xinput.so.0": "libxcb-xinput0",
    "libX11-xcb.so.1": "libx11-xcb1",
    "libX11.so.6": "libx11-6",
    "libSM.so.6": "libsm6",
    "libICE.so.6": "libice6",
    "libxkbcommon.so.0": "libxkbcommon0",
    "libxkbcommon-x11.so.0": "libxkbcommon-x11-0",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libdrm.so.2": "libdrm2",
    "libfontconfig.so.1": "libfontconfig1",
    "libfreetype.so.6": "libfreetype6",
    "libharfbuzz.so.0": "libharfbuzz0b",
    "libdbus-1.so.3": "libdbus-1-3",
    "libglib-2.0.so.0": "libglib2.0-0",
    "libgobject-2.0.so.0": "libglib2.0-0",
    "libgio-2.0.so.0": "libglib2.0-0",
    "libgthread-2.0.so.0": "libglib2.0-0",
    "libcups.so.2": "libcups2",
    "libzstd.so.1": "libzstd1",
    "libz.so.1": "zlib1g",
    "libstdc++.so.6": "libstdc++6",
}


class LddUnavailableError(RuntimeError):
    """``ldd`` is not on this machine (it comes with glibc: libc-bin on Debian)."""


def missing_libraries(binary: Path, env: Mapping[str, str] | None = None) -> list[str]:
    """The sonames the dynamic linker cannot find for ``binary``, in ldd's order, once each.

    ``env`` is the environment ldd runs in (LD_LIBRARY_PATH decides what is found, as it does
    for the process that loads the library).
    """
    ldd = shutil.which("ldd")
    if ldd is None:
        raise LddUnavailableError("ldd is not installed (Debian/Ubuntu package libc-bin)")
    result = subprocess.run(
        [ldd, str(binary)], capture_output=True, text=True, env=env, check=False
    )
    return parse_ldd_missing(result.stdout)


def parse_ldd_missing(ldd_output: str) -> list[str]:
    """The ``libfoo.so.1 => not found`` names of an ldd listing."""
    missing: list[str] = []
    for line in ldd_output.splitlines():
        name, arrow, where = line.strip().partition(" => ")
        if arrow and where.strip() == "not found" and name not in missing:
            missing.append(name)
    return missing


def apt_command(sonames: Iterable[str]) -> str:
    """``sudo apt-get install ...`` for the packages providing ``sonames`` (known ones)."""
    packages = sorted({PACKAGES[name] for name in sonames if name in PACKAGES})
    return "sudo apt-get install " + " ".join(packages) if packages else ""


def install_advice(sonames: Iterable[str]) -> str:
    """What to install, as lines for a person: the apt command, then any library without a
    known package (with the command that finds its package)."""
    names = list(sonames)
    lines = []
    command = apt_command(names)
    if command:
        lines.append(f"    {command}")
    unknown = [name for name in names if name not in PACKAGES]
    for name in unknown:
        lines.append(f"    (find the package that provides {name}: apt-file search {name})")
    return "\n".join(lines)
