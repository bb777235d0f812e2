"""Write ``LICENSES/`` into the built app folder: nkscreen's licence and a third-party notice.

Run by ``packaging/build.sh`` with the build venv's Python, after PyInstaller, as
``collect_licenses.py MANIFEST BUNDLE``. ``MANIFEST`` is the list the spec writes of every
bundled file with the file it was copied from; the source path tells whose file it is:

- under the repository: nkscreen itself, or a bundled font (DejaVu, the Noto Sans CJK SC
  subset: each with its own licence file);
- listed in a wheel's RECORD (the build venv): that distribution, with the licence files its
  metadata names (``License-File``), the components its SBOMs list, and, for the wheels that
  ship no licence file, the standard text (``packaging/licenses/``) of the licence they name;
- the Python installation: Python's LICENSE.txt;
- anything else (libraries PyInstaller copied from the build machine): the Debian package
  that owns it (``dpkg -S``) and that package's ``/usr/share/doc/<package>/copyright``.

A bundled file that fits none of these stops the build: nothing ships unattributed. The
output is sorted and carries no time stamp, so two builds write the same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata as md
import json
import re
import subprocess
import sys
import sysconfig
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
LICENSE_TEXTS = ROOT / "packaging" / "licenses"

#: Wheels whose metadata names a licence but that ship no licence file: the licence nkscreen
#: takes them under, and its standard texts (packaging/licenses/, copied from Debian's
#: /usr/share/common-licenses). PySide6 and shiboken6 are offered under LGPL-3.0 or GPL;
#: nkscreen uses them under the LGPL-3.0, which is the GPL-3.0 plus additional permissions,
#: so both texts go along.
LICENCE_WITHOUT_FILE: dict[str, tuple[str, tuple[str, ...]]] = {
    "pyside6-essentials": ("LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    "shiboken6": ("LGPL-3.0-only", ("LGPL-3.0.txt", "GPL-3.0.txt")),
    "rfc8785": ("Apache-2.0", ("Apache-2.0.txt",)),
}

LGPL_NOTE = """\
Qt and PySide6: the LGPL and replacing the Qt libraries
-------------------------------------------------------
nkscreen uses Qt {qt} through PySide6 {pyside} (Python bindings, with shiboken6) under the
GNU Lesser General Public License version 3 (texts below). nkscreen does not modify them.
They are separate shared libraries in this folder, loaded when the app starts:

    _internal/PySide6/Qt/lib/libQt6*.so.6     Qt (also linked as _internal/libQt6*.so.6)
    _internal/PySide6/Qt/plugins/             Qt plugins
    _internal/PySide6/*.abi3.so, _internal/libpyside6.abi3.so.*,
    _internal/shiboken6/, _internal/libshiboken6.abi3.so.*   PySide6 and shiboken6

You may replace them with your own, modified or not, build of the same versions: put your
files in place of these (same names) and start nkscreen. A different Qt minor version needs
PySide6 built against it as well. The source code of Qt {qt} is published by the Qt Project
(download.qt.io, archive/qt/{qt_minor}/{qt}/single/), PySide6's in the pyside-setup
repository (code.qt.io/pyside/pyside-setup, tag v{pyside}). On request, the nkscreen authors
provide the source code of the exact versions shipped here.
"""


@dataclass
class Component:
    """One licensor's part of the bundle, with the texts that must travel with it."""

    key: str
    title: str
    licence: str
    texts: list[tuple[str, str]] = field(default_factory=list)  # (label, text)
    notes: list[str] = field(default_factory=list)
    files: set[str] = field(default_factory=set)  # bundled binaries (not every module)


class UnattributedError(RuntimeError):
    """A bundled file whose origin, hence licence, is unknown."""


def _read(path: Path) -> str:
    return path.read_text("utf-8", errors="replace").rstrip() + "\n"


class Attributor:
    """Maps a bundled file's source path to its component, building components on demand."""

    def __init__(self) -> None:
        self.components: dict[str, Component] = {}
        self._by_file: dict[Path, md.Distribution] = {}
        for dist in md.distributions():
            for entry in dist.files or []:
                self._by_file[Path(str(dist.locate_file(entry))).resolve()] = dist
        # The base installation's standard library (in a venv, "platstdlib" is the venv's).
        base = {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}
        paths = sysconfig.get_paths(vars=base)
        self._python_dirs = sorted({Path(paths[k]).resolve() for k in ("stdlib", "platstdlib")})
        self._python_lib = Path(sysconfig.get_config_var("LIBDIR") or "/nonexistent").resolve()
        self.debian_owners: dict[Path, str] = {}  # filled by main() in one dpkg call

    # -- the components -------------------------------------------------------------------

    def _get(self, key: str, title: str, licence: str) -> Component:
        if key not in self.components:
            self.components[key] = Component(key=key, title=title, licence=licence)
        return self.components[key]

    def nkscreen(self) -> Component:
        comp = self._get("0-nkscreen", "nkscreen", "Proprietary")
        if not comp.texts:
            comp.texts.append(("LICENSE", _read(ROOT / "LICENSE")))
        return comp

    def python(self) -> Component:
        version = ".".join(str(n) for n in sys.version_info[:3])
        comp = self._get("1-python", f"Python {version}", "PSF-2.0")
        if not comp.texts:
            candidates = [d / "LICENSE.txt" for d in self._python_dirs]
            candidates.append(
                Path(f"/usr/share/doc/python{sys.version_info[0]}.{sys.version_info[1]}/copyright")
            )
            found = next((p for p in candidates if p.is_file()), None)
            if found is None:
                raise UnattributedError(f"Python's licence is not in any of {candidates}")
            comp.texts.append((str(found), _read(found)))
        return comp

    def bootloader(self) -> Component:
        dist = md.distribution("pyinstaller")
        comp = self._wheel(dist)
        comp.notes.append(
            "Only PyInstaller's bootloader ships (the `nkscreen` executable); its licence "
            "allows distributing it with programs under any licence (the exception in COPYING)."
        )
        comp.files.add("nkscreen")
        return comp

    def _wheel(self, dist: md.Distribution) -> Component:
        name = dist.metadata["Name"]
        normal = _normal(dist)
        key = f"3-{normal}"
        if key in self.components:
            return self.components[key]
        meta = dist.metadata
        licence = meta["License-Expression"] or meta["License"] or ""
        comp = self._get(key, f"{name} {dist.version} (Python package)", licence)
        for entry in dist.metadata.get_all("License-File") or []:
            text = dist.read_text(f"licenses/{entry}") or dist.read_text(entry)
            if text is None:
                raise UnattributedError(f"{name}: its metadata names {entry}, which is missing")
            comp.texts.append((entry, text.rstrip() + "\n"))
        if not comp.texts:
            if normal not in LICENCE_WITHOUT_FILE:
                raise UnattributedError(
                    f"{name} {dist.version} ships no licence file: add it to "
                    "LICENCE_WITHOUT_FILE in packaging/collect_licenses.py"
                )
            spdx, texts = LICENCE_WITHOUT_FILE[normal]
            comp.licence = f"{spdx} (metadata: {licence or 'classifiers only'})"
            comp.notes.append(
                f"The wheel ships no licence file; the standard text of {spdx} follows."
            )
            comp.texts.extend((f"{t} (standard text)", _read(LICENSE_TEXTS / t)) for t in texts)
        comp.notes.extend(_sbom_notes(dist))
        return comp

    def _icu(self, version: str) -> Component:
        comp = self._get("4-icu", f"ICU {version} (in the PySide6 wheel)", "ICU (Unicode licence)")
        if not comp.texts:
            comp.texts.append(("ICU licence", _read(LICENSE_TEXTS / "ICU.txt")))
        return comp

    def _debian(self, package: str) -> Component:
        comp = self._get(f"5-{package}", package, "see the Debian copyright file")
        if not comp.texts:
            version = _dpkg_version(package)
            comp.title = f"{package} {version} (Debian package; library from the build machine)"
            copyright_file = Path("/usr/share/doc") / package / "copyright"
            if not copyright_file.is_file():
                raise UnattributedError(f"{copyright_file} is missing")
            comp.texts.append((str(copyright_file), _read(copyright_file)))
        return comp

    # -- attribution ----------------------------------------------------------------------

    def attribute(self, name: str, source: str, kind: str) -> None:
        """Record the bundled file ``name`` (copied from ``source``) under its component."""
        src = Path(source).resolve()
        binary = kind in ("BINARY", "EXTENSION")
        if src.is_relative_to(ROOT / "resources" / "fonts"):
            if src.suffix in (".ttf", ".otf"):
                self._fonts(src.name).files.add(name)
        elif src.is_relative_to(ROOT) and not src.is_relative_to(ROOT / "build"):
            self.nkscreen()
        elif src in self._by_file:
            dist = self._by_file[src]
            if src.name.startswith("libicu") and _normal(dist).startswith("pyside6"):
                version = src.name.rsplit(".so.", 1)[-1]
                self._icu(version).files.add(name)
            else:
                comp = self._wheel(dist)
                if binary:
                    comp.files.add(name)
        elif name == "base_library.zip" or any(src.is_relative_to(d) for d in self._python_dirs):
            comp = self.python()
            if binary:
                comp.files.add(name)
        elif src.name.startswith("libpython") and src.parent == self._python_lib:
            self.python().files.add(name)
        else:
            package = self.debian_owners.get(src)
            if package is None:
                raise UnattributedError(f"{name}: no wheel or Debian package owns {source}")
            self._debian(package).files.add(name)

    def _fonts(self, file_name: str) -> Component:
        """DejaVu and the Noto Sans CJK SC subset, each with its own licence file."""
        if file_name.startswith("NotoSansCJK"):
            comp = self._get("2-noto-cjk", "Noto Sans CJK SC (subset)", "SIL Open Font License 1.1")
            licence = "LICENSE-NotoSansCJK.txt"
        else:
            comp = self._get("2-dejavu", "DejaVu fonts", "Bitstream Vera and DejaVu licence")
            licence = "LICENSE-DejaVu.txt"
        if not comp.texts:
            path = ROOT / "resources" / "fonts" / licence
            comp.texts.append((path.name, _read(path)))
        return comp


def _normal(dist: md.Distribution) -> str:
    """The distribution's name as PEP 503 normalises it (PySide6_Essentials: pyside6-essentials)."""
    return re.sub(r"[-_.]+", "-", dist.metadata["Name"]).lower()


def _sbom_notes(dist: md.Distribution) -> list[str]:
    """Components a wheel's SBOMs (.dist-info/sboms, PEP 770) say are built into it."""
    lines = []
    for entry in sorted(dist.files or [], key=str):
        if "/sboms/" not in f"/{entry}" or not str(entry).endswith(".json"):
            continue
        data = json.loads(entry.read_text("utf-8"))
        for comp in _walk(data.get("components", [])):
            if comp.get("scope") == "excluded":
                continue  # build-time only (compilers, build scripts)
            licences = [
                lic.get("expression") or lic.get("license", {}).get("id", "")
                for lic in comp.get("licenses", [])
            ]
            stated = " AND ".join(x for x in licences if x) or "licence not stated in the SBOM"
            if str(comp.get("purl", "")).startswith("pkg:generic/openssl@"):
                # The C library itself (the SBOM gives no licence): Apache-2.0 since 3.0.
                stated = "Apache-2.0 (OpenSSL 3.0 and later; statically linked)"
            lines.append(f"  {comp.get('name')} {comp.get('version')}: {stated}")
    if not lines:
        return []
    return [
        "Built into its binaries, as its SBOMs (.dist-info/sboms) list them; the wheel does",
        "not carry these components' own licence texts:",
        *sorted(set(lines)),
    ]


def _walk(components: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Every component of a CycloneDX list, nested ones included."""
    found = []
    for comp in components:
        found.append(comp)
        children = comp.get("components")
        if isinstance(children, list):
            found.extend(_walk(children))
    return found


def _spellings(path: Path) -> list[str]:
    """``path`` as dpkg may have recorded it (merged /usr: /lib is /usr/lib)."""
    text = str(path)
    if text.startswith("/usr/lib/"):
        return [text, text[len("/usr") :]]
    if text.startswith("/lib/"):
        return [text, "/usr" + text]
    return [text]


def dpkg_owners(paths: list[Path]) -> dict[Path, str]:
    """The Debian package that installed each of ``paths`` (one dpkg call; unknown ones left
    out). Without dpkg (not Debian) the result is empty."""
    wanted = {spelling: path for path in paths for spelling in _spellings(path)}
    if not wanted:
        return {}
    try:
        result = subprocess.run(
            ["dpkg", "-S", *sorted(wanted)], capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        return {}
    owners = {}
    for line in result.stdout.splitlines():
        packages, _, where = line.partition(": ")
        if where in wanted:
            owners[wanted[where]] = packages.split(",")[0].split(":")[0].strip()
    return owners


def _dpkg_version(package: str) -> str:
    result = subprocess.run(
        ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=False
    )
    return result.stdout.strip() or "version unknown"


def notice(components: list[Component], qt: str, pyside: str) -> str:
    """THIRD-PARTY-NOTICES.txt: the LGPL note, a table of contents, then each component's
    files, notes and licence texts (a text already printed is referred to, not repeated)."""
    out = [
        "Third-party software in nkscreen",
        "================================",
        "",
        "The nkscreen app bundles the components below. Each remains under its own licence;",
        "the full texts follow. LICENSES/bundled-files.txt names the component of every",
        "bundled library.",
        "",
        LGPL_NOTE.format(qt=qt, qt_minor=".".join(qt.split(".")[:2]), pyside=pyside),
        "Components",
        "----------",
    ]
    out += [f"- {c.title}: {c.licence}" for c in components]
    out += [
        "",
        "Qt itself contains third-party code (for example PCRE2, HarfBuzz, double-conversion,",
        "md4c, libpng) under permissive licences; the PySide6 wheel carries no texts for them.",
        f'Qt\'s documentation for {qt} lists them with their licences ("Licenses Used in Qt").',
    ]
    printed: dict[str, str] = {}
    for comp in components:
        out += ["", "", "=" * 78, comp.title, "=" * 78, f"Licence: {comp.licence}"]
        if comp.files:
            out.append("Bundled files: " + ", ".join(sorted(comp.files)))
        out += comp.notes
        for label, text in comp.texts:
            digest = hashlib.sha256(text.encode()).hexdigest()
            if digest in printed:
                out += ["", f"--- {label}: the same text as {printed[digest]} above ---"]
                continue
            printed[digest] = f"{label} of {comp.title}"
            out += ["", f"--- {label} ---", text.rstrip()]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("manifest", type=Path, help="bundle-manifest.json written by the spec")
    parser.add_argument("bundle", type=Path, help="the app folder (dist/nkscreen)")
    args = parser.parse_args(argv)

    import PySide6
    from PySide6.QtCore import qVersion

    attributor = Attributor()
    attributor.nkscreen()
    attributor.python()
    attributor.bootloader()
    rows = json.loads(args.manifest.read_text("utf-8"))
    sources = [Path(row["source"]).resolve() for row in rows]
    system = [s for s in sources if s.parts[1:2] in (("usr",), ("lib",))]
    attributor.debian_owners = dpkg_owners(system)
    try:
        for row in rows:
            attributor.attribute(row["name"], row["source"], row["kind"])
    except UnattributedError as exc:
        print(f"collect_licenses.py: {exc}", file=sys.stderr)
        return 1
    components = sorted(attributor.components.values(), key=lambda c: c.key)
    out = args.bundle / "LICENSES"
    out.mkdir(exist_ok=True)
    (out / "nkscreen.txt").write_text(_read(ROOT / "LICENSE"), "utf-8")
    (out / "THIRD-PARTY-NOTICES.txt").write_text(
        notice(components[1:], qVersion(), PySide6.__version__), "utf-8"
    )
    listing = sorted((f, c.title) for c in components for f in c.files)
    (out / "bundled-files.txt").write_text(
        "# bundled library -> component (its licence: THIRD-PARTY-NOTICES.txt)\n"
        + "".join(f"{f}\t{title}\n" for f, title in listing),
        "utf-8",
    )
    print(f"LICENSES/: {len(components) - 1} third-party components, {len(listing)} libraries")
    return 0


if __name__ == "__main__":
    sys.exit(main())
