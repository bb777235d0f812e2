"""What the release build starts from: the lock file and the platform icons."""

from __future__ import annotations

import re
import struct
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
LOCK = ROOT / "packaging" / "requirements-build.lock"


def _locked() -> dict[str, tuple[str, list[str]]]:
    """name -> (version, sha256 hashes) from the lock (pip's requirements format)."""
    text = LOCK.read_text("utf-8").replace("\\\n", " ")
    locked = {}
    for line in text.splitlines():
        if not line or line.lstrip().startswith("#"):
            continue
        match = re.match(r"([A-Za-z0-9._-]+)==([^\s;]+)", line)
        assert match, f"not pinned with ==: {line}"
        locked[match.group(1).lower()] = (
            match.group(2),
            re.findall(r"--hash=sha256:([0-9a-f]{64})", line),
        )
    return locked


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~\[; ]", requirement, maxsplit=1)[0].lower().replace("_", "-")


def test_every_locked_package_is_pinned_with_hashes() -> None:
    locked = _locked()
    assert locked
    assert [name for name, (_v, hashes) in locked.items() if not hashes] == []


def test_lock_covers_the_app_dependencies_and_pins_pyinstaller() -> None:
    locked = _locked()
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    assert [d for d in project["dependencies"] if _name(d) not in locked] == []
    wanted = (ROOT / "packaging" / "requirements-build.in").read_text("utf-8")
    for pin in re.findall(r"^([a-z0-9-]+)==(\S+)$", wanted, re.MULTILINE):
        assert locked[pin[0]][0] == pin[1], pin
    # PyInstaller's Windows and macOS dependencies are locked too, behind their markers.
    assert {"pefile", "pywin32-ctypes", "macholib"} <= set(locked)


def test_icns_holds_every_macos_size_as_png() -> None:
    data = (ROOT / "resources" / "icons" / "nkscreen.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    sizes, offset = {}, 8
    while offset < len(data):
        kind, length = (
            data[offset : offset + 4],
            struct.unpack(">I", data[offset + 4 : offset + 8])[0],
        )
        png = data[offset + 8 : offset + length]
        assert png[:8] == b"\x89PNG\r\n\x1a\n", kind
        sizes[kind.decode()] = struct.unpack(">II", png[16:24])  # IHDR width, height
        offset += length
    assert sizes == {
        "icp4": (16, 16),
        "icp5": (32, 32),
        "icp6": (64, 64),
        "ic07": (128, 128),
        "ic08": (256, 256),
        "ic09": (512, 512),
        "ic10": (1024, 1024),
        "ic11": (32, 32),
        "ic12": (64, 64),
        "ic13": (256, 256),
        "ic14": (512, 512),
    }
