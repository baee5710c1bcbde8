"""action-owner-missing: a corrective action nobody owns (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "action-owner-missing"
MESSAGE = "corrective action CA-1 has no owner"


def test_fires_at_the_action_without_an_owner(tmp_path):
    text = replace_once(BASE, "    owner: a.lee\n", "")
    assert lint(tmp_path, text, RULE) == [(RULE, 47, 5, "error", MESSAGE)]


@pytest.mark.parametrize("owner", ['""', "TBD", "<owner>", "null"])
def test_placeholder_or_empty_owner_counts_as_missing(tmp_path, owner):
    text = replace_once(BASE, "    owner: a.lee\n", f"    owner: {owner}\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 47, 5, "error", MESSAGE)]


def test_quiet_when_every_action_has_an_owner(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = replace_once(base(status), "    owner: r.santos\n", "")
    assert lint(tmp_path, text, RULE) == [(RULE, 53, 5, severity, "corrective action CA-2 has no owner")]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 47, 5, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
