"""action-overdue: an open action past its due date (QUALITY)."""

from __future__ import annotations

import datetime as dt

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "action-overdue"
LATER = dt.date(2027, 1, 20)  # five days after CA-1's due date, 2027-01-15


def test_fires_at_the_due_date_value(tmp_path):
    # `    due: 2027-01-15` on line 50: the value starts at column 10.
    assert lint(tmp_path, BASE, RULE, today=LATER) == [
        (RULE, 50, 10, "warning", "corrective action CA-1 was due 2027-01-15 (5 days ago) and is still open"),
    ]


def test_in_progress_is_overdue_too(tmp_path):
    text = replace_once(BASE, "    status: open\n", "    status: in-progress\n")
    assert lint(tmp_path, text, RULE, today=LATER) == [
        (RULE, 50, 10, "warning", "corrective action CA-1 was due 2027-01-15 (5 days ago) and is still in-progress"),
    ]


def test_quiet_before_and_on_the_due_date(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []  # today 2026-11-23
    assert lint(tmp_path, BASE, RULE, today=dt.date(2027, 1, 15)) == []


def test_one_day_late(tmp_path):
    assert lint(tmp_path, BASE, RULE, today=dt.date(2027, 1, 16)) == [
        (RULE, 50, 10, "warning", "corrective action CA-1 was due 2027-01-15 (1 day ago) and is still open"),
    ]


@pytest.mark.parametrize("status", ["done", "wont-do"])
def test_quiet_for_finished_actions(tmp_path, status):
    text = replace_once(BASE, "    status: open\n", f"    status: {status}\n")
    assert lint(tmp_path, text, RULE, today=LATER) == []


@pytest.mark.parametrize("status", ["draft", "closed"])
def test_warning_whatever_the_status(tmp_path, status):
    assert [f[3] for f in lint(tmp_path, base(status), RULE, today=LATER)] == ["warning"]


def test_config_severity_makes_it_an_error(tmp_path):
    config = Config(severity={RULE: "error"})
    assert lint(tmp_path, BASE, RULE, config=config, today=LATER) == [
        (RULE, 50, 10, "error", "corrective action CA-1 was due 2027-01-15 (5 days ago) and is still open"),
    ]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # Line 47: `  - {id: CA-1, action: Add a config check., owner: a.lee, due: 2026-01-15, status: open}`;
    # the due date starts at column 64. 2026-01-15 is 312 days before 2026-11-23.
    assert lint(tmp_path, merge(bad), RULE) == [
        (RULE, 47, 64, "warning", "corrective action CA-1 was due 2026-01-15 (312 days ago) and is still open"),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
