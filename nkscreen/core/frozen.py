"""Frozen records: immutable, compared and hashed by value, like a
``@dataclass(frozen=True, kw_only=True)``, but cheap to define.

A dataclass compiles six functions for each class when its module is imported: about 0.6 ms a
class on Python 3.11, 16 ms for the protocol model's 25 classes, which the app imports on its
way to a usable window (a tenth of its start-up budget). A :class:`Record` subclass shares one
generic ``__init__``, ``__eq__``, ``__hash__`` and ``__repr__`` instead and is set up in
microseconds. Type checkers see the subclasses as frozen keyword-only dataclasses (PEP 681);
fields with a mutable default use ``dataclasses.field(default_factory=...)`` as usual.
``class Point(Record, kw_only=False)`` also takes its fields by position, in order, like a
plain frozen dataclass (type checkers understand the keyword, PEP 681); as with a dataclass,
each class says so itself (a subclass is keyword-only unless it does too). Not supported:
``field(init=..., compare=..., repr=...)`` and ``__post_init__``. Qt-free.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any, ClassVar, TypeVar, dataclass_transform

_MISSING: Any = dataclasses.MISSING
R = TypeVar("R", bound="Record")


@dataclass_transform(
    kw_only_default=True, frozen_default=True, field_specifiers=(dataclasses.field,)
)
class Record:
    """Base of the frozen records; its fields are the annotated names of each class (and of
    its bases), in order, a default being the value assigned in the class body."""

    #: Field name -> its default, or _MISSING when the field must be given.
    __record_defaults__: ClassVar[dict[str, Any]] = {}
    #: Field name -> a default factory (``dataclasses.field(default_factory=...)``).
    __record_factories__: ClassVar[dict[str, Callable[[], Any]]] = {}
    #: False: the fields may also be given by position (``class X(Record, kw_only=False)``).
    __record_kw_only__: ClassVar[bool] = True

    def __init_subclass__(cls, *, kw_only: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__record_kw_only__ = kw_only
        defaults = dict(cls.__record_defaults__)
        factories = dict(cls.__record_factories__)
        # (inspect.get_annotations would import inspect: milliseconds at start-up)
        for name, hint in cls.__dict__.get("__annotations__", {}).items():  # noqa: RUF063
            if str(hint).startswith(("ClassVar", "typing.ClassVar")):
                continue
            value = cls.__dict__.get(name, _MISSING)
            if isinstance(value, dataclasses.Field):
                if callable(value.default_factory):
                    factories[name] = value.default_factory
                value = value.default
                delattr(cls, name)
            defaults[name] = value
        cls.__record_defaults__ = defaults
        cls.__record_factories__ = factories

    def __init__(self, *args: Any, **values: Any) -> None:
        cls = type(self)
        if args:
            names = tuple(cls.__record_defaults__)
            if cls.__record_kw_only__:
                raise TypeError(f"{cls.__name__}() takes its fields by keyword")
            if len(args) > len(names):
                raise TypeError(f"{cls.__name__}() takes at most {len(names)} fields")
            for name, value in zip(names, args, strict=False):
                if name in values:
                    raise TypeError(f"{cls.__name__}() got two values for {name!r}")
                values[name] = value
        for name, default in cls.__record_defaults__.items():
            if name in values:
                value = values.pop(name)
            elif name in cls.__record_factories__:
                value = cls.__record_factories__[name]()
            elif default is _MISSING:
                raise TypeError(f"{cls.__name__}() missing keyword argument {name!r}")
            else:
                value = default
            object.__setattr__(self, name, value)
        if values:
            raise TypeError(f"{cls.__name__}() got unexpected keyword arguments {sorted(values)}")

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__record_defaults__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, Record)
        return self._values() == other._values()

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_defaults__)
        return f"{type(self).__name__}({shown})"

    def __setattr__(self, name: str, value: object) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise dataclasses.FrozenInstanceError(f"cannot delete field {name!r}")


def record_fields(cls: type[Record] | Record) -> tuple[str, ...]:
    """The field names of a record class (or of a record's class), in order."""
    return tuple(cls.__record_defaults__)


def replace(record: R, **changes: Any) -> R:
    """A copy of ``record`` with ``changes``, like :func:`dataclasses.replace`."""
    values = {name: getattr(record, name) for name in record_fields(record)}
    return type(record)(**(values | changes))


def as_plain(value: Any) -> Any:
    """Records as dicts (recursively, through lists and dicts), like :func:`dataclasses.asdict`."""
    if isinstance(value, Record):
        return {name: as_plain(getattr(value, name)) for name in record_fields(value)}
    if isinstance(value, list | tuple):
        return type(value)(as_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: as_plain(item) for key, item in value.items()}
    return value


__all__ = ["Record", "as_plain", "record_fields", "replace"]
