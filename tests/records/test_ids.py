"""New ids are random version-4 UUIDs, as before they were made without the uuid module."""

from __future__ import annotations

import uuid

from nkscreen.records.ids import new_id


def test_new_ids_are_random_version_4_uuids() -> None:
    ids = {new_id() for _ in range(200)}
    assert len(ids) == 200
    for value in ids:
        parsed = uuid.UUID(hex=value)
        assert parsed.hex == value
        assert parsed.version == 4
        assert parsed.variant == uuid.RFC_4122
