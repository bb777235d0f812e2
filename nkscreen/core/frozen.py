"""Records: classes made of named fields, compared by value, like dataclasses, but cheap to
define and without importing :mod:`dataclasses`.

A dataclass compiles six functions for each class when its module is imported: about 0.6 ms a
class on Python 3.11, 16 ms for the protocol model's 25 classes, which the app imports on its
way to a usable window (a tenth of its start-up budget); importing :mod:`dataclasses` itself
costs about 1% of that wait again. The classes here share one
generic ``__init__``, ``__eq__`` and ``__repr__`` instead and are set up in microseconds.

- :class:`Record`: frozen and hashed by value, like ``@dataclass(frozen=True, kw_only=True)``;
  ``class Point(Record, kw_only=False)`` also takes its fields by position, in order.
- :class:`MutableRecord`: fields assignable, unhashable, instances with ``__slots__``, like
  ``@dataclass(slots=True)``; positional by default, ``class X(MutableRecord, kw_only=True)``
  keyword-only.

Type checkers see both as dataclasses (PEP 681). A field with a mutable default uses
:func:`field` (``field(default_factory=list)``). As with a dataclass, each class says its
``kw_only`` itself (a subclass does not inherit it), and ``__post_init__`` runs after the
fields are set. Unlike a dataclass's, a class's ``kw_only`` covers its inherited fields too:
derive a keyword-only record from keyword-only ones only. Not supported:
``field(init=..., compare=..., repr=...)``, ``InitVar``. Qt-free.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, ClassVar, TypeVar, dataclass_transform, overload

T = TypeVar("T")


class _Missing:
    """The type of :data:`MISSING`."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "MISSING"


#: The default of a field that must be given (as ``dataclasses.MISSING``).
MISSING: Any = _Missing()


class FrozenInstanceError(AttributeError):
    """A field of a :class:`Record` was assigned or deleted (records never change)."""


