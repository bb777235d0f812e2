"""The release archive as a hospital's IT department gets it (``-m frozen``: builds it).

``packaging/build.sh`` builds the app from the locked build venv into ``dist/``, once for this
module. The tests then check the checksum file, unpack the archive into an empty folder and
run ``--smoke`` from there with an empty HOME, once more under a real X server when
``xvfb-run`` is installed, check the licence notice covers every bundled library, install it
for a user and remove it again, and build it a second time to compare the checksums.
CI runs them as their own step (``.ci/run``); by hand: ``.venv/bin/python -m pytest -m frozen``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import tarfile
from pathlib import Path

import pytest

from nkscreen import __version__, smoke
from tests.packaging.helpers import broken_xcb_plugin

pytestmark = pytest.mark.frozen

ROOT = Path(__file__).resolve().parent.parent.parent
DIST = ROOT / "dist"
ARCHIVE = f"nkscreen-{__version__}-linux-x86_64.tar.gz"
#: The stripped bundle measured 132.5 MiB (unstripped 158); fail well before it bloats.
BUNDLE_BUDGET_MIB = 150


def _env(**changes: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "NKSCREEN_"))}
    env.pop("QT_QPA_PLATFORM", None)  # --smoke must choose offscreen itself
    env.update(changes)
    return env


def _build(dist: Path) -> None:
    result = subprocess.run(
        ["bash", "packaging/build.sh", "--no-compare", "--no-smoke", "--dist", str(dist)],
        cwd=ROOT,
        env=_env(),
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]


@pytest.fixture(scope="module")
def release() -> Path:
    """dist/ after one locked build (archive, SHA256SUMS, the app folder)."""
    _build(DIST)
    return DIST


@pytest.fixture(scope="module")
def unpacked(release: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The archive unpacked into an empty folder: the app folder in it."""
    folder = tmp_path_factory.mktemp("unpacked")
    subprocess.run(["tar", "-xzf", str(release / ARCHIVE), "-C", str(folder)], check=True)
    assert [p.name for p in folder.iterdir()] == [f"nkscreen-{__version__}"]
    return folder / f"nkscreen-{__version__}"


@pytest.fixture
def empty_home(tmp_path: Path) -> Path:
    home = tmp_path / "home"
    home.mkdir()
    return home


