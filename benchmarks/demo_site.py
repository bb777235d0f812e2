"""A data folder as a site has it after a while, for ``bench_startup.py --site``: its settings
file (site name, time zone), the administrator-signed trusted signers list and signed records
(the test suite's fixtures, under the names the store gives them).

    python -m benchmarks.demo_site FOLDER
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "records" / "fixtures"
RECORDS = ("valid_authorship", "valid_reviewed", "untrusted_signer", "unsigned")


def build(folder: Path) -> Path:
    """Write the site into ``folder`` (its data and config folder); returns ``folder``."""
    from nkscreen.settings import SiteSettings, save_settings

    records = folder / "records"
    records.mkdir(parents=True, exist_ok=True)
    shutil.copy(FIXTURES / "trusted-signers.json", folder / "trusted-signers.json")
    for name in RECORDS:
        raw = json.loads((FIXTURES / f"{name}.json").read_text("utf-8"))
        shutil.copy(FIXTURES / f"{name}.json", records / f"{raw['assessment_id']}.v1.json")
    save_settings(
        folder / "settings.json", SiteSettings(site_name="Ward 7", time_zone="Asia/Shanghai")
    )
    return folder


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
