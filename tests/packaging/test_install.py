"""``packaging/install.sh``: install for one user or system-wide (into DESTDIR), upgrade,
uninstall. Runs on a stand-in app folder (a shell script for ``nkscreen``) so it is quick;
the frozen release test installs the real archive once.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ICON_SIZES = (16, 32, 48, 64, 128, 256, 512)


def fake_release(folder: Path, version: str = "9.8.7") -> Path:
    """The layout of an unpacked release archive, with a script for the app."""
    app = folder / f"nkscreen-{version}"
    (app / "_internal" / "resources").mkdir(parents=True)
    shutil.copytree(ROOT / "resources" / "icons", app / "_internal" / "resources" / "icons")
    (app / "nkscreen").write_text(f'#!/bin/sh\necho "nkscreen {version} $*"\n')
    (app / "nkscreen").chmod(0o755)
    (app / "build-info.json").write_text(
        f'{{\n  "name": "nkscreen",\n  "version": "{version}"\n}}\n'
    )
    shutil.copy(ROOT / "packaging" / "nkscreen.desktop", app / "nkscreen.desktop")
    shutil.copy(ROOT / "packaging" / "install.sh", app / "install.sh")
    return app


def run_install(
    script: Path, *args: str, home: Path, **env: str
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "DESTDIR"))}
    clean.update(HOME=str(home), **env)
    return subprocess.run(
        ["bash", str(script), *args], env=clean, capture_output=True, text=True, timeout=60
    )


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*") if not p.is_dir())


def test_user_install_puts_app_launcher_menu_entry_and_every_icon(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    app = fake_release(tmp_path / "unpacked")
    done = run_install(app / "install.sh", "--user", home=home)
    assert done.returncode == 0, done.stderr
    local = home / ".local"
    appdir = local / "opt" / "nkscreen"
    assert (appdir / "nkscreen").is_file()
    assert (appdir / "install.sh").is_file()
    launched = subprocess.run(
        [str(local / "bin" / "nkscreen"), "--version"], capture_output=True, text=True
    )
    assert launched.stdout == "nkscreen 9.8.7 --version\n"
    entry = (local / "share" / "applications" / "nkscreen.desktop").read_text()
    assert f"\nExec={appdir}/nkscreen\n" in entry
    assert f"\nTryExec={appdir}/nkscreen\n" in entry
    hicolor = local / "share" / "icons" / "hicolor"
    for size in ICON_SIZES:
        png = hicolor / f"{size}x{size}" / "apps" / "nkscreen.png"
        assert (
            png.read_bytes() == (ROOT / "resources" / "icons" / f"nkscreen-{size}.png").read_bytes()
        )
    assert (hicolor / "scalable" / "apps" / "nkscreen.svg").is_file()
    assert "installed nkscreen 9.8.7" in done.stdout


def test_upgrade_replaces_and_uninstall_removes_everything(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    (home / "keep.txt").write_text("not nkscreen's")
    first = fake_release(tmp_path / "one", "1.0.0")
    assert run_install(first / "install.sh", "--user", home=home).returncode == 0
    (home / ".local" / "opt" / "nkscreen" / "stale-from-1.0.0").write_text("old")
    second = fake_release(tmp_path / "two", "2.0.0")
    upgraded = run_install(second / "install.sh", "--user", home=home)
    assert upgraded.returncode == 0, upgraded.stderr
    appdir = home / ".local" / "opt" / "nkscreen"
    assert not (appdir / "stale-from-1.0.0").exists()  # the folder was replaced, not merged
    assert '"version": "2.0.0"' in (appdir / "build-info.json").read_text()
    removed = run_install(appdir / "install.sh", "--user", "--uninstall", home=home)
    assert removed.returncode == 0, removed.stderr
    assert files_under(home) == ["keep.txt"]
    again = run_install(second / "install.sh", "--user", "--uninstall", home=home)
    assert again.returncode == 1
    assert "nothing to remove" in again.stderr


def test_system_install_into_destdir_uses_opt_and_usr_local(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    app = fake_release(tmp_path / "unpacked")
    done = run_install(app / "install.sh", home=tmp_path, DESTDIR=str(stage))
    assert done.returncode == 0, done.stderr
    files = files_under(stage)
    assert "opt/nkscreen/nkscreen" in files
    assert "usr/local/bin/nkscreen" in files
    assert "usr/local/share/applications/nkscreen.desktop" in files
    assert "usr/local/share/icons/hicolor/48x48/apps/nkscreen.png" in files
    launcher = (stage / "usr/local/bin/nkscreen").read_text()
    assert 'exec "/opt/nkscreen/nkscreen" "$@"' in launcher  # the real path, not the stage
    entry = (stage / "usr/local/share/applications/nkscreen.desktop").read_text()
    assert "\nExec=/opt/nkscreen/nkscreen\n" in entry
    removed = run_install(app / "install.sh", "--uninstall", home=tmp_path, DESTDIR=str(stage))
    assert removed.returncode == 0, removed.stderr
    assert files_under(stage) == []


def test_a_folder_it_did_not_install_is_left_alone(tmp_path: Path) -> None:
    stage = tmp_path / "stage"
    foreign = stage / "opt" / "nkscreen"
    foreign.mkdir(parents=True)
    (foreign / "somebody-elses.txt").write_text("mine")
    app = fake_release(tmp_path / "unpacked")
    done = run_install(app / "install.sh", home=tmp_path, DESTDIR=str(stage))
    assert done.returncode == 1
    assert "was not installed by install.sh" in done.stderr
    assert files_under(stage) == ["opt/nkscreen/somebody-elses.txt"]


def test_unknown_option_is_refused(tmp_path: Path) -> None:
    app = fake_release(tmp_path / "unpacked")
    done = run_install(app / "install.sh", "--usr", home=tmp_path)
    assert done.returncode == 2
    assert "unknown option --usr" in done.stderr
