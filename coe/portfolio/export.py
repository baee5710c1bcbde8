"""The portfolio as JSON (documented in docs/portfolio.md) and actions as CSV."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import re
from collections.abc import Iterable

from coe.document.findings import Finding
from coe.portfolio.records import ActionRecord, CoeRecord
from coe.portfolio.stats import Portfolio

CSV_COLUMNS = (
    "coe_id", "team", "action_id", "action", "owner", "due", "priority",
    "status", "kind", "ticket", "done_on", "overdue", "timeliness",
)
# A spreadsheet runs a cell that starts with one of these as a formula, also
# after leading white space or invisible characters, which some trim on import,
# and in their full-width forms, which some fold to ASCII.
FORMULA_CHARACTERS = "=+-@\uff1d\uff0b\uff0d\uff20"
INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff"
FORMULA = re.compile(rf"^[\s{INVISIBLE}]*[{re.escape(FORMULA_CHARACTERS)}]|^[\t\r]")


def action_dict(action: ActionRecord, today: dt.date) -> dict:
    return {
        "coe_id": action.coe_id,
        "team": action.team,
        "action_id": action.id,
        "action": action.action,
        "owner": action.owner,
        "due": _iso(action.due),
        "priority": action.priority,
        "status": action.status,
        "kind": action.kind,
        "ticket": action.ticket,
        "done_on": _iso(action.done_on),
        "overdue": action.is_overdue(today),
        "timeliness": action.timeliness,
    }


def coe_dict(record: CoeRecord, today: dt.date) -> dict:
    return {
        "id": record.id,
        "title": record.title,
        "severity": record.severity,
        "status": record.status,
        "kind": record.kind,
        "team": record.team,
        "services": list(record.services),
        "category": record.category,
        "started_at": _iso(record.started_at),
        "path": record.path,
        "open_actions": sum(1 for a in record.actions if a.is_open),
        "overdue_actions": sum(1 for a in record.actions if a.is_overdue(today)),
    }


def finding_dict(finding: Finding) -> dict:
    return {"path": finding.path, "line": finding.line, "column": finding.column, "rule": finding.rule, "message": finding.message}


def portfolio_dict(portfolio: Portfolio, skipped: list[Finding]) -> dict:
    today = portfolio.today
    return {
        "generated_on": today.isoformat(),
        "coes": portfolio.coes,
        "skipped": [finding_dict(finding) for finding in skipped],
        "totals": {
            "by_severity": portfolio.by_severity,
            "by_status": portfolio.by_status,
            "by_kind": portfolio.by_kind,
            "by_month": portfolio.by_month,
        },
        "times": {
            "time_to_detect": {q: dataclasses.asdict(s) for q, s in portfolio.time_to_detect.items()},
            "time_to_mitigate": {q: dataclasses.asdict(s) for q, s in portfolio.time_to_mitigate.items()},
        },
        "root_causes": {
            "categories": [{"name": name, "count": count} for name, count in portfolio.categories],
            "services": [{"name": name, "count": count} for name, count in portfolio.services],
        },
        "recurrences": [
            {"coe": r.coe_id, "earlier": r.earlier_id, "category": r.category, "services": list(r.services), "message": r.message}
            for r in portfolio.recurrences
        ],
        "actions": {
            "total": portfolio.actions_total,
            "open": portfolio.actions_open,
            "overdue": [action_dict(action, today) for action in portfolio.overdue],
            "done_on_time": portfolio.done_on_time,
            "done_late": portfolio.done_late,
            "by_owner": [dataclasses.asdict(row) for row in portfolio.by_owner],
            "by_team": [dataclasses.asdict(row) for row in portfolio.by_team],
        },
        "coe_list": [coe_dict(record, today) for record in portfolio.records],
    }


def to_json(data: dict) -> str:
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def actions_csv(actions: Iterable[ActionRecord], today: dt.date) -> str:
    """One row per action; text that a spreadsheet would run as a formula is prefixed with `'`."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for action in actions:
        row = action_dict(action, today)
        writer.writerow({key: _cell(value) for key, value in row.items()})
    return buffer.getvalue()


def _cell(value: object) -> object:
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, str):
        if FORMULA.match(value):
            value = "'" + value
        # The writer quotes only cells holding a character of its line
        # terminator ("\n"), so a bare "\r" would split the row for readers.
        return value.replace("\r\n", "\n").replace("\r", "\n")
    return value


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None
