"""COE documents as plain Python objects, built without Pydantic.

:mod:`coe.document.model` is the schema. It converts lax input (a date written as a
quoted string, ``format: 1.0``) and explains every error. But importing
Pydantic and building its validators costs about 100 ms, more than all of
``coe lint ONE_FILE`` may take. So the documents every command works on are
the plain objects defined here:

- :func:`build` accepts only data that is already exactly what the model
  would produce: native YAML types, nothing to convert. For anything else it
  returns ``None``, and the loader asks the model.
- :func:`from_model` copies what the model produced into the same objects,
  so a document that needed converting looks like any other.

Each section class names its fields and their types. ``tests/test_plain.py``
derives the same from the Pydantic model and compares, and checks with
Hypothesis that whatever :func:`build` accepts, the model accepts with equal
values. A change to :mod:`coe.document.model` that is not made here fails those tests.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from enum import Enum
from typing import Any, ClassVar

from coe.document.vocabulary import (
    ACTION_ID_PATTERN,
    CUSTOM_FIELD_PREFIX,
    FORMAT_VERSION,
    ID_PATTERN,
    ActionKind,
    ActionStatus,
    Kind,
    Priority,
    Severity,
    Status,
)


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
    """An int, not a bool, at least ``minimum``."""

    __slots__ = ("minimum",)

    def __init__(self, minimum: int) -> None:
        self.minimum = minimum

    def check(self, value: Any) -> Any:
        if type(value) is not int or value < self.minimum:
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


class Date(Type):
    """A date, not a timestamp."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        if type(value) is not dt.date:
            raise Decline
        return value


class Anything(Type):
    __slots__ = ()

    def check(self, value: Any) -> Any:
        return value


class Optional(Type):
    """``T | None``."""

    __slots__ = ("type",)

    def __init__(self, type_: Type) -> None:
        self.type = type_

    def check(self, value: Any) -> Any:
        return None if value is None else self.type.check(value)


class List(Type):
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


class ListOf(List):
    """The model's ``ListOf[T]``: a list that may be written as an empty key (``None`` becomes ``[]``)."""

    __slots__ = ()

    def check(self, value: Any) -> Any:
        return [] if value is None else super().check(value)


class Dict(Type):
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


class Field:
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
        return isinstance(other, Field) and (self.type, self.default) == (other.type, other.default)

    def __hash__(self) -> int:
        return hash(self.type)

    def __repr__(self) -> str:
        default = "" if self.default is REQUIRED else f", default={self.default!r}"
        return f"Field({self.type!r}{default})"


TEXT = Field(Optional(Str()), None)


def optional(type_: Type) -> Field:
    return Field(Optional(type_), None)


def list_of(type_: Type) -> Field:
    return Field(ListOf(type_), [])


class Section:
    """A mapping with known keys only; attributes are the fields."""

    __slots__ = ()
    fields: ClassVar[dict[str, Field]] = {}

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


def checked_fields(fields: dict[str, Field], data: Any) -> dict[str, Any]:
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


def _section(name: str, fields: dict[str, Field]) -> type[Section]:
    return type(name, (Section,), {"__slots__": tuple(fields), "fields": fields, "__module__": __name__})


TIMESTAMP = optional(AwareTimestamp())
DATE = optional(Date())

Incident = _section("Incident", {
    "started_at": TIMESTAMP, "detected_at": TIMESTAMP, "mitigated_at": TIMESTAMP, "resolved_at": TIMESTAMP,
})
TimelineEvent = _section("TimelineEvent", {"at": TIMESTAMP, "event": TEXT})
WhatHappened = _section("WhatHappened", {"summary": TEXT, "timeline": list_of(Nested(TimelineEvent))})
Metric = _section("Metric", {"name": Field(Str()), "value": Field(FiniteFloat()), "unit": TEXT})
Impact = _section("Impact", {
    "customers": TEXT,
    "business": TEXT,
    "customers_affected": optional(Int(0)),
    "metrics": list_of(Nested(Metric)),
    "customer_communication": TEXT,
})
Response = _section("Response", {"detection": TEXT, "diagnosis": TEXT, "mitigation": TEXT})
Why = _section("Why", {"why": TEXT, "because": TEXT})
RootCause = _section("RootCause", {"summary": TEXT, "category": TEXT, "five_whys": list_of(Nested(Why))})
Evidence = _section("Evidence", {"description": TEXT, "link": TEXT})
Implications = _section("Implications", {"security": TEXT, "privacy": TEXT, "compliance": TEXT, "other": TEXT})
CorrectiveAction = _section("CorrectiveAction", {
    "id": Field(Str(pattern=ACTION_ID_PATTERN)),
    "action": TEXT,
    "owner": TEXT,
    "due": DATE,
    "priority": optional(OneOf(Priority)),
    "status": Field(OneOf(ActionStatus), ActionStatus.OPEN),
    "kind": optional(OneOf(ActionKind)),
    "ticket": TEXT,
    "done_on": DATE,
})

_COE_FIELDS = {
    "format": Field(Exactly(FORMAT_VERSION)),
    "id": Field(Str(pattern=ID_PATTERN)),
    "title": Field(Str(min_length=1)),
    "status": Field(OneOf(Status)),
    "severity": Field(OneOf(Severity)),
    "kind": optional(OneOf(Kind)),
    "authors": list_of(Str()),
    "reviewers": list_of(Str()),
    "owner_team": TEXT,
    "services": list_of(Str()),
    "tags": list_of(Str()),
    "incident": optional(Nested(Incident)),
    "what_happened": optional(Nested(WhatHappened)),
    "impact": optional(Nested(Impact)),
    "response": optional(Nested(Response)),
    "root_cause": optional(Nested(RootCause)),
    "supporting_data": list_of(Nested(Evidence)),
    "implications": optional(Nested(Implications)),
    "lessons_learned": list_of(Str()),
    "corrective_actions": list_of(Nested(CorrectiveAction)),
    "related": list_of(Str()),
}


class COE(Section):
    """One Correction-of-Error document. Custom top-level ``x_*`` keys go to ``x_fields``, in order."""

    __slots__ = (*_COE_FIELDS, "x_fields")
    fields = _COE_FIELDS

    @classmethod
    def build(cls, data: Any) -> COE:
        if type(data) is not dict:
            raise Decline
        known = {key: value for key, value in data.items() if not _is_custom(key)}
        document = super().build(known)
        document.x_fields = {key: value for key, value in data.items() if _is_custom(key)}
        return document  # type: ignore[return-value]


def _is_custom(key: Any) -> bool:
    return type(key) is str and key.startswith(CUSTOM_FIELD_PREFIX)


SECTIONS: dict[str, type[Section]] = {
    section.__name__: section
    for section in (Incident, TimelineEvent, WhatHappened, Metric, Impact, Response, Why, RootCause,
                    Evidence, Implications, CorrectiveAction, COE)
}


def build(data: Any) -> COE | None:
    """The document, if ``data`` is exactly what the model would produce; otherwise None."""
    try:
        return COE.build(data)
    except Decline:
        return None


def from_model(model: Any) -> COE:
    """Copy a validated :class:`coe.document.model.COE` into plain objects."""
    return _copy(model)


def _copy(value: Any) -> Any:
    section = SECTIONS.get(type(value).__name__)
    if section is not None:
        copied = object.__new__(section)
        for name in section.__slots__:
            setattr(copied, name, _copy(getattr(value, name)))
        return copied
    if type(value) is list:
        return [_copy(item) for item in value]
    return value
