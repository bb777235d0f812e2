"""Byte damage for fuzz tests: what a bad disk sector, an editor or an attacker leaves."""

from __future__ import annotations

from hypothesis import strategies as st


def damaged(original: bytes, data: st.DataObject, alphabet: bytes, most: int) -> bytes:
    """``original`` with 1 to ``most`` bytes replaced, inserted or deleted, drawn by ``data``
    from ``alphabet``."""
    damaged = bytearray(original)
    for _ in range(data.draw(st.integers(1, most))):
        where = data.draw(st.integers(0, len(damaged) - 1))
        how = data.draw(st.sampled_from(("replace", "insert", "delete")))
        byte = data.draw(st.sampled_from(alphabet))
        if how == "replace":
            damaged[where] = byte
        elif how == "insert":
            damaged.insert(where, byte)
        else:
            del damaged[where]
    return bytes(damaged)
