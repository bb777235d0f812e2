"""Where the bundled resources live: in a source checkout, an installed wheel or a frozen app.

Kept Qt-free so the core can read protocol files without a QApplication.
"""

from __future__ import annotations

import sys
from pathlib import Path


def resource_root() -> Path:
    frozen = getattr(sys, "_MEIPASS", None)
    if frozen is not None:
        return Path(frozen) / "resources"
    here = Path(__file__).resolve().parent
    packaged = here / "_resources"  # wheel: hatch force-includes resources/ here
    if packaged.is_dir():
        return packaged
    return here.parent / "resources"  # source checkout or editable install


def resource_path(*parts: str) -> Path:
    return resource_root().joinpath(*parts)
