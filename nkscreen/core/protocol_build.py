"""Building a :class:`~nkscreen.core.protocol.Protocol` from a protocol file's parsed JSON.

The data must already be known to be valid: either :mod:`nkscreen.core.protocol_schema` just
checked it, or it is a shipped file whose sha256 the test suite validated. Each value is
converted by the type its dataclass field declares, as pydantic converts it (an integer where
a Decimal is declared becomes a Decimal, an ISO date text a date, a rule its class by its
``op``); a test checks that this gives exactly what pydantic's validation gives. Qt-free, and
free of pydantic: this is how the app loads its protocols at start-up.
"""

from __future__ import annotations

import sys
import types
import typing
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from functools import cache
from typing import Any, Literal

from nkscreen.core.frozen import Record, record_fields, replace
from nkscreen.core.protocol import Protocol

Convert = Callable[[Any], Any]


def protocol_from_data(data: dict[str, Any], sha256: str) -> Protocol:
    """The protocol in ``data`` (a valid file's JSON, floats parsed as Decimal), named by the
    ``sha256`` of the file's bytes."""
    built = _build(Protocol, data)
    assert isinstance(built, Protocol)
    return replace(built, source_sha256=sha256)


def _build(cls: type[Record], data: dict[str, Any]) -> Record:
    converters = _converters(cls)
    return cls(**{key: converters[key](value) for key, value in data.items()})


_CONVERTERS: dict[type[Record], dict[str, Convert]] = {}


def _converters(cls: type[Record]) -> dict[str, Convert]:
    found = _CONVERTERS.get(cls)
    if found is None:
        hints = field_types(cls)
        found = _CONVERTERS[cls] = {name: _converter(hints[name]) for name in record_fields(cls)}
    return found


def field_types(cls: type[Record]) -> dict[str, Any]:
    """The declared type of each field of ``cls``, as :func:`typing.get_type_hints` gives it.

    The model's annotations are texts (``from __future__ import annotations``), and
    get_type_hints compiles every one of them, of every class and of every base, anew: 330
    compilations of 50 different texts, 4 ms at each start. Here each text is turned into its
    type once, in the namespace of the module that declares it."""
    found: dict[str, Any] = {}
    for klass in reversed(cls.__mro__):
        for name, hint in klass.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if name in cls.__record_defaults__:
                found[name] = _type_named(hint, klass.__module__) if isinstance(hint, str) else hint
    return found


@cache
def _type_named(text: str, module: str) -> Any:
    # The annotation texts of nkscreen's own classes, never data: evaluated as
    # typing.get_type_hints evaluates them.
    return eval(text, vars(sys.modules[module]))


def _same(value: Any) -> Any:
    return value


def _decimal(value: Any) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(value)


def _int(value: Any) -> int:
    return value if isinstance(value, int) else int(value)


def _date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(value)


def _converter(hint: Any) -> Convert:
    """How a value of the declared type ``hint`` is made from its JSON value."""
    simple: dict[Any, Convert] = {str: _same, bool: _same, int: _int, Decimal: _decimal}
    simple[date] = _date
    if hint in simple:
        return simple[hint]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is Literal:
        return _same
    if origin is list:
        item = _converter(args[0])
        return lambda value: [item(x) for x in value]
    if origin is dict:
        entry = _converter(args[1])
        return lambda value: {key: entry(x) for key, x in value.items()}
    if origin in (types.UnionType, typing.Union):
        return _union([a for a in args if a is not types.NoneType], types.NoneType in args)
    if isinstance(hint, type) and issubclass(hint, Record):
        cls = hint
        return lambda value: _build(cls, value)
    raise TypeError(f"no conversion for {hint!r}")


def _union(members: list[Any], optional: bool) -> Convert:
    """``str | int`` as it is; one record class, or several told apart by their tag (``op`` or
    ``kind``: the field each declares as one literal); ``None`` as it is when allowed."""
    if all(m in (str, int) for m in members):
        inner: Convert = _same
    elif len(members) == 1:
        inner = _converter(members[0])
    else:
        tag, by_tag = _tags(tuple(members))

        def inner(value: Any) -> Any:
            return _build(by_tag[value[tag]], value)

    if not optional:
        return inner
    return lambda value: None if value is None else inner(value)


@cache
def _tags(members: tuple[type[Record], ...]) -> tuple[str, dict[str, type[Record]]]:
    for tag in ("op", "kind"):
        by_tag: dict[str, type[Record]] = {}
        for cls in members:
            hint = field_types(cls).get(tag)
            if typing.get_origin(hint) is Literal:
                by_tag[typing.get_args(hint)[0]] = cls
        if len(by_tag) == len(members):
            return tag, by_tag
    raise TypeError(f"no tag tells {members} apart")


__all__ = ["protocol_from_data"]
