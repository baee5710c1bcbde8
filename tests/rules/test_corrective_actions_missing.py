"""corrective-actions-missing: no corrective actions (CONTENT)."""

from __future__ import annotations

import pytest

from .helpers import BASE, base, lint, merge, rule_examples

RULE = "corrective-actions-missing"
MESSAGE = "list the corrective actions in `corrective_actions`"
ACTIONS = BASE[BASE.index("corrective_actions:\n"):]


def test_fires_at_an_empty_list(tmp_path):
    text = BASE.replace(ACTIONS, "corrective_actions: []\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 46, 1, "error", MESSAGE)]


def test_fires_at_an_empty_key(tmp_path):
    text = BASE.replace(ACTIONS, "corrective_actions:\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 46, 1, "error", MESSAGE)]


def test_missing_section_points_at_the_top_of_the_file(tmp_path):
    text = BASE.replace(ACTIONS, "")
    assert lint(tmp_path, text, RULE) == [(RULE, 1, 1, "error", MESSAGE)]


def test_missing_section_points_at_the_first_key_after_a_leading_comment(tmp_path):
    # The document starts at its first key, so a trailing suppression comment fits there.
    text = "# yaml-language-server: $schema=../docs/coe.schema.json\n" + BASE.replace(ACTIONS, "")
    assert lint(tmp_path, text, RULE) == [(RULE, 2, 1, "error", MESSAGE)]


def test_quiet_with_an_action(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    text = base(status).replace(ACTIONS, "corrective_actions: []\n")
    assert lint(tmp_path, text, RULE) == [(RULE, 46, 1, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    assert lint(tmp_path, merge(bad), RULE) == [(RULE, 46, 1, "error", MESSAGE)]
    assert lint(tmp_path, merge(good), RULE) == []
