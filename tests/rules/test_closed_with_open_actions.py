"""closed-with-open-actions: a closed COE with open actions (CONTENT)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import base, lint, merge, replace_once, rule_examples

RULE = "closed-with-open-actions"


def test_fires_at_the_open_action_status(tmp_path):
    # `    status: open` on line 51: the value starts at column 13.
    assert lint(tmp_path, base("closed"), RULE) == [
        (RULE, 51, 13, "error", "the COE is closed but corrective action CA-1 is still open"),
    ]


def test_fires_for_each_open_action(tmp_path):
    text = replace_once(base("closed"), "    status: done\n", "    status: in-progress\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 51, 13, "error", "the COE is closed but corrective action CA-1 is still open"),
        (RULE, 57, 13, "error", "the COE is closed but corrective action CA-2 is still in-progress"),
    ]


def test_an_action_with_no_status_is_open(tmp_path):
    text = replace_once(base("closed"), "    status: open\n", "")
    # No `status` key: the finding points at the action (line 47, column 5).
    assert lint(tmp_path, text, RULE) == [
        (RULE, 47, 5, "error", "the COE is closed but corrective action CA-1 is still open"),
    ]


@pytest.mark.parametrize("status", ["done", "wont-do"])
def test_quiet_when_every_action_is_finished(tmp_path, status):
    text = replace_once(base("closed"), "    status: open\n", f"    status: {status}\n")
    assert lint(tmp_path, text, RULE) == []


@pytest.mark.parametrize("status", ["draft", "in-review", "approved"])
def test_quiet_unless_closed(tmp_path, status):
    assert lint(tmp_path, base(status), RULE) == []


def test_config_severity_can_lower_it(tmp_path):
    findings = lint(tmp_path, base("closed"), RULE, config=Config(severity={RULE: "warning"}))
    assert [(f[0], f[1], f[2], f[3]) for f in findings] == [(RULE, 51, 13, "warning")]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # Line 47: `  - {id: CA-1, action: Add a config check., status: in-progress}`; the
    # status value starts at column 53.
    assert lint(tmp_path, merge(bad), RULE) == [
        (RULE, 47, 53, "error", "the COE is closed but corrective action CA-1 is still in-progress"),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
