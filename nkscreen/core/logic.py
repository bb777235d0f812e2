"""Kleene three-valued logic.

``True`` is pass, ``False`` is fail, ``None`` is unknown. A missing answer must never turn into a
pass, so unknown propagates exactly as the spec's conventions say.
"""

from __future__ import annotations

from collections.abc import Iterable

Tri = bool | None


def all3(values: Iterable[Tri]) -> Tri:
    """AND: any fail -> fail, else any unknown -> unknown, else pass."""
    unknown = False
    for value in values:
        if value is False:
            return False
        if value is None:
            unknown = True
    return None if unknown else True


def any3(values: Iterable[Tri]) -> Tri:
    """OR: any pass -> pass, else any unknown -> unknown, else fail."""
    unknown = False
    for value in values:
        if value is True:
            return True
        if value is None:
            unknown = True
    return None if unknown else False


def not3(value: Tri) -> Tri:
    return None if value is None else not value
