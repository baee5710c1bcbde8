"""approved-without-reviewers: approved or closed, but nobody reviewed it (CONTENT)."""

from __future__ import annotations

import pytest

from coe.config import Config

from .helpers import base, lint, merge, replace_once, rule_examples

RULE = "approved-without-reviewers"


@pytest.mark.parametrize("status", ["approved", "closed"])
def test_fires_at_the_status_key(tmp_path, status):
    text = replace_once(base(status), "reviewers: [b.khan]\n", "reviewers: []\n")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 4, 1, "error", f"status is {status} but `reviewers` is empty; name who reviewed it"),
    ]


def test_missing_reviewers_key_counts_as_empty(tmp_path):
    text = replace_once(base("approved"), "reviewers: [b.khan]\n", "")
    assert lint(tmp_path, text, RULE) == [
        (RULE, 4, 1, "error", "status is approved but `reviewers` is empty; name who reviewed it"),
    ]


@pytest.mark.parametrize("status", ["draft", "in-review"])
def test_quiet_before_approval(tmp_path, status):
    text = replace_once(base(status), "reviewers: [b.khan]\n", "reviewers: []\n")
    assert lint(tmp_path, text, RULE) == []


@pytest.mark.parametrize("status", ["approved", "closed"])
def test_quiet_with_a_reviewer(tmp_path, status):
    assert lint(tmp_path, base(status), RULE) == []


def test_config_severity_can_lower_it(tmp_path):
    text = replace_once(base("approved"), "reviewers: [b.khan]\n", "reviewers: []\n")
    findings = lint(tmp_path, text, RULE, config=Config(severity={RULE: "warning"}))
    assert [(f[0], f[1], f[2], f[3]) for f in findings] == [(RULE, 4, 1, "warning")]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [
        (RULE, 4, 1, "error", "status is approved but `reviewers` is empty; name who reviewed it"),
    ]
    assert lint(tmp_path, merge(good), RULE) == []
