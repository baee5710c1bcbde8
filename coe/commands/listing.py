"""`coe list` and `coe actions`: filtered tables across every COE."""

from __future__ import annotations

import datetime as dt
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

from coe.commands.outcome import ExitCode, fail
from coe.config import ConfigError, load_config
from coe.document.discovery import MissingPath, find_coe_files
from coe.printable import printable


@dataclass
class Scope:
    """Where to look, and how to treat files that do not load."""

    directory: Path | None = None
    today: dt.date | None = None
    skip_invalid: bool = False
    config: Path | None = None


@dataclass
class ListFilters:
    status: list[str] = field(default_factory=list)
    severity: list[str] = field(default_factory=list)
    service: list[str] = field(default_factory=list)
    since: dt.date | None = None


@dataclass
class ActionFilters:
    owner: list[str] = field(default_factory=list)
    status: list[str] = field(default_factory=list)
    overdue: bool = False
    due_within: str | None = None


class _Usage(Exception):
    pass


def _collect(scope: Scope):
    from coe.portfolio.records import collect

    try:
        config = load_config(scope.config)
        files = find_coe_files([scope.directory or config.coe_directory])
    except ConfigError as exc:
        raise _Usage(str(exc)) from None
    except MissingPath as exc:
        raise _Usage(f"no such directory: {exc}") from None
    return collect(files, max_file_size=config.max_file_size)


def _report_skipped(collection, scope: Scope) -> int:
    for line in collection.skipped_lines():
        print(line, file=sys.stderr)
    return ExitCode.FINDINGS if collection.broken and not scope.skip_invalid else ExitCode.CLEAN


def _check_choices(option: str, values: list[str], choices: list[str]) -> None:
    """A misspelt filter value would silently match nothing (and pass --fail-on-overdue)."""
    unknown = [value for value in values if value not in choices]
    if unknown:
        raise _Usage(f"{option} `{unknown[0]}` is not one of: {', '.join(choices)}")


def run_list(scope: Scope, filters: ListFilters) -> int:
    from coe.document.vocabulary import Severity, Status

    try:
        _check_choices("--status", filters.status, [s.value for s in Status])
        _check_choices("--severity", filters.severity, [s.value for s in Severity])
        collection = _collect(scope)
    except _Usage as exc:
        return fail("list", str(exc))
    today = scope.today or dt.date.today()
    records = [r for r in collection.records if _matches(r, filters)]
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(records)} COEs", title_justify="left")
    for column, justify in (("ID", "left"), ("Title", "left"), ("Severity", "left"), ("Status", "left"), ("Age", "right"), ("Open", "right"), ("Overdue", "right")):
        table.add_column(column, justify=justify, overflow="fold")
    for record in records:
        age = f"{(today - record.started_at.date()).days}d" if record.started_at else ""
        overdue = sum(1 for a in record.actions if a.is_overdue(today))
        table.add_row(
            *map(_cell, (record.id, record.title, record.severity, record.status)), age,
            str(sum(1 for a in record.actions if a.is_open)), str(overdue),
            style="red" if overdue else None,
        )
    Console(soft_wrap=False).print(table, markup=False, highlight=False)
    return _report_skipped(collection, scope)


def _matches(record, filters: ListFilters) -> bool:
    if filters.status and record.status not in filters.status:
        return False
    if filters.severity and record.severity not in filters.severity:
        return False
    if filters.service and not set(filters.service) & set(record.services):
        return False
    if filters.since and (record.started_at is None or record.started_at.date() < filters.since):
        return False
    return True


def parse_days(text: str) -> int:
    """`14d`, `2w` or `10` (days) as a number of days."""
    match = re.fullmatch(r"\s*([0-9]{1,9})\s*([dw]?)\s*", text)
    if not match:
        raise _Usage(
            f"--due-within takes days like 14d or weeks like 2w, at most 999999999, not `{printable(text, 60)}`"
        )
    return int(match.group(1)) * (7 if match.group(2) == "w" else 1)


def due_by(today: dt.date, days: int) -> dt.date:
    """The last due date within ``days`` of ``today``; past the calendar's end, its last day."""
    try:
        return today + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.max


def run_actions(scope: Scope, filters: ActionFilters, *, fmt: str = "table", fail_on_overdue: bool = False) -> int:
    from coe.document.vocabulary import ActionStatus

    try:
        _check_choices("--status", filters.status, [s.value for s in ActionStatus])
        collection = _collect(scope)
        # `--due-within ""` (say, an unset variable in CI) is an error, not "no filter".
        horizon = parse_days(filters.due_within) if filters.due_within is not None else None
    except _Usage as exc:
        return fail("actions", str(exc))
    today = scope.today or dt.date.today()
    actions = [
        action
        for record in collection.records
        for action in record.actions
        if _action_matches(action, filters, today, horizon)
    ]
    actions.sort(key=lambda a: (a.due or dt.date.max, a.coe_id, a.id))
    _print_actions(actions, fmt, today)
    code = _report_skipped(collection, scope)
    overdue = [a for a in actions if a.is_overdue(today)]
    if fail_on_overdue and overdue:
        print(f"coe actions: {len(overdue)} overdue corrective action(s)", file=sys.stderr)
        return ExitCode.FINDINGS
    return code


def _action_matches(action, filters: ActionFilters, today: dt.date, horizon: int | None) -> bool:
    if filters.owner and action.owner not in filters.owner:
        return False
    if filters.status and action.status not in filters.status:
        return False
    if filters.overdue and not action.is_overdue(today):
        return False
    if horizon is not None and not (action.is_open and action.due is not None and action.due <= due_by(today, horizon)):
        return False
    return True


def _print_actions(actions, fmt: str, today: dt.date) -> None:
    from coe.portfolio import export

    if fmt == "csv":
        sys.stdout.write(export.actions_csv(actions, today))
        return
    if fmt == "json":
        sys.stdout.write(export.to_json({"actions": [export.action_dict(a, today) for a in actions]}))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"{len(actions)} corrective actions", title_justify="left")
    for column in ("COE", "ID", "Action", "Owner", "Due", "Status", "Kind"):
        table.add_column(column, overflow="fold")
    for a in actions:
        overdue = a.is_overdue(today)
        status = f"{a.status} (overdue)" if overdue else a.status
        cells = (a.coe_id, a.id, a.action, a.owner, a.due.isoformat() if a.due else "", status, a.kind)
        table.add_row(*map(_cell, cells), style="red" if overdue else None)
    Console(soft_wrap=False).print(table, markup=False, highlight=False)


# A table cell shows at most this much: a title or an owner of megabytes would
# take rich minutes to lay out. CSV and JSON keep every value whole.
CELL_LIMIT = 300


def _cell(value: str) -> str:
    """Text from a COE, escaped for a terminal and cut to CELL_LIMIT characters."""
    from coe.printable import printable

    return printable(value, CELL_LIMIT)
