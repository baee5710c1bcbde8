"""The COE document, format 1, as Pydantic models.

The schema checks shape only: types, enums, patterns and unknown keys. Only
``format``, ``id``, ``title``, ``status`` and ``severity`` are required, so a
fresh draft is valid; completeness is the linter's job.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    model_validator,
)

from coe.document.vocabulary import (  # noqa: F401  (re-exported: the model's vocabulary)
    ACTION_ID_PATTERN,
    CUSTOM_FIELD_PREFIX,
    FORMAT_VERSION,
    ID_PATTERN,
    QUESTIONS,
    ActionKind,
    ActionStatus,
    Kind,
    Priority,
    Severity,
    Status,
)


def _none_as_empty_list(value: Any) -> Any:
    return [] if value is None else value


# A list that may be written as an empty key (`lessons_learned:`) in a draft.
def _not_a_number(value: Any) -> Any:
    # Lax validation would read 20260317 as seconds since 1970, and `true` as 1.
    if isinstance(value, (bool, int, float)):
        raise ValueError("write a date or timestamp, not a number")
    return value


def _a_date_not_a_timestamp(value: Any) -> Any:
    if isinstance(value, (bool, int, float)):
        raise ValueError("write a date like 2026-12-15, not a number")
    if isinstance(value, dt.datetime):
        raise ValueError("write a date (2026-12-15) here, not a timestamp")
    return value


Timestamp = Annotated[AwareDatetime, BeforeValidator(_not_a_number)]
Date = Annotated[dt.date, BeforeValidator(_a_date_not_a_timestamp)]
Count = Annotated[int, Strict(), Field(ge=0)]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]

T = TypeVar("T")
ListOf = Annotated[list[T] | None, BeforeValidator(_none_as_empty_list)]
Text = str | None


class Section(BaseModel):
    model_config = ConfigDict(extra="forbid", use_enum_values=False)


class Incident(Section):
    started_at: Timestamp | None = None
    detected_at: Timestamp | None = None
    mitigated_at: Timestamp | None = None
    resolved_at: Timestamp | None = None


class TimelineEvent(Section):
    at: Timestamp | None = None
    event: Text = None


class WhatHappened(Section):
    summary: Text = None
    timeline: ListOf[TimelineEvent] = []


class Metric(Section):
    name: str
    value: Number
    unit: Text = None


class Impact(Section):
    customers: Text = None
    business: Text = None
    customers_affected: Count | None = None
    metrics: ListOf[Metric] = []
    customer_communication: Text = None


class Response(Section):
    detection: Text = None
    diagnosis: Text = None
    mitigation: Text = None


class Why(Section):
    why: Text = None
    because: Text = None


class RootCause(Section):
    summary: Text = None
    category: Text = None
    five_whys: ListOf[Why] = []


class Evidence(Section):
    description: Text = None
    link: Text = None


class Implications(Section):
    security: Text = None
    privacy: Text = None
    compliance: Text = None
    other: Text = None


class CorrectiveAction(Section):
    id: str = Field(pattern=ACTION_ID_PATTERN)
    action: Text = None
    owner: Text = None
    due: Date | None = None
    priority: Priority | None = None
    status: ActionStatus = ActionStatus.OPEN
    kind: ActionKind | None = None
    ticket: Text = None
    done_on: Date | None = None


class COESchema(Section):
    """One Correction-of-Error document."""

    model_config = ConfigDict(extra="forbid", json_schema_extra=lambda schema: _custom_fields_schema(schema))

    format: Literal[FORMAT_VERSION]
    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    status: Status
    severity: Severity
    kind: Kind | None = None
    authors: ListOf[str] = []
    reviewers: ListOf[str] = []
    owner_team: Text = None
    services: ListOf[str] = []
    tags: ListOf[str] = []
    incident: Incident | None = None
    what_happened: WhatHappened | None = None
    impact: Impact | None = None
    response: Response | None = None
    root_cause: RootCause | None = None
    supporting_data: ListOf[Evidence] = []
    implications: Implications | None = None
    lessons_learned: ListOf[str] = []
    corrective_actions: ListOf[CorrectiveAction] = []
    related: ListOf[str] = []
    # Custom `x_*` top-level fields, kept in their written order.
    x_fields: dict[str, Any] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _collect_custom_fields(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        custom = {k: v for k, v in data.items() if isinstance(k, str) and k.startswith(CUSTOM_FIELD_PREFIX)}
        known = {k: v for k, v in data.items() if not (isinstance(k, str) and k.startswith(CUSTOM_FIELD_PREFIX))}
        known["x_fields"] = custom
        return known


def _custom_fields_schema(schema: dict[str, Any]) -> None:
    """In JSON Schema, custom fields are any top-level key matching ``^x_``."""
    schema["properties"].pop("x_fields", None)
    schema["patternProperties"] = {f"^{CUSTOM_FIELD_PREFIX}": {}}
    schema["additionalProperties"] = False
