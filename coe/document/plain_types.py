"""The building blocks of the plain, Pydantic-free documents: field types and sections.

Each type's ``check`` returns the value the Pydantic model would produce, or
raises :class:`Decline` when the model must convert or explain it. The
sections themselves are generated from :mod:`coe.document.model` into
:mod:`coe.document.plain_sections` (``python -m coe.document.generate_plain``).
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import Any, ClassVar


class Decline(Exception):
    """The data needs the model: to convert a value, or to explain an error."""


class Type:
    """One field type: ``check`` returns the value the model would, or raises Decline."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        raise NotImplementedError

    def _key(self) -> tuple:
        # The parameters, in __slots__ order (a subclass's included); `_` names are derived, like a compiled regex.
        names = (name for cls in reversed(type(self).__mro__) for name in getattr(cls, "__slots__", ()))
        return tuple(getattr(self, name) for name in names if not name.startswith("_"))

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and self._key() == other._key()  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self), self._key()))

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(map(repr, self._key()))})"


class Str(Type):
    """A string, optionally of a minimum length or matching a pattern (``^...$``, as Pydantic reads it)."""

    __slots__ = ("pattern", "min_length", "_regex")

    def __init__(self, *, pattern: str | None = None, min_length: int = 0) -> None:
        self.pattern = pattern
        self.min_length = min_length
        self._regex = re.compile(pattern) if pattern else None

    def check(self, value: Any) -> Any:
        if type(value) is not str or len(value) < self.min_length:
            raise Decline
        if self._regex is not None:
            match = self._regex.search(value)
            # Python's `$` also matches before a final newline; Pydantic's (Rust) does not.
            if match is None or match.end() != len(value):
                raise Decline
        return value


class Int(Type):
    """An int, not a bool, at least ``minimum`` and at most ``maximum`` (if given)."""

    __slots__ = ("minimum", "maximum")

    def __init__(self, minimum: int, maximum: int | None = None) -> None:
        self.minimum = minimum
        self.maximum = maximum

    def check(self, value: Any) -> Any:
        if type(value) is not int or value < self.minimum or (self.maximum is not None and value > self.maximum):
            raise Decline
        return value


class FiniteFloat(Type):
    """A finite float; an int becomes a float only where that is exact."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        if type(value) is float and math.isfinite(value):
            return value
        if type(value) is int and abs(value) <= 2**53:
            return float(value)
        raise Decline


class Exactly(Type):
    """One literal value, of the same type (``format: 1``, not ``1.0`` or ``true``)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def check(self, value: Any) -> Any:
        if type(value) is not type(self.value) or value != self.value:
            raise Decline
        return value


class OneOf(Type):
    """A member of a string enum, written as its value."""

    __slots__ = ("enum",)

    def __init__(self, enum: type[Enum]) -> None:
        self.enum = enum

    def check(self, value: Any) -> Any:
        if type(value) is self.enum:
            return value
        if type(value) is not str:
            raise Decline
        try:
            return self.enum(value)
        except ValueError:
            raise Decline from None


class AwareTimestamp(Type):
    """A datetime with a UTC offset, as YAML reads ``2026-03-17T14:02:00Z``."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        if type(value) is not dt.datetime or value.utcoffset() is None:
            raise Decline
        return value


class CalendarDate(Type):
    """A date, not a timestamp."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        if type(value) is not dt.date:
            raise Decline
        return value


class Bool(Type):
    """``true`` or ``false``, not a string or a number that reads as one."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        if type(value) is not bool:
            raise Decline
        return value


class Anything(Type):
    __slots__ = ()

    def check(self, value: Any) -> Any:
        return value


class Nullable(Type):
    """``T | None``."""

    __slots__ = ("type",)

    def __init__(self, type_: Type) -> None:
        self.type = type_

    def check(self, value: Any) -> Any:
        return None if value is None else self.type.check(value)


class TypedList(Type):
    """A list of ``T``, optionally of a minimum length."""

    __slots__ = ("type", "min_length")

    def __init__(self, type_: Type, *, min_length: int = 0) -> None:
        self.type = type_
        self.min_length = min_length

    def check(self, value: Any) -> Any:
        if type(value) is not list or len(value) < self.min_length:
            raise Decline
        check = self.type.check
        return [check(item) for item in value]


class ListOf(TypedList):
    """The model's ``ListOf[T]``: a list that may be written as an empty key (``None`` becomes ``[]``)."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        return [] if value is None else super().check(value)


class StrMapping(Type):
    """A mapping of string keys to ``T``."""

    __slots__ = ("type",)

    def __init__(self, type_: Type) -> None:
        self.type = type_

    def check(self, value: Any) -> Any:
        if type(value) is not dict:
            raise Decline
        check = self.type.check
        for key in value:
            if type(key) is not str:
                raise Decline
        return {key: check(item) for key, item in value.items()}


class Nested(Type):
    """A section inside another."""

    __slots__ = ("section",)

    def __init__(self, section: type[Section]) -> None:
        self.section = section

    def check(self, value: Any) -> Any:
        return self.section.build(value)


REQUIRED: Any = object()


class FieldSpec:
    """A field's type and its default (REQUIRED if it has none)."""

    __slots__ = ("type", "default")

    def __init__(self, type_: Type, default: Any = REQUIRED) -> None:
        self.type = type_
        self.default = default

    def missing(self) -> Any:
        if self.default is REQUIRED:
            raise Decline
        default = self.default
        return default.copy() if type(default) in (list, dict) else default  # never shared between documents

    def __eq__(self, other: object) -> bool:
        return isinstance(other, FieldSpec) and (self.type, self.default) == (other.type, other.default)

    def __hash__(self) -> int:
        return hash(self.type)

    def __repr__(self) -> str:
        default = "" if self.default is REQUIRED else f", default={self.default!r}"
        return f"FieldSpec({self.type!r}{default})"


class Section:
    """A mapping with known keys only; attributes are the fields."""

    __slots__ = ()
    fields: ClassVar[dict[str, FieldSpec]] = {}

    @classmethod
    def build(cls, data: Any) -> Section:
        section = object.__new__(cls)
        for name, value in checked_fields(cls.fields, data).items():
            setattr(section, name, value)
        return section

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other) and all(
            getattr(self, name) == getattr(other, name) for name in self.__slots__
        )

    __hash__ = None  # type: ignore[assignment]  # mutable, like the Pydantic models

    def __repr__(self) -> str:
        shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in self.__slots__)
        return f"{type(self).__name__}({shown})"


def checked_fields(fields: dict[str, FieldSpec], data: Any) -> dict[str, Any]:
    """Each field's value in ``data``, checked, or its default; Decline for an unknown key."""
    if type(data) is not dict:
        raise Decline
    for key in data:
        if key not in fields:
            raise Decline
    values = {}
    for name, field in fields.items():
        value = data.get(name, REQUIRED)
        values[name] = field.missing() if value is REQUIRED else field.type.check(value)
    return values


def section_class(name: str, fields: dict[str, FieldSpec], module: str) -> type[Section]:
    """A Section subclass with these fields, as the generated module declares it."""
    return type(name, (Section,), {"__slots__": tuple(fields), "fields": fields, "__module__": module})
