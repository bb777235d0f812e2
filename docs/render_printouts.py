"""Regenerate the printout pictures in docs/ that the README shows.

Makes a throwaway data folder, signs the example case eligible_male (version 1), amends it
(body weight 70 -> 68 kg, version 2) with the real command line, prints both versions with
``nkscreen pdf`` (version 2 also in Chinese, ``--lang zh_CN``) and turns their pages into PNG
files with poppler's ``pdftoppm`` (Debian: ``apt-get install poppler-utils``). Nothing outside
a temporary folder is touched except the PNG files written into docs/.

    python docs/render_printouts.py
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
CASE = ROOT / "tests" / "cases" / "eligible_male.json"
#: 90 dpi keeps an A4 page readable in a README at about 150 KB.
DPI = "90"


def _nkscreen(data: Path, *argv: str) -> str:
    env = {
        **os.environ,
        "NKSCREEN_PASSPHRASE": "readme example passphrase",
        "TZ": "Asia/Shanghai",
        "QT_QPA_PLATFORM": "offscreen",
    }
    done = subprocess.run(
        [sys.executable, "-m", "nkscreen", "--data-dir", str(data), *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"nkscreen {' '.join(argv)} failed:\n{done.stderr}")
    return done.stdout.strip()


def _png(pdf: Path, stem: str) -> list[Path]:
    if shutil.which("pdftoppm") is None:
        raise SystemExit("pdftoppm is needed: apt-get install poppler-utils")
    subprocess.run(["pdftoppm", "-png", "-r", DPI, str(pdf), str(DOCS / stem)], check=True)
    return sorted(DOCS.glob(f"{stem}-*.png"))


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        _nkscreen(
            data, "identity", "create", "--name", "Dr Li Wei", "--role", "Sub-investigator",
            "--user-id", "liwei",
        )  # fmt: skip
        settings = {"site_name": "Peking University First Hospital, Haematology"}
        settings["time_zone"] = "Asia/Shanghai"
        (data / "settings.json").write_text(json.dumps(settings), encoding="utf-8")
        v1 = Path(_nkscreen(data, "sign", str(CASE), "--meaning", "authorship"))
        corrected = json.loads(CASE.read_text(encoding="utf-8"))
        corrected["answers"]["weight_kg"] = 68
        fixed = Path(tmp) / "corrected.json"
        fixed.write_text(json.dumps(corrected), encoding="utf-8")
        reason = "weight re-measured on the ward scale"
        amend = ["amend", str(v1), str(fixed), "--reason", reason, "--meaning", "authorship"]
        v2 = Path(_nkscreen(data, *amend))
        for old in DOCS.glob("printout-*.png"):
            old.unlink()
        written = []
        for record, stem, lang in (
            (v2, "printout-amended", "en"),
            (v1, "printout-superseded", "en"),
            (v2, "printout-zh-amended", "zh_CN"),  # the same record, printed in Chinese
        ):
            pdf = Path(tmp) / f"{stem}.pdf"
            _nkscreen(data, "pdf", str(record), "-o", str(pdf), "--lang", lang)
            written += _png(pdf, stem)
    for path in written:
        print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
