"""COE documents as plain Python objects, built without Pydantic.

:mod:`coe.document.model` is the schema. It converts lax input (a date written
as a quoted string, ``format: 1.0``) and explains every error. But importing
Pydantic and building its validators costs about 100 ms, more than all of
``coe lint ONE_FILE`` may take. So the documents every command works on are
the plain objects defined here:

- :func:`build` accepts only data that is already exactly what the model
  would produce: native YAML types, nothing to convert. For anything else it
  returns ``None``, and the loader asks the model.
- :func:`from_model` copies what the model produced into the same objects,
  so a document that needed converting looks like any other.

The sections and their fields are generated from the model into
:mod:`coe.document.plain_sections` (``python -m coe.document.generate_plain``);
``tests/test_plain.py`` fails while that module is out of date, and
``tests/fuzz/test_plain_differential.py`` checks with Hypothesis that whatever
:func:`build` accepts, the model accepts with equal values.
"""

from __future__ import annotations

from typing import Any

from coe.document.plain_sections import (
    COE_FIELDS,
    CorrectiveAction,
    Evidence,
    Impact,
    Implications,
    Incident,
    Metric,
    Response,
    RootCause,
    TimelineEvent,
    WhatHappened,
    Why,
)
from coe.document.plain_types import Decline, Section
from coe.document.vocabulary import CUSTOM_FIELD_PREFIX

__all__ = [
    "COE", "SECTIONS", "CorrectiveAction", "Decline", "Evidence", "Impact", "Implications", "Incident", "Metric",
    "Response", "RootCause", "Section", "TimelineEvent", "WhatHappened", "Why", "build", "from_model",
]


class COE(Section):
    """One Correction-of-Error document. Custom top-level ``x_*`` keys go to ``x_fields``, in order."""

    __slots__ = (*COE_FIELDS, "x_fields")
    fields = COE_FIELDS

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
    """Copy a validated :class:`coe.document.model.COESchema` into plain objects."""
    return _copy(model)


# The model's classes by name: its sections share plain's names; its document is COESchema.
_FOR_MODEL_CLASS = {**{name: section for name, section in SECTIONS.items() if name != "COE"}, "COESchema": COE}


def _copy(value: Any) -> Any:
    section = _FOR_MODEL_CLASS.get(type(value).__name__)
    if section is not None:
        copied = object.__new__(section)
        for name in section.__slots__:
            setattr(copied, name, _copy(getattr(value, name)))
        return copied
    if type(value) is list:
        return [_copy(item) for item in value]
    return value
