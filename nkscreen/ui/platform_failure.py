"""The message for a person when Qt could not load any platform plugin (see platform_guard).

Qt-free and without side effects, so the wording is tested with plain strings: Qt's messages
in, the text to print out. Three causes, told apart in this order:

- a plugin Qt found but could not load lacks system libraries (``ldd`` says which):
  name them and the ``apt-get install`` command;
- a plugin that loads but found no display (DISPLAY / WAYLAND_DISPLAY unset or unreachable):
  say so, and point to ``nkscreen --smoke`` which needs none;
- a plugin asked for by name that does not exist (QT_QPA_PLATFORM): name the ones there are.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from nkscreen.system_libs import LddUnavailableError, install_advice, missing_libraries

_NOT_LOADED = re.compile(r'Could not load the Qt platform plugin "([^"]+)"')
_NOT_FOUND = re.compile(r'Could not find the Qt platform plugin "([^"]+)"')
_AVAILABLE = re.compile(r"Available platform plugins are: ([^\n]*?)\.?\s*$", re.MULTILINE)

MissingFinder = Callable[[Path, Mapping[str, str]], list[str]]


def plugin_file(plugins_dir: Path, environ: Mapping[str, str], name: str) -> Path | None:
    """The library of platform plugin ``name`` where Qt looks for it: QT_QPA_PLATFORM_PLUGIN_PATH,
    then each QT_PLUGIN_PATH folder, then Qt's own plugins folder (``wayland-egl`` lives in
    libqwayland.so)."""
    base = name.split("-", 1)[0]
    suffix = {"win32": ".dll", "darwin": ".dylib"}.get(sys.platform, ".so")
    filename = f"{'' if sys.platform == 'win32' else 'lib'}q{base}{suffix}"
    folders = (
        [Path(environ["QT_QPA_PLATFORM_PLUGIN_PATH"])]
        if environ.get("QT_QPA_PLATFORM_PLUGIN_PATH")
        else []
    )
    folders += [
        Path(entry) / "platforms"
        for entry in environ.get("QT_PLUGIN_PATH", "").split(os.pathsep)
        if entry
    ]
    folders.append(plugins_dir / "platforms")
    return next((f / filename for f in folders if (f / filename).is_file()), None)


def explain(
    qt_messages: list[str],
    plugins_dir: str | Path,
    environ: Mapping[str, str],
    find_missing: MissingFinder = missing_libraries,
) -> str:
    """What went wrong and what to do, from what Qt said while it failed to start."""
    text = "\n".join(qt_messages)
    not_loaded = list(dict.fromkeys(_NOT_LOADED.findall(text)))
    not_found = list(dict.fromkeys(_NOT_FOUND.findall(text)))
    head = "nkscreen cannot open its window:"
    for name in not_loaded:
        path = plugin_file(Path(plugins_dir), environ, name)
        try:
            missing = find_missing(path, environ) if path is not None else []
        except LddUnavailableError as exc:
            return f'{head} Qt could not load its "{name}" platform plugin, and {exc}.'
        if missing:
            return (
                f'{head} Qt\'s "{name}" platform plugin needs system libraries that are '
                f"missing on this computer: {', '.join(missing)}.\n"
                "Install them (as an administrator), then start nkscreen again:\n"
                f"{install_advice(missing)}"
            )
    if not_loaded:
        return (
            f'{head} Qt\'s "{not_loaded[0]}" platform plugin could not reach a display '
            f"({_display(environ)}).\n"
            "Start nkscreen from a desktop session. `nkscreen --smoke` checks this "
            "installation without a display.\n"
            "Qt said:\n" + _indent(qt_messages)
        )
    if not_found:
        available = _AVAILABLE.search(text)
        there = available.group(1) if available else "none"
        setting = environ.get("QT_QPA_PLATFORM", "")
        return (
            f'{head} Qt has no platform plugin "{not_found[0]}" (QT_QPA_PLATFORM={setting}); '
            f"the plugins there are: {there}.\n"
            "Unset QT_QPA_PLATFORM, or set it to one of them."
        )
    return f"{head} Qt could not start a platform plugin.\nQt said:\n" + _indent(qt_messages)


def _display(environ: Mapping[str, str]) -> str:
    shown = [f"{var}={environ[var]}" for var in ("DISPLAY", "WAYLAND_DISPLAY") if environ.get(var)]
    return ", ".join(shown) if shown else "DISPLAY and WAYLAND_DISPLAY are not set"


#: Qt says this whenever the xcb plugin fails, whatever the cause: left out once ldd has
#: found nothing missing, since it would send people after the wrong package.
_MISLEADING = "xcb-cursor0 or libxcb-cursor0 is needed"


def _indent(messages: list[str]) -> str:
    lines = [line for text in messages for line in text.strip().splitlines()]
    return "\n".join(f"    {line}" for line in lines if line.strip() and _MISLEADING not in line)
