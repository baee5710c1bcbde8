"""The one home of what an action's status and dates mean (coe/document/action_state.py)."""

from __future__ import annotations

import datetime as dt

import pytest

from coe.document.action_state import is_open, is_overdue, timeliness
from coe.document.vocabulary import ActionStatus

TODAY = dt.date(2026, 12, 8)
DAY = dt.timedelta(days=1)


@pytest.mark.parametrize(
    ("status", "open_"),
    [("open", True), ("in-progress", True), ("done", False), ("wont-do", False), (ActionStatus.IN_PROGRESS, True)],
)
def test_open_means_work_still_to_do(status, open_):
    assert is_open(status) is open_


@pytest.mark.parametrize(
    ("status", "due", "overdue"),
    [
        ("open", TODAY - DAY, True),
        ("in-progress", TODAY - 400 * DAY, True),
        ("open", TODAY, False),  # due today is not yet overdue
        ("open", TODAY + DAY, False),
        ("open", None, False),
        ("done", TODAY - DAY, False),
        ("wont-do", TODAY - DAY, False),
    ],
)
def test_overdue_is_open_after_the_due_date(status, due, overdue):
    assert is_overdue(status, due, TODAY) is overdue


@pytest.mark.parametrize(
    ("status", "due", "done_on", "expected"),
    [
        ("done", TODAY, TODAY - DAY, "on-time"),
        ("done", TODAY, TODAY, "on-time"),  # done on the due date is on time
        ("done", TODAY, TODAY + DAY, "late"),
        ("done", None, TODAY, None),
        ("done", TODAY, None, None),
        ("open", TODAY, TODAY, None),
        ("wont-do", TODAY, TODAY + DAY, None),
    ],
)
def test_timeliness_of_a_done_action(status, due, done_on, expected):
    assert timeliness(status, due, done_on) == expected