def _smoke(app: Path, cwd: Path, env: dict[str, str], prefix: list[str] | None = None) -> str:
    result = subprocess.run(
        [*(prefix or []), str(app / "nkscreen"), "--smoke"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    for name, _step in smoke.STEPS:
        assert f"ok    {name}" in result.stdout, result.stdout
    assert "frozen: yes" in result.stdout
    return result.stdout


def test_checksum_file_verifies_the_archive(release: Path) -> None:
    check = subprocess.run(
        ["sha256sum", "-c", "SHA256SUMS"], cwd=release, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert check.stdout == f"{ARCHIVE}: OK\n"


def test_archive_has_one_versioned_folder_owned_by_root_at_the_commit_time(
    release: Path,
) -> None:
    commit_time = int(
        subprocess.run(
            ["git", "log", "-1", "--format=%ct"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    with tarfile.open(release / ARCHIVE) as tar:
        members = tar.getmembers()
    top = f"nkscreen-{__version__}"
    assert {m.name.split("/", 1)[0] for m in members} == {top}
    names = {m.name for m in members}
    for wanted in (
        "nkscreen",
        "install.sh",
        "nkscreen.desktop",
        "build-info.json",
        "LICENSES/nkscreen.txt",
        "LICENSES/THIRD-PARTY-NOTICES.txt",
        "LICENSES/bundled-files.txt",
    ):
        assert f"{top}/{wanted}" in names, wanted
    assert {(m.uid, m.gid, m.uname, m.gname) for m in members} == {(0, 0, "", "")}
    assert {m.mtime for m in members} == {commit_time}
    assert not [m.name for m in members if m.mode & 0o022]  # nothing group/world writable


def test_build_info_names_what_built_it(unpacked: Path) -> None:
    info = json.loads((unpacked / "build-info.json").read_text("utf-8"))
    head = subprocess.run(
        ["git", "rev-parse", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()
    assert info["version"] == __version__
    assert info["commit"] == head
    assert info["build_date"].endswith("+00:00")
    assert info["build_environment"].startswith("locked: packaging/requirements-build.lock")
    lock = (ROOT / "packaging" / "requirements-build.lock").read_text("utf-8")
    assert f"\npyside6-essentials=={info['pyside6']} " in lock  # built from the lock
    assert f"\npyinstaller=={info['pyinstaller']} " in lock
    assert re.fullmatch(r"3\.\d+\.\d+", info["python"])
    floor = tuple(int(n) for n in info["glibc_min"].split("."))
    here = tuple(int(n) for n in os.confstr("CS_GNU_LIBC_VERSION").split()[1].split("."))
    assert (2, 17) <= floor <= here


def test_unpacked_app_passes_smoke_with_an_empty_home(unpacked: Path, empty_home: Path) -> None:
    out = _smoke(unpacked, empty_home.parent, _env(HOME=str(empty_home)))
    assert f"resources: {unpacked}/_internal/resources" in out
    assert "platform offscreen" in out
    assert list(empty_home.iterdir()) == []  # nothing written to the user's folders


def test_unpacked_app_passes_smoke_under_a_real_x_server(unpacked: Path, empty_home: Path) -> None:
    if shutil.which("xvfb-run") is None:
        pytest.skip("xvfb-run is not installed (apt-get install xvfb; .ci/run does as root)")
    env = _env(HOME=str(empty_home), NKSCREEN_SMOKE_PLATFORM="xcb")
    out = _smoke(unpacked, empty_home.parent, env, ["xvfb-run", "-a"])
    assert "platform xcb" in out


def test_frozen_app_names_a_library_its_xcb_plugin_lacks(unpacked: Path, tmp_path: Path) -> None:
    qt = unpacked / "_internal" / "PySide6" / "Qt"
    platforms, missing = broken_xcb_plugin(tmp_path / "qt", qt)
    result = subprocess.run(
        [str(unpacked / "nkscreen"), "--data-dir", str(tmp_path / "data")],
        env=_env(QT_QPA_PLATFORM="xcb", QT_QPA_PLATFORM_PLUGIN_PATH=str(platforms)),
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1, result.stderr
    assert f"missing on this computer: {missing}." in result.stderr
    assert "xcb-cursor0" not in result.stderr


def test_bundle_stays_small_and_offline(unpacked: Path) -> None:
    files = [p for p in unpacked.rglob("*") if p.is_file() and not p.is_symlink()]
    size = sum(p.stat().st_size for p in files)
    assert size / 2**20 < BUNDLE_BUDGET_MIB, f"bundle is {size / 2**20:.1f} MiB"
    internal = unpacked / "_internal"
    assert not [p for p in internal.rglob("*") if p.is_symlink() and not p.exists()]
    names = {p.name for p in internal.rglob("*")}
    assert not [n for n in names if "Qt6Network" in n or n.startswith(("_ssl.", "libssl"))]


def test_every_bundled_library_has_its_licence(unpacked: Path) -> None:
    licences = unpacked / "LICENSES"
    listed = {
        line.split("\t", 1)[0]
        for line in (licences / "bundled-files.txt").read_text("utf-8").splitlines()
        if not line.startswith("#")
    }
    internal = unpacked / "_internal"
    elves = [
        p
        for p in internal.rglob("*")
        if p.is_file() and not p.is_symlink() and p.read_bytes()[:4] == b"\x7fELF"
    ]
    assert len(elves) > 100
    assert (
        sorted(
            str(p.relative_to(internal))
            for p in elves
            if str(p.relative_to(internal)) not in listed
        )
        == []
    )
    assert "nkscreen" in listed  # the executable: PyInstaller's bootloader
    notice = (licences / "THIRD-PARTY-NOTICES.txt").read_text("utf-8")
    for wanted in (
        "GNU LESSER GENERAL PUBLIC LICENSE",
        "You may replace them with your own",
        "PYTHON SOFTWARE FOUNDATION LICENSE",
        "openssl 4.",  # statically linked into cryptography (its SBOM)
        "ICU 73",
        "libxcb-icccm4",
        "The PyInstaller licensing terms",
    ):
        assert wanted in notice, wanted
    assert (licences / "nkscreen.txt").read_text("utf-8") == (ROOT / "LICENSE").read_text("utf-8")


def test_install_for_a_user_then_uninstall(unpacked: Path, empty_home: Path) -> None:
    env = _env(HOME=str(empty_home))
    done = subprocess.run(
        ["bash", str(unpacked / "install.sh"), "--user"], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "warning" not in done.stderr  # every xcb library is there (bundled or system)
    launcher = empty_home / ".local" / "bin" / "nkscreen"
    version = subprocess.run([str(launcher), "--version"], env=env, capture_output=True, text=True)
    assert version.stdout.strip() == f"nkscreen {__version__}"
    icons = empty_home / ".local" / "share" / "icons" / "hicolor"
    assert len(list(icons.glob("*/apps/nkscreen.*"))) == 8  # 7 PNG sizes and the SVG
    gone = subprocess.run(
        ["bash", str(empty_home / ".local/opt/nkscreen/install.sh"), "--user", "--uninstall"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert gone.returncode == 0, gone.stderr
    assert [p for p in empty_home.rglob("*") if not p.is_dir()] == []


def test_second_build_of_the_commit_is_identical(release: Path) -> None:
    """Reproducible: a second build gives the same archive (compare_builds.sh names the
    files that differ when it does not)."""
    second = ROOT / "build" / "repro-second"
    shutil.rmtree(second, ignore_errors=True)
    _build(second)
    compared = subprocess.run(
        ["bash", "packaging/compare_builds.sh", str(release), str(second)],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert compared.returncode == 0, compared.stdout + compared.stderr
    shutil.rmtree(second)
