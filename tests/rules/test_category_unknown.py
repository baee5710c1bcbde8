"""category-unknown: root_cause.category not among the configured categories (CONTENT)."""

from __future__ import annotations

import tomllib

import pytest

from coe.config import Config

from .helpers import BASE, base, lint, merge, replace_once, rule_examples

RULE = "category-unknown"
CONFIG = Config(categories=["capacity", "dependency"])
MESSAGE = "category `config-change` is not configured; use one of: capacity, dependency"


def test_fires_at_the_category_value(tmp_path):
    # `  category: ` is 12 characters: the value starts at column 13 of line 31.
    assert lint(tmp_path, BASE, RULE, config=CONFIG) == [(RULE, 31, 13, "error", MESSAGE)]


def test_quiet_when_the_category_is_configured(tmp_path):
    config = Config(categories=["capacity", "config-change"])
    assert lint(tmp_path, BASE, RULE, config=config) == []


def test_quiet_without_configured_categories(tmp_path):
    assert lint(tmp_path, BASE, RULE) == []


def test_quiet_without_a_category(tmp_path):
    text = replace_once(BASE, "  category: config-change\n", "")
    assert lint(tmp_path, text, RULE, config=CONFIG) == []


def test_category_is_case_sensitive(tmp_path):
    text = replace_once(BASE, "  category: config-change\n", "  category: Capacity\n")
    assert lint(tmp_path, text, RULE, config=CONFIG) == [
        (RULE, 31, 13, "error", "category `Capacity` is not configured; use one of: capacity, dependency"),
    ]


@pytest.mark.parametrize(
    ("status", "severity"),
    [("draft", "warning"), ("in-review", "error"), ("approved", "error"), ("closed", "error")],
)
def test_severity_follows_the_coe_status(tmp_path, status, severity):
    assert lint(tmp_path, base(status), RULE, config=CONFIG) == [(RULE, 31, 13, severity, MESSAGE)]


def test_docstring_examples(tmp_path):
    bad, good = rule_examples(RULE)
    # The Bad example names its config in a comment: use exactly that config.
    comment = bad.splitlines()[0]
    assert comment.startswith("# .coe.toml: ")
    config = Config(**tomllib.loads(comment.removeprefix("# .coe.toml: ")))
    # Line 29 is the comment, 30 `root_cause:`, 31 `  category: config`.
    assert lint(tmp_path, merge(bad), RULE, config=config) == [
        (RULE, 31, 13, "error", "category `config` is not configured; use one of: config-change, capacity"),
    ]
    assert lint(tmp_path, merge(good), RULE, config=config) == []


def test_the_rule_option_works_like_the_top_level_setting(tmp_path):
    by_option = Config(rules={RULE: {"categories": ["capacity", "dependency"]}})
    assert lint(tmp_path, BASE, RULE, config=by_option) == [(RULE, 31, 13, "error", MESSAGE)]


def test_the_rule_option_wins_over_the_top_level_setting():
    config = Config(categories=["capacity"], rules={RULE: {"categories": ["dependency"]}})
    assert config.rule_options(RULE) == {"categories": ["dependency"]}
    assert Config(categories=["capacity"]).rule_options(RULE) == {"categories": ["capacity"]}
    assert Config(categories=["capacity"]).rule_options("lessons-missing") == {}
