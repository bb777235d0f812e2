"""JSON text with decimals written as their digits (``1.10`` stays ``1.10``).

FHIR's ``decimal`` keeps its precision (1.10 is not 1.1), and the standard library can only
write a decimal through a binary float. This writer is the standard one for everything else,
and writes a :class:`~decimal.Decimal` as the plain digits it holds.
"""

from __future__ import annotations

import json
from decimal import Decimal


def _write(value: object, indent: str, level: int, out: list[str]) -> None:
    pad = "\n" + indent * (level + 1)
    end = "\n" + indent * level
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"{value} is not a number JSON can hold")
        out.append(format(value, "f"))
    elif isinstance(value, dict):
        if not value:
            out.append("{}")
            return
        out.append("{")
        for index, (key, item) in enumerate(value.items()):
            out.append(("," if index else "") + pad + json.dumps(str(key), ensure_ascii=False))
            out.append(": ")
            _write(item, indent, level + 1, out)
        out.append(end + "}")
    elif isinstance(value, list | tuple):
        if not value:
            out.append("[]")
            return
        out.append("[")
        for index, item in enumerate(value):
            out.append(("," if index else "") + pad)
            _write(item, indent, level + 1, out)
        out.append(end + "]")
    else:
        out.append(json.dumps(value, ensure_ascii=False, allow_nan=False))


def dumps(value: object, indent: int = 1) -> str:
    """``value`` as indented JSON; decimals exact, text as UTF-8 characters."""
    out: list[str] = []
    _write(value, " " * indent, 0, out)
    return "".join(out) + "\n"


__all__ = ["dumps"]
