"""What a corrective action's status and dates mean: open, overdue, done on time or late.

One home for these facts, so that lint, the single-COE report and the
portfolio cannot disagree. The functions take plain values, so they serve
both a document's actions and the portfolio's action records.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from coe.document.vocabulary import ActionStatus

OPEN_STATUSES = frozenset({ActionStatus.OPEN, ActionStatus.IN_PROGRESS})


def is_open(status: str) -> bool:
    """Work still to do: `open` or `in-progress`."""
    return status in OPEN_STATUSES


def is_overdue(status: str, due: dt.date | None, today: dt.date) -> bool:
    """Still open after its due date."""
    return is_open(status) and due is not None and due < today


def timeliness(status: str, due: dt.date | None, done_on: dt.date | None) -> Literal["on-time", "late"] | None:
    """For a done action with both dates: done by its due date, or after it."""
    if status != ActionStatus.DONE or due is None or done_on is None:
        return None
    return "on-time" if done_on <= due else "late"
