"""action-due-missing: a corrective action without a due date (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "action-due-missing"
NO_DUE = replace_once(BASE, "    due: 2027-01-15\n", "")
MESSAGE = "corrective action CA-1 has no due date"


def test_fires_at_the_action_without_a_due_date(tmp_path):
    # The action's mapping starts at `id` of `  - id: CA-1` (line 47, column 5).
    assert lint(tmp_path, NO_DUE, RULE) == [(RULE, 47, 5, "error", MESSAGE)]


def test_second_action_without_due_date(tmp_path):
    text = replace_once(BASE, "    due: 2026-04-15\n", "")
    assert lint(tmp_path, text, RULE) == [(RULE, 53, 5, "error", "corrective action CA-2 has no due date")]


def test_quiet_on_the_base_document(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_quiet_for_a_wont_do_action_without_due_date(tmp_path):
    text = replace_once(NO_DUE, "    status: open\n", "    status: wont-do\n")
    assert lint(tmp_path, text, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = replace_once(base(status), "    due: 2027-01-15\n", "")
    assert lint(tmp_path, text, RULE) == [(RULE, 47, 5, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # corrective_actions is the last block of BASE, so it still starts at line 46.
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 47, 5, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
