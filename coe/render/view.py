"""What a report shows about one COE, computed once for every format."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from coe.document.action_state import is_open, is_overdue, timeliness
from coe.document.plain import COE, CorrectiveAction, TimelineEvent
from coe.document.vocabulary import QUESTIONS


@dataclass(frozen=True)
class ActionRow:
    action: CorrectiveAction
    overdue: bool
    late: bool  # done after its due date


@dataclass(frozen=True)
class TimelineMark:
    event: TimelineEvent
    x: float  # 0..1 along the axis
    lane: int  # alternating label rows, so labels do not overlap


@dataclass(frozen=True)
class CoeView:
    coe: COE
    today: dt.date
    time_to_detect: dt.timedelta | None
    time_to_mitigate: dt.timedelta | None
    duration: dt.timedelta | None
    actions: list[ActionRow]
    timeline: list[TimelineMark]
    custom_fields: list[tuple[str, Any]] = field(default_factory=list)
    questions: tuple[tuple[str, str], ...] = QUESTIONS

    @property
    def overdue_count(self) -> int:
        return sum(1 for row in self.actions if row.overdue)

    @property
    def open_count(self) -> int:
        return sum(1 for row in self.actions if is_open(row.action.status))


def build_view(coe: COE, today: dt.date) -> CoeView:
    incident = coe.incident
    started = incident.started_at if incident else None
    return CoeView(
        coe=coe,
        today=today,
        time_to_detect=_between(started, incident.detected_at if incident else None),
        time_to_mitigate=_between(started, incident.mitigated_at if incident else None),
        duration=_between(started, incident.resolved_at if incident else None),
        actions=[_action_row(action, today) for action in coe.corrective_actions],
        timeline=_timeline(coe.what_happened.timeline if coe.what_happened else []),
        custom_fields=list(coe.x_fields.items()),
    )


def _between(start: dt.datetime | None, end: dt.datetime | None) -> dt.timedelta | None:
    if start is None or end is None:
        return None
    return end - start


def _action_row(action: CorrectiveAction, today: dt.date) -> ActionRow:
    overdue = is_overdue(action.status, action.due, today)
    late = timeliness(action.status, action.due, action.done_on) == "late"
    return ActionRow(action, overdue, late)


def _timeline(events: list[TimelineEvent]) -> list[TimelineMark]:
    """Events placed along one axis by time; events without a time are spread evenly."""
    timed = [event.at for event in events if event.at is not None]
    if len(timed) >= 2 and max(timed) > min(timed):
        first, span = min(timed), (max(timed) - min(timed)).total_seconds()
    else:
        first, span = None, 0.0
    marks = []
    for index, event in enumerate(events):
        if first is not None and event.at is not None:
            x = (event.at - first).total_seconds() / span
        else:
            x = index / max(len(events) - 1, 1)
        marks.append(TimelineMark(event, round(x, 4), index % 2))
    return marks