class _Field:
    """What :func:`field` returns: read once, when the class is made, then dropped."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default: Any, default_factory: Any) -> None:
        self.default = default
        self.default_factory = default_factory


@overload
def field(*, default: T) -> T: ...
@overload
def field(*, default_factory: Callable[[], T]) -> T: ...
def field(*, default: Any = MISSING, default_factory: Any = MISSING) -> Any:
    """A field's default, or the factory making a fresh default for each instance (a list,
    a dict), as ``dataclasses.field(default=..., default_factory=...)``."""
    if default is not MISSING and default_factory is not MISSING:
        raise ValueError("a field has a default or a default factory, not both")
    return _Field(default, default_factory)


def _gather(
    namespace: Mapping[str, Any],
    defaults: dict[str, Any],
    factories: dict[str, Callable[[], Any]],
) -> list[str]:
    """Add the fields a class body declares (its annotations) to ``defaults`` and
    ``factories`` (copies of its base's), in order; return the names of the new ones."""
    added = []
    # (inspect.get_annotations would import inspect: milliseconds at start-up)
    for name, hint in namespace.get("__annotations__", {}).items():
        if str(hint).startswith(("ClassVar", "typing.ClassVar")):
            continue
        value = namespace.get(name, MISSING)
        factories.pop(name, None)
        if isinstance(value, _Field):
            if value.default_factory is not MISSING:
                factories[name] = value.default_factory
            value = value.default
        elif isinstance(value, list | dict | set) or hasattr(value, "default_factory"):
            # One list shared by every instance, or a dataclasses.field taken for a value: both
            # wrong, as a dataclass says too.
            raise ValueError(f"field {name!r}: use nkscreen.core.frozen.field(default_factory=...)")
        if name not in defaults:
            added.append(name)
        defaults[name] = value
    return added


class _Fields:
    """The code both kinds of record share: fields set by keyword (or position), compared and
    shown by value."""

    __slots__ = ()

    #: Field name -> its default, or MISSING when the field must be given (or has a factory).
    __record_defaults__: ClassVar[dict[str, Any]] = {}
    #: Field name -> a default factory (``field(default_factory=...)``).
    __record_factories__: ClassVar[dict[str, Callable[[], Any]]] = {}
    #: False: the fields may also be given by position.
    __record_kw_only__: ClassVar[bool] = True

    def __init__(self, *args: Any, **values: Any) -> None:
        cls = type(self)
        defaults = cls.__record_defaults__
        if args:
            if cls.__record_kw_only__:
                raise TypeError(f"{cls.__name__}() takes its fields by keyword")
            if len(args) > len(defaults):
                raise TypeError(f"{cls.__name__}() takes at most {len(defaults)} fields")
            for name, value in zip(defaults, args, strict=False):
                if name in values:
                    raise TypeError(f"{cls.__name__}() got two values for {name!r}")
                values[name] = value
        setattr_ = object.__setattr__
        for name, default in defaults.items():
            value = values.pop(name, default)
            if value is MISSING:
                factory = cls.__record_factories__.get(name)
                if factory is None:
                    raise TypeError(f"{cls.__name__}() missing keyword argument {name!r}")
                value = factory()
            setattr_(self, name, value)
        if values:
            raise TypeError(f"{cls.__name__}() got unexpected keyword arguments {sorted(values)}")
        self.__post_init__()

    def __post_init__(self) -> None:
        """Check (or complete) the fields once they are set; a subclass overrides it."""

    def _values(self) -> tuple[Any, ...]:
        return tuple(getattr(self, name) for name in self.__record_defaults__)

    def __eq__(self, other: object) -> bool:
        if type(other) is not type(self):
            return NotImplemented
        assert isinstance(other, _Fields)
        return self._values() == other._values()

    def __repr__(self) -> str:
        shown = ", ".join(f"{n}={getattr(self, n)!r}" for n in self.__record_defaults__)
        return f"{type(self).__name__}({shown})"


@dataclass_transform(kw_only_default=True, frozen_default=True, field_specifiers=(field,))
class Record(_Fields):
    """Base of the frozen records; its fields are the annotated names of each class (and of
    its bases), in order, a default being the value assigned in the class body."""

    def __init_subclass__(cls, *, kw_only: bool = True, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.__record_kw_only__ = kw_only
        defaults = dict(cls.__record_defaults__)
        factories = dict(cls.__record_factories__)
        _gather(cls.__dict__, defaults, factories)
        for name, value in list(cls.__dict__.items()):
            if isinstance(value, _Field):
                delattr(cls, name)  # (a default factory is not left on the class)
        cls.__record_defaults__ = defaults
        cls.__record_factories__ = factories

    def __hash__(self) -> int:
        return hash((type(self), self._values()))

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError(f"cannot delete field {name!r}")


class _MutableRecordType(type):
    """Makes each :class:`MutableRecord` subclass with a slot per new field: its class-body
    defaults are taken out of the class first (a slot cannot also be a class attribute)."""

    def __new__(
        mcls,
        name: str,
        bases: tuple[type, ...],
        namespace: dict[str, Any],
        *,
        kw_only: bool = False,
        **kwargs: Any,
    ) -> _MutableRecordType:
        defaults: dict[str, Any] = {}
        factories: dict[str, Callable[[], Any]] = {}
        for base in reversed(bases):
            defaults.update(getattr(base, "__record_defaults__", {}))
            factories.update(getattr(base, "__record_factories__", {}))
        added = _gather(namespace, defaults, factories)
        for field_name in defaults.keys() & namespace.get("__annotations__", {}).keys():
            namespace.pop(field_name, None)
        namespace.setdefault("__slots__", tuple(added))
        namespace["__record_defaults__"] = defaults
        namespace["__record_factories__"] = factories
        namespace["__record_kw_only__"] = kw_only
        return super().__new__(mcls, name, bases, namespace, **kwargs)


@dataclass_transform(kw_only_default=False, frozen_default=False, field_specifiers=(field,))
class MutableRecord(_Fields, metaclass=_MutableRecordType):
    """Base of the records whose fields change after they are made (an evaluation being
    filled in, a settings form): the annotated names of each class (and of its bases), in
    order, a default being the value assigned in the class body. Unhashable, as a
    non-frozen dataclass; no ``__dict__`` (each field is a slot)."""

    __slots__ = ()
    __hash__ = None  # type: ignore[assignment]


AnyRecord = TypeVar("AnyRecord", bound=_Fields)


def record_fields(cls: type[_Fields] | _Fields) -> tuple[str, ...]:
    """The field names of a record class (or of a record's class), in order."""
    return tuple(cls.__record_defaults__)


def field_defaults(cls: type[_Fields]) -> dict[str, Any]:
    """Each field's default, in order: a fresh value from its factory if it has one,
    :data:`MISSING` if it must be given."""
    return {
        name: cls.__record_factories__[name]() if name in cls.__record_factories__ else value
        for name, value in cls.__record_defaults__.items()
    }


def replace(record: AnyRecord, **changes: Any) -> AnyRecord:
    """A copy of ``record`` with ``changes``, like :func:`dataclasses.replace`."""
    values = {name: getattr(record, name) for name in record_fields(record)}
    return type(record)(**(values | changes))


def as_plain(value: Any) -> Any:
    """Records as dicts (recursively, through lists, tuples and dicts), like
    :func:`dataclasses.asdict`."""
    if isinstance(value, _Fields):
        return {name: as_plain(getattr(value, name)) for name in record_fields(value)}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(as_plain(item) for item in value))
    if isinstance(value, list | tuple):
        return type(value)(as_plain(item) for item in value)
    if isinstance(value, dict):
        return {key: as_plain(item) for key, item in value.items()}
    return value


__all__ = [
    "MISSING",
    "FrozenInstanceError",
    "MutableRecord",
    "Record",
    "as_plain",
    "field",
    "field_defaults",
    "record_fields",
    "replace",
]
