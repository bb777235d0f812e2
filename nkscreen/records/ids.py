"""Random ids for assessments and records (a module of its own: a new screening takes an id at
start-up, before anything else of the records layer is needed)."""

from __future__ import annotations

import uuid


def new_id() -> str:
    """A random 128-bit id as 32 hex digits: file names and records use it."""
    return uuid.uuid4().hex


__all__ = ["new_id"]
