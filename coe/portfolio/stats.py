"""Portfolio aggregates: totals, time trends, causes, recurrence and follow-up.

Percentiles use the nearest-rank method: p90 is the smallest value with at
least 90% of the values at or below it. The median is the middle value, or
the mean of the two middle values.
"""

from __future__ import annotations

import datetime as dt
import math
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from coe.document.vocabulary import Kind, Severity, Status
from coe.portfolio.records import ActionRecord, CoeRecord


@dataclass(frozen=True)
class TimeStats:
    count: int
    median_minutes: float | None
    p90_minutes: float | None


@dataclass(frozen=True)
class Recurrence:
    coe_id: str
    earlier_id: str
    category: str
    services: tuple[str, ...]
    message: str = "the corrective action did not prevent recurrence"


@dataclass(frozen=True)
class FollowUp:
    """Corrective-action follow-up for one owner or one team."""

    name: str
    open: int = 0
    overdue: int = 0
    done_on_time: int = 0
    done_late: int = 0


@dataclass
class Portfolio:
    today: dt.date
    coes: int
    by_severity: dict[str, int]
    by_status: dict[str, int]
    by_kind: dict[str, int]
    by_month: dict[str, int]
    time_to_detect: dict[str, TimeStats]  # by quarter, e.g. "2026-Q1"
    time_to_mitigate: dict[str, TimeStats]
    categories: list[tuple[str, int]]  # most frequent first
    services: list[tuple[str, int]]
    recurrences: list[Recurrence]
    actions_total: int
    actions_open: int
    overdue: list[ActionRecord]
    done_on_time: int
    done_late: int
    by_owner: list[FollowUp]
    by_team: list[FollowUp]
    records: list[CoeRecord] = field(repr=False, default_factory=list)


def percentile(values: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(math.ceil(fraction * len(ordered)), 1)
    return ordered[rank - 1]


def build_portfolio(records: list[CoeRecord], today: dt.date) -> Portfolio:
    actions = [action for record in records for action in record.actions]
    timeliness = Counter(action.timeliness for action in actions)
    return Portfolio(
        today=today,
        coes=len(records),
        by_severity=_counts((r.severity for r in records), [s.value for s in Severity]),
        by_status=_counts((r.status for r in records), [s.value for s in Status]),
        by_kind=_counts((r.kind or "unspecified" for r in records), [k.value for k in Kind]),
        by_month=dict(sorted(Counter(r.started_at.strftime("%Y-%m") for r in records if r.started_at).items())),
        time_to_detect=_by_quarter(records, lambda r: r.time_to_detect),
        time_to_mitigate=_by_quarter(records, lambda r: r.time_to_mitigate),
        categories=_ranked(r.category for r in records if r.category),
        services=_ranked(service for r in records for service in set(r.services)),
        recurrences=find_recurrences(records),
        actions_total=len(actions),
        actions_open=sum(1 for a in actions if a.is_open),
        overdue=sorted((a for a in actions if a.is_overdue(today)), key=lambda a: (a.due, a.coe_id, a.id)),
        done_on_time=timeliness["on-time"],
        done_late=timeliness["late"],
        by_owner=_follow_up(actions, lambda a: a.owner or "(no owner)", today),
        by_team=_follow_up(actions, lambda a: a.team or "(no team)", today),
        records=records,
    )


def _counts(values, order: list[str]) -> dict[str, int]:
    counted = Counter(values)
    result = {key: counted.pop(key, 0) for key in order}
    result.update(sorted(counted.items()))
    return result


def _ranked(values) -> list[tuple[str, int]]:
    return sorted(Counter(values).items(), key=lambda item: (-item[1], item[0]))


def _quarter(moment: dt.datetime) -> str:
    return f"{moment.year}-Q{(moment.month - 1) // 3 + 1}"


def _by_quarter(records: list[CoeRecord], measure) -> dict[str, TimeStats]:
    minutes: dict[str, list[float]] = defaultdict(list)
    for record in records:
        value = measure(record)
        if record.started_at is not None and value is not None and value >= dt.timedelta(0):
            minutes[_quarter(record.started_at)].append(value.total_seconds() / 60)
    return {
        quarter: TimeStats(len(values), statistics.median(values), percentile(values, 0.9))
        for quarter, values in sorted(minutes.items())
    }


def find_recurrences(records: list[CoeRecord]) -> list[Recurrence]:
    """COEs whose category and a service match an earlier COE whose prevent actions were all done."""
    prevented: dict[tuple[str, str], list[CoeRecord]] = defaultdict(list)  # (category, service) -> earlier COEs
    found = []
    for record in sorted(records, key=_chronology):
        if not record.category:
            continue
        shared: dict[str, set[str]] = defaultdict(set)  # earlier id -> services in common
        earlier_by_id = {}
        for service in set(record.services):
            for earlier in prevented.get((record.category, service), ()):
                shared[earlier.id].add(service)
                earlier_by_id[earlier.id] = earlier
        for earlier_id in sorted(shared, key=lambda i: _chronology(earlier_by_id[i])):
            found.append(Recurrence(record.id, earlier_id, record.category, tuple(sorted(shared[earlier_id]))))
        if _prevention_done(record):
            for service in set(record.services):
                prevented[(record.category, service)].append(record)
    return found


def _chronology(record: CoeRecord) -> tuple:
    started = record.started_at or dt.datetime.max.replace(tzinfo=dt.timezone.utc)
    return (started, record.id)


def _prevention_done(record: CoeRecord) -> bool:
    prevent = [action for action in record.actions if action.kind == "prevent"]
    return bool(prevent) and all(action.status == "done" for action in prevent)


def _follow_up(actions: list[ActionRecord], key, today: dt.date) -> list[FollowUp]:
    groups: dict[str, list[ActionRecord]] = defaultdict(list)
    for action in actions:
        groups[key(action)].append(action)
    rows = [
        FollowUp(
            name=name,
            open=sum(1 for a in group if a.is_open),
            overdue=sum(1 for a in group if a.is_overdue(today)),
            done_on_time=sum(1 for a in group if a.timeliness == "on-time"),
            done_late=sum(1 for a in group if a.timeliness == "late"),
        )
        for name, group in groups.items()
    ]
    return sorted(rows, key=lambda row: (-row.overdue, -row.open, row.name))
