"""Random ids for assessments and records (a module of its own: a new screening takes an id at
start-up, before anything else of the records layer is needed)."""

from __future__ import annotations

import os


def new_id() -> str:
    """A random (version 4) UUID as 32 hex digits, as ``uuid.uuid4().hex`` makes it: file
    names and records use it. Made here from 16 random bytes: the uuid module costs a few
    milliseconds to import, and a new screening takes its id on the way to a usable window."""
    raw = bytearray(os.urandom(16))
    raw[6] = (raw[6] & 0x0F) | 0x40  # version 4
    raw[8] = (raw[8] & 0x3F) | 0x80  # the RFC 4122 variant
    return raw.hex()


__all__ = ["new_id"]
