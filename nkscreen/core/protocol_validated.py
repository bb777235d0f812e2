"""The sha256 of each protocol file shipped with nkscreen, as validated by the test suite.

At start-up the app builds a shipped protocol straight from its JSON when the file's bytes
have this sha256 (no pydantic: a third of the start-up time and a fifth of the memory
otherwise); any other bytes are validated in full first. A protocol file changed without
updating this table is therefore still validated, only more slowly, and
``tests/core/test_protocol_fast_path.py`` fails, naming the line to put here once the file
validates. Only data: no code is ever loaded from a file this way.
"""

from __future__ import annotations

from typing import Final

VALIDATED_SHA256: Final[dict[str, str]] = {
    "NCT06641648": "42c4299d554eacdaacadf74510b1a974d7ecca58d05ccb0027ac7fbb127d45a9",
}
