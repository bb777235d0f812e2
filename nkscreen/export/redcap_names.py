"""REDCap variable names from nkscreen field ids, deterministically.

REDCap wants lower-case letters, digits and underscores, starting with a letter, and advises
at most 26 characters (longer names are cut in some statistics packages' exports). The mapping:

1. lower case; every character other than ``a-z``, ``0-9`` and ``_`` becomes ``_``;
2. a name that does not start with a letter gets ``v_`` in front;
3. a name longer than 26 characters keeps its first 21 characters (trailing ``_`` removed),
   then ``_`` and the first 4 hex digits of the sha256 of the original id
   (``a_very_long_field_identifier_name`` -> ``a_very_long_field_ide_d64b``).

The same id always gives the same name, on every computer, so an import file made today
matches a dictionary uploaded last year. Two ids that would share a name are refused
(:class:`RedcapNameError`) rather than silently merged.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Final

MAX_NAME_LENGTH: Final = 26
_KEEP: Final = 21
VALID_NAME: Final = re.compile(r"^[a-z][a-z0-9_]*$")
_OTHER: Final = re.compile(r"[^a-z0-9_]")


class RedcapNameError(ValueError):
    """Two nkscreen ids map to one REDCap variable name; ``str()`` names both."""


def variable_name(source_id: str) -> str:
    """The REDCap variable name of ``source_id`` (a field id, possibly with a suffix)."""
    name = _OTHER.sub("_", source_id.lower())
    if not name[:1].isalpha() or not name[:1].isascii():
        name = f"v_{name}"
    if len(name) > MAX_NAME_LENGTH:
        digest = hashlib.sha256(source_id.encode("utf-8")).hexdigest()[:4]
        name = f"{name[:_KEEP].rstrip('_')}_{digest}"
    return name


def check_unique(pairs: Iterable[tuple[str, str]]) -> None:
    """Refuse two sources (``(source id, name)`` pairs) sharing one variable name."""
    seen: dict[str, str] = {}
    for source, name in pairs:
        other = seen.setdefault(name, source)
        if other != source:
            raise RedcapNameError(
                f"{other!r} and {source!r} would both be the REDCap variable {name!r}: "
                "rename one of them in the protocol file"
            )


__all__ = ["MAX_NAME_LENGTH", "VALID_NAME", "RedcapNameError", "check_unique", "variable_name"]
