"""root-cause-missing: no root cause, or only a placeholder (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "root-cause-missing"
MESSAGE = "state the root cause in `root_cause.summary`"
SUMMARY = "  summary: A development default lowered the production cache memory limit.\n"


@pytest.mark.parametrize("summary", ["TBD", '""', "<the root cause>", "TODO.", "null"])
def test_fires_at_the_summary_key(tmp_path, summary):
    text = replace_once(BASE, SUMMARY, f"  summary: {summary}\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 3, "error", MESSAGE)]


def test_no_summary_points_at_root_cause(tmp_path):
    assert lint(tmp_path, replace_once(BASE, SUMMARY, ""), RULE) == [(RULE, 29, 1, "error", MESSAGE)]


def test_no_root_cause_points_at_the_top_of_the_file(tmp_path):
    start, end = BASE.index("root_cause:\n"), BASE.index("supporting_data:\n")
    assert lint(tmp_path, BASE[:start] + BASE[end:], RULE) == [(RULE, 1, 1, "error", MESSAGE)]


def test_quiet_with_a_summary(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = replace_once(base(status), SUMMARY, "  summary: TBD\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 30, 3, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 30, 3, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
