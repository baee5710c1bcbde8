"""Slim records of COEs and their actions: what portfolio views need, nothing more.

Documents are loaded one at a time and reduced to these records, so a
portfolio of thousands of COEs never holds their full text in memory.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from coe.document import action_state
from coe.document.findings import Finding
from coe.document.loader import load
from coe.document.plain import COE


@dataclass(frozen=True)
class ActionRecord:
    coe_id: str
    team: str
    id: str
    action: str
    owner: str
    due: dt.date | None
    priority: str
    status: str
    kind: str
    ticket: str
    done_on: dt.date | None

    @property
    def is_open(self) -> bool:
        return action_state.is_open(self.status)

    def is_overdue(self, today: dt.date) -> bool:
        return action_state.is_overdue(self.status, self.due, today)

    @property
    def timeliness(self) -> str | None:
        """'on-time' or 'late' for a done action with both dates, else None."""
        return action_state.timeliness(self.status, self.due, self.done_on)


@dataclass(frozen=True)
class CoeRecord:
    path: str
    id: str
    title: str
    severity: str
    status: str
    kind: str
    team: str
    services: tuple[str, ...]
    category: str
    started_at: dt.datetime | None
    detected_at: dt.datetime | None
    mitigated_at: dt.datetime | None
    actions: tuple[ActionRecord, ...] = field(default=())

    @property
    def time_to_detect(self) -> dt.timedelta | None:
        return _between(self.started_at, self.detected_at)

    @property
    def time_to_mitigate(self) -> dt.timedelta | None:
        return _between(self.started_at, self.mitigated_at)


def _between(start: dt.datetime | None, end: dt.datetime | None) -> dt.timedelta | None:
    return None if start is None or end is None else end - start


def record_of(coe: COE, path: str) -> CoeRecord:
    incident = coe.incident
    team = coe.owner_team or ""
    actions = tuple(
        ActionRecord(
            coe_id=coe.id,
            team=team,
            id=action.id,
            action=action.action or "",
            owner=action.owner or "",
            due=action.due,
            priority=action.priority.value if action.priority else "",
            status=action.status.value,
            kind=action.kind.value if action.kind else "",
            ticket=action.ticket or "",
            done_on=action.done_on,
        )
        for action in coe.corrective_actions
    )
    return CoeRecord(
        path=path,
        id=coe.id,
        title=coe.title,
        severity=coe.severity.value,
        status=coe.status.value,
        kind=coe.kind.value if coe.kind else "",
        team=team,
        services=tuple(coe.services),
        category=(coe.root_cause.category or "") if coe.root_cause else "",
        started_at=incident.started_at if incident else None,
        detected_at=incident.detected_at if incident else None,
        mitigated_at=incident.mitigated_at if incident else None,
        actions=actions,
    )


@dataclass
class Collection:
    records: list[CoeRecord]
    broken: list[Finding]  # the first problem of each file that did not load

    def skipped_lines(self) -> list[str]:
        """One `skipped PATH:LINE:COL: RULE: MESSAGE` line per file left out, for stderr."""
        return [f"skipped {p.location()}: {p.rule}: {p.shown_message()}" for p in self.broken]


def collect(paths: Iterable[Path], *, max_file_size: int | None = None) -> Collection:
    records, broken = [], []
    for result in _load_all(paths, max_file_size):
        if result.document is None:
            broken.append(result.problems[0])
        else:
            records.append(record_of(result.document.coe, result.path))
    return Collection(records, broken)


def _load_all(paths: Iterable[Path], max_file_size: int | None) -> Iterator:
    options = {"max_file_size": max_file_size} if max_file_size else {}
    for path in paths:
        yield load(path, **options)
