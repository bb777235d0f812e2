"""Which shipped protocol files the test suite validated: ``resources/protocols/validated.sha256``.

At start-up the app builds a shipped protocol straight from its JSON when the file's bytes
have the sha256 listed there (no pydantic: a third of the start-up time and a fifth of the
memory otherwise); any other bytes are validated in full first. A protocol file changed
without updating the list is therefore still validated, only more slowly, and
``tests/core/test_protocol_fast_path.py`` fails, giving the line to write once the file
validates. The list is data in ``sha256sum`` format (``sha256sum -c validated.sha256`` checks
it), one ``<sha256>  <file name>`` per line: nothing is ever loaded from it but hashes.
"""

from __future__ import annotations

from functools import cache
from typing import Final

from nkscreen import paths

LIST_NAME: Final = "validated.sha256"


@cache
def validated_sha256() -> dict[str, str]:
    """The listed sha256 by protocol file name ({} when the list is missing or unreadable:
    every file is then validated)."""
    try:
        text = (paths.bundled_protocols_dir() / LIST_NAME).read_text("ascii")
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, str] = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if len(digest) == 64 and name:
            found[name] = digest
    return found


__all__ = ["LIST_NAME", "validated_sha256"]
